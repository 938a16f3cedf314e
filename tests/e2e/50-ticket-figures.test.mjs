// The dashboard's ticket cards: this year's 办结率, 满意度, 响应率 and 按时办结率 as the server
// computes them, the three by month (line), the tickets by kind and, for a kind, by category
// (bar), and the departments' 红黑榜 in the server's order. At 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, apiCall, chooseOption } from './lib.mjs'
import { PHONE, DESKTOP, sideways } from './tickets-lib.mjs'

const pct = (r) => (r.of ? (r.ratio * 100).toFixed(2) + '%' : '—')

async function rateText(page, key) {
  return (await page.locator(`[data-test="ticket-rates-card"] [data-rate="${key}"] .stat-value`).innerText()).trim()
}

for (const viewport of [DESKTOP, PHONE]) {
  test(`the 三率, the categories and the 红黑榜 on the home page (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const card = page.locator('[data-test="ticket-rates-card"]')
      await card.locator('[data-rate="resolution"] .stat-value').waitFor()
      const v = (await apiCall(page, 'GET', '/stats/tickets')).body.values
      await page.waitForFunction((t) => document.querySelector('[data-test="ticket-rates-card"] [data-rate="resolution"] .stat-value')?.innerText.trim() === t, pct(v.resolution_rate))
      assert.equal(await rateText(page, 'satisfaction'), pct(v.satisfaction_rate))
      assert.equal(await rateText(page, 'response'), pct(v.response_rate))
      assert.equal(await rateText(page, 'on-time'), pct(v.on_time_rate))
      await card.locator('canvas').first().waitFor()

      const rank = page.locator('[data-test="ticket-rank-card"]')
      await rank.locator('.el-table__body tr').first().waitFor()
      const names = await rank.locator('.el-table__body tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => td.innerText.split('\n')[0].trim()))
      assert.deepEqual(names, v.by_org.map((o) => o.name), 'the server\'s order')
      assert.equal(await rank.locator('[data-board="red"]').first().getAttribute('data-rank'), '1')
      const category = page.locator('[data-test="ticket-category-card"]')
      await category.locator('canvas').first().waitFor()
      await card.scrollIntoViewIfNeeded()
      await page.waitForTimeout(800) // the charts' animation
      await shot(page, `50-ticket-figures-${viewport.width}`)

      // One kind: its own rates and its categories.
      await chooseOption(page, card.locator('[data-test="ticket-kind"]'), /^项目代办$/)
      await category.locator('.card-title', { hasText: '项目代办按类别' }).waitFor()
      const k = (await apiCall(page, 'GET', '/stats/tickets?kind=project_agency')).body.values
      await page.waitForFunction((t) => document.querySelector('[data-test="ticket-rates-card"] [data-rate="resolution"] .stat-value')?.innerText.trim() === t, pct(k.resolution_rate))
      assert.equal(await rateText(page, 'satisfaction'), pct(k.satisfaction_rate))
      await category.locator('canvas').first().waitFor()
      if (viewport.width < 768) assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      await category.scrollIntoViewIfNeeded()
      await page.waitForTimeout(800)
      await shot(page, `50-ticket-categories-${viewport.width}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
