// API tokens page: a new token's secret is shown once, works as a Bearer token from outside
// the browser, and is refused once revoked.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'

const sessionWith = (token) => fetch(BASE + '/api/v1/session', { headers: { Authorization: 'Bearer ' + token } })

test('tokens: create, the secret shown once works from Node, revoke → 401', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/admin/tokens')
    await page.locator('[data-test="create-token"]').waitFor()

    const name = '数据共享测试' + String(Date.now()).slice(-6)
    await page.locator('[data-test="create-token"]').click()
    const dialog = page.locator('.el-dialog:visible', { hasText: '新建 API 令牌' })
    await dialog.getByRole('button', { name: '创建' }).click()
    await dialog.locator('.el-form-item__error', { hasText: '请输入令牌名称' }).waitFor()
    await dialog.locator('input').first().fill(name)
    await dialog.getByRole('button', { name: '创建' }).click()
    const secretBox = dialog.locator('[data-test="token-secret"]')
    await secretBox.waitFor()
    const secret = (await secretBox.innerText()).trim()
    assert.ok(secret.length >= 20, 'a long random secret')
    await shot(page, '21-token-secret')

    const ok = await sessionWith(secret)
    assert.equal(ok.status, 200)
    assert.equal((await ok.json()).user.username, ADMIN.user)

    await dialog.getByRole('button', { name: '我已保存' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const row = page.locator('.el-table__body tr', { hasText: name })
    await row.waitFor()
    assert.match(await row.innerText(), /有效/)
    assert.ok(!(await page.locator('body').innerText()).includes(secret), 'the list never shows the secret')
    const listed = await page.evaluate(() => fetch('/api/v1/tokens').then((r) => r.text()))
    assert.ok(!listed.includes(secret), 'nor does the API list')
    // Reopening the dialog offers a new token, not the old secret.
    await page.locator('[data-test="create-token"]').click()
    await dialog.locator('input').first().waitFor()
    assert.equal(await dialog.locator('[data-test="token-secret"]').count(), 0)
    await dialog.getByRole('button', { name: '取消' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await shot(page, '21-token-listed')

    await row.getByRole('button', { name: '吊销' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '吊销' }).click()
    await page.locator('.el-message--success', { hasText: '已吊销' }).waitFor()
    await row.waitFor({ state: 'detached' }) // the list holds the tokens in force
    await shot(page, '21-token-revoked')
    const revoked = await sessionWith(secret)
    assert.equal(revoked.status, 401)
    assert.equal((await revoked.json()).error.code, 'unauthenticated')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
