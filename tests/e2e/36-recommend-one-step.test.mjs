// 新增推荐人选 in one step, at both sizes: a village clerk types the ID number (the birth date
// and gender show at once), the name; the village is their own; the person is created and
// recommended (村级推荐) together.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, BASE, apiList, validId, uniq, openOptions } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]
const FAMILY = '甲乙丙丁戊己庚辛壬癸'

for (const [size, viewport] of SIZES) {
  test(`${size}: a village clerk recommends a new person in one step`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, VILLAGE)
      await page.goto(BASE + '/#/talents/ledger')
      await page.locator('[data-test="recommend-one"]').click()
      const n = uniq() + (size === 'phone' ? 3 : 0)
      const name = '一步' + FAMILY[n % 10] + FAMILY[Math.floor(n / 10) % 10] + FAMILY[Math.floor(n / 100) % 10]
      const id = validId('19960708', n % 997, 'female')
      await page.locator('[data-test="rec-id"]').fill(id)
      assert.match(await page.locator('[data-test="rec-derived"]').innerText(), /1996-07-08 · 女/)
      await page.locator('[data-test="rec-name"]').fill(name)
      await shot(page, `36-recommend-dialog-${size}`)
      await page.locator('[data-test="rec-submit"]').click()
      await page.locator('.el-message--success').waitFor()
      const items = (await apiList(page, 'talents', { q: name })).items
      assert.equal(items.length, 1)
      assert.equal(items[0].status, 'recommended')
      assert.equal(items[0].village_code, '522726111200')
      assert.equal(items[0].birth_date, '1996-07-08')
      assert.equal(items[0].gender, 'female')
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}

test('the person picker tells people apart by village and masked ID number', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, VILLAGE)
    await page.goto(BASE + '/#/r/training_attendance')
    await page.locator('[data-test="create"]').click()
    const item = page.locator('.record-form [data-field="person_id"]')
    await item.waitFor()
    const hint = (await openOptions(page, item)).locator('[data-test="ref-hint"]').first()
    await hint.waitFor()
    assert.match(await hint.innerText(), /^下司村 · \d{4}\*{13}[\dX]$/) // the masked form the server sends
    await shot(page, '36-person-picker')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
