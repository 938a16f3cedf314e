// Export the filtered list as CSV and XLSX and read the files back.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { openBrowser, login, shot, ADMIN, schemaOf, openLedger, search, validId, uniq, VILLAGE_CODE } from './lib.mjs'

test('export the filtered list as CSV and XLSX', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const persons = await schemaOf(page, 'persons')
    const n = uniq()
    const tag = '导出测试' + String(n).slice(-5)
    // Two records to find, created through the API with the session's CSRF token.
    const created = await page.evaluate(
      async ([tag, ids, division, fields]) => {
        const { csrf } = await fetch('/api/v1/session').then((r) => r.json())
        const out = []
        for (const [i, id] of ids.entries()) {
          const body = { name: tag + '号' + i, id_number: id, division_code: division }
          for (const f of fields) if (f.required && body[f.name] === undefined && f.type === 'enum') body[f.name] = f.enum[0].value
          if (fields.some((f) => f.name === 'gender')) body.gender = fields.find((f) => f.name === 'gender').enum[0].value
          const r = await fetch('/api/v1/persons', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body) })
          out.push(r.status)
        }
        return out
      },
      [tag, [validId('19850101', n % 997), validId('19860202', n % 997)], VILLAGE_CODE, persons.fields],
    )
    assert.deepEqual(created, [201, 201])

    await openLedger(page, 'persons')
    await search(page, tag)
    assert.match(await page.locator('[data-test="total"]').innerText(), /共\s*2\s*条/)

    await page.locator('[data-test="export"]').click()
    const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-csv"]:visible').click()])
    const csv = fs.readFileSync(await csvDl.path(), 'utf8')
    assert.ok(csv.startsWith('\ufeff'), 'CSV carries a UTF-8 BOM')
    const lines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/)
    assert.equal(lines.length, 3, 'header + the two filtered rows')
    assert.ok(lines[0].includes(persons.fields.find((f) => f.name === 'name').label))
    assert.ok(lines.slice(1).every((l) => l.includes(tag)))
    assert.match(csvDl.suggestedFilename(), /\.csv$/)

    await page.locator('[data-test="export"]').click()
    const [xlsxDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-xlsx"]:visible').click()])
    const xlsx = fs.readFileSync(await xlsxDl.path())
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK', 'XLSX is a zip file')
    assert.match(xlsxDl.suggestedFilename(), /\.xlsx$/)
    await shot(page, '05-export')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
