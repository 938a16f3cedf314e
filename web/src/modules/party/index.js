// 园区党建 (park party building): the organisation tree with each organisation's page,
// enterprise coverage (两个覆盖) with the uncovered ones, the fund ledger with its
// reimbursement queue, and the dashboard's coverage gauges, members by position level
// and funds by source. The members', staff and facilities ledgers are generic pages.
export default {
  pages: [
    {
      path: '/party/orgs', name: 'party-orgs', label: '组织体系', module: 'party', moduleLabel: '园区党建',
      component: () => import('./OrgTreePage.vue'),
    },
    {
      path: '/party/coverage', name: 'party-coverage', label: '企业覆盖', module: 'party', moduleLabel: '园区党建',
      component: () => import('./CoveragePage.vue'),
    },
    {
      path: '/party/funds', name: 'party-funds', label: '党建经费', module: 'party', moduleLabel: '园区党建',
      resource: 'party_funds', component: () => import('./FundsPage.vue'),
    },
  ],
  dashboardCards: [
    { key: 'party-coverage', title: '园区党建 · 两个覆盖', span: 24, component: () => import('./CoverageCard.vue') },
    { key: 'party-members', title: '党员岗位层级', span: 12, component: () => import('./MembersCard.vue') },
    { key: 'party-funds', title: '党建经费来源', span: 12, component: () => import('./FundsCard.vue') },
  ],
}
