// 统计报表: a county officer's figures per child division for every named statistic, with
// 本年 / 累计 / 自选, 合计, a chart, an XLSX export and print, at both sizes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]

for (const [size, viewport] of SIZES) {
  test(`${size}: the report page lists the figures per child division with a total, and exports them`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, ADMIN)
      await page.goto(BASE + '/#/reports')
      const table = page.locator('[data-test="report-table"]')
      await table.locator('.el-table__row').first().waitFor()
      await page.locator('.report-card .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
      assert.match(await page.locator('[data-test="report-title"]').innerText(), /村级后备力量结构（本年）/)
      const text = await table.innerText()
      assert.match(text, /独山县/)
      assert.match(text, /合计/)
      assert.match(text, /在库人数/)
      await page.locator('.report-chart canvas').first().waitFor()
      await shot(page, `35-report-page-${size}`)

      // 累计 reloads the same figures for all time
      const reloaded = page.waitForResponse((r) => r.url().includes('/api/v1/stats/') && r.url().includes('from=1949-10-01'))
      await page.locator('[data-test="report-period"]').getByText('累计').click()
      await reloaded
      assert.match(await page.locator('[data-test="report-title"]').innerText(), /（累计）/)

      // every statistic the modules declare is offered
      await page.locator('[data-test="report-stat"]').click()
      await page.locator('.el-select-dropdown__item', { hasText: '工单办理' }).first().waitFor({ state: 'attached' })
      await page.keyboard.press('Escape')

      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="report-xlsx"]').click()])
      const shared = execFileSync('unzip', ['-p', await dl.path(), 'xl/sharedStrings.xml']).toString('utf8')
      assert.match(shared, /村级后备力量结构/)
      assert.match(shared, /独山县/)
      assert.match(shared, /合计/)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
