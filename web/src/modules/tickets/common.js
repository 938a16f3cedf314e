// The ticket desk's shared rules of display: the time limit as people read it (剩余 N 天 /
// 已超期 N 天 from the server's due_on, coloured by meaning), the colours of states and
// ratings, the categories of a kind for the 点单 form, and the 三率 of a scope and kind read
// once and shared by the dashboard's cards.
import { reactive, ref } from 'vue'
import { get, onWrite } from '../../api/http.js'
import { resourceByName } from '../../session.js'
import { today } from '../../utils/format.js'

/** States in which a ticket runs against its time limit (the server's 已超期 counts these). */
export const RUNNING = ['dispatched', 'accepted', 'returned']

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from, to) {
  const t = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10))
  return Math.round((t(to) - t(from)) / 86400000)
}

/**
 * A ticket's time limit as a mark: { tone, text } or null. The limit itself (working days,
 * holidays, 调休, extensions) is the server's due_on; here it is only read against today.
 * `soon` is the last day the server's 两个工作日内到期 to-do counts; without it two days.
 */
export function slaMark(row, soon, now = today()) {
  if (!row) return null
  if (RUNNING.includes(row.status) && row.due_on) {
    const d = daysBetween(now, row.due_on)
    if (d < 0) return { tone: 'danger', text: `已超期 ${-d} 天`, overdue: true }
    if (d === 0) return { tone: 'warning', text: '今日到期' }
    const near = soon ? row.due_on <= soon : d <= 2
    return { tone: near ? 'warning' : 'success', text: `剩余 ${d} 天` }
  }
  if ((row.status === 'resolved' || row.status === 'closed') && typeof row.resolved_on_time === 'boolean')
    return row.resolved_on_time ? { tone: 'success', text: '按时办结', done: true } : { tone: 'danger', text: '超期办结', done: true }
  return null
}

// The checks the server's ticket actions add to the schema (res_tickets.c: wish_check,
// resident_check, dispatch_check), so that a list row offers no action the server refuses.
const RESIDENT = ['resident_wish', 'resident_request']
const ACTION_KINDS = {
  claim: () => ['resident_wish'],
  publish: () => RESIDENT,
  dispatch: (level) => (level < 2 ? [...RESIDENT, 'dispute'] : null), // below the town: 支部派单
}
const LEVELS = { admin: 4, county: 3, town: 2, village: 1 }
/** The actions of a list row that its kind allows this user (the drawer has the server's own). */
export function ticketRowActions(row, actions, role) {
  const level = LEVELS[role] ?? 0
  return actions.filter((a) => {
    const kinds = ACTION_KINDS[a.name] && ACTION_KINDS[a.name](level)
    return !kinds || kinds.includes(row.kind)
  })
}

/** Tag colours of the states by meaning: waiting for dispatch amber, in hand blue, done green. */
export const STATE_TONES = {
  submitted: 'warning', returned: 'danger', dispatched: 'primary', accepted: 'primary',
  resolved: 'success', closed: 'info', withdrawn: 'info',
}
export const RATING_TONES = { satisfied: 'success', basic: 'primary', dissatisfied: 'danger' }

/** The value → label pairs of an enum field of tickets (kinds, states, ratings). */
export function ticketEnum(name) {
  return resourceByName('tickets')?.fields.find((f) => f.name === name)?.enum || []
}

/** The label of a kind. */
export function kindLabel(kind) {
  return ticketEnum('kind').find((e) => e.value === kind)?.label || kind || ''
}

// Categories of each kind, read once per session for the 点单 form.
const categoryCache = new Map()
/** The active categories of a kind as choices [{ value: code, label }] for the form. */
export async function categoryChoices(form) {
  const kind = form && form.kind
  if (!kind) return []
  if (!categoryCache.has(kind)) {
    categoryCache.set(kind, get('/ticket_categories', { kind, active: 'true', limit: 100 })
      .then((r) => (r.items || []).map((c) => ({ value: c.code, label: `${c.label}（${c.sla_days} 个工作日）` })))
      .catch((e) => {
        categoryCache.delete(kind)
        throw e
      }))
  }
  return categoryCache.get(kind)
}

/** The kind the dashboard's ticket cards show ('' = every kind). */
export const figureKind = ref('')

const pad = (n) => String(n).padStart(2, '0')
/** The last 12 months up to this one: [{ key: 'YYYY-MM', from, to, label }]. */
export function lastMonths(now = today()) {
  const out = []
  let y = +now.slice(0, 4)
  let m = +now.slice(5, 7)
  for (let i = 0; i < 12; i++) {
    const key = `${y}-${pad(m)}`
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    const to = i === 0 ? now : `${key}-${pad(last)}`
    out.unshift({ key, from: `${key}-01`, to, label: `${y}年${m}月` })
    if (--m === 0) {
      m = 12
      y--
    }
  }
  return out
}

const figures = reactive({}) // 'division|kind' → { loading, error, year, months, kinds }
/**
 * The 三率 of a division and kind, read once and shared: `year` (GET /stats/tickets for this
 * year: tiles, by_category, the 红黑榜), `months` (one stats request per month of the last 12
 * that has tickets — a grouped count finds them first), `kinds` (with every kind: the figures
 * of each kind that has tickets this year, for the chart by kind).
 */
export function ticketFigures(division, kind) {
  const key = division + '|' + kind
  if (!figures[key]) {
    figures[key] = { loading: true, error: '', year: null, months: [], kinds: [] }
    load(figures[key], division, kind)
  }
  return figures[key]
}
/** Forgets the figures read so far (after a write the dashboard reads them again). */
export function forgetTicketFigures() {
  for (const k of Object.keys(figures)) delete figures[k]
}

// A ticket written (an action, a new ticket, an import) changes the figures.
onWrite((method, path) => path.startsWith('/tickets') && forgetTicketFigures())

async function load(state, division, kind) {
  const base = { division: division || undefined, kind: kind || undefined }
  const months = lastMonths()
  try {
    const [year, perMonth, perKind] = await Promise.all([
      get('/stats/tickets', base),
      get('/tickets/stats', { ...base, group: 'submitted_at:month', submitted_at__gte: months[0].from, submitted_at__lte: months[11].to + 'T23:59:59Z' }),
      kind ? null : get('/tickets/stats', { division: base.division, group: 'kind', submitted_at__gte: today().slice(0, 4) + '-01-01' }),
    ])
    const busy = new Set((perMonth.groups || []).filter((g) => g.count > 0).map((g) => g.keys.submitted_at))
    const [monthly, kinds] = await Promise.all([
      Promise.all(months.map((m) => (busy.has(m.key) ? get('/stats/tickets', { ...base, from: m.from, to: m.to }).then((r) => r.values) : null))),
      Promise.all(((perKind && perKind.groups) || []).filter((g) => g.count > 0).map((g) =>
        get('/stats/tickets', { ...base, kind: g.keys.kind }).then((r) => ({ kind: g.keys.kind, label: g.keys.kind_label || kindLabel(g.keys.kind), values: r.values })))),
    ])
    state.year = year
    state.months = months.map((m, i) => ({ ...m, values: monthly[i] }))
    state.kinds = kinds
  } catch (e) {
    if (e.status !== 401) state.error = e.message
  } finally {
    state.loading = false
  }
}

/** A ratio of the API as a percentage with two decimals, or '—' when nothing is counted. */
export function percent(r) {
  if (!r || !r.of) return '—'
  return (r.ratio * 100).toFixed(2) + '%'
}
