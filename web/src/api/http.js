// The one place that speaks HTTP to /api/v1: CSRF header, JSON bodies, errors per API.md,
// file downloads and uploads with progress. A 401 hands control to the session layer.
import { ref } from 'vue'
import { session } from '../session.js'

export class ApiError extends Error {
  constructor(status, error, retryAfter, body) {
    super((error && error.message) || statusText(status))
    this.status = status
    this.code = (error && error.code) || 'http_' + status
    this.fields = (error && error.fields) || null
    this.rows = (error && error.rows) || null
    this.retryAfter = retryAfter
    // the whole answer: an import's 422 carries what it found in the file beside the error
    this.body = body || null
  }
}

function statusText(status) {
  if (status === 0) return '无法连接服务器，请检查网络'
  if (status === 413) return '文件或请求内容过大'
  if (status >= 500) return '服务器内部错误，请稍后再试'
  return '请求失败（' + status + '）'
}

let unauthenticatedHandler = () => {}
const writeListeners = new Set()
/** Called after every successful write (any method but GET/HEAD, imports too): what shows
 * figures that a write may change (the to-do counts) reads them again. Returns the remover. */
export function onWrite(fn) {
  writeListeners.add(fn)
  return () => writeListeners.delete(fn)
}
function wrote(method, path) {
  if (method === 'GET' || method === 'HEAD') return
  for (const fn of writeListeners) fn(method, path)
}
/** Called on any 401 from the API except the login call itself. */
export function onUnauthenticated(fn) {
  unauthenticatedHandler = fn
}

/** Builds "/api/v1/path?a=1&b=2&b=3": arrays repeat the key, empty values are dropped. */
export function apiUrl(path, query) {
  let url = '/api/v1' + path
  const parts = []
  for (const [k, v] of Object.entries(query || {})) {
    const vals = Array.isArray(v) ? v : [v]
    for (const one of vals) {
      if (one === undefined || one === null || one === '') continue
      parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(one))
    }
  }
  if (parts.length) url += (url.includes('?') ? '&' : '?') + parts.join('&')
  return url
}

function headersFor(method, extra) {
  const h = { Accept: 'application/json', ...(extra || {}) }
  if (method !== 'GET' && method !== 'HEAD' && session.csrf) h['X-CSRF-Token'] = session.csrf
  return h
}

async function errorFrom(res, opts) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  const retry = parseInt(res.headers.get('Retry-After') || '', 10)
  const err = new ApiError(res.status, body && body.error, Number.isFinite(retry) ? retry : null, body)
  if (res.status === 401 && !opts.noAuthRedirect) unauthenticatedHandler(err)
  return err
}

/**
 * How many writes (POST, PATCH, PUT, DELETE) have succeeded in this tab: figures kept
 * between pages (the talent structure, counts) watch it and read again, so that no page
 * shows a count from before an import or a step.
 */
export const writes = ref(0)

/**
 * request('GET', '/persons', { query }) → parsed JSON (null for 204).
 * Options: query, body (object → JSON; Blob/ArrayBuffer → octet-stream), noAuthRedirect.
 * Throws ApiError.
 */
export async function request(method, path, opts = {}) {
  const headers = headersFor(method, opts.headers)
  let body
  if (opts.body instanceof Blob || opts.body instanceof ArrayBuffer) {
    body = opts.body
    headers['Content-Type'] = 'application/octet-stream'
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['Content-Type'] = 'application/json'
  }
  let res
  try {
    res = await fetch(apiUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, null, null)
  }
  if (!res.ok) throw await errorFrom(res, opts)
  wrote(method, path)
  if (method !== 'GET' && method !== 'HEAD') writes.value++
  if (res.status === 204) return null
  const text = await res.text()
  return text ? JSON.parse(text) : null
}

export const get = (path, query, opts) => request('GET', path, { ...opts, query })
export const post = (path, body, opts) => request('POST', path, { ...opts, body })
export const patch = (path, body, opts) => request('PATCH', path, { ...opts, body })
export const put = (path, body, opts) => request('PUT', path, { ...opts, body })
export const del = (path, query, opts) => request('DELETE', path, { ...opts, query })

function filenameFrom(res, fallback) {
  const cd = res.headers.get('Content-Disposition') || ''
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(cd)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      /* fall through to the plain form */
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(cd)
  return plain ? plain[1] : fallback
}

/** Fetches a file with the same cookie/401 handling as the JSON calls and saves it. */
export async function download(path, query, fallbackName) {
  let res
  try {
    res = await fetch(apiUrl(path, query), {
      headers: headersFor('GET'),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, null, null)
  }
  if (!res.ok) throw await errorFrom(res, {})
  const blob = await res.blob()
  const name = filenameFrom(res, fallbackName)
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return { name, size: blob.size }
}

/**
 * POSTs raw file bytes with upload progress (fetch cannot report it).
 * onProgress(percent) is called as bytes leave. Resolves with the JSON answer; throws ApiError.
 */
export function upload(path, query, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', apiUrl(path, query))
    const headers = headersFor('POST', { 'Content-Type': 'application/octet-stream' })
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => reject(new ApiError(0, null, null))
    xhr.onload = () => {
      let body = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        wrote('POST', path)
        if (onProgress) onProgress(100)
        if (!(body && body.dry_run)) writes.value++ // a dry run writes nothing
        resolve(body)
        return
      }
      const retry = parseInt(xhr.getResponseHeader('Retry-After') || '', 10)
      const err = new ApiError(xhr.status, body && body.error, Number.isFinite(retry) ? retry : null, body)
      if (xhr.status === 401) unauthenticatedHandler(err)
      reject(err)
    }
    xhr.send(file)
  })
}
