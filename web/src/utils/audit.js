// Audit entries in words: action names and field-level changes.
import { fieldText } from './format.js'

const ACTIONS = {
  create: '新增了记录',
  update: '修改了记录',
  delete: '删除了记录',
  import: '导入了数据',
  export: '导出了数据',
  reveal: '查看了完整敏感信息',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  password: '修改了密码',
  totp_enable: '设置了动态验证码',
  totp_disable: '关闭了动态验证码',
  totp_reset: '清除了动态验证码',
  action: '执行了操作',
}

/** An entry's action in words: a workflow step by its own label (考察, 入库), else the verb. */
export function actionLabel(a, entry) {
  if (entry?.action_label) return entry.action_label
  if (typeof a === 'string' && a.startsWith('action:')) return '办理了' + a.slice(7)
  return ACTIONS[a] || a
}

/** Who did it, by the name people know: the user's real name (and account), the server's
 * command line for changes made there. */
export function userName(e) {
  if (!e.user_id && (e.username === 'cli' || !e.username)) return '系统（服务器命令行）'
  if (e.user_name && e.username && e.user_name !== e.username) return `${e.user_name}（${e.username}）`
  return e.user_name || e.username || '—'
}

/** The name of the record an entry is about, from what it kept (its after, else its before). */
export function entryRecordName(resource, e, recordName) {
  const rec = parse(e.after) || parse(e.before)
  if (!rec || typeof rec !== 'object' || !e.entity_id) return e.entity_id ? '#' + e.entity_id : ''
  const refLabel = (resource?.fields || []).find((f) => f.type === 'ref' && f.required && rec[f.name + '_label'])
  const name = recordName(resource, { id: e.entity_id, ...rec })
  return name.startsWith('#') && refLabel ? rec[refLabel.name + '_label'] : name
}

export function actionType(a) {
  // coloured by meaning only: what removes or fails, and what reveals personal data
  return { delete: 'danger', reveal: 'warning', login_failed: 'danger' }[a] || 'info'
}

function parse(x) {
  if (!x) return null
  if (typeof x === 'object') return x
  try {
    return JSON.parse(x)
  } catch {
    return null
  }
}

const SKIP = new Set(['id', 'version', 'created_at', 'updated_at', 'deleted_at'])

/** [{label, before, after}] for the fields that differ between an entry's before and after. */
export function auditChanges(resource, a) {
  const before = parse(a.before)
  const after = parse(a.after)
  if (!after && !before) return []
  const out = []
  const fields = resource ? resource.fields : []
  const keys = new Set([...Object.keys(before || {}), ...Object.keys(after || {})])
  for (const k of keys) {
    if (SKIP.has(k) || k.endsWith('_label')) continue
    const f = fields.find((x) => x.name === k) || { name: k, label: k, type: 'string' }
    const b = before ? fieldText(f, before) : null
    const c = after ? fieldText(f, after) : ''
    if (before && after && b === c) continue
    if (a.action === 'create' && !c) continue
    out.push({ label: f.label, before: before && a.action !== 'create' ? b : null, after: c })
  }
  return out.slice(0, 20)
}
