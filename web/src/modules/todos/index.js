// 我的待办: every module's waiting work for the caller (GET /api/v1/todos) — a page, a menu
// entry with a badge per to-do, the top bar's bell and the first card of the home page.
export default {
  pages: [
    { path: '/todos', name: 'todos', label: '我的待办', module: 'todos', top: true, component: () => import('./TodosPage.vue') },
  ],
  dashboardCards: [
    { key: 'todos', title: '我的待办', span: 24, component: () => import('./TodosCard.vue') },
  ],
}
