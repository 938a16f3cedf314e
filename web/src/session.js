// Who is logged in, their CSRF token, the resource schema and the division scope they picked.
import { reactive } from 'vue'

export const session = reactive({
  user: null, // U of API.md: id, username, display_name, role, scope_division, pii_access…
  csrf: '',
  schema: [], // resources of GET /api/v1/schema
  stats: [], // the named statistics a report page offers (GET /api/v1/schema), with their figures
  scope: null, // { code, name, level } the top-bar scope picker chose; null until known
  rootScope: null, // the user's own scope root (same shape)
  expired: false, // set when a 401 sent the user back to login
})

export const ROLE_LABELS = {
  admin: '超级管理员',
  county: '县级用户',
  town: '乡镇用户',
  village: '村（社区）用户',
  org: '组织用户',
  department: '部门用户',
  enterprise: '企业用户',
  viewer: '只读用户',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
}

/**
 * Whether the user holds one of the administrative powers named (API user.caps:
 * accounts, grant, audit, refdata); true when none are named.
 */
export function hasCap(caps) {
  if (!caps || !caps.length) return true
  const mine = session.user?.caps || []
  return caps.some((c) => mine.includes(c))
}

/** The user signed in with a password alone but must first set up a second factor. */
export function mustSetUpFactor() {
  return !!session.user?.totp_setup_required
}

export function resourceByName(name) {
  return session.schema.find((r) => r.name === name) || null
}

/** Whether the list of a resource narrows by the top bar's division scope (`division=`). */
export function scopedByDivision(r) {
  return !!(r && r.scope && r.scope !== 'none' && r.scope !== 'admin')
}

const SCOPE_KEY = 'jiceng.scope.'

export function setScope(div) {
  session.scope = div
  if (session.user) {
    try {
      localStorage.setItem(SCOPE_KEY + session.user.id, JSON.stringify(div))
    } catch {
      /* private mode: the choice just does not persist */
    }
  }
}

export function savedScope() {
  if (!session.user) return null
  try {
    return JSON.parse(localStorage.getItem(SCOPE_KEY + session.user.id) || 'null')
  } catch {
    return null
  }
}

/** The `division` query parameter for the chosen scope: omitted when it is the whole scope. */
export function scopeParam() {
  if (!session.scope) return undefined
  if (session.rootScope && session.scope.code === session.rootScope.code) return undefined
  return session.scope.code
}

export function clearSession() {
  session.user = null
  session.csrf = ''
  session.schema = []
  session.stats = []
  session.scope = null
  session.rootScope = null
}
