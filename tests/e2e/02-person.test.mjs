// Create a person: a wrong ID number is refused next to its field; corrected, the person
// is saved and found through the search box; the drawer shows the record and its history.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, schemaOf, fillForm, openLedger, search, validId, wrongId, uniq } from './lib.mjs'

test('create a person, fix the ID number, find them by search', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const persons = await schemaOf(page, 'persons')
    await openLedger(page, 'persons')
    await shot(page, '02-persons-list')

    const n = uniq()
    const name = '测试' + ['甲', '乙', '丙', '丁'][n % 4] + String(n).slice(-4)
    const birth = '19880' + (1 + (n % 9)) + '15'
    await page.locator('[data-test="create"]').click()
    await page.locator('.record-form:visible').waitFor()
    // The gender must agree with the ID number's sequence digit (odd: male).
    const gender = persons.fields.find((f) => f.name === 'gender')
    const male = gender ? gender.enum[0].value : undefined
    const values = { name, id_number: wrongId(birth, n % 997) }
    if (gender) values.gender = male
    await fillForm(page, persons, values)
    await page.locator('[data-test="form-submit"]').click()
    const idItem = page.locator('.record-form:visible [data-field="id_number"]')
    await idItem.locator('.el-form-item__error').waitFor()
    assert.match(await idItem.locator('.el-form-item__error').innerText(), /身份证/)
    await shot(page, '02-person-id-error')

    await idItem.locator('input').fill(validId(birth, n % 997))
    await page.locator('[data-test="form-submit"]').click()
    await page.locator('.record-form').waitFor({ state: 'hidden' })
    await page.locator('.el-message--success').first().waitFor()

    await search(page, name)
    const row = page.locator('.ledger-table .el-table__body tr', { hasText: name })
    await row.first().waitFor()
    assert.equal(await page.locator('.ledger-table .el-table__body tr').count(), 1)
    await shot(page, '02-person-found')

    await row.first().click()
    await page.locator('.record-detail .detail-desc').waitFor()
    await shot(page, '02-person-detail')
    await page.locator('.record-detail .detail-tabs .el-tabs__item', { hasText: '变更记录' }).click()
    await page.locator('.record-detail .audit-timeline').waitFor()
    await page.locator('.record-detail .detail-tabs .el-tabs__item', { hasText: '基本信息' }).click()
    if (await page.locator('[data-test="reveal"]').count()) {
      await page.locator('[data-test="reveal"]').click()
      await page.locator('.record-detail [data-field="id_number"]', { hasText: validId(birth, n % 997) }).waitFor()
    }
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
