// Core ledgers (divisions, orgs, persons, enterprises) use the generic page; the core module
// adds the dashboard's counts by division.
export default {
  pages: [],
  dashboardCards: [
    { key: 'counts', title: '人员、组织、企业分布', span: 24, component: () => import('./CountsCard.vue') },
  ],
}
