// 结对共建 (pairings, contacts and visits): the ledger of pairings per kind with cadence marks,
// a pairing's page with its visits and projects, the quick 记录走访 form for a phone and the
// assistance projects with their progress. Visits and the members serving where they live
// are the generic ledger pages.
const M = { module: 'pairing', moduleLabel: '结对共建' }

export default {
  pages: [
    { path: '/pairing/ledger', name: 'pairing-ledger', label: '结对联系', ...M, resource: 'pairings', component: () => import('./PairingsPage.vue') },
    { path: '/pairing/visit', name: 'pairing-visit', label: '记录走访', ...M, component: () => import('./QuickVisitPage.vue') },
    { path: '/pairing/projects', name: 'pairing-projects', label: '帮扶项目', ...M, resource: 'assistance_projects', component: () => import('./ProjectsPage.vue') },
    // a pairing's own page, reached from the ledger: naming the resource keeps it out of the
    // menu (the menu lists the first page of a resource, the ledger above)
    { path: '/pairing/p/:id', name: 'pairing-page', label: '结对详情', ...M, resource: 'pairings', component: () => import('./PairingPage.vue') },
  ],
  dashboardCards: [
    { key: 'pairing-compliance', title: '结对走访合规', span: 8, component: () => import('./ComplianceCard.vue') },
    { key: 'pairing-funds', title: '帮扶资金与吸纳就业', span: 8, component: () => import('./FundsCard.vue') },
    { key: 'pairing-leader-visits', title: '领导走访（按月）', span: 8, component: () => import('./LeaderVisitsCard.vue') },
  ],
}
