// Two tabs edit the same record; the second save gets 409 and offers to reload.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, openLedger, watchConsole, waitForValue } from './lib.mjs'

async function openFirstForEdit(page) {
  await openLedger(page, 'persons')
  const row = page.locator('.ledger-table .el-table__body tr').first()
  const name = (await row.locator('td').first().innerText()).trim()
  await row.locator('[data-test="edit"]').click()
  await page.locator('.record-form:visible').waitFor()
  return name
}

test('a stale edit is refused with 该记录已被他人修改', async () => {
  const b = await openBrowser()
  try {
    const a = b.page
    await login(a, ADMIN)
    const other = await b.ctx.newPage()
    const otherErrors = watchConsole(other)
    // Both tabs open the same record before either saves.
    const name = await openFirstForEdit(a)
    const name2 = await openFirstForEdit(other)
    assert.equal(name, name2)

    const addr = a.locator('.record-form:visible [data-field="address"] input')
    await addr.fill('第一个标签页修改的地址')
    await a.locator('[data-test="form-submit"]').click()
    await a.locator('.record-form').waitFor({ state: 'hidden' })

    await other.locator('.record-form:visible [data-field="address"] input').fill('第二个标签页修改的地址')
    await other.locator('[data-test="form-submit"]').click()
    const box = other.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), /该记录已被他人修改/)
    await shot(other, '03-conflict')
    await box.getByRole('button', { name: '重新加载' }).click()
    await waitForValue(other.locator('.record-form:visible [data-field="address"] input'), '第一个标签页修改的地址')
    await shot(other, '03-conflict-reloaded')
    assert.deepEqual([...b.errors, ...otherErrors], [])
  } finally {
    await b.close()
  }
})
