// The registry of pages that modules add to the console. The generic ledger page
// (/r/:resource) serves every resource in the schema; a module adds a page here when a
// resource or a feature needs more than that. A page entry:
//   path       route path, e.g. '/talents/board'
//   name       unique route name
//   label      menu text
//   module     schema module it belongs to (groups it in the side menu with that module)
//   moduleLabel menu group label when no schema resource names the module
//   resource   optional: this page stands in for the generic ledger of that resource
//   adminOnly  optional: shown to and reachable by admins only
//   component  () => import('./x/Page.vue'); props: static props
// Modules may also contribute dashboard cards: { key, title, span, component }, and hints for
// the input of a field: fieldHints { 'resource.field': { options: [...], placeholder } } (the
// departments a 联审 usually involves, offered in its tag input).
import system from './system/index.js'
import core from './core/index.js'
import talent from './talent/index.js'

const modules = [core, talent, system]

export const modulePages = modules.flatMap((m) => m.pages || [])
export const dashboardCards = modules.flatMap((m) => m.dashboardCards || [])
const hints = Object.assign({}, ...modules.map((m) => m.fieldHints || {}))

/** The hints a module gives for a field of a resource (or of one of its actions), or null. */
export function fieldHint(resource, field) {
  return hints[resource + '.' + field] || null
}

export function pageForResource(name) {
  return modulePages.find((p) => p.resource === name) || null
}
