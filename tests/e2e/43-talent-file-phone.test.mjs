// 一人一档 on a 375 px phone: one column (each label above or beside its value, never a
// character per line), the growth record as a timeline, nothing that scrolls sideways; and the
// same page printed from the phone is still the A4 file. At 1440 px the file keeps its
// four-column table.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openBrowser, login, shot, ADMIN, BASE, SHOTS, apiList } from './lib.mjs'
import { PHONE, DESKTOP, sideways } from './tickets-lib.mjs'

/** A demo talent whose file has the most kinds of events. */
async function richFile(page) {
  const admitted = (await apiList(page, 'talents', { status: 'admitted', sort: 'admitted_on', limit: 30 })).items
  let best = null
  for (const t of admitted) {
    const f = await page.evaluate((id) => fetch('/api/v1/persons/' + id + '/file').then((r) => r.json()), t.person_id)
    const kinds = new Set(f.events.map((e) => e.kind)).size
    if (!best || kinds > best.kinds) best = { talent: t, kinds, file: f }
  }
  return best
}

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`the growth file reads well at ${viewport.width} px and prints on A4`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const { talent, file } = await richFile(page)
      await page.goto(BASE + '/#/talents/file?person=' + talent.person_id)
      const gf = page.locator('[data-test="growth-file"]')
      await gf.waitFor()
      assert.equal(await page.locator('.gf-event').count(), file.events.length)

      const box = await gf.boundingBox()
      const cells = await page.locator('.gf-table th, .gf-table td').evaluateAll((els) =>
        els.filter((e) => e.offsetParent).map((e) => ({ tag: e.tagName, w: e.getBoundingClientRect().width, x: e.getBoundingClientRect().left })))
      if (phone) {
        assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
        assert.ok(await gf.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'nothing inside the file is wider than it')
        // one column: every value as wide as the file (less its label), its label beside it
        for (const c of cells.filter((x) => x.tag === 'TD')) assert.ok(c.w >= box.width * 0.6, `a value ${c.w} px wide of ${box.width}`)
        for (const c of cells.filter((x) => x.tag === 'TH')) assert.ok(c.w >= 70, `a label ${c.w} px wide`)
        const lefts = new Set(cells.filter((x) => x.tag === 'TH').map((x) => Math.round(x.x)))
        assert.equal(lefts.size, 1, 'every label starts the same column')
        // the timeline: each event's text as wide as the file allows
        const widths = await page.locator('.gf-event .el-timeline-item__content').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width))
        for (const w of widths) assert.ok(w >= box.width * 0.75, `an event ${w} px wide`)
        // the signature lines fit
        for (const w of await page.locator('.gf-sign-line').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))) assert.ok(w <= 0)
      } else {
        // four columns on a desk: label, value, label, value
        const row = await page.locator('.gf-table tr').first().locator('th, td').count()
        assert.equal(row, 4)
      }
      await page.screenshot({ path: path.join(SHOTS, `43-talent-file-${viewport.width}.png`), fullPage: true })
      await shot(page, `43-talent-file-top-${viewport.width}`)

      // Printed from here: still A4 pages with the four-column table, no console around it.
      await page.emulateMedia({ media: 'print' })
      await page.waitForTimeout(300)
      assert.equal(await page.locator('.topbar').isVisible(), false)
      const tops = await page.locator('.gf-table tr').first().locator('th, td').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
      assert.equal(tops.length, 4)
      assert.equal(new Set(tops).size, 1, 'label, value, label, value on one line in print')
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false })
      fs.writeFileSync(path.join(SHOTS, `43-talent-file-${viewport.width}.pdf`), pdf)
      const text = pdf.toString('latin1')
      const boxes = text.match(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g) || []
      assert.ok(boxes.length >= 3, 'a page per section')
      for (const m of boxes) {
        const [, w, h] = m.match(/([\d.]+)\s+([\d.]+)\s*\]/)
        assert.ok(Math.abs(Number(w) - 595.3) < 2 && Math.abs(Number(h) - 841.9) < 2, 'A4: ' + m)
      }
      await page.emulateMedia({ media: 'screen' })
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
