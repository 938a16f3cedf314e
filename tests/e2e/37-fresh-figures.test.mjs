// Figures follow every write: after an import (on its own page, in the same tab) the talent
// ledger's figures and counts show the new numbers without a reload; the same after a step.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, validId, uniq } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]
const FAMILY = '甲乙丙丁戊己庚辛壬癸'

async function admittedFigure(page, size) {
  if (size === 'phone') {
    const toggle = page.locator('[data-test="toggle-figures"]')
    await toggle.waitFor()
    if (/查看/.test(await toggle.innerText())) await toggle.click()
  }
  const fig = page.locator('[data-test="fig-admitted"]').first()
  await fig.waitFor()
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test="fig-admitted"]')?.innerText || ''))
  return Number((await fig.innerText()).match(/\d+/)[0])
}

for (const [size, viewport] of SIZES) {
  test(`${size}: after an import the ledger's figures are the new ones without a reload`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, ADMIN)
      await page.goto(BASE + '/#/talents/ledger')
      const before = await admittedFigure(page, size)

      const n = uniq() + (size === 'phone' ? 11 : 0)
      const name = '新数' + FAMILY[n % 10] + FAMILY[Math.floor(n / 10) % 10] + FAMILY[Math.floor(n / 100) % 10]
      const csv = '\ufeff姓名,身份证号,所在村,来源,入库时间\r\n' + `${name},${validId('19940303', n % 997)},下司村,其他,2026-01-05\r\n`
      await page.evaluate(() => { location.hash = '#/r/talents/import' })
      await page.locator('.import-page').waitFor()
      await page.locator('.import-drop input[type=file]').setInputFiles({ name: 'one.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
      await page.locator('[data-test="dry-run"]').click()
      await page.locator('[data-test="confirm-import"]').click()
      await page.locator('[data-test="import-result"]').waitFor()

      await page.goBack()
      await page.locator('.ledger[data-resource="talents"]').waitFor()
      await page.waitForFunction((want) => {
        const t = document.querySelector('[data-test="fig-admitted"]')?.innerText || ''
        return (t.match(/\d+/) || [])[0] === String(want)
      }, before + 1, { timeout: 15000 }).catch(() => {})
      assert.equal(await admittedFigure(page, size), before + 1, 'the figure counts the imported talent')
      await shot(page, `37-fresh-figures-${size}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
