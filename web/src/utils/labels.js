// Labels and ratios as module pages show them: enum labels from the schema, ratios of the
// stats API as percentages with two decimals (DESIGN.md).
import { resourceByName } from '../session.js'

/** "93.18%" for a ratio {count, of, ratio} of the stats API (two decimals). */
export function pct(r) {
  if (!r || !r.of) return '0.00%'
  return (Number(r.ratio) * 100).toFixed(2) + '%'
}

/** The label of value `v` of enum field `field` of resource `res`, from the schema. */
export function enumText(res, field, v) {
  if (v === null || v === undefined || v === '') return ''
  const f = resourceByName(res)?.fields.find((x) => x.name === field)
  const e = f && (f.enum || []).find((x) => x.value === v)
  return e ? e.label : String(v)
}

/** The values and labels of enum field `field` of resource `res`. */
export function enumOptions(res, field) {
  const f = resourceByName(res)?.fields.find((x) => x.name === field)
  return (f && f.enum) || []
}
