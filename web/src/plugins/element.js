// Registers the Element Plus components the console uses (imported one by one so that the
// bundle carries only those) and the full stylesheet.
import 'element-plus/dist/index.css'
import {
  ElAlert, ElAside, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard,
  ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider, ElContainer, ElDatePicker,
  ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput,
  ElInputNumber, ElLink, ElMain, ElMenu, ElMenuItem, ElOption, ElPopover, ElProgress,
  ElRadio, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton,
  ElStep, ElSteps, ElSubMenu, ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag,
  ElTimeline, ElTimelineItem, ElTooltip, ElTree, ElTreeSelect, ElUpload, ElLoading,
} from 'element-plus'

const components = [
  ElAlert, ElAside, ElAvatar, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard,
  ElCheckbox, ElCheckboxGroup, ElCol, ElConfigProvider, ElContainer, ElDatePicker,
  ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer, ElDropdown,
  ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon, ElInput,
  ElInputNumber, ElLink, ElMain, ElMenu, ElMenuItem, ElOption, ElPopover, ElProgress,
  ElRadio, ElRadioButton, ElRadioGroup, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton,
  ElStep, ElSteps, ElSubMenu, ElSwitch, ElTable, ElTableColumn, ElTabPane, ElTabs, ElTag,
  ElTimeline, ElTimelineItem, ElTooltip, ElTree, ElTreeSelect, ElUpload,
]

export default {
  install(app) {
    for (const c of components) app.component(c.name, c)
    app.use(ElLoading)
  },
}
