// Audit log page: filtered by 人员 and one record id, it lists that record's creation and
// its change, each with its field-level changes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, chooseOption, validId, uniq, VILLAGE_CODE } from './lib.mjs'

test('audit: entity 人员 + record id lists the create and update rows with their changes', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const n = uniq()
    const name = '审计测试' + String(n).slice(-5)
    const id = await page.evaluate(
      async ([name, idNumber, division]) => {
        const { csrf } = await fetch('/api/v1/session').then((r) => r.json())
        const h = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }
        const rec = await fetch('/api/v1/persons', {
          method: 'POST', headers: h,
          body: JSON.stringify({ name, gender: 'male', id_number: idNumber, division_code: division, address: '下司村一组' }),
        }).then((r) => r.json())
        const upd = await fetch('/api/v1/persons/' + rec.id, {
          method: 'PATCH', headers: h, body: JSON.stringify({ version: rec.version, address: '下司村二组' }),
        })
        if (upd.status !== 200) throw new Error('PATCH ' + upd.status)
        return rec.id
      },
      [name, validId('19790707', n % 997), VILLAGE_CODE],
    )

    await page.goto(BASE + '/#/admin/audit')
    await page.locator('.page-title', { hasText: '审计日志' }).waitFor()
    const filters = page.locator('.filter-card')
    await chooseOption(page, filters.locator('.el-form-item', { hasText: '对象' }), '人员')
    const idBox = filters.locator('.el-form-item', { hasText: '记录ID' }).locator('input')
    await idBox.fill(String(id))
    const listed = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('entity_id=' + id))
    await idBox.press('Enter')
    await listed
    const rows = page.locator('.table-card .el-table__body > tbody > tr.el-table__row')
    await page.locator('.table-card .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    await rows.first().waitFor()
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '))
    assert.equal(texts.length, 2, 'one create and one update: ' + texts.join(' | '))
    // the record by its name and the user by theirs, not bare ids and account names alone
    assert.ok(texts.every((t) => t.includes('人员') && t.includes(name) && t.includes('测试管理员')), texts.join(' | '))
    assert.ok(texts.some((t) => t.includes('新增了记录')) && texts.some((t) => t.includes('修改了记录')))

    // Expand both rows: the creation lists the values, the change the address before → after.
    for (let i = 0; i < 2; i++) await rows.nth(i).locator('.el-table__expand-icon').click()
    const update = page.locator('.table-card .el-table__body > tbody > tr', { hasText: '修改了记录' })
    const updChanges = update.locator('xpath=following-sibling::tr[1]').locator('.audit-changes')
    await updChanges.waitFor()
    const u = (await updChanges.innerText()).replace(/\s+/g, '')
    assert.match(u, /住址：下司村一组→下司村二组/)
    assert.doesNotMatch(u, /姓名/, 'only what changed')
    const create = page.locator('.table-card .el-table__body > tbody > tr', { hasText: '新增了记录' })
    const crChanges = create.locator('xpath=following-sibling::tr[1]').locator('.audit-changes')
    const c = (await crChanges.innerText()).replace(/\s+/g, '')
    assert.ok(c.includes('姓名：' + name), c)
    assert.ok(c.includes('住址：下司村一组'), c)
    await shot(page, '22-audit-record')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
