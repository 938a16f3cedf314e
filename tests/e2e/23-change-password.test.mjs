// Change password from the user menu: a wrong current password and a short new one are
// refused next to their fields; a good change keeps the session and the new password logs in.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, openLedger } from './lib.mjs'

test('change password: field errors, then success and a login with the new password', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    // A user of its own, so that the shared test users keep their passwords.
    await login(page, ADMIN)
    const who = { user: 'mima' + String(Date.now()).slice(-7), pass: 'first-password-1' }
    const status = await page.evaluate(async (who) => {
      const { csrf } = await fetch('/api/v1/session').then((r) => r.json())
      const r = await fetch('/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ username: who.user, display_name: '改密测试', role: 'village', scope_division: '522726111200', password: who.pass }),
      })
      return r.status
    }, who)
    assert.equal(status, 201)
    await b.ctx.clearCookies()
    await page.goto(BASE + '/#/login')
    await page.reload()
    await login(page, who)

    await page.locator('[data-test="user-menu"]').click()
    await page.locator('.el-dropdown-menu__item:visible', { hasText: '修改密码' }).click()
    const dialog = page.locator('.el-dialog:visible', { hasText: '修改密码' })
    await dialog.waitFor()
    const item = (label) => dialog.locator('.el-form-item', { has: page.locator('.el-form-item__label', { hasText: new RegExp('^' + label + '$') }) })
    const fill = async (old, neu, confirm = neu) => {
      await item('当前密码').locator('input').fill(old)
      await item('新密码').locator('input').fill(neu)
      await item('确认新密码').locator('input').fill(confirm)
      await dialog.getByRole('button', { name: '保存' }).click()
    }
    const newPass = 'second-password-2'

    await fill('not-my-password', newPass)
    await item('当前密码').locator('.el-form-item__error', { hasText: '原密码不正确' }).waitFor()
    await shot(page, '23-password-wrong-old')

    await fill(who.pass, 'short-9ch', 'short-9ch')
    await item('新密码').locator('.el-form-item__error', { hasText: '至少10个字符' }).waitFor()
    await shot(page, '23-password-too-short')
    await item('当前密码').locator('.el-form-item__error').waitFor({ state: 'detached', timeout: 3000 }) // the old error is gone

    await fill(who.pass, newPass, newPass + 'x')
    await item('确认新密码').locator('.el-form-item__error', { hasText: '不一致' }).waitFor()

    await fill(who.pass, newPass)
    await page.locator('.el-message--success', { hasText: '密码已修改' }).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    // This session stays; only the others end.
    await openLedger(page, 'persons')
    assert.equal(await page.locator('[data-test="login-submit"]').count(), 0)

    // Reopened, the dialog is empty.
    await page.locator('[data-test="user-menu"]').click()
    await page.locator('.el-dropdown-menu__item:visible', { hasText: '修改密码' }).click()
    await dialog.waitFor()
    assert.equal(await item('当前密码').locator('input').inputValue(), '')
    assert.equal(await dialog.locator('.el-form-item__error').count(), 0)
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await page.locator('[data-test="user-menu"]').click()
    await page.locator('[data-test="logout"]:visible').click()
    await page.locator('.el-message-box').getByRole('button', { name: '退出' }).click()
    await page.locator('[data-test="login-submit"]').waitFor()
    await login(page, { user: who.user, pass: who.pass }, { expectOk: false })
    await page.locator('[data-test="login-error"]', { hasText: '用户名或密码错误' }).waitFor()
    await login(page, { user: who.user, pass: newPass })
    await page.locator('[data-test="counts-card"]').waitFor()
    await shot(page, '23-password-new-login')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
