// Shared helpers for the browser tests: Debian's chromium through playwright-core, login,
// screenshots, form filling over the schema, valid test data.
import { chromium } from 'playwright-core'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const BASE = process.env.JICENG_URL || 'http://127.0.0.1:8080'
export const ADMIN = { user: process.env.E2E_ADMIN_USER || 'e2eadmin', pass: process.env.E2E_ADMIN_PASS || 'e2e-admin-pass-1' }
export const VILLAGE = { user: process.env.E2E_VILLAGE_USER || 'e2ecun', pass: process.env.E2E_VILLAGE_PASS || 'e2e-village-pass-1' }
export const SHOTS = process.env.E2E_SCREENSHOTS || path.resolve('build/screenshots')
export const VILLAGE_CODE = '522726111200' // 下司村, 下司镇, 独山县
export const VILLAGE_PATH = ['独山县', '下司镇', '下司村']

/** A fresh browser profile each time; close() removes it. */
export async function openBrowser(opts = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-e2e-'))
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: opts.viewport || { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  // generous: a wait ends as soon as its condition holds, and a busy machine is no failure
  ctx.setDefaultTimeout(30000)
  const page = ctx.pages()[0] || (await ctx.newPage())
  const errors = watchConsole(page)
  return {
    ctx,
    page,
    errors,
    async close() {
      await ctx.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Collects page errors and console errors; the browser's own "Failed to load resource"
 * lines for expected 4xx answers (422, 409, 401) are not the console's errors. */
export function watchConsole(page) {
  const errors = []
  page.on('pageerror', (e) => errors.push('pageerror: ' + e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push('console: ' + m.text())
  })
  return errors
}

export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.waitForTimeout(300) // let transitions settle
  await page.screenshot({ path: path.join(SHOTS, name + '.png') })
}

export async function login(page, who, { expectOk = true } = {}) {
  if (!/#\/login/.test(page.url())) await page.goto(BASE + '/#/login')
  await page.locator('input[name="username"]').fill(who.user)
  await page.locator('input[name="password"]').fill(who.pass)
  await page.locator('[data-test="login-submit"]').click()
  if (expectOk) await page.locator('.topbar').waitFor()
}

/** A village user of its own, created through the API from Node as the admin; throws unless
 * the server answers 201. */
export async function createVillageUser(username, password, division, displayName) {
  const r = await fetch(BASE + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: ADMIN.user, password: ADMIN.pass }),
  })
  const cookie = r.headers.get('set-cookie').split(';')[0]
  const { csrf } = await r.json()
  const c = await fetch(BASE + '/api/v1/users', {
    method: 'POST',
    // a cookie's writes must come from the site's own origin, as a browser's do
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: cookie, Origin: new URL(BASE).origin },
    body: JSON.stringify({ username, display_name: displayName, role: 'village', scope_division: division, password }),
  })
  if (c.status !== 201) throw new Error(`create user ${username}: ${c.status} ${await c.text()}`)
  await fetch(BASE + '/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': csrf, Cookie: cookie, Origin: new URL(BASE).origin } })
}

/** The schema as the logged-in user sees it. */
export async function schemaOf(page, name) {
  const s = await page.evaluate(() => fetch('/api/v1/schema').then((r) => r.json()))
  return s.resources.find((r) => r.name === name)
}

/** A list call from inside the page (cookie session). */
export async function apiList(page, res, query = {}) {
  return page.evaluate(
    ([res, query]) => fetch('/api/v1/' + res + '?' + new URLSearchParams(query)).then((r) => r.json()),
    [res, query],
  )
}

/** A JSON call from inside the page with the session's CSRF token → {status, body}. */
export async function apiCall(page, method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const s = await fetch('/api/v1/session').then((r) => r.json())
    const r = await fetch('/api/v1' + path, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, [method, path, body])
}

const NAMES = '甲乙丙丁戊己庚辛壬癸'
/** A new person of 下司村 recommended as a talent (村级推荐) through the API → {name, talent}. */
export async function recommendTalent(page, tag) {
  const n = uniq()
  const name = '入库' + tag + NAMES[n % 10] + NAMES[Math.floor(n / 10) % 10]
  const p = await apiCall(page, 'POST', '/persons', {
    name, gender: 'male', id_number: validId('19980304', n), birth_date: '1998-03-04',
    education: 'bachelor', political_status: 'masses', division_code: VILLAGE_CODE,
  })
  if (p.status !== 201) throw new Error('person: ' + JSON.stringify(p.body))
  const t = await apiCall(page, 'POST', '/talents', { person_id: p.body.id, village_code: VILLAGE_CODE, source: 'returning_graduate' })
  if (t.status !== 201) throw new Error('talent: ' + JSON.stringify(t.body))
  return { name, talent: t.body }
}

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** A valid 18-digit ID number in 独山县 born on `birth` (YYYYMMDD), sequence `seq`; the
 * sequence's last digit is odd for men and even for women, as GB 11643 has it. */
export function validId(birth, seq, gender = 'male') {
  let n = seq % 1000
  if ((n % 2 === 1) !== (gender === 'male')) n = n % 10 === 9 ? n - 1 : n + 1
  const body = '522726' + birth + String(n).padStart(3, '0')
  let s = 0
  for (let i = 0; i < 17; i++) s += +body[i] * W[i]
  return body + '10X98765432'[s % 11]
}
/** The same with the check digit changed. */
export function wrongId(birth, seq, gender = 'male') {
  const ok = validId(birth, seq, gender)
  const digits = '0123456789'
  return ok.slice(0, 17) + (ok[17] === '0' ? '1' : digits[(digits.indexOf(ok[17]) + 1) % 10] || '0')
}
export const uniq = () => Date.now() % 100000000

/**
 * Opens the select inside `holder` and returns its own options. Element Plus teleports
 * dropdowns to <body>, and the one closed just before may still be fading out there; the
 * combobox's aria-controls names the list that belongs to this select.
 */
export async function openOptions(page, holder) {
  await holder.locator('.el-select__wrapper').first().click()
  const id = await holder.locator('input[role="combobox"]').first().getAttribute('aria-controls')
  const items = page.locator(`[id="${id}"] .el-select-dropdown__item`)
  await items.first().waitFor()
  return items
}

/** Opens the select inside `holder` and clicks its option with `text` (string or RegExp). */
export async function chooseOption(page, holder, text) {
  await (await openOptions(page, holder)).filter({ hasText: text }).first().click()
}

/** Waits until the input `locator` holds `value` (a form filled from a request fills a moment later). */
export async function waitForValue(locator, value, timeout = 15000) {
  const until = Date.now() + timeout
  let v
  while ((v = await locator.inputValue().catch(() => undefined)) !== value) {
    if (Date.now() > until) assert.fail(`expected ${JSON.stringify(value)} in the field, found ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Picks a division in the tree select inside `item` by walking names from the root. */
export async function pickDivision(page, item, names) {
  await item.locator('.el-select__wrapper').first().click()
  // the tree sits in the select's own list, named by its combobox (see openOptions)
  const id = await item.locator('input[role="combobox"]').first().getAttribute('aria-controls')
  const pop = page.locator(`[id="${id}"]`)
  for (let i = 0; i < names.length; i++) {
    const node = pop.locator('.el-tree-node__content').filter({ has: page.getByText(names[i], { exact: true }) }).first()
    await node.waitFor()
    if (i === names.length - 1) {
      await node.getByText(names[i], { exact: true }).click()
    } else {
      const icon = node.locator('.el-tree-node__expand-icon')
      if (!(await icon.evaluate((el) => el.classList.contains('expanded')))) await icon.click()
    }
  }
  await page.keyboard.press('Escape').catch(() => {})
}

/**
 * Fills the record form for `values` (field → value) and, for required fields not given,
 * a plausible value of the field's type. Division values are name paths (arrays).
 */
export async function fillForm(page, resource, values, { divisionPath = VILLAGE_PATH } = {}) {
  const dialog = page.locator('.record-form:visible')
  for (const f of resource.fields) {
    if (f.readonly) continue
    let v = values[f.name]
    if (v === undefined) {
      if (!f.required) continue
      v = defaultFor(f, divisionPath)
    }
    const item = dialog.locator(`[data-field="${f.name}"]`)
    switch (f.type) {
      case 'enum':
        await chooseOption(page, item, (f.enum.find((e) => e.value === v) || f.enum[0]).label)
        break
      case 'division':
        await pickDivision(page, item, Array.isArray(v) ? v : divisionPath)
        break
      case 'bool':
        if (v) await item.locator('.el-switch').click()
        break
      case 'date':
        await item.locator('input').fill(v)
        await item.locator('input').press('Enter')
        break
      case 'ref':
        await (await openOptions(page, item)).first().click()
        break
      case 'int':
      case 'money_fen':
        await item.locator('input').fill(String(v))
        break
      case 'text':
        await item.locator('textarea').fill(String(v))
        break
      default:
        await item.locator('input').fill(String(v))
    }
  }
}

function defaultFor(f, divisionPath) {
  switch (f.type) {
    case 'enum': return f.enum[0].value
    case 'division': return divisionPath
    case 'date': return '2020-01-01'
    case 'int': return 1
    case 'money_fen': return 100
    case 'bool': return false
    case 'id_number': return validId('19900101', uniq())
    case 'phone': return '13900000000'
    case 'ref': return 1
    default: return '测试' + f.label
  }
}

export async function openLedger(page, res) {
  await page.goto(BASE + '/#/r/' + res)
  await page.locator(`.ledger[data-resource="${res}"]`).waitFor()
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'detached' }).catch(() => {})
}

export async function search(page, text) {
  const box = page.locator('input[data-test="search"], [data-test="search"] input').first()
  await box.fill(text)
  await box.press('Enter')
  await page.waitForTimeout(400)
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
}
