// Routes. Hash history: the embedded server only has to serve index.html at "/".
import { createRouter, createWebHashHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { session, clearSession, hasCap, mustSetUpFactor } from './session.js'
import { restoreSession, onUnauthenticated } from './api/index.js'
import { modulePages, pageForResource, publicPages } from './modules/index.js'

import LoginView from './views/LoginView.vue'

// The login page is in the first download (it is small): one round trip less on a slow
// link; everything behind it loads on demand.
const Layout = () => import('./views/AppLayout.vue')

const inFrame = modulePages.filter((p) => !p.public)
const routes = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, title: '登录' } },
  // Pages for anyone, without login and without the console's frame.
  ...[...modulePages.filter((p) => p.public), ...publicPages].map((p) => ({
    path: p.path,
    name: p.name,
    component: p.component,
    props: p.props || {},
    meta: { public: true, title: p.label },
  })),
  {
    path: '/',
    component: Layout,
    children: [
      { path: '', name: 'dashboard', component: () => import('./views/DashboardView.vue'), meta: { title: '工作台' } },
      {
        path: 'r/:resource',
        name: 'ledger',
        component: () => import('./views/LedgerView.vue'),
        props: (route) => ({ resourceName: route.params.resource }),
        beforeEnter: (to) => {
          const page = pageForResource(to.params.resource)
          return page ? { path: page.path, query: to.query } : true
        },
      },
      {
        path: 'account/totp',
        name: 'totp',
        component: () => import('./views/SecondFactorView.vue'),
        meta: { title: '动态验证码', setup: true },
      },
      {
        path: 'r/:resource/import',
        name: 'import',
        component: () => import('./views/ImportView.vue'),
        props: (route) => ({ resourceName: route.params.resource }),
        meta: { title: '批量导入' },
      },
      ...inFrame.map((p) => ({
        path: p.path.replace(/^\//, ''),
        name: p.name,
        component: p.component,
        props: p.props || {},
        meta: { title: p.label, caps: p.caps || null },
      })),
      { path: ':pathMatch(.*)*', name: 'notfound', component: () => import('./views/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

// A public page's plain address (/public/ledger/522725002006, as printed on a notice board)
// is served index.html by the server: carry it over to the hash route.
if (/^\/public\//.test(window.location.pathname) && !window.location.hash) {
  window.history.replaceState(null, '', '/#' + window.location.pathname + window.location.search)
}

const router = createRouter({ history: createWebHashHistory(), routes })

let restored = false
router.beforeEach(async (to) => {
  if (to.meta.public) return true
  if (!session.user && !restored) {
    restored = true
    try {
      await restoreSession()
    } catch {
      /* the login page shows the connection problem when the user tries */
    }
  }
  if (!session.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  // a password-only session of a user who must have a second factor sets one up first
  if (mustSetUpFactor() && !to.meta.setup) return { name: 'totp' }
  if (!hasCap(to.meta.caps)) return { name: 'dashboard' }
  return true
})

router.afterEach((to) => {
  const t = to.meta.title
  document.title = (t ? t + ' · ' : '') + '基层党建与治理台账'
})

// Any 401 (idle timeout, revoked session): back to login, then back to where the user was.
onUnauthenticated(() => {
  const cur = router.currentRoute.value
  if (cur.meta.public) return
  if (session.user) ElMessage.warning({ message: '登录已超时，请重新登录', grouping: true })
  clearSession()
  session.expired = true
  router.replace({ name: 'login', query: { redirect: cur.fullPath } })
})

export default router
