// 接诉即办 (the ticket engine): the desk with its queues and time limits, the public 晒单 board
// of published wishes, and the dashboard's 三率 — 办结率, 满意度, 响应率 by month, the figures
// by category and the departments' 红黑榜. The categories and the working calendar are generic
// ledgers; the to-dos are the todos module's.
import { categoryChoices } from './common.js'

export default {
  pages: [
    {
      path: '/tickets/desk', name: 'ticket-desk', label: '工单台', module: 'tickets', moduleLabel: '接诉即办',
      resource: 'tickets', component: () => import('./TicketDeskPage.vue'),
    },
    {
      path: '/public/wishes', name: 'public-wishes', label: '晒单墙', module: 'tickets', moduleLabel: '接诉即办',
      public: true, component: () => import('./PublicWishesPage.vue'),
    },
  ],
  // 点单: the category is one of the chosen kind's.
  fieldHints: {
    'tickets.category': { choices: categoryChoices, dependsOn: ['kind'], placeholder: '请先选择类型' },
  },
  dashboardCards: [
    { key: 'ticket-rates', title: '工单办理“三率”', span: 24, component: () => import('./RatesCard.vue') },
    { key: 'ticket-categories', title: '分类办理情况', span: 12, component: () => import('./CategoryCard.vue') },
    { key: 'ticket-ranking', title: '承办单位红黑榜', span: 12, component: () => import('./RankCard.vue') },
  ],
}
