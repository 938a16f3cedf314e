// Phones: below 768 px every ledger is a list of cards — the record's name, its state, two or
// three key fields and the main action — the first one on the first screen, nothing to swipe
// sideways; at 1440 px the same ledger is a table. A form on a phone keeps 保存 on screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, ADMIN, BASE } from './lib.mjs'

test('phone: the talent ledger and the review queue are cards with the main action at hand', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, VILLAGE)
    await page.goto(BASE + '/#/talents/ledger')
    const card = page.locator('[data-test="ledger-card"]').first()
    await card.waitFor()
    assert.equal(await page.locator('.ledger-table').count(), 0, 'no table on a phone')
    const box = await card.boundingBox()
    assert.ok(box.y + 40 < 812, `the first card starts at ${Math.round(box.y)} px, on the first screen`)
    const text = await card.innerText()
    assert.match(text, /已入库/)
    assert.match(text, /所在村/)
    assert.match(text, /来源/)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, 'no sideways scroll')
    await shot(page, '33-talent-cards-phone')

    // the card opens the record
    await card.locator('.lc-name').click()
    await page.locator('.el-drawer [data-test="detail-state"]').waitFor()
    await page.keyboard.press('Escape')

    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('phone: the town queue offers its step on each card; the form keeps 保存 on screen', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/talents/review')
    const card = page.locator('[data-test="ledger-card"]').first()
    await card.waitFor()
    assert.ok(await card.locator('[data-action]').count() >= 1, 'the main action is on the card')
    await shot(page, '33-review-cards-phone')

    await page.goto(BASE + '/#/r/persons')
    await page.locator('[data-test="ledger-card"]').first().waitFor()
    await page.locator('[data-test="create"]').click()
    const save = page.locator('[data-test="form-submit"]')
    await save.waitFor()
    const sb = await save.boundingBox()
    assert.ok(sb.y + sb.height <= 812, `保存 is on screen (${Math.round(sb.y)})`)
    await shot(page, '33-form-phone')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('desktop: the same ledger is a table', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, VILLAGE)
    await page.goto(BASE + '/#/talents/ledger')
    await page.locator('.ledger-table .el-table__row').first().waitFor()
    assert.equal(await page.locator('[data-test="ledger-card"]').count(), 0)
    await shot(page, '33-talent-table-desktop')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
