// Import a real spreadsheet: 2,000 persons written as CSV, turned into XLSX by LibreOffice,
// checked and imported through the wizard, with its progress bar on screen meanwhile.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { openBrowser, login, shot, ADMIN, BASE, apiList, validId, uniq, VILLAGE_CODE } from './lib.mjs'

const ROWS = 2000

/** CSV → XLSX with every column as text, so that 18-digit ID numbers stay exact. */
function toXlsx(csv, columns) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiceng-xlsx-'))
  try {
    fs.writeFileSync(path.join(dir, 'persons.csv'), csv)
    const types = Array.from({ length: columns }, (_, i) => i + 1 + '/2').join('/')
    execFileSync('soffice', ['--headless', '-env:UserInstallation=file://' + path.join(dir, 'profile'),
      '--infilter=CSV:44,34,76,1,' + types, '--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'persons.csv')],
    { env: { ...process.env, HOME: dir }, stdio: 'pipe', timeout: 60000 })
    return fs.readFileSync(path.join(dir, 'persons.xlsx'))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

test('import: a 2,000-row XLSX through the wizard, with progress', async () => {
  const b = await openBrowser()
  try {
    const { page } = b
    await login(page, ADMIN)
    const tpl = await page.evaluate(() => fetch('/api/v1/persons/template?format=csv').then((r) => r.text()))
    const header = tpl.replace(/^\ufeff/, '').split(/\r?\n/)[0].split(',').map((h) => h.replace(/^"|"$/g, '').trim())
    const col = (label) => header.indexOf(label)
    for (const l of ['姓名', '性别', '身份证号', '出生日期', '所在地区']) assert.ok(col(l) >= 0, 'template column ' + l)

    // Distinct valid ID numbers: one birth day per row from 1960 on, sequence digit odd (男).
    const n = uniq()
    const tag = '表格导入' + String(n).slice(-5)
    const day0 = Date.UTC(1960, 0, 1) + (n % 400) * 86400000
    const lines = [header.join(',')]
    for (let i = 0; i < ROWS; i++) {
      const d = new Date(day0 + i * 9 * 86400000).toISOString().slice(0, 10)
      const cells = header.map(() => '')
      cells[col('姓名')] = tag + '_' + i
      cells[col('性别')] = '男'
      cells[col('身份证号')] = validId(d.replace(/-/g, ''), 100 + (n % 800))
      cells[col('出生日期')] = d
      cells[col('所在地区')] = VILLAGE_CODE
      lines.push(cells.join(','))
    }
    const xlsx = toXlsx(lines.join('\n') + '\n', header.length)
    assert.equal(xlsx.subarray(0, 2).toString(), 'PK')

    await page.goto(BASE + '/#/r/persons/import')
    await page.locator('.import-page').waitFor()
    await page.locator('.import-drop input[type=file]').setInputFiles({
      name: '人员2000.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx,
    })
    await page.locator('[data-test="file-name"]', { hasText: '人员2000.xlsx' }).waitFor()

    // A slow line (≈ 64 KB/s up) keeps the upload on screen long enough to watch it.
    const cdp = await b.ctx.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 64 * 1024 })
    // The page itself notes every text the bar shows, so that no step of the
    // upload is missed however slowly this test gets to look.
    await page.evaluate(() => {
      const seen = (window.__progressTexts = [])
      new MutationObserver(() => {
        const t = document.querySelector('.import-progress')?.textContent.trim()
        if (t && seen[seen.length - 1] !== t) seen.push(t)
      }).observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    const progress = page.locator('.import-progress')
    await page.locator('[data-test="dry-run"]').click()
    await progress.waitFor()
    await shot(page, '26-import-progress')
    await progress.waitFor({ state: 'detached', timeout: 120000 })
    const seen = await page.evaluate(() => window.__progressTexts)
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })
    const ok = page.locator('[data-test="dry-ok"]')
    await ok.waitFor()
    assert.match(await ok.innerText(), new RegExp('新增\\s*' + ROWS + '\\s*条、更新\\s*0\\s*条'))
    assert.ok(seen.some((t) => /上传\s*\d+%/.test(t)), 'the bar showed the upload: ' + seen.join(' '))
    assert.equal((await apiList(page, 'persons', { q: tag, limit: 1 })).total, 0, 'a dry run writes nothing')
    await shot(page, '26-import-checked')

    await page.locator('[data-test="confirm-import"]').click()
    const result = page.locator('[data-test="import-result"]')
    await result.waitFor({ timeout: 60000 })
    assert.match(await result.innerText(), new RegExp('新增\\s*' + ROWS + '\\s*条'))
    await shot(page, '26-import-done')
    const back = await apiList(page, 'persons', { q: tag + '_1999', reveal: 1 })
    assert.equal(back.items.length, 1)
    assert.equal(back.items[0].division_code, VILLAGE_CODE)
    assert.equal(back.items[0].id_number, lines[ROWS].split(',')[col('身份证号')], 'the ID number came through exact')
    assert.equal((await apiList(page, 'persons', { q: tag, limit: 1 })).total, ROWS)
    assert.deepEqual(b.errors, [])
  } finally {
    await b.close()
  }
})
