// 我的待办: the caller's to-dos of every module (GET /api/v1/todos), shared by the menu's
// badges, the top bar, the home page and the 我的待办 page. Read at login, again after every
// write (api/http.js onWrite) and when the user moves on after a while; each to-do links to
// the page that handles its resource, filtered by the to-do's own list query.
import { reactive, watch } from 'vue'
import { get, onWrite } from '../../api/http.js'
import { session } from '../../session.js'
import { modulePages, pageForResource } from '../index.js'

export const todos = reactive({
  items: [], // [{ key, label, resource, count, query, first: [{ id, label }] }]
  total: 0,
  loaded: false,
  loading: false,
  error: '',
})

let seq = 0
let readAt = 0
/** Reads the to-dos again; with maxAge (ms) only when the last read is older than that. */
export async function refreshTodos({ maxAge = 0 } = {}) {
  if (!session.user) return
  if (maxAge && todos.loaded && Date.now() - readAt < maxAge) return
  const mine = ++seq
  readAt = Date.now()
  todos.loading = true
  try {
    const r = await get('/todos')
    if (mine !== seq) return
    todos.items = r.items || []
    todos.total = r.total || 0
    todos.error = ''
    todos.loaded = true
  } catch (e) {
    if (mine === seq && e.status !== 401) todos.error = e.message
  } finally {
    if (mine === seq) todos.loading = false
  }
}

function forget() {
  seq++
  todos.items = []
  todos.total = 0
  todos.loaded = false
  todos.error = ''
}

// A new user (or none): nothing of the last one's stays on screen.
watch(() => session.user && session.user.id, (id) => (id ? refreshTodos() : forget()))
// Several writes in a row (a batch, an import) cost one read.
let pending = null
onWrite((method, path) => {
  if (path === '/session') return
  clearTimeout(pending)
  pending = setTimeout(() => refreshTodos(), 300)
})

/** The page that handles a resource's to-dos: the one a module names for them, else the
 * resource's own page, else the generic ledger. */
export function todoPath(resource) {
  const page = modulePages.find((p) => p.todos === resource) || pageForResource(resource)
  return page ? page.path : '/r/' + resource
}

/** The route of a to-do's list: its page with the to-do's filters and its name (_label);
 * `open` names a record to open on arrival. */
export function todoRoute(item, open) {
  const query = {}
  for (const [k, v] of new URLSearchParams(item.query || '')) query[k] = k in query ? [].concat(query[k], v) : v
  query._label = item.label
  if (open) query._open = String(open)
  return { path: todoPath(item.resource), query }
}

/** The server's "soon" date: the last day the 两个工作日内到期 to-do counts (YYYY-MM-DD), or ''. */
export function soonLimit() {
  const t = todos.items.find((x) => /due_on__lte=/.test(x.query || ''))
  return t ? new URLSearchParams(t.query).get('due_on__lte') || '' : ''
}
