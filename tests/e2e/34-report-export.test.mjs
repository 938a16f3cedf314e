// The 报表 export beside the data file: from the talent ledger, at both sizes, a titled
// workbook (the village and the day), 序号, names not codes, the view's columns; 打印本页
// prints the ledger without menus and filters.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import { openBrowser, login, shot, VILLAGE, BASE } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]

function sheetText(file) {
  const shared = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString('utf8')
  return [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1])
}

for (const [size, viewport] of SIZES) {
  test(`${size}: 导出报表 gives a titled sheet with 序号 and names`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, VILLAGE)
      await page.goto(BASE + '/#/talents/ledger')
      await page.locator('[data-test="ledger-card"], .ledger-table .el-table__row').first().waitFor()
      await page.locator('[data-test="export"]').click()
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-report"]:visible').click()])
      assert.match(dl.suggestedFilename(), /后备力量报表.*\.xlsx$/)
      const strings = sheetText(await dl.path())
      assert.match(strings[0], /^下司村村级后备力量台账（截至\d{4}年\d{1,2}月\d{1,2}日）$/)
      assert.ok(strings.includes('序号') && strings.includes('姓名') && strings.includes('所在村'))
      assert.ok(strings.includes('下司村'), 'the village by its name')
      assert.ok(!strings.some((s) => /#\d+/.test(s)), 'no "name #id" cells')
      await shot(page, `34-report-export-${size}`)

      await page.emulateMedia({ media: 'print' })
      assert.equal(await page.locator('.filter-card').first().isVisible(), false, 'filters are not printed')
      await shot(page, `34-print-view-${size}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
