// The public 晒单 board: reachable without login at /#/public/wishes (no redirect to the login
// page), the published wishes and requests of residents as the server gives them, members'
// names masked, nothing personal; readable on a 375 px phone.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, shot, BASE } from './lib.mjs'
import { PHONE, DESKTOP, sideways } from './tickets-lib.mjs'

for (const viewport of [DESKTOP, PHONE]) {
  test(`the 晒单 board opens without login and shows the published wishes (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await page.goto(BASE + '/#/public/wishes')
      await page.locator('[data-test="wish-board"] .wb-item').first().waitFor()
      assert.match(page.url(), /#\/public\/wishes$/, 'no login asked')
      assert.equal((await page.context().cookies()).filter((c) => c.name === 'jiceng_session').length, 0)
      const board = await page.evaluate(() => fetch('/public/v1/wishes').then((r) => r.json()))
      assert.ok(board.total > 0, 'the demo publishes wishes')
      assert.equal(await page.locator('.wb-item').count(), board.items.length)
      assert.match(await page.locator('[data-test="wish-total"]').innerText(), new RegExp('已晒单 ' + board.total + ' 件'))
      for (const w of board.items) {
        const card = page.locator(`.wb-item[data-wish="${w.id}"]`)
        const text = await card.innerText()
        assert.ok(text.includes(w.title) && text.includes(w.public_summary), w.title)
        if (w.claimed_by) assert.match(await card.locator('[data-test="claimed-by"]').innerText(), new RegExp('认领：' + w.claimed_by.replace('*', '\\*')))
      }
      // Members by their surname only; no phone, no ID number.
      const members = board.items.map((w) => w.claimed_by).filter((n) => n && n.endsWith('*'))
      assert.ok(members.length > 0 && members.every((n) => /^\S\*$/u.test(n)), members.join())
      const all = await page.locator('[data-test="wish-board"]').innerText()
      assert.doesNotMatch(all, /1[3-9]\d[\d*]{4}\d{4}|\d{17}[\dX]/)
      if (viewport.width < 768) assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      await shot(page, `50-wish-board-${viewport.width}`)

      // One community's board by its address; a town without published wishes has none.
      const one = board.items[0].division_code
      await page.goto(BASE + '/?' + Date.now() + '#/public/wishes?division=' + one)
      await page.locator('.wb-item').first().waitFor()
      assert.equal(await page.locator('.wb-item').count(), board.items.filter((w) => w.division_code === one).length)
      await page.goto(BASE + '/?' + Date.now() + '#/public/wishes?division=522727108')
      await page.locator('.wb-list .el-empty').waitFor()
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
