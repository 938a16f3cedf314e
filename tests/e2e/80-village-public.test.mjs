// 村务公开 in the browser, without login: a community's page at its plain address shows the
// disclosed income and spending with their totals (新庄社区: 24.58万 since November 2023), a
// year at a time, nothing personal, and a village's approved dividend run in aggregate.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, shot, BASE } from './lib.mjs'

const XINZHUANG = '522725002006'
const XINPING = '522727108203'

const publicLedger = (code, year = '') => fetch(`${BASE}/public/v1/ledger/${code}${year ? '?year=' + year : ''}`).then((r) => r.json())

test('a community\'s page opens without login and shows only what was disclosed', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    const want = await publicLedger(XINZHUANG)
    await page.goto(`${BASE}/public/ledger/${XINZHUANG}`)
    // the title is drawn before the village's name arrives: wait for the name
    await page.locator('[data-test="public-title"]', { hasText: '新庄社区' }).waitFor()
    assert.match(page.url(), /#\/public\/ledger\/522725002006$/, 'the plain address becomes the page, not the login')
    assert.match(await page.locator('[data-test="public-title"]').innerText(), /新庄社区/)
    assert.equal((await page.locator('[data-test="public-income"]').innerText()).trim(), '24.58 万元')
    const rows = page.locator('[data-test="public-entries"] .el-table__body tr')
    assert.equal(await rows.count(), want.entries.length)
    const text = await page.locator('body').innerText()
    for (const s of ['记-', '两委会议', '居民代表会议', '棋牌桌椅', '社区书屋']) assert.ok(!text.includes(s), `${s} is not public`)
    for (const s of ['新庄组硬化路面修复', '98个停车位', '25盏太阳能路灯', '晚托班']) assert.ok(text.includes(s), `${s} is listed`)
    await shot(page, '80-village-public')

    // one year at a time
    const year = want.years[want.years.length - 1].year
    await page.locator('[data-test="public-years"] label', { hasText: `${year} 年` }).click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-test="public-entries"] .el-table__body tr').length === n,
      (await publicLedger(XINZHUANG, year)).entries.length)
    const dates = await page.locator('[data-test="public-entries"] .el-table__body tr td:first-child').allInnerTexts()
    assert.ok(dates.length && dates.every((d) => d.startsWith(String(year))))
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a village\'s page shows its dividend run in aggregate, and an unknown code says so', async () => {
  const b = await openBrowser({ viewport: { width: 390, height: 844 } })
  try {
    const { page } = b
    await page.goto(`${BASE}/public/ledger/${XINPING}`)
    await page.locator('[data-test="public-dividends"]').waitFor()
    const div = await page.locator('[data-test="public-dividends"]').innerText()
    assert.match(div, /新坪村股份经济合作社/)
    assert.match(div, /已发放/)
    assert.ok(!/韦光明/.test(await page.locator('body').innerText()), 'no holder names')
    await shot(page, '80-village-public-mobile')
    await page.goto(`${BASE}/public/ledger/522725002999`)
    await page.locator('.el-alert', { hasText: '没有这个村（社区）' }).waitFor()
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
