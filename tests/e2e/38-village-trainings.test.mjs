// Consistent visibility, at both sizes: the trainings a village's people attended (held by the
// county or the town) are listed for the village — the 人次 its figures count are not
// "暂无培训" — and the village cannot edit them.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, BASE, apiList, apiCall } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]

for (const [size, viewport] of SIZES) {
  test(`${size}: a village sees the trainings its people attended`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, VILLAGE)
      await page.goto(BASE + '/#/talents/trainings')
      const row = page.locator('.ledger[data-resource="trainings"]').locator('[data-test="ledger-card"], .ledger-table .el-table__row').first()
      await row.waitFor()
      const list = await apiList(page, 'trainings', { limit: 100 })
      assert.ok(list.total > 0)
      const notOurs = list.items.find((t) => t.division_code !== '522726111200')
      assert.ok(notOurs, 'a training held above the village is listed')
      const r = await apiCall(page, 'PATCH', `/trainings/${notOurs.id}`, { version: notOurs.version, title: notOurs.title + '改' })
      assert.equal(r.status, 404, 'but not the village’s to change')
      await shot(page, `38-village-trainings-${size}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
