// Division tree loading for the scope picker and division fields, cached per session.
import { get } from './http.js'
import { session } from '../session.js'

const childCache = new Map()

export function toNode(d) {
  return {
    code: d.code,
    name: d.short_name || d.name,
    fullName: d.name,
    level: d.level,
    leaf: d.level >= 5,
  }
}

/** Children of a division, one request per parent (500 covers the largest town). */
export async function childrenOf(code) {
  if (childCache.has(code)) return childCache.get(code)
  const r = await get('/divisions', { parent_code: code, limit: 500, sort: 'code' })
  const nodes = (r.items || []).map(toNode)
  childCache.set(code, nodes)
  return nodes
}

export async function divisionByCode(code) {
  const r = await get('/divisions', { code })
  return r.items && r.items.length ? toNode(r.items[0]) : null
}

export async function searchDivisions(q, within) {
  let r
  try {
    r = await get('/divisions', { q, division: within, limit: 30 })
  } catch (e) {
    // The server scopes divisions to the user anyway; the filter only narrows a subtree.
    if (e.status !== 400) throw e
    r = await get('/divisions', { q, limit: 30 })
  }
  return (r.items || []).map(toNode)
}

/**
 * The root of the user's scope. A user with a scope division starts there; an unrestricted
 * user starts at the top of the loaded tree, descending while a level has a single child
 * (贵州省 → 黔南州), so that the picker opens where the data is.
 */
export async function rootDivision() {
  const u = session.user
  if (u && u.scope_division) {
    const d = await divisionByCode(u.scope_division)
    if (d) return d
  }
  let top = null
  try {
    const r = await get('/divisions', { sort: 'level', limit: 1 })
    top = r.items && r.items.length ? toNode(r.items[0]) : null
  } catch {
    const r = await get('/divisions', { limit: 500 })
    const items = (r.items || []).slice().sort((a, b) => a.level - b.level)
    top = items.length ? toNode(items[0]) : null
  }
  for (let i = 0; top && i < 3 && !top.leaf; i++) {
    const kids = await childrenOf(top.code)
    if (kids.length !== 1) break
    top = kids[0]
  }
  return top
}

export function clearDivisionCache() {
  childCache.clear()
}
