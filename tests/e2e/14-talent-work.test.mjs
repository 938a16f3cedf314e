// 研判考核 (the talents × periods grid) and 培训 (attendance added in bulk).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiList, openOptions } from './lib.mjs'

test('the reviews grid shows the admitted talents and records a grade from a cell', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/talents/evaluations')
    await page.locator('.eval-grid').waitFor()
    const admitted = (await apiList(page, 'talents', { status: 'admitted', limit: 1 })).total
    assert.ok(admitted >= 44)
    await page.locator('.talent-evals .total').getByText(String(admitted), { exact: true }).waitFor()
    await page.locator('.eval-grid .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    assert.ok((await page.locator('.eval-grid [data-grade]').count()) > 0, 'the demo grades show')
    const year = new Date().getFullYear()
    const cell = page.locator(`.eval-grid .el-table__body-wrapper .eg-cell[data-period="${year}Q1"]`).first()
    await cell.click()
    const dlg = page.locator('.eval-dialog')
    await dlg.waitFor()
    await dlg.locator('.el-radio-button', { hasText: /^优秀$/ }).click()
    await dlg.locator('[data-field="comment"] textarea').fill('带头发展茶叶产业，群众认可')
    await dlg.locator('[data-test="eval-save"]').click()
    await dlg.waitFor({ state: 'hidden' })
    await cell.locator('[data-grade="excellent"]').waitFor()
    await shot(page, '14-talent-evaluations')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a training takes several attendees at once, with progress; its 参训人次 follows', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/talents/trainings')
    const first = page.locator('.ledger[data-resource="trainings"] .ledger-table .el-table__body tr').first()
    await first.waitFor()
    const title = (await first.locator('td').first().innerText()).trim().replace(/…$/, '')
    const training = (await apiList(page, 'trainings', { q: title })).items[0]
    const listed = (await apiList(page, 'training_attendance', { training_id: training.id, limit: 1 })).total
    const count = first.locator('[data-count="training_attendance"]')
    await count.getByText(String(listed), { exact: true }).waitFor()
    // The count opens the training's attendance, the child ledger in its drawer.
    await count.click()
    const panel = page.locator('.record-detail [data-child="training_attendance"]')
    await panel.locator('.cl-table').waitFor()
    await page.locator('.cl-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
    assert.match(await panel.locator('.cl-bar .total').innerText(), new RegExp('共 ' + listed + ' 条'))
    const before = await panel.locator('.cl-table .el-table__body tr').count()
    const picker = panel.locator('[data-test="person-picker"]')
    const free = (await openOptions(page, picker)).and(page.locator(':not(.is-disabled)'))
    await free.first().waitFor()
    await free.nth(0).click()
    await free.nth(1).click() // the first stays listed as selected
    await panel.locator('.cl-bar').click() // closes the dropdown
    const add = panel.locator('[data-test="bulk-add"]')
    assert.match(await add.innerText(), /添加 2 人/)
    await add.click()
    await panel.locator('[data-test="bulk-progress"]').getByText('2/2').waitFor()
    await page.waitForFunction((n) => document.querySelectorAll('.record-detail .cl-table .el-table__body tr').length === n, before + 2)
    await shot(page, '14-talent-trainings')
    // The ledger behind counts them at once.
    await count.getByText(String(listed + 2), { exact: true }).waitFor()
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
