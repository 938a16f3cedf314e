// Shared by the park party-building pages and cards: labels, money and ratio text, the
// statistics (one request per organisation and period), and the park the dashboard shows.
import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import './party.css'
import { get } from '../../api/http.js'
import { cachedStats, forgetStats } from '../../utils/stats.js'
import { session, resourceByName } from '../../session.js'

export { pct } from '../../utils/stats.js'

/** Fen as 万元 with up to two decimals: 64600000 → "64.6". */
export function wan(fen) {
  const n = Number(fen || 0) / 1000000
  return String(Math.round(n * 100) / 100)
}

/** Fen as 元 with two decimals and thousands separators. */
export function yuan(fen) {
  return (Number(fen || 0) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}

/** The label of value `v` of enum field `field` of resource `res`, from the schema. */
export function enumText(res, field, v) {
  if (v === null || v === undefined || v === '') return ''
  const f = resourceByName(res)?.fields.find((x) => x.name === field)
  const e = f && (f.enum || []).find((x) => x.value === v)
  return e ? e.label : String(v)
}

export function enumOptions(res, field) {
  const f = resourceByName(res)?.fields.find((x) => x.name === field)
  return (f && f.enum) || []
}

export const SOURCE_LABELS = { budget: '财政预算', pre_tax: '税前列支', dues_return: '党费返还', self_funded: '自身投入' }
export const POSITION_LABELS = { manager: '高管', middle: '中层', key_staff: '业务骨干', staff: '普通职工', other: '其他' }
export const MANAGEMENT = ['manager', 'middle', 'key_staff']
// The five levels and the rest, with a colour each for the tree's tags.
export const KIND_TAGS = {
  park_committee: 'danger', composite_committee: 'warning', service_center: 'success', guidance_station: 'primary',
  party_committee: 'info', general_branch: 'info', branch: 'info',
}
export const PARTY_KINDS = ['park_committee', 'composite_committee', 'service_center', 'guidance_station', 'party_committee', 'general_branch', 'branch']

/** The day two years before today: the start of "近两年". */
export function twoYearsAgo() {
  const d = new Date()
  d.setFullYear(d.getFullYear() - 2)
  d.setDate(d.getDate() + 1)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

// GET /stats/party_coverage and party_funds ?org=&from=, shared by the cards and pages of one screen.
export function partyStats(name, query = {}, opts = {}) {
  return cachedStats(name, query, opts)
}
export function forgetPartyStats() {
  forgetStats('party_coverage', 'party_funds')
}

/** Whether the caller is a user of an organisation (a park committee's): its own subtree is its scope. */
export function orgUser() {
  return session.user?.role === 'org' || session.user?.role === 'department'
}

/** The organisations of the five levels above the enterprises' (to choose one to show). */
export const LEVEL_KINDS = ['park_committee', 'composite_committee', 'service_center', 'guidance_station']
export async function levelOrgs(kinds = LEVEL_KINDS) {
  try {
    return (await get('/orgs', { kind: kinds, sort: 'id', limit: 200 })).items || []
  } catch (e) {
    if (e.status !== 401) ElMessage.error(e.message)
    return []
  }
}

// The park the dashboard's cards show: an organisation user's own scope (null), else one
// of the park committees in scope, chosen on the coverage card.
export const dashboard = reactive({ org: null, parks: [], loaded: false })
let loadingParks = null
export function loadParks() {
  if (loadingParks) return loadingParks
  loadingParks = levelOrgs(['park_committee', 'composite_committee']).then((parks) => {
    dashboard.parks = parks
    if (!orgUser() && dashboard.org === null) {
      const top = parks.find((p) => p.kind === 'park_committee')
      dashboard.org = top ? top.id : null
    }
    dashboard.loaded = true
  })
  return loadingParks
}
export function forgetParks() {
  loadingParks = null
  dashboard.parks = []
  dashboard.org = null
  dashboard.loaded = false
}

/** Every record of a list (in pages of 500, at most `max`). */
export async function getAll(path, query = {}, max = 5000) {
  let items = []
  let cursor
  while (items.length < max) {
    const r = await get(path, { ...query, limit: 500, cursor })
    items = items.concat(r.items || [])
    if (!r.next) break
    cursor = r.next
  }
  return items
}

/**
 * A list of the API read in pages of `limit`: `list` is reactive { items, total, next,
 * loading }; load() reads the first page of GET path?query(), load(true) the next one.
 */
export function usePaged(path, query, limit = 50) {
  const list = reactive({ items: [], total: 0, next: null, loading: false })
  async function load(more) {
    list.loading = true
    try {
      const r = await get(typeof path === 'function' ? path() : path, { ...query(), limit, cursor: more === true ? list.next : undefined })
      list.items = more === true ? list.items.concat(r.items || []) : r.items || []
      list.total = r.total ?? list.items.length
      list.next = r.next || null
    } catch (e) {
      if (e.status !== 401) ElMessage.error(e.message)
    } finally {
      list.loading = false
    }
  }
  return { list, load }
}
