// An expired session returns to login and back to the page; logout ends the session.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, openLedger } from './lib.mjs'

test('session expiry returns to the same page after login; logout', async () => {
  const b = await openBrowser()
  try {
    const { page, ctx } = b
    await login(page, ADMIN)
    await openLedger(page, 'enterprises')

    // The server forgets the session (idle timeout): the next call answers 401.
    await ctx.clearCookies()
    await page.getByRole('button', { name: '刷新' }).click()
    await page.locator('[data-test="login-submit"]').waitFor()
    assert.match(page.url(), /redirect=.*enterprises/)
    await shot(page, '07-session-expired')
    await login(page, ADMIN)
    await page.locator('.ledger[data-resource="enterprises"]').waitFor()

    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.locator('.el-message-box').getByRole('button', { name: '退出' }).click()
    await page.locator('[data-test="login-submit"]').waitFor()
    await shot(page, '07-logged-out')
    const status = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status))
    assert.equal(status, 401)
    await page.goto(BASE + '/#/r/persons')
    await page.locator('[data-test="login-submit"]').waitFor()
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
