// 集体经济 and 乡村治理 (新庄社区's service chain, 新坪村's turnaround): overviews of both, the
// dividend runs with their allocation, the 排队抓尾 ranking and the public 村务公开 page. Every
// ledger (assets, the collective ledger, shares, indicators, consultations, grids…) is a
// generic ledger page.
import { h } from 'vue'

const ECONOMY = { module: 'village_economy', moduleLabel: '集体经济' }
const GOVERNANCE = { module: 'village_governance', moduleLabel: '乡村治理' }

// One card component for both kinds: the dashboard passes only the title.
const card = (kind) => () => import('./FiguresCard.vue').then((m) => ({
  name: 'VillageFiguresCard', props: ['title'], setup: (p) => () => h(m.default, { title: p.title, kind }),
}))

export default {
  pages: [
    { path: '/village/economy', name: 'village-economy', label: '集体经济概览', ...ECONOMY, props: { kind: 'economy' }, component: () => import('./OverviewPage.vue') },
    { path: '/village/dividends', name: 'village-dividends', label: '分红方案', ...ECONOMY, resource: 'coop_dividends', component: () => import('./DividendsPage.vue') },
    { path: '/village/governance', name: 'village-governance', label: '乡村治理概览', ...GOVERNANCE, props: { kind: 'governance' }, component: () => import('./OverviewPage.vue') },
    { path: '/village/ranking', name: 'village-ranking', label: '排队抓尾', ...GOVERNANCE, component: () => import('./RankingPage.vue') },
  ],
  // Pages for anyone, without login (the router puts them outside the console's frame).
  publicPages: [
    { path: '/public/ledger/:code', name: 'public-ledger', label: '村务公开', props: true, component: () => import('./PublicLedgerPage.vue') },
  ],
  dashboardCards: [
    { key: 'village-economy', title: '集体经济', span: 12, component: card('economy') },
    { key: 'village-governance', title: '乡村治理', span: 12, component: card('governance') },
  ],
}
