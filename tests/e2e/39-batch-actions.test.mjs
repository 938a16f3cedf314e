// Batch actions: a town clerk ticks several recommended talents in 入库审核 and takes 镇级考察
// for all of them at once; each is recorded as its own step through the normal action call.
// On a phone the queue is cards, one action per card (no ticking).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall, recommendTalent, search } from './lib.mjs'

test('desktop: 镇级考察 for two recommended talents at once, each recorded', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const one = await recommendTalent(page, '批量')
    const two = await recommendTalent(page, '批量')
    await page.goto(BASE + '/#/talents/review')
    await page.locator('.ledger-table .el-table__row').first().waitFor()
    await search(page, '入库批量')
    const rows = page.locator('.ledger-table .el-table__body tr.el-table__row')
    for (const n of [one.name, two.name]) {
      await rows.filter({ hasText: n }).first().locator('.el-checkbox').click()
    }
    await page.locator('[data-test="batch-button"]').click()
    await page.locator('.el-dropdown-menu__item[data-action="inspect"]:visible').click()
    const dlg = page.locator('.action-dialog[data-action="inspect"]')
    await dlg.waitFor()
    await shot(page, '39-batch-inspect-dialog')
    await dlg.locator('[data-test="action-submit"]').click()
    await page.locator('.el-message--success', { hasText: '已对 2 条记录办理' }).waitFor()
    for (const t of [one.talent, two.talent]) {
      const r = await apiCall(page, 'GET', `/talents/${t.id}`)
      assert.equal(r.body.status, 'inspected')
      const ev = await apiCall(page, 'GET', `/talents/${t.id}/events`)
      assert.deepEqual(ev.body.items.map((e) => e.action), ['recommend', 'inspect'])
    }
    await shot(page, '39-batch-inspect-done')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('phone: the queue offers 镇级考察 on each card', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const one = await recommendTalent(page, '卡片')
    await page.goto(BASE + '/#/talents/review')
    const card = page.locator('[data-test="ledger-card"]', { hasText: one.name })
    await search(page, one.name)
    await card.first().waitFor()
    await card.first().locator('[data-action="inspect"]').click()
    const dlg = page.locator('.action-dialog[data-action="inspect"]')
    await dlg.waitFor()
    await dlg.locator('[data-test="action-submit"]').click()
    await page.locator('.el-message--success').first().waitFor()
    assert.equal((await apiCall(page, 'GET', `/talents/${one.talent.id}`)).body.status, 'inspected')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
