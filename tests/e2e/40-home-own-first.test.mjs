// The home page puts the user's own mechanism first: a village clerk its village's talent pool,
// what waits for it and its economy; a town clerk its to-dos, then the area's talent figures; a
// park's party committee its party-building figures; a department its ticket queue and ticket
// figures. At 1440 and 375 px (one column on a phone, in the same order, no sideways scroll).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, VILLAGE, BASE } from './lib.mjs'
import { PHONE, DESKTOP, TOWN_CODE, addUser, orgId, switchUser, sideways } from './tickets-lib.mjs'

/** The keys of the home page's cards, top to bottom. */
async function cardOrder(page) {
  await page.locator('.dashboard[data-seat] .dash-slot').first().waitFor()
  return page.locator('.dashboard .dash-slot').evaluateAll((els) => els.map((e) => e.dataset.card))
}

/** The first `n` cards as they are laid out: each starts at or below the one before. */
async function laidOutInOrder(page, n) {
  const tops = await page.locator('.dashboard .dash-slot').evaluateAll((els, k) => els.slice(0, k).map((e) => e.getBoundingClientRect().top), n)
  for (let i = 1; i < tops.length; i++) assert.ok(tops[i] >= tops[i - 1], `card ${i} is not above card ${i - 1}`)
}

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`each user's own mechanism comes first on the home page (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const town = await addUser(page, 'town', { scope_division: TOWN_CODE, display_name: '下司镇组织委员' })
      const park = await addUser(page, 'org', { scope_org_id: await orgId(page, '中共黔南州园区工作委员会'), display_name: '园区党工委' })
      const dept = await addUser(page, 'department', { scope_org_id: await orgId(page, '独山县政务服务中心'), display_name: '县政务服务中心' })

      const seen = {}
      for (const [who, seat, first] of [
        // the village's talent pool, its to-dos (tickets to handle among them), its economy
        [VILLAGE, 'village', ['talent-figures', 'todos', 'village-economy']],
        // the to-dos, then the area's figures: the talent pool's first
        [town, 'town', ['todos', 'talent-figures']],
        // the park's party-building figures
        [park, 'org', ['party-coverage', 'party-members', 'party-funds']],
        // the ticket queue, then the figures of the tickets
        [dept, 'department', ['todos', 'ticket-rates']],
      ]) {
        await switchUser(page, who)
        await page.locator(`.dashboard[data-seat="${seat}"]`).waitFor()
        const order = await cardOrder(page)
        assert.deepEqual(order.slice(0, first.length), first, `${seat}: ${order.join(', ')}`)
        seen[seat] = order
        await laidOutInOrder(page, first.length)
        if (phone) assert.ok((await sideways(page)) <= 0, seat + ': no sideways scroll')
        await shot(page, `40-home-${seat}-${viewport.width}`)
      }
      // every card is still there for each of them, only the order differs
      const all = [...seen.town].sort()
      for (const seat of Object.keys(seen)) assert.deepEqual([...seen[seat]].sort(), all, seat + ' has every card')

      // The village's first card is its own village's figures.
      await switchUser(page, VILLAGE)
      const figures = page.locator('.dash-slot[data-card="talent-figures"]')
      await figures.waitFor()
      assert.ok(await figures.evaluate((e) => e.getBoundingClientRect().top < window.innerHeight), 'on the first screen')
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}

test('an admin keeps the to-dos first and the modules in their order', async () => {
  const b = await openBrowser({ viewport: DESKTOP })
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/')
    const order = await cardOrder(page)
    assert.equal(order[0], 'todos')
    assert.equal(order[1], 'counts')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
