// 入库审核: a recommended talent goes 镇级考察 → 多部门联审 → 入库 in the queues (the generic state
// tabs and action dialog of the talents ledger); a step its state does not allow is not offered;
// a step someone else took first answers 409, explained.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall as api, recommendTalent as recommend, openOptions } from './lib.mjs'

const today = () => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

async function openTab(page, key) {
  await page.locator(`[data-test="tab-${key}"]`).click()
  await page.locator('.st-tabs .el-tabs__item.is-active', { has: page.locator(`[data-test="tab-${key}"]`) }).waitFor()
  await page.locator('.ledger-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
}

const OPINIONS = { inspect: '经镇党委考察，同意进入联审', review: '联审无异议', admit: '同意纳入村级后备力量人才库' }

async function act(page, name, action, fill) {
  const row = page.locator('.ledger-table .el-table__body tr', { hasText: name }).first()
  await row.waitFor()
  await row.locator(`[data-action="${action}"]`).click()
  const dlg = page.locator(`.action-dialog[data-action="${action}"]`)
  await dlg.waitFor()
  assert.equal(await dlg.locator('[data-field="date"] input').inputValue(), today(), 'the date defaults to today')
  if (fill) await fill(dlg)
  await dlg.locator('[data-field="opinion"] textarea').fill(OPINIONS[action])
  return dlg
}

test('a recommended talent is inspected, reviewed and admitted in 入库审核', async () => {
  const b = await openBrowser({ viewport: { width: 1600, height: 900 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const { name, talent } = await recommend(page, '甲')
    await page.goto(BASE + '/#/talents/review')
    await openTab(page, 'recommended')
    const row = page.locator('.ledger-table .el-table__body tr', { hasText: name }).first()
    await row.waitFor()
    // Only the steps of 村级推荐 are offered: 镇级考察 and 未通过, not 联审 or 入库.
    assert.equal(await row.locator('[data-action="inspect"]').count(), 1)
    assert.equal(await row.locator('[data-action="reject"]').count(), 1)
    assert.equal(await row.locator('[data-action="review"]').count(), 0)
    assert.equal(await row.locator('[data-action="admit"]').count(), 0)
    await shot(page, '12-talent-review-queue')

    let dlg = await act(page, name, 'inspect')
    await shot(page, '12-talent-review-inspect')
    await dlg.locator('[data-test="action-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })

    await openTab(page, 'inspected')
    dlg = await act(page, name, 'review', async (d) => {
      const deps = await openOptions(page, d.locator('[data-field="departments"]'))
      for (const dep of ['镇党建办', '镇纪委', '派出所']) await deps.filter({ hasText: dep }).first().click()
      await d.locator('.ad-who').click() // closes the dropdown
    })
    await shot(page, '12-talent-review-review')
    await dlg.locator('[data-test="action-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })

    await openTab(page, 'reviewed')
    dlg = await act(page, name, 'admit')
    await dlg.locator('[data-test="action-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })

    const after = await api(page, 'GET', '/talents/' + talent.id)
    assert.equal(after.body.status, 'admitted')
    assert.equal(after.body.admitted_on, today())
    const steps = await api(page, 'GET', '/talents/' + talent.id + '/events')
    assert.deepEqual(steps.body.items.map((s) => s.action), ['recommend', 'inspect', 'review', 'admit'])
    assert.deepEqual(steps.body.items[2].fields.departments, ['镇党建办', '镇纪委', '派出所'])
    await openTab(page, 'admitted')
    await page.locator('.ledger-table .el-table__body tr', { hasText: name }).first().waitFor()
    await shot(page, '12-talent-review-admitted')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a step someone else took first is refused with 409 and explained', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 900 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const { name, talent } = await recommend(page, '乙')
    await page.goto(BASE + '/#/talents/review')
    await openTab(page, 'recommended')
    const dlg = await act(page, name, 'inspect')
    // Meanwhile another clerk inspects the same talent.
    const other = await api(page, 'POST', `/talents/${talent.id}/actions/inspect`, { version: talent.version, date: today() })
    assert.equal(other.status, 200, JSON.stringify(other.body))
    await dlg.locator('[data-test="action-submit"]').click()
    const note = dlg.locator('[data-test="action-problem"]')
    await note.waitFor()
    assert.match(await note.innerText(), /已被他人修改|不能再?执行/)
    assert.match(await note.innerText(), /当前状态为“镇级考察”/)
    await shot(page, '12-talent-review-409')
    await dlg.getByRole('button', { name: '关闭', exact: true }).click()
    // The queue was refreshed: the talent has moved on to 待联审.
    await page.locator('.ledger-table .el-table__body tr', { hasText: name }).waitFor({ state: 'detached' })
    // The API itself refuses an illegal step from the current state.
    const cur = await api(page, 'GET', '/talents/' + talent.id)
    const admit = await api(page, 'POST', `/talents/${talent.id}/actions/admit`, { version: cur.body.version, date: today() })
    assert.equal(admit.status, 409)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
