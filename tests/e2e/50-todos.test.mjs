// 我的待办 for a town user: the first card of the home page, the counts of every module's
// to-dos (the talent pool's 待考察 / 待联审 / 待入库 / 待研判出库 and the tickets') as the
// server counts them, badges in the menu and on the bell, each count leading to its queue
// filtered by the to-do and each first item opening its record there. At 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE } from './lib.mjs'
import { PHONE, DESKTOP, TOWN_CODE, addUser, todosOf, switchUser, waitCount, sideways } from './tickets-lib.mjs'

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`a town user's to-dos come first on the home page and lead to their queues (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const town = await addUser(page, 'town', { scope_division: TOWN_CODE, display_name: '下司镇党建办' })
      await switchUser(page, town)
      const todos = await todosOf(page)
      for (const key of ['to_inspect', 'to_review', 'to_admit', 'exit_candidates', 'to_dispatch', 'overdue'])
        assert.ok(todos.byKey[key], 'a town has ' + key)
      assert.equal(todos.byKey.to_accept, undefined, 'accepting is the department\'s')

      // The home page opens with them, before any figures.
      const card = page.locator('[data-test="todos-card"]')
      await card.locator('[data-todo]').first().waitFor()
      assert.equal(await page.locator('.dashboard .el-row > .el-col').first().locator('[data-test="todos-card"]').count(), 1, 'the first card')
      for (const t of todos.items.filter((x) => x.count > 0)) {
        assert.equal(Number(await card.locator(`[data-todo="${t.key}"]`).getAttribute('data-count')), t.count, t.key)
        assert.equal(await card.locator(`[data-todo="${t.key}"] [data-first]`).count(), t.first.length)
      }
      const idle = todos.items.filter((x) => !x.count)
      if (idle.length) assert.match(await card.locator('[data-test="todo-idle"]').innerText(), new RegExp(idle[0].label))
      await waitCount(page, '[data-test="todo-bell"]', todos.total)
      if (!phone) {
        for (const t of todos.items.filter((x) => x.count > 0))
          assert.equal((await page.locator(`[data-test="menu-todos"] [data-todo="${t.key}"] .el-badge__content`).first().innerText()).trim(), String(t.count))
      } else {
        assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      }
      await shot(page, `50-todos-home-${viewport.width}`)

      // 待考察 → 入库审核 at its queue, just those talents, named in the filter.
      const inspect = todos.byKey.to_inspect
      await card.locator('[data-test="todo-link-to_inspect"]').click()
      await page.waitForURL(/#\/talents\/review\?/)
      await page.locator('[data-test="link-filter"]').getByText('待考察').first().waitFor()
      assert.equal(await page.locator('.el-tabs__item.is-active [data-test="tab-recommended"]').count(), 1)
      await page.locator('[data-test="total"]').getByText(String(inspect.count), { exact: true }).waitFor()
      await shot(page, `50-todos-queue-${viewport.width}`)
      // The filter can be put away; the queue stays.
      await page.locator('[data-test="link-filter-tag"] .el-tag__close').click()
      await page.locator('[data-test="link-filter"]').waitFor({ state: 'detached' })
      assert.doesNotMatch(page.url(), /_label/)
      assert.equal(await page.locator('.el-tabs__item.is-active [data-test="tab-recommended"]').count(), 1)

      // A first item of 待研判出库 opens that talent in its queue.
      const exits = todos.byKey.exit_candidates
      await page.goto(BASE + '/#/todos')
      const item = page.locator(`[data-test="todos-page"] [data-todo="exit_candidates"] [data-first="${exits.first[0].id}"]`)
      await item.click()
      const drawer = page.locator('.record-detail')
      await drawer.locator('.el-drawer__header', { hasText: exits.first[0].label }).waitFor()
      assert.equal(await page.locator('.el-tabs__item.is-active [data-test="tab-candidates"]').count(), 1)
      assert.doesNotMatch(page.url(), /_open/, 'the record is opened once')
      await page.locator('[data-test="total"]').getByText(String(exits.count), { exact: true }).waitFor()
      await shot(page, `50-todos-open-${viewport.width}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
