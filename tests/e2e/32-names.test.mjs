// Names, not codes: the audit log and a record's history show the step's label (镇级考察), the
// record's name, the user's real name, and periods as people say them (2026年第四季度); on a
// phone the audit log is a list of cards. Tags are coloured by meaning: 性别 and 学历 are plain.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, apiCall, recommendTalent } from './lib.mjs'

const SIZES = [['desktop', { width: 1440, height: 900 }], ['phone', { width: 375, height: 812 }]]

for (const [size, viewport] of SIZES) {
  test(`${size}: the audit log names the step, the record and the user`, async () => {
    const b = await openBrowser({ viewport })
    try {
      const { page } = b
      await login(page, ADMIN)
      const { name, talent } = await recommendTalent(page, size === 'phone' ? '名机' : '名桌')
      const r = await apiCall(page, 'POST', `/talents/${talent.id}/actions/inspect`, { version: talent.version, date: talent.recommended_on })
      assert.equal(r.status, 200, JSON.stringify(r.body))

      await page.goto(BASE + '/#/admin/audit')
      const action = page.locator('[data-test="audit-action"]').first()
      await action.waitFor()
      assert.equal(await action.innerText(), '镇级考察')
      assert.match(await page.locator('[data-test="audit-record"]').first().innerText(), new RegExp(name))
      assert.equal(await page.locator('[data-test="audit-user"]').first().innerText(), '测试管理员（e2eadmin）')
      const text = await page.locator('.page').innerText()
      assert.doesNotMatch(text, /action:|\bsession\b/)
      if (size === 'phone') {
        assert.ok(await page.locator('[data-test="audit-card"]').count() > 0)
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        assert.ok(overflow <= 0, 'no sideways scroll')
      }
      await shot(page, `32-audit-names-${size}`)

      // the record's own history: the step by name, the user by name
      await page.goto(BASE + `/#/talents/ledger`)
      await page.locator('.ledger-table, [data-test="ledger-cards"]').first().waitFor()
      const ev = await apiCall(page, 'GET', `/talents/${talent.id}/events`)
      assert.deepEqual(ev.body.items.map((e) => e.user_name), ['测试管理员', '测试管理员'])
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}

test('periods as people say them, tags coloured only for states', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await page.goto(BASE + '/#/talents/evaluations')
    const cellEl = page.locator('.eg-cell:not(.future)[data-period*="Q"]').first()
    await cellEl.waitFor()
    await cellEl.click()
    const title = page.locator('.el-dialog__title').first()
    await title.waitFor()
    assert.match(await title.innerText(), /\d{4}年第[一二三四]季度研判/)
    assert.doesNotMatch(await title.innerText(), /\d{4}Q[1-4]/)
    await shot(page, '32-evaluation-period')
    await page.keyboard.press('Escape')

    await page.goto(BASE + '/#/talents/ledger')
    await page.locator('.ledger-table .el-table__row').first().waitFor()
    const tags = await page.locator('.ledger-table .el-table__row').first().locator('.el-tag').allInnerTexts()
    // only the state is a tag; 性别, 学历 and 政治面貌 are plain text
    assert.ok(tags.every((t) => /村级推荐|镇级考察|多部门联审|已入库|未通过|已出库/.test(t)), tags.join(','))
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
