// Shared by the pairing pages and cards: kinds and what each names (from the schema's
// requires_by), cadence marks, the statistic, dates.
import { reactive, ref } from 'vue'
import { ElMessage } from 'element-plus'
import { get } from '../../api/http.js'
import { session, resourceByName } from '../../session.js'
import { today } from '../../utils/format.js'
import './pairing.css'

/** "93.18%" for a ratio {count, of, ratio} (two decimals). */
export function pct(r) {
  if (!r || !r.of) return '—'
  return (Number(r.ratio) * 100).toFixed(2) + '%'
}

/** 元 with thousands, from fen; 万元 above ten thousand yuan. */
export function money(fen) {
  const yuan = Number(fen || 0) / 100
  if (Math.abs(yuan) >= 10000) return (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + ' 万元'
  return yuan.toLocaleString('zh-CN', { maximumFractionDigits: 2 }) + ' 元'
}

export function fieldOf(res, name) {
  return resourceByName(res)?.fields.find((f) => f.name === name) || null
}

export function enumOptions(res, field) {
  return fieldOf(res, field)?.enum || []
}

export function enumText(res, field, v) {
  if (v === null || v === undefined || v === '') return ''
  const e = enumOptions(res, field).find((x) => x.value === v)
  return e ? e.label : String(v)
}

/** The kinds of pairing in schema order: [{ value, label }]. */
export function kinds() {
  return enumOptions('pairings', 'kind')
}

/** What a kind requires: { required: [field], any_of: [field] } (schema requires_by). */
export function requirementOf(kind) {
  const rb = resourceByName('pairings')?.requires_by
  return (rb && rb.values && rb.values[kind]) || { required: [], any_of: [] }
}

/** The fields a kind's form shows, in the ledger's order: what it requires or may name. */
const PARTY_FIELDS = ['person_id', 'enterprise_id', 'org_id', 'division_code', 'partner_person_id', 'level']
export function partyFieldsOf(kind) {
  const r = requirementOf(kind)
  const named = new Set([...(r.required || []), ...(r.any_of || [])])
  // kinds taking their place from the enterprise (or the partner) still show it, read-only
  const extra = { commissioner: ['org_id'], first_secretary: ['org_id'], leader_village: ['partner_person_id'] }
  for (const f of extra[kind] || []) named.add(f)
  return PARTY_FIELDS.filter((f) => named.has(f))
}

// Cadence marks: red overdue, amber due within 7 days, green in time, grey without a cadence
// or outside the pairing's term.
export const SOON_DAYS = 7
function daysBetween(a, b) {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86400000)
}
export function cadenceMark(p, asOf = today()) {
  if (!p || p.active === false) return { color: 'grey', label: '不在结对期', days: null }
  if (!p.cadence) return { color: 'grey', label: '未设走访周期', days: null }
  const days = p.next_due_on ? daysBetween(asOf, p.next_due_on) : null
  if (p.cadence === 'overdue') return { color: 'red', label: `逾期 ${-days} 天`, days }
  if (days !== null && days <= SOON_DAYS) return { color: 'amber', label: days === 0 ? '今天到期' : `${days} 天内到期`, days }
  return { color: 'green', label: '按期走访', days }
}

// GET /stats/pairings, one request per query string for the cards of one screen.
const cache = reactive({})
export function pairingStats(query = {}, { fresh = false } = {}) {
  const key = JSON.stringify(query)
  if (!cache[key] || fresh) {
    const entry = reactive({ loading: true, error: '', data: null })
    cache[key] = entry
    get('/stats/pairings', query)
      .then((r) => (entry.data = r))
      .catch((e) => {
        if (e.status !== 401) entry.error = e.message
      })
      .finally(() => (entry.loading = false))
  }
  return cache[key]
}
export function forgetPairingStats() {
  for (const k of Object.keys(cache)) delete cache[k]
}

/** The scope picker's division (12 digits), or undefined for no narrowing. */
export function scopeCode() {
  return session.scope?.code || undefined
}

/** The user may record visits (write to the visits ledger). */
export function canVisit() {
  return !!resourceByName('visits')?.can?.create
}

/**
 * A list read a page at a time (keyset cursor): items, total, next, loading and
 * load(more) — load() starts over with query(), load(true) appends the next page. A reply
 * that arrives after a newer request is dropped.
 */
export function usePaged(path, query, limit = 50) {
  const state = { items: ref([]), total: ref(0), next: ref(null), loading: ref(false) }
  let seq = 0
  state.load = async (more) => {
    const mine = ++seq
    state.loading.value = true
    try {
      const r = await get(path, { ...query(), limit, cursor: more === true ? state.next.value : undefined })
      if (mine !== seq) return
      state.items.value = more === true ? state.items.value.concat(r.items || []) : r.items || []
      state.total.value = r.total ?? state.items.value.length
      state.next.value = r.next || null
    } catch (e) {
      if (mine === seq && e.status !== 401) ElMessage.error(e.message)
    } finally {
      if (mine === seq) state.loading.value = false
    }
  }
  return state
}
