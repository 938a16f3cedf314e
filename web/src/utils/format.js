// Display formatting shared by tables, drawers and forms.

export function fenToYuan(fen) {
  if (fen === null || fen === undefined || fen === '') return ''
  const n = Number(fen) / 100
  return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

export function yuanToFen(yuan) {
  if (yuan === null || yuan === undefined || yuan === '') return null
  return Math.round(Number(yuan) * 100)
}

const pad = (n) => String(n).padStart(2, '0')

/** RFC 3339 (UTC) → local "YYYY-MM-DD HH:mm". */
export function formatDateTime(v) {
  if (!v) return ''
  const d = new Date(v)
  if (isNaN(d)) return String(v)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

export function enumLabel(field, value) {
  if (value === null || value === undefined || value === '') return ''
  const e = (field.enum || []).find((x) => String(x.value) === String(value))
  return e ? e.label : String(value)
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度']

/** A review period as people say it: 2026Q4 → 2026年第四季度, 2026 → 2026年度; other text as it is. */
export function formatPeriod(v) {
  const s = String(v ?? '')
  let m = /^(\d{4})Q([1-4])$/.exec(s)
  if (m) return `${m[1]}年${QUARTERS[m[2] - 1]}`
  m = /^(\d{4})$/.exec(s)
  return m ? `${m[1]}年度` : s
}

/** The text a field's value shows as, in tables, drawers and audit diffs. */
export function fieldText(field, record) {
  const v = record[field.name]
  if (v === null || v === undefined || v === '') return ''
  switch (field.type) {
    case 'money_fen':
      return fenToYuan(v)
    case 'bool':
      return v === true || v === 1 || v === '1' || v === 'true' ? '是' : '否'
    case 'enum':
      return enumLabel(field, v)
    case 'ref':
    case 'division':
      return record[field.name + '_label'] || String(v)
    case 'datetime':
      return formatDateTime(v)
    case 'json':
      return typeof v === 'string' ? v : JSON.stringify(v)
    default:
      return field.period ? formatPeriod(v) : String(v)
  }
}

export const SYSTEM_FIELDS = ['id', 'version', 'created_at', 'updated_at']
