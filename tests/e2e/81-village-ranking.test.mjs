// 排队抓尾 in the browser: 掌布镇's villages ranked by weighted score, 新坪村 first this year
// with an up arrow from last place, the tail marked; last year 新坪村 was the tail.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, pickDivision } from './lib.mjs'

const XINPING = '522727108203'

test('the ranking table shows the climb from last to first with arrows and the tail', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/village/ranking')
    await pickDivision(page, page.locator('.filters .el-form-item').first(), ['平塘县', '掌布镇'])
    const table = page.locator('[data-test="ranking-table"]')
    await table.locator('.el-table__body tr').first().waitFor()
    const first = table.locator('.el-table__body tr').first()
    assert.match(await first.innerText(), /新坪村/)
    assert.equal((await page.locator(`[data-test="change-${XINPING}"]`).innerText()).replace(/\s+/g, ' ').trim(), '▲ 5')
    const last = table.locator('.el-table__body tr').last()
    assert.match(await last.innerText(), /抓尾/)
    await shot(page, '81-village-ranking')

    // last year: 新坪村 was the tail
    const year = new Date().getFullYear() - 1
    await page.locator('[data-test="ranking-year"] input').fill(String(year))
    await page.locator('[data-test="ranking-year"] input').press('Enter')
    await page.waitForFunction(() => /新坪村[\s\S]*抓尾/.test(document.querySelector('[data-test="ranking-table"] .el-table__body tr:last-child')?.innerText || ''))
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
