// What the schema says about workflows, children and statistics, read one way for every page:
// the state field and its queues, the actions this user may run on a row, the child ledgers of
// a resource, the fields a ledger can be grouped by.
import { ref } from 'vue'
import { session } from '../session.js'

/** The field that holds the workflow state (the schema's state_field), or null. */
export function stateFieldOf(r) {
  if (!r?.state_field) return null
  return r.fields.find((f) => f.name === r.state_field) || null
}

/** The work-queue states (待办) of a workflow resource. */
export function isQueue(r, state) {
  return !!r?.queues?.includes(state)
}

/**
 * Whether this user is the action's actor on `row`: a user of the organisation or the
 * enterprise the action's `actor` field names. An organisation user above the named one may
 * act too, but the console cannot see the tree: it offers the action only on an exact match,
 * so that it never offers one the server refuses.
 */
function isActor(r, action, row) {
  if (!action.actor) return false
  const f = r.fields.find((x) => x.name === action.actor)
  const v = row[action.actor]
  const u = session.user
  if (!f || v === null || v === undefined || !u) return false
  if (f.ref === 'enterprises') return !!u.enterprise_id && Number(u.enterprise_id) === Number(v)
  if (f.ref === 'orgs') return !!u.scope_org_id && Number(u.scope_org_id) === Number(v)
  return false
}

/** Whether the action may start from the row's state. */
export function fromState(r, action, row) {
  if (!action.from || !action.from.length || !r.state_field) return true
  return action.from.includes(row[r.state_field])
}

/**
 * The actions this user may run on a list row, decided from the schema alone: its state is one
 * the action starts from, and the user's level allows it (by_level) or the user is its actor.
 * The detail drawer uses the record's own `_actions` instead.
 */
export function rowActions(r, row) {
  if (!r?.actions?.length || !r.can?.update) return []
  return r.actions.filter((a) => fromState(r, a, row) && (a.by_level || isActor(r, a, row)))
}

/** The actions named by a record's `_actions` (what the server says this user may run now). */
export function recordActions(r, rec) {
  if (!r?.actions?.length || !r.can?.update || !Array.isArray(rec?._actions)) return []
  return r.actions.filter((a) => rec._actions.includes(a.name))
}

/** Whether any user could ever run one of the resource's actions from here (a column to keep). */
export function mayAct(r) {
  return !!r?.can?.update && !!r.actions?.some((a) => a.by_level || a.actor)
}

/**
 * The child ledgers of a resource: every resource seen through a `ref` way whose field refers
 * to this one (training_attendance → trainings; talent_evaluations, placements → talents).
 * → [{ resource, field }] with field the child's field holding the parent's id.
 */
export function childLedgersOf(r) {
  if (!r) return []
  const out = []
  for (const c of session.schema) {
    for (const w of c.ways || []) {
      if (w.kind !== 'ref') continue
      const f = c.fields.find((x) => x.name === w.column)
      if (f && f.ref === r.name) out.push({ resource: c, field: f })
    }
  }
  return out
}

/** The name a record goes by: its label field, else the usual name fields, else its id. */
export function recordName(r, rec) {
  if (!rec) return ''
  const v = (r?.label_field && rec[r.label_field]) || rec.name || rec.title || rec.display_name || rec.username
  return v ? String(v) : '#' + rec.id
}

/** The fields GET /{res}/stats can group by (the schema marks them). */
export function groupableFields(r) {
  return (r?.fields || []).filter((f) => f.group)
}

/** The fields whose totals a grouping can add up: whole numbers and money. */
export function summableFields(r) {
  return (r?.fields || []).filter((f) => (f.type === 'int' || f.type === 'money_fen') && f.group)
}

/** The label of a value of an action's or record's field in an event (e.g. 联审部门). */
export function eventField(r, actionName, name) {
  const a = r?.actions?.find((x) => x.name === actionName)
  return (a?.fields || []).find((f) => f.name === name) || r?.fields.find((f) => f.name === name) || { name, label: name, type: 'string' }
}

/**
 * The state tabs of a workflow ledger: a page's own (`config`: [{ key, label, states, query,
 * hint, queue }]) or, from the schema, 全部 and one per state, the work queues marked.
 * `states` [] means any state; `query` adds list filters (e.g. exit_candidate=1).
 */
export function stateTabsOf(r, config) {
  const sf = stateFieldOf(r)
  if (!sf) return []
  const tabs = config && config.length
    ? config
    : [{ key: 'all', label: '全部', states: [] }, ...(sf.enum || []).map((e) => ({ key: e.value, label: e.label, states: [e.value] }))]
  return tabs.map((t) => ({ states: [], query: null, hint: '', ...t, queue: t.queue ?? (t.states || []).some((s) => isQueue(r, s)) }))
}

/** The list filters a state tab adds: its states (any of) and its own filters. */
export function stateTabQuery(r, tab) {
  if (!tab) return {}
  const q = { ...(tab.query || {}) }
  if (tab.states?.length) q[r.state_field] = tab.states
  return q
}

/** The state of a page's ActionDialog: { open, record, action, openAction(row, action) }. */
export function useActionDialog() {
  const open = ref(false)
  const record = ref(null)
  const action = ref(null)
  function openAction(row, a) {
    record.value = row
    action.value = a
    open.value = true
  }
  return { open, record, action, openAction }
}
