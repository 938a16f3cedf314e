// Shared by the village pages and cards: money text, the caller's town for the ranking, a
// category bar chart, and errors shown the same way everywhere (ratios and enum labels come
// from utils/labels.js).
import { ElMessage } from 'element-plus'
import { session } from '../../session.js'
import { fenToYuan } from '../../utils/format.js'

/** "12.50 万元" for large sums, "2,600.00 元" below ten thousand yuan. */
export function money(fen) {
  if (fen === null || fen === undefined) return ''
  const yuan = Number(fen) / 100
  if (Math.abs(yuan) >= 10000) return (yuan / 10000).toFixed(2) + ' 万元'
  return fenToYuan(fen) + ' 元'
}

export { pct, enumText } from '../../utils/labels.js'

/** The 12-digit code of the town the chosen scope lies in (or is), or '' above towns. */
export function townOfScope() {
  const s = session.scope
  if (!s || !s.code || s.level < 4) return ''
  const c = String(s.code).padEnd(12, '0')
  return c.slice(0, 9) + '000'
}

/** Shows an API error (except 401, which the session layer handles). */
export function showError(e) {
  if (e && e.status === 401) return
  const fields = e && e.fields ? Object.values(e.fields) : []
  ElMessage.error(fields.length ? fields.join('；') : (e && e.message) || '操作失败')
}

const pad = (n) => String(n).padStart(2, '0')
export function localDate(d = new Date()) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A horizontal bar chart of sums by category: rows [{direction, label, amount_fen}],
 * income green and expense red, in 元. */
/** An axis tick in 元, as 万 from ten thousand up (12万, 1.5万). */
function yuanTick(v) {
  return Math.abs(v) >= 10000 ? (v / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 1 }) + '万' : v.toLocaleString('zh-CN')
}

export function categoryBars(rows) {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => v.toLocaleString('zh-CN') + ' 元' },
    grid: { left: 8, right: 16, top: 12, bottom: 8, containLabel: true },
    // a phone is 375 px wide: few ticks, amounts in 万, long category names cut with their tooltip
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { hideOverlap: true, formatter: yuanTick } },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => (r.direction === 'income' ? '收·' : '支·') + r.label),
      axisLabel: { width: 96, overflow: 'truncate' },
    },
    series: [{
      type: 'bar', barMaxWidth: 18,
      data: rows.map((r) => ({ value: r.amount_fen / 100, itemStyle: { color: r.direction === 'income' ? '#2e9d5b' : '#c0392b' } })),
    }],
  }
}
