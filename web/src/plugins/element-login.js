// Registers the few Element Plus components (and their styles) the login page
// and the app shell need, so that the first load of a village on a slow link
// carries only these; the rest arrive with the signed-in pages (element.js).
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-config-provider.css'
import 'element-plus/theme-chalk/el-card.css'
import 'element-plus/theme-chalk/el-form.css'
import 'element-plus/theme-chalk/el-form-item.css'
import 'element-plus/theme-chalk/el-input.css'
import 'element-plus/theme-chalk/el-button.css'
import 'element-plus/theme-chalk/el-alert.css'
import 'element-plus/theme-chalk/el-icon.css'
import 'element-plus/theme-chalk/el-message.css'
import { ElAlert, ElButton, ElCard, ElConfigProvider, ElForm, ElFormItem, ElIcon, ElInput } from 'element-plus'

export const loginComponents = [ElAlert, ElButton, ElCard, ElConfigProvider, ElForm, ElFormItem, ElIcon, ElInput]

export default {
  install(app) {
    for (const c of loginComponents) app.component(c.name, c)
  },
}
