// The first load on a village's link (1.6 Mbit/s down, 150 ms round trips, emulated through
// CDP Network.emulateNetworkConditions): the login form is usable within 3 s at both sizes,
// every script and stylesheet arrives compressed, and the login page loads none of the
// signed-in console (its component library's full stylesheet, the charts).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, shot, BASE } from './lib.mjs'

const LINK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (0.75e6 / 8) }

for (const [size, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]) {
  test(`${size}: the login form is usable within 3 s on a 1.6 Mbit/s link with 150 ms round trips`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page, ctx } = b
      const cdp = await ctx.newCDPSession(page)
      await cdp.send('Network.enable')
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
      await cdp.send('Network.emulateNetworkConditions', LINK)
      const responses = []
      page.on('response', (r) => responses.push(r))
      const bytes = { total: 0 }
      cdp.on('Network.loadingFinished', (e) => { bytes.total += e.encodedDataLength })

      const t0 = Date.now()
      await page.goto(BASE + '/#/login', { waitUntil: 'commit' })
      const user = page.locator('input[name="username"]')
      await user.waitFor({ state: 'visible', timeout: 10000 })
      await page.locator('[data-test="login-submit"]').waitFor({ state: 'visible' })
      await user.fill('someone') // usable: it takes typing
      const ms = Date.now() - t0
      assert.equal(await user.inputValue(), 'someone')
      await page.waitForLoadState('networkidle')
      console.log(`first load (${size}): login form usable after ${ms} ms, ${Math.round(bytes.total / 1024)} KB on the wire`)
      assert.ok(ms < 3000, `the login form took ${ms} ms`)

      const assets = responses.filter((r) => /\/assets\/.*\.(js|css)$/.test(r.url()))
      assert.ok(assets.length > 0)
      for (const r of assets) {
        const h = await r.allHeaders()
        if (Number(h['content-length'] || 1024) < 512) continue // too small to be worth it
        assert.match(h['content-encoding'] || '', /^(br|gzip)$/, r.url())
        assert.match(h.vary || '', /Accept-Encoding/i, r.url())
      }
      assert.ok(!responses.some((r) => /\/assets\/EChart-/.test(r.url())), 'no charts on the login page')
      assert.ok(bytes.total < 300 * 1024, `${bytes.total} bytes before the login form`)
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
      await shot(page, `30-login-first-load-${size}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}
