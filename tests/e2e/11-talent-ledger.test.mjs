// 村级后备力量: the 台账's structure figures from the demo (下司镇, 44 admitted), the village
// narrowing, the dashboard cards, and the page at phone width.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'

async function openTalentLedger(page) {
  await page.goto(BASE + '/#/talents/ledger')
  await page.locator('.ledger[data-resource="talents"]').waitFor()
  await page.locator('[data-test="fig-admitted"]').getByText('44').waitFor()
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
}

test('the 台账 shows 44 admitted, ≤35 at 93.18% (41/44) and 大专以上 at 95.45% (42/44)', async () => {
  const b = await openBrowser({ viewport: { width: 1920, height: 1080 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    // /r/talents is served by the module's page
    await page.goto(BASE + '/#/r/talents')
    await page.waitForURL(/#\/talents\/ledger/)
    await openTalentLedger(page)
    const fig = (k) => page.locator(`[data-test="fig-${k}"]`).innerText()
    assert.match(await fig('admitted'), /44\s*人/)
    const under35 = await fig('under35')
    assert.match(under35, /93\.18%/)
    assert.match(under35, /41 \/ 44/)
    const college = await fig('college')
    assert.match(college, /95\.45%/)
    assert.match(college, /42 \/ 44/)
    await page.locator('[data-test="total"]').getByText('44').waitFor()
    await shot(page, '11-talent-ledger')

    // One village: the figures and the table follow it.
    await page.locator('[data-test="village-bar"] .el-radio-button', { hasText: '下司村' }).click()
    await page.locator('[data-test="fig-admitted"]').getByText('8').waitFor()
    await page.locator('[data-test="total"]').getByText('8', { exact: true }).waitFor()
    const villages = await page.locator('.ledger-table .el-table__body tr').evaluateAll((rows) => rows.map((r) => r.innerText))
    assert.equal(villages.length, 8)
    assert.ok(villages.every((t) => t.includes('下司村')), 'every row is in 下司村')
    await shot(page, '11-talent-ledger-village')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('the dashboard shows the talent cards: figures, sources (pie), villages (bar), exits', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1600 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const figures = page.locator('[data-test="talent-figures-card"]')
    await figures.waitFor()
    await figures.locator('[data-test="fig-under35"]').getByText('93.18%').waitFor()
    for (const k of ['source', 'village', 'exits']) {
      const card = page.locator(`[data-test="talent-chart-${k}"]`)
      await card.locator('canvas').first().waitFor()
      const box = await card.locator('.echart').boundingBox()
      assert.ok(box && box.height > 200 && box.width > 200, k + ' chart has a size')
    }
    await page.locator('[data-test="talent-chart-exits"]').scrollIntoViewIfNeeded()
    await page.waitForTimeout(800) // chart animation
    await shot(page, '11-talent-dashboard')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('the talent pages fit a 375 px screen', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    for (const [path, ready, name] of [
      ['/talents/ledger', '[data-test="fig-admitted"]', '11-talent-ledger-375'],
      ['/talents/review', '.ledger[data-resource="talents"] .ledger-table', '11-talent-review-375'],
      ['/talents/evaluations', '.eval-grid', '11-talent-evaluations-375'],
      ['/talents/trainings', '.ledger[data-resource="trainings"] .ledger-table', '11-talent-trainings-375'],
    ]) {
      await page.goto(BASE + '/#' + path)
      await page.locator(ready).first().waitFor()
      await page.waitForTimeout(600)
      const wide = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(wide <= 376, `${path} does not scroll sideways (${wide}px)`)
      await shot(page, name)
    }
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
