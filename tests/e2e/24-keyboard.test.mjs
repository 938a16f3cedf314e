// Keyboard use: on the login page Tab goes username → password → 登录 and Enter submits;
// a ledger's search box searches on Enter.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, shot, ADMIN, BASE, apiList } from './lib.mjs'

const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement
    return el ? el.getAttribute('name') || el.getAttribute('data-test') || el.tagName.toLowerCase() : null
  })

test('keyboard: Tab order and Enter on the login page; Enter in the search box', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await page.goto(BASE + '/#/login')
    await page.locator('[data-test="login-submit"]').waitFor()
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'username', null, { timeout: 3000 })
      .catch(() => assert.fail('the username box has the focus when the login page opens'))
    await page.keyboard.type(ADMIN.user)
    await page.keyboard.press('Tab')
    assert.equal(await focused(page), 'password')
    await page.keyboard.type(ADMIN.pass)
    await page.keyboard.press('Tab')
    assert.equal(await focused(page), 'login-submit')
    await shot(page, '24-login-focus-submit')
    await page.keyboard.press('Enter')
    await page.locator('.topbar').waitFor()

    // Enter in the password field submits too (after logging out).
    await b.ctx.clearCookies()
    await page.goto(BASE + '/#/login')
    await page.reload()
    await page.locator('input[name="username"]').fill(ADMIN.user)
    await page.locator('input[name="password"]').fill(ADMIN.pass)
    await page.locator('input[name="password"]').press('Enter')
    await page.locator('.topbar').waitFor()

    await page.goto(BASE + '/#/r/persons')
    await page.locator('.ledger[data-resource="persons"]').waitFor()
    await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    const first = (await apiList(page, 'persons', { limit: 1, sort: 'name' })).items[0]
    const expected = (await apiList(page, 'persons', { q: first.name, limit: 1 })).total
    const box = page.locator('[data-test="search"] input, input[data-test="search"]').first()
    await box.focus()
    await page.keyboard.type(first.name)
    const listed = page.waitForResponse((r) => /\/api\/v1\/persons\?/.test(r.url()) && r.url().includes('q='))
    await page.keyboard.press('Enter')
    await listed
    await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    await page.locator('[data-test="total"]', { hasText: new RegExp('共\\s*' + expected + '\\s*条') }).waitFor()
    const names = await page.locator('.ledger-table .el-table__body tr td:first-child').allInnerTexts()
    assert.ok(names.length > 0 && names.every((t) => t.includes(first.name)), names.join())
    await shot(page, '24-search-enter')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
