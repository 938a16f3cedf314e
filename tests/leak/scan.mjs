// scan: reads every file under a directory an API run left (server logs,
// SQLite databases and their WAL files, exported CSV/XLSX) and reports each
// plaintext ID number (18 characters with a valid GB 11643 check character)
// and mobile phone (11 digits, 1[3-9]…) found. ID numbers are stored only
// encrypted, hashed and masked (persons.id_number_enc/_hash/_mask), so any
// plaintext one in a database, WAL or log is a leak; a phone is allowed only
// in the declared phone columns (FT_PHONE, stored in clear by design, read
// through the masks of the API), which the SQL dump of each database shows.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = process.argv[2];
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const validId = (s) => '10X98765432'[[...s.slice(0, 17)].reduce((a, d, i) => a + Number(d) * W[i], 0) % 11] === s[17];
const ID_RE = /(?<![0-9A-Za-z])[1-9]\d{16}[\dX](?![0-9A-Za-z])/g;
const PHONE_RE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

const files = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name !== 'api.log') files.push(p);
  }
})(dir);

const leaks = [];
let scanned = 0;
for (const f of files) {
  const text = fs.readFileSync(f).toString('latin1'); // digits are ASCII in every encoding here
  scanned++;
  for (const m of text.match(ID_RE) || []) if (validId(m)) leaks.push(`${f}: ID number ${m.slice(0, 4)}…${m.slice(-2)}`);
  const isDb = /\.db$/.test(f);
  if (/server\.log$|\.csv$/.test(f) && !/export|roundtrip/.test(f)) {
    for (const m of text.match(PHONE_RE) || []) leaks.push(`${f}: phone ${m.slice(0, 3)}…${m.slice(-2)}`);
  }
  if (isDb) {
    // phones outside the declared phone columns: by table and column
    const tables = spawnSync('sqlite3', ['-readonly', f, "SELECT name FROM sqlite_master WHERE type='table'"]).stdout?.toString().split('\n').filter(Boolean) || [];
    for (const t of tables) {
      const out = spawnSync('sqlite3', ['-readonly', '-json', f, `SELECT * FROM "${t}"`], { maxBuffer: 1 << 28 }).stdout?.toString() || '';
      if (!out.trim()) continue;
      let rows;
      try { rows = JSON.parse(out); } catch { continue; }
      for (const row of rows) {
        for (const [col, v] of Object.entries(row)) {
          if (typeof v !== 'string') continue;
          if (/phone$/.test(col)) continue; // a declared phone column
          for (const m of v.match(PHONE_RE) || []) leaks.push(`${path.basename(f)} ${t}.${col}: phone ${m.slice(0, 3)}…${m.slice(-2)}`);
        }
      }
    }
  }
}
const uniq = [...new Set(leaks)];
for (const l of uniq.slice(0, 100)) console.log(`LEAK ${l}`);
console.log(`leak-scan: ${scanned} files, ${uniq.length} plaintext ID numbers or phones outside their places`);
console.log(`leak-scan: ${uniq.length ? 0 : 1} passed, ${uniq.length ? 1 : 0} failed`);
process.exitCode = uniq.length ? 1 : 0;
