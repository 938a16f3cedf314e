// Typed helpers over api/http.js for the calls the console makes in many places.
import { get, post, del, ApiError } from './http.js'
import { session, clearSession, setScope, savedScope } from '../session.js'
import { rootDivision } from './divisions.js'

export * from './http.js'

/**
 * Logs in; `totp` is the 6-digit code of the user's authenticator when the server asked for
 * one (a 401 whose fields name totp). A user who must first set up a second factor gets a
 * session that can do only that: the schema and the divisions wait until it is done.
 */
export async function login(username, password, totp) {
  const body = { username, password }
  if (totp) body.totp = totp
  const r = await post('/session', body, { noAuthRedirect: true })
  session.user = r.user
  session.csrf = r.csrf
  session.expired = false
  if (!r.user.totp_setup_required) await loadAfterLogin()
}

/** After the second factor was set up: the session is a full one now. */
export async function factorReady(user) {
  session.user = user
  await loadAfterLogin()
}

/** Restores an existing cookie session on page load; false when there is none. */
export async function restoreSession() {
  try {
    const r = await get('/session', null, { noAuthRedirect: true })
    session.user = r.user
    session.csrf = r.csrf
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return false
    throw e
  }
  if (!session.user.totp_setup_required) await loadAfterLogin()
  return true
}

async function loadAfterLogin() {
  const [schema, root] = await Promise.all([get('/schema'), rootDivision().catch(() => null)])
  session.schema = (schema && schema.resources) || []
  session.stats = (schema && schema.stats) || []
  session.rootScope = root
  const saved = savedScope()
  // A remembered scope is only trusted if it lies inside the user's own subtree.
  if (saved && root && saved.code && saved.code.startsWith(shortCode(root.code))) setScope(saved)
  else setScope(root)
}

export async function logout() {
  try {
    await del('/session', null, { noAuthRedirect: true })
  } finally {
    clearSession()
  }
}

/** "522726111000" → "522726111": the significant prefix of a 12-digit division code. */
export function shortCode(code) {
  if (!code) return ''
  const c = String(code)
  if (c.length !== 12) return c
  if (/^\d{2}0{10}$/.test(c)) return c.slice(0, 2)
  if (/^\d{4}0{8}$/.test(c)) return c.slice(0, 4)
  if (/^\d{6}0{6}$/.test(c)) return c.slice(0, 6)
  if (/^\d{9}000$/.test(c)) return c.slice(0, 9)
  return c
}
