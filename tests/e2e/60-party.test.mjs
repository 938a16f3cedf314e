// 园区党建 in the console, on the demo park: the dashboard's gauges and figures, the
// organisation tree (search, an organisation's page, a member enrolled by ID number, a
// branch dragged under another station), enterprise coverage narrowed to the uncovered,
// the fund ledger's reimbursement queue, and a park committee's own user.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiList, validId, uniq } from './lib.mjs'

async function api(page, method, path, body) {
  return page.evaluate(async ([method, path, body]) => {
    const { csrf } = await fetch('/api/v1/session').then((r) => r.json())
    const r = await fetch('/api/v1' + path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: body ? JSON.stringify(body) : undefined })
    return { status: r.status, body: await r.json().catch(() => null) }
  }, [method, path, body])
}

// Waits until the element's text matches (figures arrive after the page).
async function textOf(locator, re) {
  await locator.waitFor({ timeout: 60000 })
  for (let i = 0; i < 300; i++) {
    const t = await locator.innerText()
    if (re.test(t)) return t
    await locator.page().waitForTimeout(100)
  }
  throw new Error(`${locator}: text never matched ${re}: ${await locator.innerText()}`)
}

async function parkId(page) {
  return (await apiList(page, 'orgs', { kind: 'park_committee' })).items[0].id
}

test('the dashboard shows the park\'s coverage, members and funds', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1100 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const card = page.locator('[data-test="party-coverage-card"]')
    await textOf(card.locator('[data-test="fig-org-coverage"]'), /34\.82%/)
    await textOf(card.locator('[data-test="fig-work-coverage"]'), /100\.00%/)
    assert.match(await card.locator('[data-test="fig-enterprises"]').innerText(), /672/)
    assert.match(await card.locator('[data-test="fig-staff"]').innerText(), /394/)
    await textOf(page.locator('[data-test="party-members-card"] [data-test="fig-management"]'), /45\.41%/)
    await textOf(page.locator('[data-test="party-members-card"] [data-test="fig-new-members"]'), /184/)
    await textOf(page.locator('[data-test="party-funds-card"] [data-test="fig-funds"]'), /64\.6/)
    await card.scrollIntoViewIfNeeded()
    await shot(page, '60-party-dashboard')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('the organisation tree: search, an organisation\'s page, enrol a member, move a branch', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/party/orgs')
    const tree = page.locator('[data-test="org-tree"]')
    await tree.locator('.org-node').first().waitFor({ timeout: 60000 })
    await page.locator('[data-test="org-search"]').fill('育新')
    const hits = tree.locator('.el-tree-node:visible .org-node .name', { hasText: '育新' })
    await hits.first().waitFor()
    assert.equal(await hits.count(), 15)
    await hits.first().click()
    const detail = page.locator('[data-test="org-detail"]')
    await detail.locator('.od-marks').getByText('“育新”支部').waitFor()
    const name = await detail.locator('[data-test="org-name"]').innerText()
    const incubator = (await apiList(page, 'orgs', { q: name, incubator: true })).items[0]
    // enrol a member by name and ID number
    await detail.locator('.el-tabs__item', { hasText: '党员' }).click()
    const before = (await apiList(page, 'party_members', { branch_org_id: incubator.id, status: 'active' })).total
    await detail.locator('[data-test="member-enrol"]').click()
    const dlg = page.locator('.enrol-dialog')
    await dlg.waitFor()
    const who = '育新学员' + String(uniq()).slice(-3)
    await dlg.locator('[data-field="name"] input').fill(who)
    await dlg.locator('[data-field="id_number"] input').fill(validId('19980808', String(uniq() % 900 + 100)))
    await dlg.locator('[data-field="joined_on"] input').fill('2025-07-01')
    await dlg.locator('[data-field="joined_on"] input').press('Enter')
    await dlg.locator('[data-test="enrol-submit"]').click()
    await dlg.waitFor({ state: 'hidden' })
    await detail.getByText(who).waitFor()
    const enrolled = await apiList(page, 'party_members', { branch_org_id: incubator.id, status: 'active', q: who })
    assert.equal(enrolled.total, 1)
    assert.equal((await apiList(page, 'party_members', { branch_org_id: incubator.id, status: 'active' })).total, before + 1)
    await shot(page, '60-party-org-page')
    // the demo's figures stay as they were for the other tests
    const m = enrolled.items[0]
    assert.equal((await api(page, 'DELETE', `/party_members/${m.id}?version=${m.version}`)).status, 204)
    // drag the branch under the other station of its centre, with confirmation; searching
    // the park's name shows (and opens) both
    const parent = (await apiList(page, 'orgs', { id: incubator.parent_id })).items[0]
    const sibling = (await apiList(page, 'orgs', { parent_id: parent.parent_id, kind: 'guidance_station' })).items.find((o) => o.id !== parent.id)
    await page.locator('[data-test="org-search"]').fill(parent.name.replace(/第.党建工作指导站$/, ''))
    await tree.locator(`[data-test="org-node-${sibling.id}"]`).waitFor()
    await tree.locator(`[data-test="org-node-${incubator.id}"]`).dragTo(tree.locator(`[data-test="org-node-${sibling.id}"]`))
    const confirm = page.locator('.el-message-box')
    await confirm.waitFor()
    assert.match(await confirm.innerText(), /调整到/)
    await confirm.locator('.el-button--primary').click()
    let moved
    for (let i = 0; i < 300; i++) {
      moved = (await apiList(page, 'orgs', { id: incubator.id })).items[0]
      if (moved.parent_id === sibling.id) break
      await page.waitForTimeout(100)
    }
    assert.equal(moved.parent_id, sibling.id)
    await tree.locator(`[data-test="org-node-${incubator.id}"]`).waitFor({ timeout: 60000 })
    // and back, through the API
    const back = await api(page, 'PATCH', `/orgs/${moved.id}`, { version: moved.version, parent_id: parent.id })
    assert.equal(back.status, 200)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('enterprise coverage narrows to the enterprises without a party organisation', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/party/coverage')
    await textOf(page.locator('[data-test="cov-org"]'), /34\.82%/)
    await textOf(page.locator('[data-test="coverage-total"]'), new RegExp('^' + '672' + '$'))
    await page.locator('[data-test="coverage-filter"] .el-radio-button', { hasText: '未建党组织' }).click()
    await textOf(page.locator('[data-test="coverage-total"]'), new RegExp('^' + '438' + '$'))
    await page.locator('[data-test="coverage-filter"] .el-radio-button', { hasText: '党的工作未覆盖' }).click()
    await textOf(page.locator('[data-test="coverage-total"]'), new RegExp('^' + '0' + '$'))
    await page.locator('[data-test="coverage-filter"] .el-radio-button', { hasText: '未建妇联' }).click()
    await textOf(page.locator('[data-test="coverage-total"]'), new RegExp('^' + String(672 - 71) + '$'))
    await shot(page, '60-party-coverage')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('the reimbursement queue: a claim approved moves on to payment', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/party/funds')
    const table = page.locator('[data-test="funds-table"]')
    await table.locator('.el-table__row').first().waitFor({ timeout: 60000 })
    const waiting = (await apiList(page, 'party_funds', { status: 'submitted' })).total
    const toPay = (await apiList(page, 'party_funds', { status: 'approved' })).total
    await textOf(page.locator('[data-test="tab-submitted"]'), new RegExp(`待审批（${waiting}）`))
    await table.locator('.el-table__fixed-right [data-test^="fund-approve-"], [data-test^="fund-approve-"]').first().click()
    const form = page.locator('.action-dialog')
    await form.waitFor()
    await form.locator('[data-field="opinion"] textarea').fill('同意，按票据实报实销')
    await form.locator('[data-test="action-submit"]').click()
    await form.waitFor({ state: 'hidden' })
    await textOf(page.locator('[data-test="tab-submitted"]'), new RegExp(`待审批（${waiting - 1}）`))
    await textOf(page.locator('[data-test="tab-approved"]'), new RegExp(`待报销（${toPay + 1}）`))
    assert.equal((await apiList(page, 'party_funds', { status: 'approved' })).total, toPay + 1)
    await shot(page, '60-party-funds')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a park committee\'s user sees its own park without choosing it', async () => {
  const b = await openBrowser({ viewport: { width: 1440, height: 1000 } })
  try {
    const { page } = b
    await login(page, ADMIN)
    const user = 'park' + uniq()
    const r = await api(page, 'POST', '/users', { username: user, role: 'org', password: 'park-pass-123', scope_org_id: await parkId(page) })
    assert.equal(r.status, 201, JSON.stringify(r.body))
    await page.evaluate(() => fetch('/api/v1/session', { method: 'DELETE', headers: { 'X-CSRF-Token': '' } }))
    await page.context().clearCookies()
    await page.goto(BASE + '/#/login')
    await login(page, { user, pass: 'park-pass-123' })
    const card = page.locator('[data-test="party-coverage-card"]')
    await textOf(card.locator('[data-test="fig-org-coverage"]'), /34\.82%/)
    assert.equal(await card.locator('[data-test="party-park-select"]').count(), 0)
    assert.equal((await apiList(page, 'enterprises', { limit: 1 })).total, 672)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
