// 村级后备力量 (the reserve talent pool): the 台账 with its structure figures, the admission
// queues, the reviews grid, trainings with attendance and the printable growth file. The
// placements, 村两委 and party development ledgers are the generic ledger pages.
export default {
  pages: [
    {
      path: '/talents/ledger', name: 'talent-ledger', label: '后备力量台账', module: 'talent', moduleLabel: '村级后备力量',
      resource: 'talents', component: () => import('./TalentLedgerPage.vue'),
    },
    {
      path: '/talents/review', name: 'talent-review', label: '入库审核', module: 'talent', moduleLabel: '村级后备力量',
      component: () => import('./ReviewPage.vue'),
    },
    {
      path: '/talents/evaluations', name: 'talent-evaluations', label: '研判考核', module: 'talent', moduleLabel: '村级后备力量',
      resource: 'talent_evaluations', component: () => import('./EvaluationsPage.vue'),
    },
    {
      path: '/talents/trainings', name: 'talent-trainings', label: '培训', module: 'talent', moduleLabel: '村级后备力量',
      resource: 'trainings', component: () => import('./TrainingsPage.vue'),
    },
    {
      path: '/talents/file', name: 'talent-file', label: '一人一档', module: 'talent', moduleLabel: '村级后备力量',
      component: () => import('./FilePage.vue'),
    },
  ],
  // 多部门联审 names the departments that took part: offered in its tag input, others may be typed.
  fieldHints: {
    'talents.departments': {
      options: ['镇党建办', '镇纪委', '派出所', '司法所', '镇综治中心', '镇人大', '村（社区）党组织'],
      placeholder: '选择或输入部门名称',
    },
  },
  dashboardCards: [
    { key: 'talent-figures', title: '村级后备力量', span: 24, component: () => import('./FiguresCard.vue') },
    { key: 'talent-source', title: '在库人员来源', span: 8, component: () => import('./SourceCard.vue') },
    { key: 'talent-village', title: '各村在库人数', span: 8, component: () => import('./VillageCard.vue') },
    { key: 'talent-exits', title: '本年调整出库原因', span: 8, component: () => import('./ExitsCard.vue') },
  ],
}
