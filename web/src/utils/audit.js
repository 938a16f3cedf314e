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

export function actionLabel(a) {
  return ACTIONS[a] || a
}

export function actionType(a) {
  return { create: 'success', delete: 'danger', update: 'primary', reveal: 'warning', login_failed: 'danger' }[a] || 'info'
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
