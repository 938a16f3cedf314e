// Registers the Element Plus components the signed-in console uses (imported one by one so
// that the bundle carries only those) and the full stylesheet. Loaded with the app shell
// (views/AppLayout.vue), not with the login page (element-login.js).
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

let done = false

// Idempotent: the shell calls it on every mount; the login page's components stay as they are.
export function registerAll(app) {
  if (done) return
  done = true
  for (const c of components) if (!app.component(c.name)) app.component(c.name, c)
  app.use(ElLoading)
}
