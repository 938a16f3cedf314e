// 一人一档: a demo talent's growth file lists its steps in date order, and prints on A4
// without the console's menus, a section per page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openBrowser, login, shot, ADMIN, BASE, SHOTS, apiList } from './lib.mjs'

test('the growth file of a demo talent shows its steps in date order and prints', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    // A demo talent admitted through the whole workflow.
    const admitted = (await apiList(page, 'talents', { status: 'admitted', channel: 'recommended', sort: 'admitted_on', limit: 50 })).items
    let pick = null
    let file = null
    for (const t of admitted) {
      file = await page.evaluate((id) => fetch('/api/v1/persons/' + id + '/file').then((r) => r.json()), t.person_id)
      if (file.events.some((e) => e.title === '多部门联审')) {
        pick = t
        break
      }
    }
    assert.ok(pick, 'a demo talent went through 多部门联审')

    await page.goto(BASE + '/#/talents/file?person=' + pick.person_id)
    await page.locator('[data-test="growth-file"]').waitFor()
    assert.equal((await page.locator('[data-test="file-name"]').innerText()).trim(), pick.name)
    const events = await page.locator('.gf-event').evaluateAll((els) => els.map((e) => ({ date: e.dataset.date, kind: e.dataset.kind, title: e.dataset.title })))
    assert.equal(events.length, file.events.length)
    const dates = events.map((e) => e.date)
    assert.deepEqual(dates, [...dates].sort(), 'the events are in date order')
    const steps = events.filter((e) => e.kind === 'talent_step')
    const at = (title) => steps.findIndex((e) => e.title === title)
    for (const title of ['村级推荐', '镇级考察', '多部门联审', '入库']) assert.ok(at(title) >= 0, title + ' is in the file')
    assert.ok(at('村级推荐') < at('镇级考察') && at('镇级考察') < at('多部门联审') && at('多部门联审') < at('入库'), 'the steps come in their order')
    assert.ok(steps[at('镇级考察')].date <= steps[at('入库')].date)
    await shot(page, '13-talent-file')

    // The print view: no menus, no toolbar, black on white, A4 pages.
    await page.emulateMedia({ media: 'print' })
    await page.waitForTimeout(300)
    assert.equal(await page.locator('.aside').isVisible(), false, 'no side menu in print')
    assert.equal(await page.locator('.topbar').isVisible(), false, 'no top bar in print')
    assert.equal(await page.locator('[data-test="file-print"]').isVisible(), false, 'no buttons in print')
    assert.ok(await page.locator('[data-test="file-timeline"]').isVisible())
    const color = await page.locator('.gf-ev-title').first().evaluate((e) => getComputedStyle(e).color)
    assert.equal(color, 'rgb(0, 0, 0)')
    fs.mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: path.join(SHOTS, '13-talent-file-print.png'), fullPage: true })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false })
    fs.writeFileSync(path.join(SHOTS, '13-talent-file.pdf'), pdf)
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length
    assert.ok(pages >= 3, `a page per section (${pages} pages)`)
    await page.emulateMedia({ media: 'screen' })
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
