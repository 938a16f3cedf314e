// scan: reads every file under a directory an API run left (server logs,
// SQLite databases and their WAL files, exported CSV/XLSX) and reports each
// plaintext ID number (18 characters with a valid GB 11643 check character)
// and mobile phone (11 digits, 1[3-9]…) found. Both are stored only encrypted,
// hashed and masked (<field>_enc/_hash/_mask, migration 0017 for phones), so
// any plaintext one in a database, WAL or log is a leak. Files an export wrote
// may hold phones revealed to a permitted user (reveal=1), and are not read for
// phones. Each database is also read row by row (sqlite3 -json), so that a
// number split across pages or stored as a JSON escape is caught too.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = process.argv[2];
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
// GB 11643-1999: a province code (11–82), a birth date that is a real day after 1900, the check
// character. The date keeps out the runs SQLite's record format makes of neighbouring columns
// (a birth day's "12", a division code, a year: 18 digits, one in 11 with a "valid" check).
const realBirth = (d) => {
  const t = new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T00:00:00Z`);
  return d >= '19000101' && !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10).replaceAll('-', '') === d && t <= new Date();
};
const validId = (s) => /^[1-8][1-9]/.test(s) && realBirth(s.slice(6, 14))
  && '10X98765432'[[...s.slice(0, 17)].reduce((a, d, i) => a + Number(d) * W[i], 0) % 11] === s[17];
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
  if (!/export|roundtrip/.test(f)) {
    for (const m of text.match(PHONE_RE) || []) leaks.push(`${f}: phone ${m.slice(0, 3)}…${m.slice(-2)}`);
  }
  if (isDb) {
    // by table and column, so that a leak says where it is
    const tables = spawnSync('sqlite3', ['-readonly', f, "SELECT name FROM sqlite_master WHERE type='table'"]).stdout?.toString().split('\n').filter(Boolean) || [];
    for (const t of tables) {
      const out = spawnSync('sqlite3', ['-readonly', '-json', f, `SELECT * FROM "${t}"`], { maxBuffer: 1 << 28 }).stdout?.toString() || '';
      if (!out.trim()) continue;
      let rows;
      try { rows = JSON.parse(out); } catch { continue; }
      for (const row of rows) {
        for (const [col, v] of Object.entries(row)) {
          if (typeof v !== 'string') continue;
          for (const m of v.match(PHONE_RE) || []) leaks.push(`${path.basename(f)} ${t}.${col}: phone ${m.slice(0, 3)}…${m.slice(-2)}`);
          for (const m of v.match(ID_RE) || []) if (validId(m)) leaks.push(`${path.basename(f)} ${t}.${col}: ID number ${m.slice(0, 4)}…${m.slice(-2)}`);
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
