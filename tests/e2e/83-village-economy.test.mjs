// 集体经济 and 乡村治理 in the console: the dashboard's village cards, and a community's own user
// who sees its overview since November 2023 (24.58万 in, most of it spent on livelihoods) and
// opens its public page from there.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, createVillageUser } from './lib.mjs'

test('the dashboard has the village cards', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.locator('[data-test="village-card-economy"] [data-test="figures-collective_economy"] .fig').first().waitFor()
    await page.locator('[data-test="village-card-governance"] [data-test="figures-governance"] .fig').first().waitFor()
    assert.match(await page.locator('[data-test="village-card-governance"]').innerText(), /院坝协商/)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a community sees its economy since the redistricting and opens its public page', async () => {
  const who = { user: 'xinzhuang' + String(Date.now()).slice(-6), pass: 'xinzhuang-pass-1' }
  await createVillageUser(who.user, who.pass, '522725002006', '新庄社区')
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, who)
    await page.goto(BASE + '/#/village/economy')
    await page.locator('[data-test="period"] label', { hasText: '2023年11月以来' }).click()
    const figs = page.locator('[data-test="figures-collective_economy"]')
    await figs.locator('.fig', { hasText: '24.58 万元' }).waitFor()
    const share = await figs.locator('.fig', { hasText: '收益反哺民生' }).innerText()
    assert.ok(Number(/([\d.]+)%/.exec(share)[1]) > 50, share)
    await page.locator('[data-test="assets-by-status"]').waitFor()
    assert.match(await page.locator('[data-test="assets-by-status"]').innerText(), /出租[\s\S]*180/)
    await shot(page, '83-village-economy')
    const [pub] = await Promise.all([page.context().waitForEvent('page'), page.locator('[data-test="open-public"]').click()])
    await pub.locator('[data-test="public-title"]').waitFor()
    assert.match(await pub.locator('[data-test="public-title"]').innerText(), /新庄社区/)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
