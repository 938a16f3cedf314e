// Core ledgers (divisions, orgs, persons, enterprises) use the generic page; the core module
// adds the dashboard's counts by division.
export default {
  pages: [
    {
      path: '/reports', name: 'reports', label: '统计报表', module: 'reports', moduleLabel: '统计报表',
      icon: 'DataAnalysis', component: () => import('./ReportPage.vue'),
    },
  ],
  dashboardCards: [
    { key: 'counts', title: '人员、组织、企业分布', span: 24, component: () => import('./CountsCard.vue') },
  ],
}
