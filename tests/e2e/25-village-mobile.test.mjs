// A village user (下司村, 522726111200) on a 375 px phone adds a person through the form and
// finds them in the list; the division picker offers 下司村 only, and the server refuses a
// neighbouring village.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, VILLAGE, schemaOf, fillForm, openLedger, search, validId, uniq } from './lib.mjs'

test('a village user on a phone adds a person of their village', async () => {
  const b = await openBrowser({ viewport: { width: 375, height: 812 } })
  try {
    const { page } = b
    await login(page, VILLAGE)
    const persons = await schemaOf(page, 'persons')
    await openLedger(page, 'persons')
    await page.locator('[data-test="create"]').click()
    const form = page.locator('.record-form:visible')
    await form.waitFor()
    assert.ok(await form.evaluate((el) => el.classList.contains('is-fullscreen')), 'the form fills the phone screen')

    // The picker's tree is the user's subtree: 下司村 alone, nothing of its town.
    const item = form.locator('[data-field="division_code"]')
    await item.locator('.el-select__wrapper').click()
    const pop = page.locator(`[id="${await item.locator('input[role="combobox"]').getAttribute('aria-controls')}"]`)
    await pop.locator('.el-tree-node__content').first().waitFor()
    const offered = (await pop.locator('.el-tree-node__content').allInnerTexts()).map((s) => s.trim())
    assert.deepEqual(offered, ['下司村'])
    await shot(page, '25-village-division-picker')
    // Typing a neighbouring village's name finds nothing.
    await item.locator('input').fill('北盛')
    await page.waitForTimeout(300)
    assert.equal(await pop.locator('.el-tree-node:visible').count(), 0)
    await page.keyboard.press('Escape')

    const n = uniq()
    const name = '手机新增' + String(n).slice(-5)
    const idNumber = validId('19950505', n % 997)
    await fillForm(page, persons, { name, gender: 'male', id_number: idNumber, phone: '13800001234' }, { divisionPath: ['下司村'] })
    assert.match(await item.innerText(), /下司村/)
    await shot(page, '25-village-person-form')
    await form.locator('[data-test="form-submit"]').click()
    await form.waitFor({ state: 'hidden' })
    await page.locator('.el-message--success').first().waitFor()

    await search(page, name)
    const rows = page.locator('[data-test="ledger-card"]') // a phone shows cards
    await rows.filter({ hasText: name }).first().waitFor()
    assert.equal(await rows.count(), 1)
    assert.match(await rows.first().innerText(), /下司村/)
    await shot(page, '25-village-person-listed')
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, 'no horizontal page scroll at 375 px')

    // The API agrees: another village of 下司镇 is refused, and nothing is written.
    const refused = await page.evaluate(async () => {
      const { csrf } = await fetch('/api/v1/session').then((r) => r.json())
      const r = await fetch('/api/v1/persons', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ name: '越权新增', division_code: '522726111214' }),
      })
      return [r.status, (await r.json()).error.fields]
    })
    assert.equal(refused[0], 422)
    assert.ok(refused[1].division_code)
    const mine = await page.evaluate(() => fetch('/api/v1/persons?q=' + encodeURIComponent('越权新增')).then((r) => r.json()))
    assert.equal(mine.total, 0)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
