// Named statistics (GET /api/v1/stats/{name}) shared by the cards and pages of one screen:
// one request per name and query, as a reactive { loading, error, data }.
import { reactive } from 'vue'
import { get } from '../api/http.js'

export { pct } from './labels.js'

const cache = reactive({})

export function cachedStats(name, query = {}, { fresh = false } = {}) {
  const key = name + JSON.stringify(query)
  if (!cache[key] || fresh) {
    const entry = reactive({ loading: true, error: '', data: null })
    cache[key] = entry
    get('/stats/' + name, query)
      .then((r) => {
        entry.data = r
      })
      .catch((e) => {
        if (e.status !== 401) entry.error = e.message
      })
      .finally(() => {
        entry.loading = false
      })
  }
  return cache[key]
}

/** Forgets the answers of the statistics named (all of them without names): asked again next time. */
export function forgetStats(...names) {
  for (const k of Object.keys(cache)) if (!names.length || names.some((n) => k.startsWith(n + '{'))) delete cache[k]
}
