// Shared by the talent pool's pages and cards: labels, colours, ratios, the caller's level.
import { watch } from 'vue'
import { writes } from '../../api/http.js'
import { cachedStats, forgetStats } from '../../utils/stats.js'
import { session } from '../../session.js'

export { pct, enumText, enumOptions } from '../../utils/labels.js'

// Role levels as the server has them (http/request.h): actions carry a min_level.
const LEVELS = { admin: 4, county: 3, town: 2, village: 1 }
export function userLevel() {
  return LEVELS[session.user?.role] || 0
}

export const STATUS_TAGS = { recommended: 'info', inspected: 'warning', reviewed: 'warning', admitted: 'success', rejected: 'danger', exited: 'info' }
// Grades as coloured chips (class grade-<value>, EvaluationsPage): green, blue, amber, red.
export const GRADE_COLORS = { excellent: '#2e9d5b', competent: '#2f7dd1', basic: '#d48806', incompetent: '#c0392b' }

export const SOURCE_LABELS = {
  returning_graduate: '返乡大学毕业生',
  veteran: '退役军人',
  entrepreneur: '致富能手',
  coop_backbone: '合作社骨干',
  returning_worker: '返乡务工人员',
  other: '其他',
}
export const EXIT_LABELS = { long_absent: '长期在外', ineffective: '作用发挥不明显', joined_committee: '已进入两委', other: '其他' }
export const PLACEMENT_LABELS = { shadowing: '跟岗锻炼', trial_post: '试岗锻炼', rotation: '轮岗' }

// GET /stats/talent_structure, shared by the cards of one screen: one request per division.
export function talentStructure(division, { fresh = false } = {}) {
  return cachedStats('talent_structure', { division: division || undefined }, { fresh })
}
export function forgetTalentStructure() {
  forgetStats('talent_structure')
}
// every write anywhere (an import, a step, a new record) may change the figures
watch(writes, forgetTalentStructure)

/** The scope picker's division (12 digits), or undefined for no narrowing. */
export function scopeCode() {
  return session.scope?.code || undefined
}
