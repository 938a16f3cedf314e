// Login (wrong password, then right), the dashboard, and the layout at phone width.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'

test('login shows errors, then opens the dashboard', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await page.goto(BASE + '/')
    await page.locator('[data-test="login-submit"]').waitFor()
    await shot(page, '01-login-page')
    await login(page, { user: ADMIN.user, pass: 'not-the-password' }, { expectOk: false })
    const err = page.locator('[data-test="login-error"]')
    await err.waitFor()
    assert.match(await err.innerText(), /密码|失败|错误/)
    await shot(page, '01-login-error')

    await login(page, ADMIN)
    await page.locator('[data-test="counts-card"]').waitFor()
    await page.locator('[data-test="counts-card"] .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    await page.locator('[data-test="counts-card"] canvas').first().waitFor()
    assert.ok(await page.locator('.side-menu').getByText('人员', { exact: true }).count())
    await shot(page, '01-dashboard')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('at 375 px the menu is a drawer', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await page.goto(BASE + '/#/login')
    await shot(page, '01-login-mobile')
    await login(page, ADMIN)
    await page.locator('[data-test="counts-card"]').waitFor()
    assert.equal(await page.locator('.aside').count(), 0)
    await shot(page, '01-dashboard-mobile')
    await page.locator('.topbar [aria-label="打开菜单"]').click()
    await page.locator('.menu-drawer .side-menu').waitFor()
    await shot(page, '01-menu-drawer-mobile')
    await page.locator('.menu-drawer').getByText('人员', { exact: true }).click()
    await page.locator('.ledger[data-resource="persons"]').waitFor()
    await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    await shot(page, '01-persons-mobile')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, 'no horizontal page scroll at 375 px')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
