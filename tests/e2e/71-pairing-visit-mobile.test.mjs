// 记录走访 on a 375 px phone: the pairings falling due as large buttons, the form in a column
// with steppers, no sideways scrolling; the visit saved takes the pairing off the due list.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiList } from './lib.mjs'

test('a visit recorded on a phone from the due list', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const due = await apiList(page, 'pairings', { due_within: 7, limit: 8 })
    assert.ok(due.total >= 1, 'the demo has pairings falling due')
    await page.goto(BASE + '/#/pairing/visit')
    const list = page.locator('[data-test="due-list"]')
    await list.waitFor()
    const items = list.locator('.qv-due-item')
    assert.equal(await items.count(), Math.min(due.total, 8))
    const target = due.items[0]
    await list.locator(`[data-pairing="${target.id}"]`).click()
    const form = page.locator('[data-test="visit-form"]')
    await form.locator('.vf-chosen').waitFor()
    await form.locator('[data-field="visitors"] input').fill('县委组织部 王建国')
    await form.locator('[data-field="summary"] textarea').fill('电话了解企业复工复产情况')
    await form.locator('[data-field="kind"] .el-radio-button', { hasText: '电话联系' }).click()
    await form.locator('[data-field="suggestions"] .el-input-number__increase').click()
    await shot(page, '71-pairing-visit-phone')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, 'no horizontal page scroll at 375 px')
    const box = await form.locator('[data-test="visit-submit"]').boundingBox()
    assert.ok(box && box.height >= 40 && box.width > 300, 'a submit button one can hit with a thumb')
    await form.locator('[data-test="visit-submit"]').click()
    await page.locator('[data-test="visit-saved"]').waitFor()
    assert.match(await page.locator('[data-test="visit-saved"]').innerText(), /已记录/)
    const visits = await apiList(page, 'visits', { pairing_id: target.id, sort: '-id', limit: 1 })
    assert.equal(visits.items[0].visitors, '县委组织部 王建国')
    assert.equal(visits.items[0].kind, 'call')
    assert.equal(visits.items[0].suggestions, 1)
    // visited today: no longer falling due
    await list.locator(`[data-pairing="${target.id}"]`).waitFor({ state: 'detached' })
    await shot(page, '71-pairing-visit-phone-saved')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
