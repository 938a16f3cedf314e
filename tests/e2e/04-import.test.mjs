// Import: a file with one bad row gets a row report and writes nothing; a good file imports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { openBrowser, login, shot, ADMIN, BASE, schemaOf, apiList, validId, wrongId, uniq, VILLAGE_CODE } from './lib.mjs'

function csvCell(v) {
  const s = String(v ?? '')
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}

/** A CSV in the template's own column order; `people` are {name, id_number}. */
function buildCsv(header, persons, people) {
  const byLabel = (h) => persons.fields.find((f) => f.label === h || f.name === h)
  const lines = [header.map(csvCell).join(',')]
  for (const p of people) {
    const cells = header.map((h) => {
      const f = byLabel(h)
      if (!f) return ''
      if (p[f.name] !== undefined) return p[f.name]
      if (f.type === 'division') return VILLAGE_CODE
      if (f.type === 'enum' && (f.required || f.name === 'gender')) return f.enum[0].label
      if (!f.required) return ''
      return { date: '2020-01-01', int: '1', money_fen: '100', bool: '否', phone: '13900000000' }[f.type] || '测试'
    })
    lines.push(cells.map(csvCell).join(','))
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n'
}

async function choose(page, name, csv) {
  await page.locator('.import-drop input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await page.locator('[data-test="file-name"]', { hasText: name }).waitFor()
}

test('import: the bad row is reported and nothing is written; then a good file imports', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const persons = await schemaOf(page, 'persons')
    const tpl = await page.evaluate(() => fetch('/api/v1/persons/template?format=csv').then((r) => r.text()))
    const header = tpl.replace(/^\ufeff/, '').split(/\r?\n/)[0].split(',').map((h) => h.replace(/^"|"$/g, '').trim())
    assert.ok(header.length >= 2, 'the template has a header row')

    const n = uniq()
    const tag = '导入测试' + String(n).slice(-5)
    await page.goto(BASE + '/#/r/persons/import')
    await page.locator('.import-page').waitFor()

    const bad = buildCsv(header, persons, [
      { name: tag + '甲', id_number: validId('19900312', n % 991) },
      { name: tag + '乙', id_number: wrongId('19910415', n % 991) },
    ])
    await choose(page, 'bad.csv', bad)
    await page.locator('[data-test="dry-run"]').click()
    const report = page.locator('[data-test="import-report"]')
    await report.waitFor()
    const text = await report.innerText()
    assert.match(text, /\b3\b/, 'the report names data row 3 (row 1 is the header)')
    assert.match(text, /身份证/)
    await report.scrollIntoViewIfNeeded()
    await shot(page, '04-import-report')
    assert.equal((await apiList(page, 'persons', { q: tag })).total, 0, 'nothing was written')

    const good = buildCsv(header, persons, [
      { name: tag + '丙', id_number: validId('19920518', n % 991) },
      { name: tag + '丁', id_number: validId('19930620', n % 991) },
    ])
    await choose(page, 'good.csv', good)
    await page.locator('[data-test="dry-run"]').click()
    await page.locator('[data-test="dry-ok"]').waitFor()
    assert.equal((await apiList(page, 'persons', { q: tag })).total, 0, 'a dry run writes nothing')
    await shot(page, '04-import-checked')
    await page.locator('[data-test="confirm-import"]').click()
    const result = page.locator('[data-test="import-result"]')
    await result.waitFor()
    assert.match(await result.innerText(), /新增\s*2\s*条/)
    await shot(page, '04-import-done')
    assert.equal((await apiList(page, 'persons', { q: tag })).total, 2)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
