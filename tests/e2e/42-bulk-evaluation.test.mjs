// 研判考核 bulk entry: the pool × one quarter, each row's 等次 / 长期在外 / 研判意见 entered in
// place and saved at once by one 保存 (one request per changed row: the server has no batch
// write). A refused row says why in the row, naming the field, and keeps what was typed; the
// saved rows are stored; leaving with unsaved rows asks first. At 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall, apiList } from './lib.mjs'
import { PHONE, DESKTOP, sideways } from './tickets-lib.mjs'

/** Admitted talents that have no record for `period` yet, in the grid's order. */
async function unevaluated(page, period) {
  const talents = (await apiList(page, 'talents', { status: 'admitted', sort: 'village_code', limit: 500 })).items
  const done = new Set((await apiList(page, 'talent_evaluations', { period, limit: 500 })).items.map((e) => e.talent_id))
  return talents.filter((t) => !done.has(t.id))
}

const row = (page, t) => page.locator(`[data-test="eb-row"][data-talent="${t.id}"]`)
const GRADES = { 优秀: 'excellent', 称职: 'competent', 基本称职: 'basic', 不称职: 'incompetent' }
const pickGrade = (page, t, label) => row(page, t).locator(`.el-radio-button[data-grade="${GRADES[label]}"]`).click()

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`研判考核 bulk entry saves every changed row at once (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      await page.goto(BASE + '/#/talents/evaluations')
      await page.locator('[data-test="eval-bulk-mode"]').click()
      const grid = page.locator('[data-test="eval-bulk"]')
      await grid.locator('[data-test="eb-row"]').first().waitFor()
      const period = await grid.getAttribute('data-period')
      assert.match(period, /^\d{4}Q[1-4]$/, 'a quarter is chosen')
      const kind = 'quarterly'
      const [a, c, d] = await unevaluated(page, period)
      assert.ok(d, 'three talents without a record for ' + period)

      await pickGrade(page, a, '优秀')
      await row(page, a).locator('input[data-test="eb-comment"]').fill('带头发展产业，表现突出')
      await pickGrade(page, c, '称职')
      await row(page, c).locator('.el-checkbox').click()
      await pickGrade(page, d, '基本称职')
      await page.locator('[data-test="eb-save"]').getByText('保存（3）').waitFor()
      assert.equal(await row(page, a).locator('[data-test="eb-unsaved"]').count(), 1)

      // Someone else records d's quarter meanwhile: the server refuses that row only.
      const other = await apiCall(page, 'POST', '/talent_evaluations', { talent_id: d.id, kind, period, grade: 'competent' })
      assert.equal(other.status, 201, JSON.stringify(other.body))

      // Leaving asks first; staying keeps every edit.
      await page.evaluate(() => { window.location.hash = '#/' })
      const box = page.locator('.unsaved-box')
      await box.waitFor()
      assert.match(await box.innerText(), /3 人的研判结果未保存/)
      await box.getByRole('button', { name: '留在此页' }).click()
      await box.waitFor({ state: 'hidden' })
      assert.match(page.url(), /#\/talents\/evaluations/)
      await page.locator('[data-test="eb-save"]').getByText('保存（3）').waitFor()
      if (phone) assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      await shot(page, `42-bulk-evaluation-edited-${viewport.width}`)

      await page.locator('[data-test="eb-save"]').click()
      await page.locator('.el-message--warning', { hasText: '已保存 2 人，1 人未保存' }).waitFor()
      const error = row(page, d).locator('[data-test="eb-error"]')
      await error.waitFor()
      assert.match(await error.innerText(), /^期间：该后备力量.*已登记/)
      // the refused row keeps what was typed and stays unsaved
      assert.equal(await row(page, d).locator('.el-radio-button.is-active').innerText(), '基本称职')
      assert.equal(await row(page, d).locator('[data-test="eb-unsaved"]').count(), 1)
      await page.locator('[data-test="eb-save"]').getByText('保存（1）').waitFor()
      await shot(page, `42-bulk-evaluation-row-error-${viewport.width}`)

      // the others are stored, each as its own record
      const stored = (await apiList(page, 'talent_evaluations', { period, talent_id: [a.id], limit: 5 })).items
      assert.equal(stored.length, 1)
      assert.equal(stored[0].grade, 'excellent')
      assert.equal(stored[0].comment, '带头发展产业，表现突出')
      const storedC = (await apiList(page, 'talent_evaluations', { period, talent_id: c.id })).items[0]
      assert.equal(storedC.grade, 'competent')
      assert.equal(storedC.long_absent, true)
      assert.equal(await row(page, a).locator('[data-test="eb-unsaved"]').count(), 0)

      // An existing record is changed in place (PATCH with its version).
      await pickGrade(page, a, '称职')
      await row(page, d).getByRole('button', { name: '撤销本行修改' }).click()
      await page.locator('[data-test="eb-save"]').getByText('保存（1）').waitFor()
      await page.locator('[data-test="eb-save"]').click()
      await page.locator('.el-message--success', { hasText: '已保存 1 人' }).waitFor()
      const again = (await apiList(page, 'talent_evaluations', { period, talent_id: a.id })).items
      assert.equal(again.length, 1)
      assert.equal(again[0].grade, 'competent')
      assert.equal(again[0].version, stored[0].version + 1)

      // Nothing unsaved: leaving does not ask.
      await page.evaluate(() => { window.location.hash = '#/' })
      await page.locator('.dashboard').waitFor()
      assert.equal(await page.locator('.unsaved-box').count(), 0)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
