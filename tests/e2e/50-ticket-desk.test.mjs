// The ticket desk (工单台): queues by state and kind whose counts are the lists' totals, the
// time limit on every row (剩余 N 天 / 已超期 N 天), 点单 with the categories of the chosen
// kind, 派单 by the town in the action dialog and 签收 by the department it went to, reached
// from its to-do, with the timeline in the drawer. At 1440×900 and on a 375×812 phone (cards).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall, schemaOf, uniq, chooseOption, openOptions } from './lib.mjs'
import {
  PHONE, DESKTOP, TOWN_CODE, orgId, addUser, newTicket, todosOf, switchUser, waitCount, tabCount, countTickets,
  daysFromToday, sideways, today,
} from './tickets-lib.mjs'

const RUNNING = ['dispatched', 'accepted', 'returned']
const QUEUES = {
  to_dispatch: { status: ['submitted', 'returned'] },
  to_accept: { status: 'dispatched' },
  handling: { status: 'accepted' },
  overdue: { status: RUNNING, due_on__lt: today() },
  to_rate: { status: 'resolved' },
  closed: { status: 'closed' },
  all: {},
}

async function openDesk(page, tab) {
  await page.goto(BASE + '/#/tickets/desk')
  await page.locator('.ledger[data-resource="tickets"]').waitFor()
  if (tab) await page.locator(`[data-test="tab-${tab}"]`).click()
  await page.locator('.ledger .el-loading-mask').first().waitFor({ state: 'hidden' }).catch(() => {})
}

/** The row (table) or card (phone) of a ticket on the desk. */
function ticketOn(page, phone, t) {
  return phone ? page.locator(`.ledger-card:has([data-ticket="${t.id}"])`) : page.locator('.ledger-table .el-table__body tr', { hasText: t.title }).first()
}

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`the desk: queues by state and kind, counted as their lists, each running ticket with its time limit (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      await openDesk(page)
      for (const [key, query] of Object.entries(QUEUES)) assert.equal(await tabCount(page, key), await countTickets(page, query), key)
      // Work waits in 待派单…待评价: a badge; 已超期 in red.
      assert.equal(await page.locator('[data-test="tab-overdue"] .el-badge').count(), (await tabCount(page, 'overdue')) ? 1 : 0)

      // The kinds: each count is the list of that kind in the chosen queue.
      await page.locator('[data-test="tab-all"]').click()
      const bar = page.locator('[data-test="kind-bar"]')
      await page.waitForFunction(() => document.querySelector('[data-test="kind-bar"]')?.innerText.includes('项目代办'))
      for (const kind of ['project_agency', 'enterprise_service', 'resident_wish']) {
        const n = await countTickets(page, { kind })
        await bar.locator(`[data-test="kind-count-${kind}"]`).getByText(String(n), { exact: true }).waitFor()
      }
      await bar.locator('[data-kind="project_agency"]').click()
      const agency = await countTickets(page, { kind: 'project_agency' })
      await page.locator('[data-test="total"]').getByText(String(agency), { exact: true }).waitFor()
      await waitCount(page, '[data-test="tab-all"]', agency)
      await bar.locator('[data-kind=""]').click()

      // 已超期: every ticket in it is marked red with the days past its limit.
      await page.locator('[data-test="tab-overdue"]').click()
      const overdue = await countTickets(page, QUEUES.overdue)
      await page.locator('[data-test="total"]').getByText(String(overdue), { exact: true }).waitFor()
      const marks = phone ? '.ledger-card [data-sla]' : '.ledger-table .el-table__body [data-sla]'
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n, [marks, Math.min(overdue, 20)])
      for (const text of await page.locator(marks).allInnerTexts()) assert.match(text, /已超期 \d+ 天/)
      assert.equal(await page.locator(marks + '[data-sla="danger"]').count(), Math.min(overdue, 20))
      if (phone) {
        assert.equal(await page.locator('.ledger-table').count(), 0, 'cards, not a table, on a phone')
        assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      }
      await shot(page, `50-desk-overdue-${viewport.width}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })

  test(`派单 by the town in the action dialog, 签收 by the department from its to-do (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const centre = await orgId(page, '独山县政务服务中心')
      const town = await addUser(page, 'town', { scope_division: TOWN_CODE, display_name: '下司镇便民服务中心' })
      const dept = await addUser(page, 'department', { scope_org_id: centre, display_name: '县政务服务中心' })
      const title = (phone ? '手机派单' : '营业执照变更') + uniq()
      let t

      await switchUser(page, town)
      if (phone) {
        t = await newTicket(page, title)
        await openDesk(page)
      } else {
        // 点单 in the form: the category is one of the chosen kind's.
        await openDesk(page)
        await page.locator('[data-test="create"]').click()
        const form = page.locator('.record-form:visible')
        await form.waitFor()
        await chooseOption(page, form.locator('[data-field="kind"]'), /^项目代办$/)
        const offered = await openOptions(page, form.locator('[data-field="category"]'))
        await offered.filter({ hasText: '证照办理' }).waitFor()
        const labels = await offered.allInnerTexts()
        assert.ok(labels.some((l) => /证照办理（10 个工作日）/.test(l)), labels.join())
        assert.ok(!labels.some((l) => /融资协调|微心愿/.test(l)), 'only 项目代办\'s categories: ' + labels.join())
        await offered.filter({ hasText: '证照办理' }).click()
        await form.locator('[data-field="title"] input').fill(title)
        await (await openOptions(page, form.locator('[data-field="requester_enterprise_id"]'))).first().click()
        await shot(page, '50-desk-create-1440')
        await form.locator('[data-test="form-submit"]').click()
        await form.waitFor({ state: 'hidden' })
        t = (await apiCall(page, 'GET', '/tickets?q=' + encodeURIComponent(title))).body.items[0]
        assert.equal(t.category_label, '证照办理')
        assert.equal(t.status, 'submitted')
      }
      assert.equal(await page.locator('.el-tabs__item.is-active [data-test="tab-to_dispatch"]').count(), 1, 'a town starts at 待派单')
      const toDispatch = await tabCount(page, 'to_dispatch')
      const toAccept = await tabCount(page, 'to_accept')
      assert.equal(toDispatch, await countTickets(page, QUEUES.to_dispatch))

      // 派单: the dialog has the action's declared fields; the category's department and time
      // limit are the defaults.
      const dispatch = (await schemaOf(page, 'tickets')).actions.find((a) => a.name === 'dispatch')
      await ticketOn(page, phone, t).locator('[data-action="dispatch"]').click()
      const dlg = page.locator('.action-dialog[data-action="dispatch"]')
      await dlg.waitFor()
      const drawn = await dlg.locator('.el-form-item[data-field]').evaluateAll((els) => els.map((e) => e.dataset.field))
      assert.deepEqual(drawn, dispatch.fields.map((f) => f.name))
      assert.match(await dlg.locator('.ad-who').innerText(), /已点单[\s\S]*已派单/)
      await dlg.locator('[data-field="opinion"] textarea').fill('请县政务服务中心办理')
      await shot(page, `50-dispatch-dialog-${viewport.width}`)
      await dlg.locator('[data-test="action-submit"]').click()
      await dlg.waitFor({ state: 'hidden' })
      await waitCount(page, '[data-test="tab-to_dispatch"]', toDispatch - 1)
      await waitCount(page, '[data-test="tab-to_accept"]', toAccept + 1)
      t = (await apiCall(page, 'GET', '/tickets/' + t.id)).body
      assert.equal(t.status, 'dispatched')
      assert.equal(t.assignee_org_id, centre, 'the category\'s default department')
      const left = daysFromToday(t.due_on)
      assert.ok(left >= 10, '10 working days are at least 10 days')

      // 待签收: the time limit counts down from the server's due date.
      await page.locator('[data-test="tab-to_accept"]').click()
      const mark = ticketOn(page, phone, t).locator('[data-sla]')
      await mark.getByText(`剩余 ${left} 天`).waitFor()
      assert.equal(await mark.getAttribute('data-sla'), 'success')

      // The department: its to-do counts the ticket; the menu (or, on a phone, the bell and
      // the 我的待办 page) leads to the queue with just its tickets.
      await switchUser(page, dept)
      const todos = await todosOf(page)
      assert.ok(todos.byKey.to_accept.first.some((x) => x.id === t.id), 'to accept')
      assert.equal(todos.byKey.to_dispatch, undefined, 'a department does not dispatch')
      await waitCount(page, '[data-test="todo-bell"]', todos.total)
      if (phone) {
        await page.locator('[data-test="todo-bell"]').click()
        await page.locator('[data-test="todos-page"] [data-todo="to_accept"]').waitFor()
        assert.equal(Number(await page.locator('[data-test="todos-page"] [data-todo="to_accept"]').getAttribute('data-count')), todos.byKey.to_accept.count)
        await shot(page, '50-todos-department-375')
        await page.locator('[data-test="todos-page"] [data-test="todo-link-to_accept"]').click()
      } else {
        const item = page.locator('[data-test="menu-todos"] [data-todo="to_accept"]')
        await item.waitFor()
        assert.equal((await item.locator('.el-badge__content').innerText()).trim(), String(todos.byKey.to_accept.count))
        assert.equal((await page.locator('[data-test="menu-todos-total"] .el-badge__content').innerText()).trim(), String(todos.total))
        await shot(page, '50-todos-department-menu-1440')
        await item.click()
      }
      await page.locator('[data-test="link-filter"]').getByText('待签收').first().waitFor()
      await page.locator('[data-test="total"]').getByText(String(todos.byKey.to_accept.count), { exact: true }).waitFor()
      assert.equal(await page.locator('.el-tabs__item.is-active [data-test="tab-to_accept"]').count(), 1, 'its queue')
      await ticketOn(page, phone, t).waitFor()
      await shot(page, `50-desk-department-${viewport.width}`)

      // 签收 in its dialog; the to-do and the bell follow.
      await ticketOn(page, phone, t).locator('[data-action="accept"]').click()
      const acc = page.locator('.action-dialog[data-action="accept"]')
      await acc.waitFor()
      await acc.locator('[data-test="action-submit"]').click()
      await acc.waitFor({ state: 'hidden' })
      await ticketOn(page, phone, t).waitFor({ state: 'detached' })
      const after = await todosOf(page)
      assert.equal(after.byKey.to_accept.count, todos.byKey.to_accept.count - 1)
      await waitCount(page, '[data-test="todo-bell"]', after.total)
      assert.equal((await apiCall(page, 'GET', '/tickets/' + t.id)).body.status, 'accepted')

      // The ticket's page: its state, time limit, the actions now open to the department, and
      // the timeline 派单 → 签收.
      await page.locator('[data-test="tab-handling"]').click()
      await ticketOn(page, phone, t).locator(phone ? '.tc-title' : 'td:not(.el-table-column--selection)').first().click()
      const drawer = page.locator('.record-detail')
      await drawer.locator('[data-test="detail-state"]', { hasText: '已接单' }).waitFor()
      await drawer.locator('[data-sla]').getByText(`剩余 ${left} 天`).waitFor()
      await drawer.locator('.detail-foot [data-action="resolve"]').waitFor()
      assert.equal(await drawer.locator('.detail-foot [data-action="dispatch"]').count(), 0)
      await drawer.locator('[data-test="tab-events"]').click()
      await drawer.locator('[data-test="events"] [data-event="accept"]').waitFor()
      const steps = await drawer.locator('[data-test="events"] [data-event]').evaluateAll((els) => els.map((e) => e.dataset.event))
      assert.deepEqual(steps.slice(-2), ['dispatch', 'accept'])
      assert.match(await drawer.locator('[data-test="events"]').innerText(), /请县政务服务中心办理/)
      await shot(page, `50-ticket-timeline-${viewport.width}`)
      if (phone) assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
