// A talent's person is one click away: in the talent's detail the 人员 links to the person's
// record, and in the talent's edit form the person (and the values taken from the person's
// record: 姓名, 性别…) is a link that opens the person beside the form, with a note that those
// are edited there. The talent form's person picker tells people apart by village and masked ID.
// At 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, recommendTalent, openOptions } from './lib.mjs'
import { PHONE, DESKTOP, sideways } from './tickets-lib.mjs'

for (const viewport of [DESKTOP, PHONE]) {
  const phone = viewport.width < 768
  test(`a talent's person fields link to the person's record (${viewport.width} px)`, async () => {
    const b = await openBrowser({ viewport })
    b.ctx.setDefaultTimeout(30000)
    try {
      const { page } = b
      await login(page, ADMIN)
      const { name, talent } = await recommendTalent(page, '链接')

      // The talent's detail: 人员 is a link to the person.
      await page.goto(BASE + '/#/r/talents?_open=' + talent.id)
      const drawer = page.locator('.record-detail[data-resource="talents"]')
      const link = drawer.locator('[data-field="person_id"] [data-test="ref-link"]')
      await link.waitFor()
      assert.equal((await link.innerText()).trim(), name)
      if (phone) assert.ok((await sideways(page)) <= 0, 'no sideways scroll')
      await shot(page, `41-talent-detail-person-link-${viewport.width}`)

      // The edit form: the person is a link opening beside the form; 姓名, 性别… are text.
      await drawer.getByRole('button', { name: '编辑' }).click()
      const form = page.locator('.record-form:visible')
      const personLink = form.locator('[data-static="person_id"] [data-test="ref-link"]')
      await personLink.waitFor()
      assert.equal(await personLink.getAttribute('target'), '_blank')
      assert.match(await personLink.getAttribute('href'), new RegExp(`#/r/persons\\?_open=${talent.person_id}$`))
      assert.match(await form.locator('[data-test="joined-note"]').innerText(), /姓名、性别.*取自人员档案/)
      assert.equal((await form.locator('[data-static="name"]').innerText()).trim(), name)
      assert.equal(await form.locator('[data-field="name"] input').count(), 0, 'the name is not a greyed input')
      for (const f of ['gender', 'birth_date', 'education', 'political_status', 'phone'])
        assert.equal(await form.locator(`[data-static="${f}"]`).count(), 1, f + ' is text from the person')
      await shot(page, `41-talent-form-person-link-${viewport.width}`)
      const [tab] = await Promise.all([b.ctx.waitForEvent('page'), personLink.click()])
      const person = tab.locator('.record-detail[data-resource="persons"]')
      await person.locator('[data-field="name"]').getByText(name, { exact: true }).waitFor()
      await tab.close()
      assert.ok(await form.isVisible(), 'the form stays open')
      await form.getByRole('button', { name: '取消' }).click()

      // From the detail, the link opens the person's record in place.
      await link.click()
      await page.waitForURL(/#\/r\/persons/)
      const pd = page.locator('.record-detail[data-resource="persons"]')
      await pd.locator('[data-field="name"]').getByText(name, { exact: true }).waitFor()
      await shot(page, `41-person-opened-${viewport.width}`)
      assert.deepEqual(b.errors, [])
    } finally {
      await b.close()
    }
  })
}

test('the talent form offers the person picker with village and masked ID', async () => {
  const b = await openBrowser({ viewport: DESKTOP })
  try {
    const { page } = b
    await login(page, ADMIN)
    const { name } = await recommendTalent(page, '选人')
    await page.goto(BASE + '/#/talents/ledger')
    await page.locator('[data-test="create"]').click()
    const item = page.locator('.record-form [data-field="person_id"]')
    await item.waitFor()
    const options = await openOptions(page, item)
    await page.keyboard.type(name)
    const option = options.filter({ hasText: name }).first()
    await option.waitFor()
    assert.match(await option.locator('[data-test="ref-hint"]').innerText(), /^下司村 · \d{4}\*{13}[\dX]$/)
    await shot(page, '41-talent-form-person-picker')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
