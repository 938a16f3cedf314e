// System administration: users, API tokens, audit log.
export default {
  pages: [
    {
      path: '/admin/users', name: 'users', label: '用户管理', module: 'admin', moduleLabel: '系统管理',
      resource: 'users', icon: 'User', component: () => import('./UsersPage.vue'),
    },
    {
      path: '/admin/tokens', name: 'tokens', label: 'API 令牌', module: 'admin', moduleLabel: '系统管理',
      adminOnly: true, icon: 'Key', component: () => import('./TokensPage.vue'),
    },
    {
      path: '/admin/audit', name: 'audit', label: '审计日志', module: 'admin', moduleLabel: '系统管理',
      adminOnly: true, icon: 'Document', component: () => import('./AuditPage.vue'),
    },
  ],
}
