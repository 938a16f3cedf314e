// Login failures are limited: after 5 wrong passwords the 6th attempt, even with the right
// password, is answered 登录失败次数过多，请 N 分钟后再试. The server counts per username and
// per client address, so the browser reaches it through a relay from another loopback
// address (127.x.y.z, a new one each run): the other tests, all from 127.0.0.1, keep logging in.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { openBrowser, login, shot, ADMIN, BASE, createVillageUser } from './lib.mjs'

function relayFrom(localAddress) {
  const target = new URL(BASE)
  const server = net.createServer((client) => {
    const up = net.connect({ host: target.hostname, port: +target.port, localAddress })
    client.pipe(up).pipe(client)
    client.on('error', () => up.destroy())
    up.on('error', () => client.destroy())
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

test('the 6th login after 5 wrong passwords is refused: 登录失败次数过多，请 N 分钟后再试', async () => {
  const who = { user: 'xianliu' + String(Date.now()).slice(-7), pass: 'rate-limit-pass-1' }
  await createVillageUser(who.user, who.pass, '522726111200', '限流测试')
  const r = () => 1 + Math.floor(Math.random() * 250)
  const relay = await relayFrom(`127.${r()}.${r()}.${r()}`)
  const b = await openBrowser()
  try {
    const { page } = b
    const origin = 'http://127.0.0.1:' + relay.address().port
    await page.goto(origin + '/#/login')
    const err = page.locator('[data-test="login-error"]')
    for (let i = 1; i <= 5; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST')
      await login(page, { user: who.user, pass: 'wrong-password-' + i }, { expectOk: false })
      assert.equal((await answered).status(), 401, 'attempt ' + i)
      await err.waitFor()
      assert.match(await err.innerText(), /用户名或密码错误/)
    }
    await shot(page, '29-login-fifth-failure')

    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST')
    await login(page, who, { expectOk: false })
    const res = await answered
    assert.equal(res.status(), 429)
    const retry = +(await res.headerValue('retry-after'))
    assert.ok(retry > 0 && retry <= 900, 'Retry-After ' + retry)
    await err.filter({ hasText: '登录失败次数过多' }).waitFor()
    const text = (await err.innerText()).trim()
    assert.match(text, /^登录失败次数过多，请 \d+ 分钟后再试$/)
    assert.equal(+text.match(/请 (\d+) 分钟/)[1], Math.ceil(retry / 60))
    assert.match(page.url(), /#\/login/)
    await shot(page, '29-login-rate-limited')

    // Another address is not held back by this one.
    const other = await fetch(BASE + '/api/v1/session', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: ADMIN.user, password: ADMIN.pass }),
    })
    assert.equal(other.status, 200)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
    relay.close()
  }
})
