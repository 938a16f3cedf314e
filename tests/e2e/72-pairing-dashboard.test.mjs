// The dashboard's pairing cards (compliance, funds and jobs by kind, leaders' visits by month)
// agree with the statistic, and the projects ledger shows progress and 新坪村's 320万.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'

test('pairing cards on the dashboard; the projects ledger with progress', async () => {
  const b = await openBrowser({ viewport: { width: 1600, height: 1800 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const s = await page.evaluate(() => fetch('/api/v1/stats/pairings').then((r) => r.json()))
    const c = s.values.visit_compliance
    const pct = c.of ? (c.ratio * 100).toFixed(2) + '%' : '—'
    const card = page.locator('[data-test="pairing-compliance-card"]')
    await card.locator('[data-test="compliance-ratio"]').getByText(pct).waitFor()
    await card.locator('canvas').first().waitFor()
    for (const k of ['pairing-funds-card', 'leader-visits-card']) {
      const el = page.locator(`[data-test="${k}"]`)
      await el.locator('canvas').first().waitFor()
      const box = await el.locator('.echart').boundingBox()
      assert.ok(box && box.height > 200 && box.width > 200, k + ' has a chart')
    }
    await page.locator('[data-test="pairing-funds-card"] .el-radio-button', { hasText: '累计' }).click()
    await page.locator('[data-test="funds-total"]').getByText(/项目 (2[3-9]|[3-9]\d) 个/).waitFor()
    await page.locator('[data-test="pairing-compliance-card"]').scrollIntoViewIfNeeded()
    await shot(page, '72-pairing-dashboard')

    await page.goto(BASE + '/#/r/assistance_projects')
    await page.waitForURL(/#\/pairing\/projects/)
    await page.locator('.project-table .el-table__body tr').first().waitFor()
    const bars = await page.locator('.project-table .pj-progress').evaluateAll((els) => els.map((e) => Number(e.dataset.progress)))
    assert.ok(bars.some((x) => x === 100) && bars.some((x) => x < 100), 'done and ongoing projects')
    await page.locator('.pl-search input').fill('洞穴食用菌')
    await page.locator('.pl-search input').press('Enter')
    await page.locator('.project-table .el-table__body tr', { hasText: '清风洞' }).waitFor()
    const xp = await page.evaluate(() => fetch('/api/v1/assistance_projects/stats?group=division_code&sum=funds_fen&division=522727108203').then((r) => r.json()))
    assert.equal(xp.groups[0].sum, 320000000)
    await shot(page, '72-pairing-projects')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
