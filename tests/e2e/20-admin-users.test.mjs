// Users page: an admin creates a town user of 下司镇, who logs in and sees only 下司镇; a
// locked account cannot log in, an unlocked one can; a reset password replaces the old one.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, pickDivision, chooseOption, search, apiList } from './lib.mjs'

const TOWN_CODE = '522726111000' // 下司镇

/** Runs one of the row's actions and confirms its dialog (after `fill`, if given). */
async function rowAction(page, username, label, fill) {
  const row = page.locator('.ledger-table .el-table__body tr', { hasText: username }).first()
  // the first two actions are buttons, the rest under 更多
  const inline = row.locator('.ops').getByRole('button', { name: label, exact: true })
  if (await inline.count()) {
    await inline.click()
  } else {
    await row.locator('[data-test="more-actions"]').click()
    await page.locator('.el-dropdown-menu:visible .el-dropdown-menu__item', { hasText: label }).first().click()
  }
  const form = page.locator('.action-dialog:visible')
  await form.waitFor()
  if (fill) await fill(form)
  await form.locator('[data-test="action-submit"]').click()
  await form.waitFor({ state: 'hidden' })
  await page.locator('.el-message--success', { hasText: username + '：' + label + '完成' }).last().waitFor()
}

async function statusOf(page, username) {
  const row = page.locator('.ledger-table .el-table__body tr', { hasText: username }).first()
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
  return (await row.locator('.el-tag', { hasText: /^(正常|已锁定|已停用)$/ }).innerText()).trim()
}

/** A login attempt on a fresh login page; returns the error text, or '' when it succeeded. */
async function tryLogin(page, who) {
  await page.context().clearCookies()
  await page.goto(BASE + '/?' + Date.now() + '#/login') // a fresh start of the console
  await login(page, who, { expectOk: false })
  const err = page.locator('[data-test="login-error"]')
  const ok = page.locator('.topbar')
  await Promise.race([err.waitFor(), ok.waitFor()])
  return (await err.count()) ? (await err.innerText()).trim() : ''
}

test('users: create a town user, lock, unlock and reset the password', async () => {
  const admin = await openBrowser()
  const user = await openBrowser()
  try {
    const { page } = admin
    await login(page, ADMIN)
    await page.goto(BASE + '/#/admin/users')
    await page.locator('.ledger[data-resource="users"]').waitFor()

    const username = 'zhen' + String(Date.now()).slice(-7)
    const pass1 = 'town-first-pass-1'
    const pass2 = 'town-second-pass-2'
    await page.locator('[data-test="create"]').click()
    const form = page.locator('.record-form:visible')
    await form.waitFor()
    await form.locator('[data-field="username"] input').fill(username)
    await form.locator('[data-field="display_name"] input').fill('下司镇测试用户')
    await chooseOption(page, form.locator('[data-field="role"]'), '乡镇用户')
    await pickDivision(page, form.locator('[data-field="scope_division"]'), ['独山县', '下司镇'])
    const pw = form.locator('[data-field="password"] input')
    assert.equal(await pw.getAttribute('type'), 'password', 'the initial password is typed blind')
    await pw.fill(pass1)
    await shot(page, '20-user-create')
    await form.locator('[data-test="form-submit"]').click()
    await form.waitFor({ state: 'hidden' })
    await search(page, username)
    assert.equal(await statusOf(page, username), '正常')
    const created = (await apiList(page, 'users', { q: username })).items.find((u) => u.username === username)
    assert.equal(created.role, 'town')
    assert.equal(created.scope_division, TOWN_CODE)
    await shot(page, '20-user-created')

    // Editing: the user name is fixed once created and the password is not a field there.
    await page.locator('.ledger-table .el-table__body tr', { hasText: username }).first().locator('[data-test="edit"]').click()
    await form.waitFor()
    assert.ok(await form.locator('[data-field="username"] input').isDisabled())
    assert.equal(await form.locator('[data-field="password"]').count(), 0)
    await form.getByRole('button', { name: '取消' }).click()
    await form.waitFor({ state: 'hidden' })

    // The new user, in a browser of their own, sees 下司镇 and nothing outside it.
    const up = user.page
    assert.equal(await tryLogin(up, { user: username, pass: pass1 }), '')
    await up.locator('[data-test="counts-card"]').waitFor()
    assert.match(await up.locator('[data-test="scope-picker"]').innerText(), /下司镇/)
    await up.locator('[data-test="scope-picker"]').click()
    const tree = up.locator('.scope-popper:visible .el-tree')
    await tree.locator('.el-tree-node__label').first().waitFor()
    assert.equal((await tree.locator(':scope > .el-tree-node > .el-tree-node__content .el-tree-node__label').allInnerTexts()).join(), '下司镇')
    await shot(up, '20-town-user-scope')
    await up.keyboard.press('Escape')
    const persons = await apiList(up, 'persons', { limit: 500 })
    assert.ok(persons.total > 0, '下司镇 has demo persons')
    assert.ok(persons.items.every((p) => String(p.division_code).startsWith('522726111')), 'only 下司镇 records are listed')
    const foreign = await apiList(up, 'persons', { division: '522726100', limit: 5 })
    assert.equal((foreign.items || []).length, 0, 'nothing outside 下司镇')

    // Locked: the right password is answered with the account's state.
    await rowAction(page, username, '锁定')
    assert.equal(await statusOf(page, username), '已锁定')
    await shot(page, '20-user-locked')
    assert.match(await tryLogin(up, { user: username, pass: pass1 }), /锁定|停用/)
    await shot(up, '20-locked-login')

    await rowAction(page, username, '解锁')
    assert.equal(await statusOf(page, username), '正常')
    assert.equal(await tryLogin(up, { user: username, pass: pass1 }), '')

    await rowAction(page, username, '重置密码', async (f) => {
      const input = f.locator('[data-field="password"] input')
      assert.equal(await input.getAttribute('type'), 'password', 'the new password is typed blind')
      await input.fill(pass2)
      await shot(page, '20-reset-password')
    })
    assert.match(await tryLogin(up, { user: username, pass: pass1 }), /用户名或密码错误/)
    assert.equal(await tryLogin(up, { user: username, pass: pass2 }), '')
    await up.locator('[data-test="counts-card"]').waitFor()
    await shot(up, '20-new-password-login')
    assert.deepEqual([...admin.errors, ...user.errors], [])
  } finally {
    await admin.close()
    await user.close()
  }
})
