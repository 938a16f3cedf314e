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
      return String(v)
  }
}

export const SYSTEM_FIELDS = ['id', 'version', 'created_at', 'updated_at']
