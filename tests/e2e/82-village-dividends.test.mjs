// The dividend run in the browser: this year's draft of 新坪村's cooperative is computed into
// one line per holding whose totals add up to the distributable amount to the fen, approved
// with a date, and its allocation downloaded as the bank's XLSX.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { openBrowser, login, shot, ADMIN, BASE, apiList } from './lib.mjs'

test('compute, see the allocation, approve and download it for the bank', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const draft = (await apiList(page, 'coop_dividends', { status: 'draft' })).items[0]
    assert.ok(draft, 'the demo has a draft run')
    await page.goto(BASE + '/#/village/dividends')
    await page.locator('[data-test="dividend-runs"] .el-table__body tr', { hasText: String(draft.year) }).filter({ hasText: '待计算' }).click()
    await page.locator('[data-test="action-compute"]').click()
    await page.locator('.el-message-box__btns button', { hasText: '计算分红' }).click()
    const lines = page.locator('[data-test="dividend-lines"] .el-table__body tr')
    await lines.first().waitFor()
    const api = (await apiList(page, 'coop_dividend_lines', { dividend_id: draft.id, limit: 500 })).items
    assert.ok(api.length > 1)
    assert.equal(await lines.count(), api.length)
    assert.equal(api.reduce((s, l) => s + l.total_fen, 0), draft.distributable_fen)
    const sum = await page.locator('[data-test="dividend-lines"] .el-table__footer').innerText()
    const yuan = (draft.distributable_fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })
    assert.ok(sum.includes(yuan), `the total ${yuan} in ${sum}`)
    await shot(page, '82-village-dividends')

    await page.locator('[data-test="action-approve"]').click()
    await page.locator('.action-dialog:visible [data-test="action-submit"]').click()
    await page.locator('[data-test="dividend-runs"] .el-table__body tr', { hasText: '已审批' }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="lines-xlsx"]').click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/)
    const file = await download.path()
    const head = fs.readFileSync(file).subarray(0, 2).toString()
    assert.equal(head, 'PK', 'an XLSX (zip) file')
    const run = (await apiList(page, 'coop_dividends', { status: 'approved' })).items.find((r) => r.id === draft.id)
    assert.ok(run, 'approved')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
