// Workflows drawn from the schema on the generic ledger page: state tabs whose counts are the
// list's totals and follow every step; an action dialog built from the action's declared fields
// (a list field as tags), a stale version explained and taken up again; the record's 办理记录;
// actions hidden from a user who may not run them; the 统计 tab with its chart, its table equal
// to the list, and its Excel report. At 1440×900 and on a 375×812 phone.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, VILLAGE, BASE, apiList, apiCall, schemaOf, recommendTalent, chooseOption } from './lib.mjs'

const PHONE = { width: 375, height: 812 }

/** The number a state tab shows (its badge or its plain count). */
async function tabCount(page, key) {
  const t = page.locator(`[data-test="tab-${key}"]`)
  await t.waitFor()
  await page.waitForFunction((k) => document.querySelector(`[data-test="tab-${k}"]`)?.dataset.count !== undefined, key)
  return Number(await t.getAttribute('data-count'))
}

async function waitTabCount(page, key, n) {
  await page.waitForFunction(([k, v]) => document.querySelector(`[data-test="tab-${k}"]`)?.dataset.count === String(v), [key, n])
}

async function openTalentQueue(page, key) {
  await page.goto(BASE + '/#/talents/review')
  await page.locator(`[data-test="tab-${key}"]`).click()
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
}

test('state tabs count the list, and a step drawn from the schema moves the counts and the timeline', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 900 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const { name, talent } = await recommendTalent(page, '流')
    const talents = await schemaOf(page, 'talents')
    await openTalentQueue(page, 'recommended')

    // Every tab's count is what the list with that state answers as its total.
    for (const [key, status] of [['recommended', 'recommended'], ['inspected', 'inspected'], ['admitted', 'admitted'], ['exited', 'exited']]) {
      const total = (await apiList(page, 'talents', { status, limit: 1 })).total
      assert.equal(await tabCount(page, key), total, key)
    }
    const waiting = await tabCount(page, 'recommended')
    const next = await tabCount(page, 'inspected')
    // Work queues carry a badge while anything waits in them.
    assert.equal(await page.locator('[data-test="tab-recommended"] .el-badge').count(), 1)
    await shot(page, '15-state-tabs')

    // 镇级考察: the dialog has exactly the action's declared fields, the date set to today.
    const inspect = talents.actions.find((a) => a.name === 'inspect')
    const row = page.locator('.ledger-table .el-table__body tr', { hasText: name }).first()
    await row.locator('[data-action="inspect"]').click()
    const dlg = page.locator('.action-dialog[data-action="inspect"]')
    await dlg.waitFor()
    const drawn = await dlg.locator('.el-form-item[data-field]').evaluateAll((els) => els.map((e) => e.dataset.field))
    assert.deepEqual(drawn, inspect.fields.map((f) => f.name))
    for (const f of inspect.fields) assert.match(await dlg.locator(`[data-field="${f.name}"] .el-form-item__label`).innerText(), new RegExp(f.label))
    assert.match(await dlg.locator('.ad-who').innerText(), /村级推荐[\s\S]*镇级考察/, 'from → to')
    await dlg.locator('[data-field="opinion"] textarea').fill('政治素质好，同意进入联审')
    await shot(page, '15-action-dialog')
    await dlg.locator('[data-test="action-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })
    // The counts follow the step without a reload.
    await waitTabCount(page, 'recommended', waiting - 1)
    await waitTabCount(page, 'inspected', next + 1)

    // 多部门联审 from the drawer: the departments are tags (one offered, one typed).
    await page.locator('[data-test="tab-inspected"]').click()
    await page.locator('.ledger-table .el-table__body tr', { hasText: name }).first().locator('td:not(.el-table-column--selection)').first().click()
    const drawer = page.locator('.record-detail')
    await drawer.locator('[data-test="detail-state"]', { hasText: '镇级考察' }).waitFor()
    assert.equal(await drawer.locator('.detail-foot [data-action="admit"]').count(), 0, 'only what the state allows')
    await drawer.locator('.detail-foot [data-action="review"]').click()
    const rd = page.locator('.action-dialog[data-action="review"]')
    await rd.waitFor()
    const tags = rd.locator('[data-field="departments"]')
    await chooseOption(page, tags, '镇纪委')
    await tags.locator('input').fill('县委组织部')
    await tags.locator('input').press('Enter')
    await rd.locator('.ad-who').click() // closes the dropdown
    assert.match(await tags.innerText(), /镇纪委[\s\S]*县委组织部/)
    await rd.locator('[data-test="action-submit"]').click()
    await rd.waitFor({ state: 'hidden' })

    // The drawer now offers 入库 and shows the history, oldest first, in the field's words.
    await drawer.locator('.detail-foot [data-action="admit"]').waitFor()
    await drawer.locator('[data-test="tab-events"]').click()
    const events = drawer.locator('[data-test="events"] .el-timeline-item')
    await page.waitForFunction(() => document.querySelectorAll('.record-detail [data-test="events"] .el-timeline-item').length === 3)
    assert.deepEqual(await events.evaluateAll((els) => els.map((e) => e.dataset.event)), ['recommend', 'inspect', 'review'])
    const text = await drawer.locator('[data-test="events"]').innerText()
    assert.match(text, /镇级考察[\s\S]*村级推荐[\s\S]*镇级考察/)
    assert.match(text, /政治素质好，同意进入联审/)
    assert.match(text, /联审部门：镇纪委、县委组织部/)
    const steps = (await apiCall(page, 'GET', `/talents/${talent.id}/events`)).body.items
    assert.deepEqual(steps.at(-1).fields.departments, ['镇纪委', '县委组织部'])
    await shot(page, '15-timeline')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a stale version is explained and the step can go on with the fresh record', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 900 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const { name, talent } = await recommendTalent(page, '旧')
    await openTalentQueue(page, 'recommended')
    await page.locator('.ledger-table .el-table__body tr', { hasText: name }).first().locator('[data-action="inspect"]').click()
    const dlg = page.locator('.action-dialog[data-action="inspect"]')
    await dlg.waitFor()
    await dlg.locator('[data-field="opinion"] textarea').fill('同意')
    // Meanwhile someone edits the record (not its state).
    const edit = await apiCall(page, 'PATCH', '/talents/' + talent.id, { version: talent.version, notes: '补充材料' })
    assert.equal(edit.status, 200, JSON.stringify(edit.body))
    await dlg.locator('[data-test="action-submit"]').click()
    const note = dlg.locator('[data-test="action-problem"]')
    await note.waitFor()
    assert.match(await note.innerText(), /已被他人修改/)
    assert.match(await note.innerText(), /当前状态为“村级推荐”/)
    assert.equal(await dlg.locator('[data-field="opinion"] textarea').inputValue(), '同意', 'what was typed stays')
    await shot(page, '15-action-stale')
    await dlg.locator('[data-test="action-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })
    assert.equal((await apiCall(page, 'GET', '/talents/' + talent.id)).body.status, 'inspected')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

for (const viewport of [{ width: 1440, height: 900 }, PHONE]) {
  test(`a village user is offered no step the town takes (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, ADMIN)
      const { name } = await recommendTalent(page, viewport.width === 375 ? '机' : '村')
      await page.context().clearCookies()
      await page.goto(BASE + '/?' + Date.now() + '#/login')
      await login(page, VILLAGE)
      const schema = await schemaOf(page, 'talents')
      assert.ok(schema.actions.every((a) => !a.by_level), 'the town steps are not the village level')

      // a phone shows one card per record, a desktop a table row
      const ROWS = viewport.width < 768 ? '[data-test="ledger-card"]' : '.ledger-table .el-table__body tr'
      const LIST = viewport.width < 768 ? '.ledger-cards' : '.ledger-table'
      await openTalentQueue(page, 'recommended')
      const row = page.locator(ROWS, { hasText: name }).first()
      await row.waitFor()
      assert.ok((await tabCount(page, 'recommended')) >= 1, 'the queue is counted for the village too')
      assert.equal(await page.locator(LIST + ' [data-action]').count(), 0, 'no 镇级考察, 未通过 or 入库 in the rows')
      await shot(page, `15-village-queue-${viewport.width}`)
      // In the drawer the server's own list (_actions) is empty as well.
      await (viewport.width < 768 ? row.locator('.lc-name') : row.locator('td').first()).click()
      const drawer = page.locator('.record-detail')
      await drawer.locator('[data-test="detail-state"]').waitFor()
      assert.equal(await drawer.locator('[data-action]').count(), 0)
      await drawer.locator('[data-test="tab-events"]').click()
      await drawer.locator('[data-test="events"] [data-event="recommend"]').waitFor()
      await shot(page, `15-village-drawer-${viewport.width}`)
      // The admitted of the village: no 调整出库 either.
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })
      await page.locator('[data-test="tab-admitted"]').click()
      await page.locator(ROWS).first().waitFor()
      assert.equal(await page.locator(LIST + ' [data-action]').count(), 0)
      if (viewport.width === 375) {
        const wide = await page.evaluate(() => document.documentElement.scrollWidth)
        assert.ok(wide <= 376, `no sideways page scroll (${wide}px)`)
      }
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}

for (const viewport of [{ width: 1440, height: 900 }, PHONE]) {
  test(`统计: a chart and a table whose counts are the list's, exported to Excel (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, ADMIN)
      await page.goto(BASE + '/#/r/persons')
      await page.locator('.ledger[data-resource="persons"]').locator('.ledger-table .el-table__body tr, [data-test="ledger-card"]').first().waitFor()
      const listTotal = Number(await page.locator('[data-test="total"] b').innerText())
      await page.locator('[data-test="view-stats"]').click()
      const panel = page.locator('.stats-panel')
      await panel.locator('[data-test="stats-chart"] canvas').first().waitFor()
      const box = await panel.locator('[data-test="stats-chart"]').boundingBox()
      assert.ok(box.width > 200 && box.height > 200, 'the chart has a size')
      await page.locator('[data-test="stats-total"]').getByText(String(listTotal), { exact: true }).waitFor()

      // By 性别: each row is the list's total with that value; the 合计 is the list's total.
      await chooseOption(page, panel.locator('[data-test="stats-group"]'), /^性别$/)
      await page.waitForFunction(() => /男|女/.test(document.querySelector('[data-test="stats-table"] .el-table__body')?.innerText || ''))
      const rows = await panel.locator('[data-test="stats-table"] .el-table__body tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
      for (const [label, count] of rows) {
        const value = { 男: 'male', 女: 'female' }[label]
        const expected = value ? (await apiList(page, 'persons', { gender: value, limit: 1 })).total : undefined
        if (value) assert.equal(Number(count), expected, label)
      }
      const sum = await panel.locator('[data-test="stats-table"] .el-table__footer td').evaluateAll((tds) => tds.map((td) => td.innerText.trim()))
      assert.equal(sum[0], '合计')
      assert.equal(Number(sum[1]), listTotal)
      await page.waitForTimeout(600) // the chart's animation
      await shot(page, `15-stats-${viewport.width}`)

      // The list's filters hold in 统计: women only.
      const women = (await apiList(page, 'persons', { gender: 'female', limit: 1 })).total
      await page.locator('[data-test="view-list"]').click()
      if (viewport.width === 375) await page.locator('.filter-buttons').getByText('更多筛选').click()
      await chooseOption(page, page.locator('[data-filter="gender"]'), /^女$/)
      await page.keyboard.press('Escape')
      await page.locator('[data-test="total"]').getByText(String(women), { exact: true }).waitFor()
      await page.locator('[data-test="view-stats"]').click()
      await page.locator('[data-test="stats-total"]').getByText(String(women), { exact: true }).waitFor()

      // The same table as an Excel report.
      const [dl] = await Promise.all([page.waitForEvent('download'), panel.locator('[data-test="stats-export"]').click()])
      assert.match(dl.suggestedFilename(), /^人员统计\.xlsx$/)
      const bytes = await (await import('node:fs')).promises.readFile(await dl.path())
      assert.equal(bytes.subarray(0, 2).toString(), 'PK')
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
