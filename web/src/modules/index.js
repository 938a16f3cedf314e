// The registry of pages that modules add to the console. The generic ledger page
// (/r/:resource) serves every resource in the schema; a module adds a page here when a
// resource or a feature needs more than that. A page entry:
//   path       route path, e.g. '/talents/board'
//   name       unique route name
//   label      menu text
//   module     schema module it belongs to (groups it in the side menu with that module)
//   moduleLabel menu group label when no schema resource names the module
//   resource   optional: this page stands in for the generic ledger of that resource
//   caps       optional: shown to and reachable by holders of one of these powers only
//              (user.caps: accounts, grant, audit, refdata)
//   public     optional: reachable without login, outside the console's frame (the 晒单 board)
//   top        optional: a menu entry of its own right under 工作台 (我的待办)
//   todos      optional: the resource whose to-dos this page handles (its queues), when that
//              is not the resource's own page
//   component  () => import('./x/Page.vue'); props: static props
// Modules may also contribute dashboard cards: { key, title, span, component }, hints for
// the input of a field: fieldHints { 'resource.field': { options: [...], placeholder } } (the
// departments a 联审 usually involves, offered in its tag input), or { choices(form) → Promise
// of [{ value, label }], dependsOn: [fields], placeholder } for a code chosen from what other
// fields of the form allow (a ticket's category of its kind); and public pages outside the menu
// (publicPages: { path, name, label, component, props }) that need no login.
import system from './system/index.js'
import core from './core/index.js'
import todos from './todos/index.js'
import talent from './talent/index.js'
import tickets from './tickets/index.js'
import party from './party/index.js'
import pairing from './pairing/index.js'
import village from './village/index.js'

// In this order in the menu and, for a user whose seat home.js does not order, on the home
// page: the to-dos first, for every user. The names are what home.js calls the modules.
const named = { todos, core, talent, party, pairing, village, tickets, system }
const modules = Object.values(named)

export const modulePages = modules.flatMap((m) => m.pages || [])
// Each card carries the name of its module (`module`), by which home.js orders the home page.
export const dashboardCards = Object.entries(named).flatMap(([name, m]) => (m.dashboardCards || []).map((c) => ({ ...c, module: name })))
// Pages for anyone without login (村务公开): routes of their own, outside the console's frame.
export const publicPages = modules.flatMap((m) => m.publicPages || [])
const hints = Object.assign({}, ...modules.map((m) => m.fieldHints || {}))

/** The hints a module gives for a field of a resource (or of one of its actions), or null. */
export function fieldHint(resource, field) {
  return hints[resource + '.' + field] || null
}

export function pageForResource(name) {
  return modulePages.find((p) => p.resource === name) || null
}
