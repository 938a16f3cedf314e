// The second factor in the console: a user the security administrator marks must set one up
// right after their password (and can reach nothing else meanwhile), adds the key to an
// authenticator and confirms a code; the next login asks for a code after the password. An
// audit administrator sees the audit log and the security policy, and no ledgers.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall } from './lib.mjs'
import { totpCode } from '../totp.mjs'

async function freshLogin(page, who) {
  await page.context().clearCookies()
  await page.goto(BASE + '/?' + Date.now() + '#/login')
  await login(page, who, { expectOk: false })
}

test('second factor: required set-up after the password, then a login with a code', async () => {
  const admin = await openBrowser()
  const b = await openBrowser()
  try {
    await login(admin.page, ADMIN)
    const who = { user: 'totp' + String(Date.now()).slice(-7), pass: 'totp-first-pass-1' }
    const made = await apiCall(admin.page, 'POST', '/users', {
      username: who.user, display_name: '动态码测试', role: 'town', scope_division: '522726111', password: who.pass, totp_required: true,
    })
    assert.equal(made.status, 201, JSON.stringify(made.body))

    const { page } = b
    await freshLogin(page, who)
    await page.locator('[data-test="totp-required"]').waitFor()
    // nothing else answers until it is done
    await page.goto(BASE + '/#/r/persons')
    await page.locator('[data-test="totp-required"]').waitFor()
    await page.locator('[data-test="totp-password"]').fill(who.pass)
    await page.locator('[data-test="totp-begin"]').click()
    const secretText = (await page.locator('[data-test="totp-secret"]').innerText()).replace(/\s/g, '')
    assert.match(secretText, /^[A-Z2-7]{32}$/)
    assert.ok((await page.locator('[data-test="totp-uri"]').inputValue()).startsWith('otpauth://totp/jiceng:' + who.user))
    await shot(page, '27-totp-setup')
    await page.locator('[data-test="totp-code"]').fill('000000')
    await page.locator('[data-test="totp-confirm"]').click()
    await page.locator('.totp-page .el-form-item__error').waitFor()
    await page.locator('[data-test="totp-code"]').fill(totpCode(secretText))
    await page.locator('[data-test="totp-confirm"]').click()
    await page.locator('.el-message--success', { hasText: '已启用动态验证码' }).waitFor()
    await page.locator('.dashboard, .page').first().waitFor()
    assert.ok(!/account\/totp/.test(page.url()), 'back to the console: ' + page.url())

    // the next login asks for the code after the password
    await freshLogin(page, who)
    const code = page.locator('[data-test="login-totp"]')
    await code.waitFor()
    await shot(page, '27-totp-login')
    await code.fill(totpCode(secretText, Date.now() / 1000 + 30))
    await page.locator('[data-test="login-submit"]').click()
    await page.locator('.topbar').waitFor()
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
    await admin.close()
  }
})

test('an audit administrator sees the audit log and the policy, and no ledgers', async () => {
  const admin = await openBrowser()
  const b = await openBrowser()
  try {
    await login(admin.page, ADMIN)
    const who = { user: 'shenji' + String(Date.now()).slice(-7), pass: 'audit-first-pass-1' }
    const made = await apiCall(admin.page, 'POST', '/users', { username: who.user, display_name: '审计员', role: 'auditor', password: who.pass })
    assert.equal(made.status, 201, JSON.stringify(made.body))
    const { page } = b
    await freshLogin(page, who)
    await page.locator('.topbar').waitFor()
    const menu = page.locator('.side-menu, .el-menu').first()
    await menu.waitFor()
    const text = await menu.innerText()
    assert.match(text, /审计日志/)
    assert.match(text, /安全策略/)
    assert.doesNotMatch(text, /用户管理|API 令牌/)
    await page.goto(BASE + '/#/admin/security')
    await page.locator('[data-test="separation"]').waitFor()
    assert.equal(await page.locator('[data-test="security-save"]').count(), 0, 'the auditor cannot change the policy')
    await page.goto(BASE + '/#/admin/audit')
    await page.locator('.el-table__body tr').first().waitFor()
    await shot(page, '27-auditor')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
    await admin.close()
  }
})
