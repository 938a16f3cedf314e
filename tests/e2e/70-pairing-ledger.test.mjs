// 结对联系: the ledger per kind with red / amber / green cadence marks (from the demo: four
// leaders' pairings overdue, four due within the week), a pairing's page, a visit recorded on
// it turning its mark green, and a ticket raised from that visit.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiList, chooseOption } from './lib.mjs'

async function settle(page) {
  await page.locator('.pairing-table .el-loading-mask').waitFor({ state: 'hidden' }).catch(() => {})
}

test('the leaders’ pairings with their cadence marks; overdue and due-soon filters', async () => {
  const b = await openBrowser({ viewport: { width: 1600, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/r/pairings')
    await page.waitForURL(/#\/pairing\/ledger/)
    await page.locator('[data-test="kind-tabs"] [data-kind="leader_enterprise"]').click()
    await page.waitForURL(/kind=leader_enterprise/)
    await settle(page)
    const overdue = await apiList(page, 'pairings', { kind: 'leader_enterprise', active: 'true', cadence: 'overdue', limit: 1 })
    const soon = await apiList(page, 'pairings', { kind: 'leader_enterprise', active: 'true', cadence: 'ok', due_within: 7, limit: 1 })
    assert.ok(overdue.total >= 1 && soon.total >= 1, 'the demo has overdue and due-soon pairings')
    await page.locator('[data-test="overdue-count"]').getByText(String(overdue.total), { exact: true }).waitFor()
    await page.locator('[data-test="soon-count"]').getByText(String(soon.total), { exact: true }).waitFor()
    const marks = await page.locator('.pairing-table .cadence-mark').evaluateAll((els) => els.map((e) => e.dataset.cadence))
    assert.ok(marks.includes('red') && marks.includes('amber') && marks.includes('green'), marks.join(','))
    await shot(page, '70-pairing-ledger')

    await page.locator('[data-test="cadence-filter"] .el-radio-button', { hasText: '逾期' }).click()
    await page.locator('[data-test="pairing-total"]').getByText(`/ ${overdue.total} 个`).waitFor()
    await settle(page)
    const red = await page.locator('.pairing-table .el-table__body-wrapper .cadence-mark').evaluateAll((els) => els.map((e) => e.dataset.cadence))
    assert.equal(red.length, overdue.total)
    assert.ok(red.every((c) => c === 'red'))
    await page.locator('[data-test="cadence-filter"] .el-radio-button', { hasText: '7天内到期' }).click()
    await page.locator('[data-test="pairing-total"]').getByText(`/ ${soon.total} 个`).waitFor()
    await settle(page)
    const amber = await page.locator('.pairing-table .el-table__body-wrapper .cadence-mark').evaluateAll((els) => els.map((e) => e.dataset.cadence))
    assert.ok(amber.length === soon.total && amber.every((c) => c === 'amber'))
    await shot(page, '70-pairing-ledger-soon')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a pairing’s page: a visit recorded turns an overdue mark green; a ticket raised from it', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const overdue = await apiList(page, 'pairings', { kind: 'leader_enterprise', active: 'true', cadence: 'overdue', limit: 1 })
    const p = overdue.items[0]
    await page.goto(BASE + '/#/pairing/p/' + p.id)
    await page.locator('[data-test="pairing-title"]').getByText(p.title).waitFor()
    await page.locator('[data-test="pairing-cadence"] .cadence-mark[data-cadence="red"]').waitFor()
    const before = await page.locator('[data-test="visit-timeline"] .el-timeline-item').count()
    await shot(page, '70-pairing-page-overdue')

    await page.locator('[data-test="record-visit"]').click()
    const form = page.locator('.el-dialog:visible [data-test="visit-form"]')
    await form.waitFor()
    await form.locator('[data-field="summary"] textarea').fill('走访了解企业订单和用工情况')
    await form.locator('[data-field="problems_found"] .el-input-number__increase').click()
    await form.locator('[data-field="problems_found"] .el-input-number__increase').click()
    await form.locator('[data-field="problems_solved"] .el-input-number__increase').click()
    await form.locator('[data-test="visit-submit"]').click()
    await page.locator('.el-message--success').first().waitFor()
    await page.locator('[data-test="pairing-cadence"] .cadence-mark[data-cadence="green"]').waitFor()
    await page.locator('[data-test="visit-timeline"] .el-timeline-item').nth(before).waitFor()
    const first = page.locator('[data-test="visit-timeline"] .el-timeline-item').first()
    assert.match(await first.innerText(), /走访了解企业订单和用工情况/)
    assert.match(await first.innerText(), /发现问题 2 · 解决问题 1/)
    const fresh = await page.evaluate((id) => fetch('/api/v1/pairings/' + id).then((r) => r.json()), p.id)
    assert.equal(fresh.cadence, 'ok')

    // 转办工单 from the visit just recorded
    await first.locator('[data-test="visit-raise"]').click()
    const dlg = page.locator('.raise-ticket-dialog:visible')
    await dlg.waitFor()
    await chooseOption(page, dlg.locator('[data-test="ticket-category"]'), '用工保障')
    await dlg.locator('[data-test="ticket-title"]').fill('企业季节性用工缺口对接')
    await dlg.locator('[data-test="ticket-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })
    await first.getByText('工单：企业季节性用工缺口对接').waitFor()
    assert.match(await first.innerText(), /转办工单 1 件/)
    const tickets = await apiList(page, 'tickets', { q: '企业季节性用工缺口对接' })
    assert.equal(tickets.total, 1)
    assert.equal(tickets.items[0].requester_enterprise_id, p.enterprise_id)
    await shot(page, '70-pairing-page-visited')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
