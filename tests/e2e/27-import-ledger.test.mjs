// Import the 台账 an office keeps through the wizard: what it found in the file (sheet,
// header rows, skipped rows, columns left out) before confirming; a bad row at its row and
// column; an update by ID number showing each change and the blanks that keep values; a
// column without a header that must be ignored on purpose; an old .xls.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { openBrowser, login, shot, ADMIN, BASE, apiList } from './lib.mjs'
import { ID } from '../fixtures/field/books.mjs'

const FIELD = path.resolve('tests/fixtures/field')

async function choose(page, name, buffer) {
  await page.locator('.import-drop input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer })
  await page.locator('[data-test="file-name"]', { hasText: name }).waitFor()
}
const chooseFixture = (page, name) => choose(page, name, fs.readFileSync(path.join(FIELD, name)))

async function openWizard(page) {
  await page.goto(BASE + '/#/r/persons/import')
  await page.locator('.import-page').waitFor()
}

test('import a real 台账: what was found is shown before anything is written', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await openWizard(page)

    await chooseFixture(page, '21-two-row-header.xlsx')
    await page.locator('[data-test="dry-run"]').click()
    const found = page.locator('[data-test="import-found"]')
    await found.waitFor()
    assert.equal(await page.locator('[data-test="found-sheet"]').innerText(), '“人员台账”')
    assert.equal(await page.locator('[data-test="found-header"]').innerText(), '第 3、4 行')
    assert.match(await page.locator('[data-test="found-rows"]').innerText(), /第 5–8 行，共 4 行/)
    const skipped = await page.locator('[data-test="import-skipped"]').innerText()
    for (const t of ['表头上方的标题或说明', '只有序号的空行', '合计行', '表格下方的签字或说明', '填表人：张三']) assert.ok(skipped.includes(t), t)
    assert.match(await page.locator('[data-test="import-ignored"]').innerText(), /序号列，不导入/)
    assert.match(await page.locator('[data-test="dry-ok"]').innerText(), /新增\s*4\s*条/)
    assert.equal((await apiList(page, 'persons', { name: '王芳' })).total, 0, 'a dry run writes nothing')
    await found.scrollIntoViewIfNeeded()
    await shot(page, '27-import-found')

    await page.locator('[data-test="confirm-import"]').click()
    await page.locator('[data-test="import-result"]').waitFor()
    assert.match(await page.locator('[data-test="import-result"]').innerText(), /新增\s*4\s*条/)
    const wang = (await apiList(page, 'persons', { name: '王芳' })).items
    assert.equal(wang.length, 1)
    assert.equal(wang[0].birth_date, '1990-05-06')
    assert.equal((await apiList(page, 'persons', { name: '阿依古丽·买买提' })).total, 1)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a bad row is reported at its row and column; an update by ID number shows its changes first', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await openWizard(page)

    await chooseFixture(page, '13-phones.xlsx')
    await page.locator('[data-test="dry-run"]').click()
    const report = page.locator('[data-test="import-report"]')
    await report.waitFor()
    const text = await report.innerText()
    assert.match(text, /工作表“Sheet”有 1 处错误/)
    assert.match(text, /5\s+C\s+联系电话\s+联系电话只能填一个号码/)
    await report.scrollIntoViewIfNeeded()
    await shot(page, '27-import-row-error')

    // 王芳 moved to 北盛村 and has a new phone; her 住址 cell is blank this month
    const month = '\ufeff姓名,身份证号码,手机号码,家庭住址,所在村\r\n' + `王芳,${ID.wang},13912345699,,北盛村\r\n`
    await choose(page, '三月台账.csv', Buffer.from(month, 'utf8'))
    await page.locator('[data-test="match-key"]').click()
    await page.locator('[data-test="dry-run"]').click()
    const changes = page.locator('[data-test="import-changes"]')
    await changes.waitFor()
    const c = await changes.innerText()
    assert.match(c, /联系电话：139\*\*\*\*5601 → 139\*\*\*\*5699/)
    assert.match(c, /所在地区：下司村 → 北盛村/)
    assert.match(c, /住址（下司村一组）/, 'the blank cell keeps the stored value, and says so')
    assert.match(await page.locator('[data-test="dry-ok"]').innerText(), /更新\s*1\s*条/)
    await changes.scrollIntoViewIfNeeded()
    await shot(page, '27-import-changes')
    await page.locator('[data-test="confirm-import"]').click()
    await page.locator('[data-test="import-result"]').waitFor()
    const wang = (await apiList(page, 'persons', { name: '王芳' })).items[0]
    assert.equal(wang.division_code, '522726111214')
    const full = await page.evaluate((id) => fetch('/api/v1/persons/' + id).then((r) => r.json()), wang.id)
    assert.equal(full.address, '下司村一组')
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})

test('a column with data but no header must be ignored on purpose; an .xls is accepted', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    await openWizard(page)

    await chooseFixture(page, '20-unlabelled-column.xlsx')
    await page.locator('[data-test="dry-run"]').click()
    await page.locator('[data-test="refused-columns"]').waitFor()
    assert.match(await page.locator('[data-test="import-ignored"]').innerText(), /D\s+（无表头）\s+该列没有表头\s+1/)
    const confirm = page.locator('[data-test="confirm-import"]')
    assert.equal(await confirm.isDisabled(), true, 'not before the column is ignored on purpose')
    await page.locator('[data-test="ignore-unknown"]').click()
    assert.equal(await confirm.isDisabled(), false)
    await shot(page, '27-import-unlabelled')
    await confirm.click()
    await page.locator('[data-test="import-result"]').waitFor()
    assert.equal((await apiList(page, 'persons', { name: '陆六一' })).total, 1)

    await page.locator('[data-test="import-result"] button', { hasText: '继续导入' }).click()
    await chooseFixture(page, '07-legacy.xls')
    await page.locator('[data-test="dry-run"]').click()
    await page.locator('[data-test="dry-ok"]').waitFor()
    assert.match(await page.locator('[data-test="import-found"]').innerText(), /合并的单元格只有第一格有内容/)
    await page.locator('[data-test="confirm-import"]').click()
    await page.locator('[data-test="import-result"]').waitFor()
    assert.equal((await apiList(page, 'persons', { name: '华二四' })).total, 1)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
