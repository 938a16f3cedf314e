// System administration: users, API tokens, the audit log and the security policy, each shown
// to the holders of the power it needs (the system, security and audit administrators may be
// three people: 三权分立).
export default {
  pages: [
    {
      path: '/admin/users', name: 'users', label: '用户管理', module: 'admin', moduleLabel: '系统管理',
      resource: 'users', icon: 'User', component: () => import('./UsersPage.vue'),
    },
    {
      path: '/admin/tokens', name: 'tokens', label: 'API 令牌', module: 'admin', moduleLabel: '系统管理',
      caps: ['accounts'], icon: 'Key', component: () => import('./TokensPage.vue'),
    },
    {
      path: '/admin/audit', name: 'audit', label: '审计日志', module: 'admin', moduleLabel: '系统管理',
      caps: ['audit'], icon: 'Document', component: () => import('./AuditPage.vue'),
    },
    {
      path: '/admin/security', name: 'security', label: '安全策略', module: 'admin', moduleLabel: '系统管理',
      caps: ['grant', 'accounts', 'audit'], icon: 'Lock', component: () => import('./SecurityPage.vue'),
    },
  ],
}
