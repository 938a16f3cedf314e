// A village user's 台账 import cannot admit: the dry run says its rows become 村级推荐 (a
// town's says 将直接入库), and the imported talents wait in 待考察 with no 入库时间.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, BASE, apiList, validId, uniq } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]
const FAMILY = '甲乙丙丁戊己庚辛壬癸'

for (const [size, viewport] of SIZES) {
  test(`${size}: a village clerk's import enters as 村级推荐, never 已入库`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, VILLAGE)
      const n = uniq() + (size === 'phone' ? 7 : 0)
      const name = '村导' + FAMILY[n % 10] + FAMILY[Math.floor(n / 10) % 10] + FAMILY[Math.floor(n / 100) % 10]
      const csv = '\ufeff姓名,身份证号,所在村,来源,入库时间\r\n' +
        `${name},${validId('19970505', n % 997)},下司村,其他,2024-01-01\r\n`
      await page.goto(BASE + '/#/r/talents/import')
      await page.locator('.import-page').waitFor()
      await page.locator('.import-drop input[type=file]').setInputFiles({ name: 'village.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
      await page.locator('[data-test="file-name"]', { hasText: 'village.csv' }).waitFor()
      await page.locator('[data-test="dry-run"]').click()
      const ok = page.locator('[data-test="dry-ok"]')
      await ok.waitFor()
      const said = await ok.innerText()
      assert.match(said, /将村级推荐 1 人（状态：村级推荐）/)
      assert.doesNotMatch(said, /入库/)
      await ok.scrollIntoViewIfNeeded()
      await shot(page, `31-village-import-checked-${size}`)
      await page.locator('[data-test="confirm-import"]').click()
      await page.locator('[data-test="import-result"]').waitFor()
      const items = (await apiList(page, 'talents', { q: name })).items
      assert.equal(items.length, 1)
      assert.equal(items[0].status, 'recommended')
      assert.equal(items[0].admitted_on, null)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
