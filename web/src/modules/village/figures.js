// What the village figure rows show (StatFigures.vue): the statistics collective_economy and
// governance, one entry per figure.
import { money, pct } from './common.js'

export const ECONOMY_FIGURES = [
  { label: '集体收入', value: (v) => money(v.income_fen), cls: 'income' },
  { label: '集体支出', value: (v) => money(v.expense_fen) },
  { label: '收益反哺民生', value: (v) => pct(v.livelihood_share), sub: (v) => money(v.livelihood_share.count) },
  { label: '出租资产年租金', value: (v) => money(v.rent_fen) },
  { label: '集体经济实体带动就业', value: (v) => `${v.collective_jobs} 人` },
  { label: '实体营业收入', value: (v) => money(v.collective_revenue_fen) },
]

const awards = (v) => Object.values(v.awards || {}).reduce((s, n) => s + n, 0)

export const GOVERNANCE_FIGURES = [
  { label: '院坝协商', value: (v) => `${v.consultations} 次`, sub: (v) => `达成共识 ${v.agreed.count} 项（${pct(v.agreed)}）` },
  { label: '矛盾纠纷', value: (v) => `${v.disputes} 起`, sub: (v) => `化解 ${v.disputes_resolved} 起` },
  { label: '小事不出网格', value: (v) => pct(v.resolved_in_grid), sub: (v) => `网格内化解 ${v.resolved_in_grid.count} / ${v.resolved_in_grid.of}` },
  { label: '文明实践活动', value: (v) => `${v.activities} 场`, sub: (v) => `${v.participants} 人次` },
  { label: '评选表彰', value: (v) => `${awards(v)} 户（人）` },
  { label: '干部谈话 / 考核优秀', value: (v) => `${v.cadre_talks} / ${v.assessments.excellent}` },
]
