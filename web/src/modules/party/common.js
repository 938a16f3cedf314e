// Shared by the park party-building pages and cards: labels, money and ratio text, the
// statistics (one request per organisation and period), and the park the dashboard shows.
import { reactive } from 'vue'
import './party.css'
import { get } from '../../api/http.js'
import { session, resourceByName } from '../../session.js'

/** "34.82%" for a ratio {count, of, ratio} of the stats API (two decimals). */
export function pct(r) {
  if (!r || !r.of) return '0.00%'
  return (Number(r.ratio) * 100).toFixed(2) + '%'
}

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

// GET /stats/{name}?org=&from=, shared by the cards and pages of one screen.
const cache = reactive({})
export function partyStats(name, query = {}, { fresh = false } = {}) {
  const key = name + JSON.stringify(query)
  if (!cache[key] || fresh) {
    const entry = reactive({ loading: true, error: '', data: null })
    cache[key] = entry
    get('/stats/' + name, query)
      .then((r) => {
        entry.data = r
      })
      .catch((e) => {
        if (e.status !== 401) entry.error = e.message
      })
      .finally(() => {
        entry.loading = false
      })
  }
  return cache[key]
}
export function forgetPartyStats() {
  for (const k of Object.keys(cache)) delete cache[k]
}

/** Whether the caller is a user of an organisation (a park committee's): its own subtree is its scope. */
export function orgUser() {
  return session.user?.role === 'org' || session.user?.role === 'department'
}

// The park the dashboard's cards show: an organisation user's own scope (null), else one
// of the park committees in scope, chosen on the coverage card.
export const dashboard = reactive({ org: null, parks: [], loaded: false })
let loadingParks = null
export function loadParks() {
  if (loadingParks) return loadingParks
  loadingParks = get('/orgs', { kind: ['park_committee', 'composite_committee'], sort: 'id', limit: 100 })
    .then((r) => {
      dashboard.parks = r.items || []
      if (!orgUser() && dashboard.org === null) {
        const top = dashboard.parks.find((p) => p.kind === 'park_committee')
        dashboard.org = top ? top.id : null
      }
    })
    .catch(() => {
      dashboard.parks = []
    })
    .finally(() => {
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
