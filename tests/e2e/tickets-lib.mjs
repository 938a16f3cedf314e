// Helpers of the ticket desk's browser tests: users of a department and a town made through
// the API as admin, tickets made and moved through the API, the to-dos as the server counts
// them, switching users in one browser.
import assert from 'node:assert/strict'
import { BASE, login, apiCall, apiList, uniq } from './lib.mjs'

export const PHONE = { width: 375, height: 812 }
export const DESKTOP = { width: 1440, height: 900 }
export const TOWN_CODE = '522726111' // 下司镇
const PW = 'e2e-user-pass-1'

/** The id of the organisation named `name` (demo data). */
export async function orgId(page, name) {
  const r = await apiList(page, 'orgs', { q: name, limit: 5 })
  const o = (r.items || []).find((x) => x.name === name)
  assert.ok(o, 'organisation ' + name)
  return o.id
}

/** A new user through the API (the page is logged in as admin) → { user, pass }. */
export async function addUser(page, role, extra) {
  const user = 'e2e_' + role + '_' + uniq()
  const r = await apiCall(page, 'POST', '/users', { username: user, password: PW, role, display_name: extra.display_name || user, ...extra })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return { user, pass: PW }
}

/** A 项目代办 ticket of the first demo enterprise (下司镇), category 证照办理, as admin. */
export async function newTicket(page, title) {
  const ent = (await apiList(page, 'enterprises', { limit: 1, sort: 'id' })).items[0]
  const r = await apiCall(page, 'POST', '/tickets', { kind: 'project_agency', category: 'permit', title, requester_enterprise_id: ent.id, source: 'counter' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  return r.body
}

/** Runs an action through the API → the updated ticket. */
export async function act(page, ticket, action, body = {}) {
  const cur = (await apiCall(page, 'GET', '/tickets/' + ticket.id)).body
  const r = await apiCall(page, 'POST', `/tickets/${ticket.id}/actions/${action}`, { version: cur.version, ...body })
  assert.equal(r.status, 200, action + ': ' + JSON.stringify(r.body))
  return r.body
}

/** The caller's to-dos as the server counts them → { total, byKey: { key: item } }. */
export async function todosOf(page) {
  const r = (await apiCall(page, 'GET', '/todos')).body
  return { total: r.total, items: r.items, byKey: Object.fromEntries(r.items.map((i) => [i.key, i])) }
}

/** Logs the browser out and in as another user. */
export async function switchUser(page, who) {
  await page.context().clearCookies()
  await page.goto(BASE + '/?' + Date.now() + '#/login')
  await login(page, who)
}

/** Waits until the element's data-count is `n`. */
export async function waitCount(page, selector, n) {
  await page.waitForFunction(([s, v]) => document.querySelector(s)?.dataset.count === String(v), [selector, n])
}

/** The number a state tab of the ledger shows. */
export async function tabCount(page, key) {
  const sel = `[data-test="tab-${key}"]`
  await page.waitForFunction((s) => document.querySelector(s)?.dataset.count !== undefined, sel)
  return Number(await page.locator(sel).getAttribute('data-count'))
}

/** Whole days from today to `day` (YYYY-MM-DD), as the desk counts them. */
export function daysFromToday(day) {
  const now = new Date()
  const t = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())
  return Math.round((Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) - t) / 86400000)
}

/** Whether the page scrolls sideways (at 375 px it must not). */
export async function sideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

/** The total of the tickets list under `query` (arrays repeat the key) for the logged-in user. */
export async function countTickets(page, query) {
  return page.evaluate(async (q) => {
    const p = new URLSearchParams()
    for (const [k, v] of Object.entries(q)) for (const one of [].concat(v)) p.append(k, one)
    p.set('limit', '1')
    return (await fetch('/api/v1/tickets?' + p).then((r) => r.json())).total
  }, query)
}

/** Today as the browser's console counts it (YYYY-MM-DD, local). */
export function today() {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}
