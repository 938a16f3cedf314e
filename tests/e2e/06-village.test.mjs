// A village user sees only their village: scope, lists and the menu.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, VILLAGE_CODE, openLedger, apiList } from './lib.mjs'

test('a village user (522726111200) sees only 下司村', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, VILLAGE)
    await page.locator('[data-test="counts-card"]').waitFor()
    assert.match(await page.locator('[data-test="scope-picker"]').innerText(), /下司村/)
    assert.equal(await page.locator('.side-menu').getByText('用户管理').count(), 0)
    assert.equal(await page.locator('.side-menu').getByText('审计日志').count(), 0)
    await shot(page, '06-village-dashboard')

    await page.locator('[data-test="scope-picker"]').click()
    const tree = page.locator('.scope-popper:visible .el-tree')
    await tree.waitFor()
    const nodes = await tree.locator('.el-tree-node__label').allInnerTexts()
    assert.deepEqual(nodes.map((s) => s.trim()), ['下司村'])
    await shot(page, '06-village-scope')
    await page.keyboard.press('Escape')

    await openLedger(page, 'persons')
    const all = await apiList(page, 'persons', { limit: 500 })
    assert.ok(all.items.every((p) => String(p.division_code).startsWith(VILLAGE_CODE)), 'the API returns only the village')
    const shown = await page.locator('.ledger-table .el-table__body tr').count()
    assert.equal(shown, Math.min(all.total, 20))
    const divisionCells = await page.locator('.ledger-table .el-table__body tr').evaluateAll((rows) => rows.map((r) => r.innerText))
    assert.ok(divisionCells.every((t) => t.includes('下司村')), 'every row is in 下司村')
    await shot(page, '06-village-persons')

    // A record of another village is out of scope: 404, never 403.
    const status = await page.evaluate(() => fetch('/api/v1/persons?division=522725').then((r) => r.status))
    assert.ok(status === 404 || status === 200, 'a foreign division filter is not an error page')
    const foreign = await apiList(page, 'persons', { division: '522725', limit: 5 })
    assert.equal((foreign.items || []).length, 0, 'nothing of 瓮安县 is visible')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
