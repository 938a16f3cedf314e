// matrix: the access-control matrix of `make authz` (AUTHZ_SHORT=1: the short
// version `make test` runs). Everything is generated: the places are real
// division codes (独山县's towns and villages, a village of 平塘县 outside the
// county), the users are every division role at county, town and village
// level with and without the PII permission, a user of another town, org,
// department and enterprise users and the three administrators; the records
// are made as admin through the API for every resource the schema (GET
// /api/v1/schema) lists, with the demo's records of every resource beside
// them; the routes come from `jiceng routes --json`. The expected answer of
// each (user, route, record) comes from one policy computed from the ways
// each resource declares — a division column in the user's subtree, an
// organisation in the user's subtree, the user's enterprise, or a referenced
// record the user sees; admin sees all; the administrators see no business
// record — and a route the policy does not cover counts as a violation if it
// answers 2xx (deny by default). Besides each answer's status, every answer's
// text is searched for the marker of every record its user may not see
// (labels, exports, searches, import messages, audit rows...) and for the
// generated records' plaintext ID numbers and phones.
// Prints the matrix size and each violation; exits 1 on any.
import { startServer, BIN, run, idNumber } from '../api/lib.mjs';

const SHORT = process.env.AUTHZ_SHORT === '1';
const t0 = Date.now();

// ---- places: 1 county, 3 towns × 3 villages (the short run: 1 town, 1 village),
// plus villages outside the caller's town and county ----
const COUNTY = '522726000000'; // 独山县
const TOWNS = {
  '522726111000': ['522726111200', '522726111214', '522726111215'], // 下司镇
  '522726108000': ['522726108204', '522726108210', '522726108222'], // 百泉镇
  '522726109000': ['522726109202', '522726109204', '522726109215'], // 影山镇
};
const OUTSIDE = '522727108203'; // 平塘县 掌布镇 新坪村
const HOME_TOWN = '522726111000';
const HOME_VILLAGE = '522726111200';
const villages = SHORT
  ? [HOME_VILLAGE, '522726111214', '522726108204', OUTSIDE]
  : [...Object.values(TOWNS).flat(), OUTSIDE];
// whether a 12-digit code lies in the subtree of a county, town or village code
const under = (code, scope) => {
  const len = scope.slice(6) === '000000' ? 6 : scope.slice(9) === '000' ? 9 : 12;
  return code.startsWith(scope.slice(0, len));
};

// ---- bookkeeping ----
let checks = 0;
const violations = [];
const uncovered = new Set();
function expect(ok, what) {
  checks++;
  if (!ok) violations.push(what);
}

const srv = await startServer();
const admin = await srv.login();
const schema = (await admin.get('/api/v1/schema')).body.resources;
const routesOut = await run(BIN, ['routes', '--json']);
if (routesOut.code !== 0) throw new Error(`jiceng routes: ${routesOut.stderr}`);
const routes = JSON.parse(routesOut.stdout);
const resOf = Object.fromEntries(schema.map((r) => [r.name, r]));

// ---- records: every division- or reference-scoped resource, in each village ----
let serial = 0;
const marker = () => `权限${(++serial).toString(36).toUpperCase()}标`;
const objects = []; // {res, id, village, marker, version}
const byRes = new Map(); // res -> objects
const byResVillage = new Map(); // `${res} ${village}` -> object

function valueFor(f, village, res) {
  switch (f.type) {
    case 'string': case 'text': return null; // markers are set by the caller
    case 'int': return 1;
    case 'money_fen': return 100;
    case 'date': return new Date().toISOString().slice(0, 10);
    case 'datetime': return new Date().toISOString().slice(0, 19) + 'Z';
    case 'bool': return false;
    case 'enum': return f.enum?.[0]?.value;
    case 'division': return village;
    case 'id_number': return idNumber('522726', '19900101', String(100 + serial % 900).padStart(3, '0'));
    case 'phone': return `138${String(10000000 + serial).slice(-8)}`;
    default: return undefined;
  }
}

// the other village a cross reference points to: one in another town (or county)
const crossOf = (v) => villages[(villages.indexOf(v) + Math.ceil(villages.length / 2)) % villages.length];

async function createIn(res, village, cross) {
  const body = {};
  const m = marker();
  let needs = false;
  for (const f of res.fields) {
    if (f.readonly || f.virtual) continue;
    if (f.type === 'ref') {
      const target = f.ref === res.name ? null
        : byResVillage.get(`${f.ref} ${f.required || !cross ? village : crossOf(village)}`);
      if (target) body[f.name] = target.id;
      else if (f.required) needs = true;
      continue;
    }
    if (f.type === 'string' || f.type === 'text') {
      if (f.required || f.name === res.label_field || (res.search || []).includes(f.name)) {
        body[f.name] = f.maxlen && f.maxlen < m.length ? m.slice(0, f.maxlen) : m;
      }
      continue;
    }
    if (!f.required && f.type !== 'division' && f.type !== 'id_number' && f.type !== 'phone') continue;
    const v = valueFor(f, village, res);
    if (v !== undefined && v !== null) body[f.name] = v;
  }
  if (needs) return null;
  const r = await admin.post(`/api/v1/${res.name}`, body);
  if (r.status !== 201) return { error: `${r.status} ${JSON.stringify(r.body?.error)}` };
  return { res: res.name, id: r.body.id, version: r.body.version, village, marker: m, body };
}

const scoped = schema.filter((r) => r.scope === 'division' || r.scope === 'ref');
const notMade = new Map();
for (let pass = 0; pass < 4; pass++) {
  for (const res of scoped) {
    for (const v of villages) {
      if (byResVillage.has(`${res.name} ${v}`)) continue;
      // cross references first (labels of other places), same-village ones if refused
      let o = await createIn(res, v, true);
      if (o && o.error) o = await createIn(res, v, false);
      if (!o) continue;
      if (o.error) { notMade.set(res.name, o.error); continue; }
      notMade.delete(res.name);
      objects.push(o);
      byResVillage.set(`${res.name} ${v}`, o);
      if (!byRes.has(res.name)) byRes.set(res.name, []);
      byRes.get(res.name).push(o);
    }
  }
}
for (const res of scoped) if (!byRes.has(res.name) && !notMade.has(res.name)) notMade.set(res.name, 'a required reference could not be made');

// every module's demo data (下司镇, 新庄社区) gives each resource records its
// own rules accept, whatever the generator above could not make
const demo = await srv.cli(['demo']);
if (demo.code !== 0) throw new Error(`jiceng demo: ${demo.stderr}`);

// every row of every resource, as admin sees it: the policy judges these
const rows = new Map(); // res -> Map(id -> row)
for (const res of schema) {
  const m = new Map();
  let cursor = null;
  do {
    const r = await admin.get(`/api/v1/${res.name}?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (r.status !== 200) throw new Error(`admin list ${res.name}: ${r.status}`);
    for (const x of r.body.items) m.set(x.id, x);
    cursor = r.body.next;
  } while (cursor);
  rows.set(res.name, m);
}
const orgParent = new Map([...rows.get('orgs').values()].map((o) => [o.id, o.parent_id]));
const orgSubtree = (root) => new Set([...orgParent.keys()].filter((id) => {
  for (let x = id, n = 0; x && n < 64; x = orgParent.get(x), n++) if (x === root) return true;
  return false;
}));

// ---- users: every division role at every level, PII and not; the administrators ----
const levels = { county: COUNTY, town: HOME_TOWN, village: HOME_VILLAGE };
const specs = [];
for (const pii of [false, true]) {
  specs.push({ role: 'county', division: levels.county, pii });
  specs.push({ role: 'town', division: levels.town, pii });
  specs.push({ role: 'village', division: levels.village, pii });
  for (const [lvl, d] of Object.entries(levels)) specs.push({ role: 'viewer', division: d, pii, lvl });
}
specs.push({ role: 'town', division: '522726108000' }); // 百泉镇: none of the demo's places
const demoOrg = [...rows.get('orgs').values()].find((o) => o.division_code?.startsWith('522726111') && [...orgParent.values()].includes(o.id));
const demoEnterprise = [...rows.get('enterprises').values()].find((e) => e.division_code?.startsWith('522726111'));
if (demoOrg) specs.push({ role: 'org', org: demoOrg.id }, { role: 'department', org: demoOrg.id });
if (demoEnterprise) specs.push({ role: 'enterprise', enterprise: demoEnterprise.id });
specs.push({ role: 'sysadmin' }, { role: 'secadmin' }, { role: 'auditor' });
const users = [{ name: 'admin', role: 'admin', client: admin, all: true, caps: ['accounts', 'grant', 'audit', 'refdata'] }];
let un = 0;
for (const s of specs) {
  const name = `u${++un}${s.role}`;
  const body = { username: name, role: s.role, password: 'user-pass-123', pii_access: !!s.pii };
  if (s.division) body.scope_division = s.division;
  if (s.org) body.scope_org_id = s.org;
  if (s.enterprise) body.enterprise_id = s.enterprise;
  const made = await admin.post('/api/v1/users', body);
  if (made.status !== 201) throw new Error(`user ${name}: ${made.status} ${JSON.stringify(made.body)}`);
  const c = await srv.login(name, 'user-pass-123');
  const where = s.division || (s.org && `org${s.org}`) || (s.enterprise && `enterprise${s.enterprise}`) || '-';
  users.push({ name: `${s.role}@${where}${s.pii ? '+pii' : ''}`, role: s.role, client: c, division: s.division,
    orgs: s.org ? orgSubtree(s.org) : null, enterprise: s.enterprise || null,
    caps: c.user.caps || [], readonly: s.role === 'viewer' });
}

// the policy: may user u see row `row` of resource `res`? From the ways the
// schema declares: a division column in the user's subtree, an organisation
// column in the user's organisation subtree, the user's enterprise, or a
// referenced record the user sees (deny when none matches).
// `back`: the column of a child row that led here, whose way to this parent is not taken again
function seesRow(u, resName, row, depth = 0, back = null) {
  const res = resOf[resName];
  if (u.all) return true;
  if (!row || depth > 8) return false;
  if (res.scope === 'none') return true;
  if (res.scope === 'admin') return u.caps.includes('accounts') || u.caps.includes('grant');
  return (res.ways || []).some((w) => {
    // a child row the caller sees makes its parent visible (a training through its attendees)
    if (w.kind === 'child') {
      return [...(rows.get(w.child)?.values() || [])].some((c) => c[w.column] === row.id
        && seesRow(u, w.child, c, depth + 1, w.column));
    }
    if (w.kind === 'ref' && w.column === back) return false;
    const v = row[w.column];
    if (v === null || v === undefined) return false;
    switch (w.kind) {
      case 'division': return !!u.division && under(String(v), u.division);
      case 'org': return !!u.orgs && u.orgs.has(v);
      case 'enterprise': return !!u.enterprise && v === u.enterprise;
      case 'ref': {
        const f = res.fields.find((x) => x.name === w.column);
        return seesRow(u, f.ref, rows.get(f.ref)?.get(v), depth + 1);
      }
      default: return false;
    }
  });
}
const sees = (u, o) => seesRow(u, o.res, rows.get(o.res).get(o.id));

// every answer's text, searched for the markers its user may not see
// the plaintext ID numbers and phones the generated records hold: no answer
// shows one, since the matrix never asks for a reveal (reveal=1)
let plaintexts = null;
function scan(u, what, r) {
  const text = Buffer.isBuffer(r.body) ? r.body.toString('utf8') : JSON.stringify(r.body ?? '');
  plaintexts ??= objects.flatMap((o) => Object.entries(o.body)
    .filter(([k, v]) => typeof v === 'string' && (resOf[o.res].fields.find((f) => f.name === k)?.type === 'id_number'
      || resOf[o.res].fields.find((f) => f.name === k)?.type === 'phone'))
    .map(([, v]) => v));
  for (const p of plaintexts) if (text.includes(p)) violations.push(`${u.name} ${what}: shows the plaintext ${p.slice(0, 3)}…`);
  // the audit administrator reads the whole trail, by design (三权分立)
  if (u.caps.includes('audit') && what.includes('/api/v1/audit')) return;
  for (const o of objects) {
    // a party roster (党员名册) shows its members' names to whoever sees the member's
    // organisation: the roster row copies them by declaration (docs/security.md)
    if (o.res === 'persons' && /\/api\/v1\/(party_members|audit\?entity=party_members)/.test(what)) continue;
    if (!sees(u, o) && text.includes(o.marker)) {
      violations.push(`${u.name} ${what}: shows ${o.res} ${o.id} of ${o.village} (${o.marker})`);
    }
  }
  checks++;
}

async function call(u, method, path, body, opts) {
  const r = await u.client.raw(method, path, { body, ...opts });
  scan(u, `${method} ${path}`, r);
  return r;
}

// ---- the policy's routes, each checked below; anything else is denied by default ----
const covered = new Set();
const cover = (m, p) => covered.add(`${m} ${p}`);


// the records each user is tried on: the generated ones and a sample of the rest
const PER_RES = SHORT ? 3 : 12;
const tried = new Map();
for (const res of scoped) {
  const mine = byRes.get(res.name) || [];
  const ids = new Set(mine.map((o) => o.id));
  const rest = [...rows.get(res.name).values()].filter((x) => !ids.has(x.id));
  const step = Math.max(1, Math.floor(rest.length / PER_RES));
  const picked = rest.filter((_, i) => i % step === 0).slice(0, PER_RES)
    .map((x) => ({ res: res.name, id: x.id, version: x.version, body: {}, marker: null, village: x[res.scope_field] || '?' }));
  tried.set(res.name, [...mine, ...picked]);
}

for (const u of users) {
  for (const [resName, objs] of tried) {
    const res = resOf[resName];
    const all = [...rows.get(resName).values()];
    // list: exactly the visible objects
    // every page of it: a ledger of the demo holds more than one
    const list = await call(u, 'GET', `/api/v1/${resName}?limit=500`);
    cover('GET', '/api/v1/{res}');
    if (list.status === 200) {
      const ids = new Set(list.body.items.map((x) => x.id));
      for (let next = list.body.next; next;) {
        const more = await call(u, 'GET', `/api/v1/${resName}?limit=500&cursor=${encodeURIComponent(next)}`);
        if (more.status !== 200) break;
        for (const x of more.body.items) ids.add(x.id);
        next = more.body.next;
      }
      const want = all.filter((x) => seesRow(u, resName, x));
      for (const x of all) {
        const vis = seesRow(u, resName, x);
        if (ids.has(x.id) !== vis) expect(false, `${u.name} list ${resName}: ${x.id} (${x[res.scope_field] ?? ''}) ${vis ? 'missing' : 'shown'}`);
      }
      checks += all.length;
      expect(list.body.total === want.length, `${u.name} list ${resName}: total ${list.body.total}, the policy says ${want.length}`);
      // totals: grouped counts equal the list's
      if (res.scope_field) {
        const g = await call(u, 'GET', `/api/v1/${resName}/stats?group=${res.scope_field}`);
        cover('GET', '/api/v1/{res}/stats');
        if (g.status === 200) expect(g.body.total === list.body.total, `${u.name} stats ${resName}: ${g.body.total} ≠ list ${list.body.total}`);
      }
    } else {
      expect(all.every((x) => !seesRow(u, resName, x)), `${u.name} list ${resName}: ${list.status} though records are in scope`);
    }
    // export: the file holds the visible objects' markers only (scan), and all of them
    // the 报表 for people: its rows are the list's, so it is scanned like every answer
    await call(u, 'GET', `/api/v1/${resName}/report`);
    cover('GET', '/api/v1/{res}/report');
    const ex = await call(u, 'GET', `/api/v1/${resName}/export?format=csv`);
    cover('GET', '/api/v1/{res}/export');
    if (ex.status === 200) {
      const text = ex.body.toString('utf8');
      for (const o of objs) if (o.marker && sees(u, o) && o.body[res.label_field]) expect(text.includes(o.marker), `${u.name} export ${resName}: ${o.id} missing`);
    }
    await call(u, 'GET', `/api/v1/${resName}/template?format=csv`);
    cover('GET', '/api/v1/{res}/template');
    for (const o of objs) {
      const vis = sees(u, o);
      // get, events, audit of one record: 404 outside the scope
      const g = await call(u, 'GET', `/api/v1/${resName}/${o.id}`);
      cover('GET', '/api/v1/{res}/{id}');
      expect(vis ? g.status === 200 : g.status === 404, `${u.name} GET ${resName}/${o.id} (${o.village}): ${g.status}`);
      const ev = await call(u, 'GET', `/api/v1/${resName}/${o.id}/events`);
      cover('GET', '/api/v1/{res}/{id}/events');
      expect(vis ? ev.status === 200 : ev.status === 404, `${u.name} events ${resName}/${o.id}: ${ev.status}`);
      const au = await call(u, 'GET', `/api/v1/audit?entity=${resName}&entity_id=${o.id}`);
      expect(vis || u.caps.includes('audit') ? au.status === 200 : au.status === 404, `${u.name} audit ${resName}/${o.id}: ${au.status}`);
      // search by the record's marker
      if (o.marker && (res.search || []).some((f) => o.body[f])) {
        const s = await call(u, 'GET', `/api/v1/${resName}?q=${encodeURIComponent(o.marker)}`);
        if (s.status === 200) expect((s.body.total > 0) === vis, `${u.name} search ${resName} ${o.marker}: ${s.body.total}`);
      }
      if (vis) continue;
      // writes, deletes and actions on a record outside the scope: 404, nothing changed
      const p = await call(u, 'PATCH', `/api/v1/${resName}/${o.id}`, { version: o.version });
      cover('PATCH', '/api/v1/{res}/{id}');
      expect([404, 403].includes(p.status), `${u.name} PATCH ${resName}/${o.id} out of scope: ${p.status}`);
      const d = await call(u, 'DELETE', `/api/v1/${resName}/${o.id}?version=${o.version}`);
      cover('DELETE', '/api/v1/{res}/{id}');
      expect([404, 403].includes(d.status), `${u.name} DELETE ${resName}/${o.id} out of scope: ${d.status}`);
      for (const a of res.actions || []) {
        const r = await call(u, 'POST', `/api/v1/${resName}/${o.id}/actions/${a.name}`, { version: o.version });
        cover('POST', '/api/v1/{res}/{id}/actions/{action}');
        expect([404, 403].includes(r.status), `${u.name} ${a.name} ${resName}/${o.id} out of scope: ${r.status}`);
      }
      // an import row naming it by id answers as for an id that does not exist
      if (res.can?.import) {
        const [a1, a2] = await Promise.all([o.id, 999999999].map((id) => call(u, 'POST',
          `/api/v1/${resName}/import?format=csv&dry_run=1`, `id\n${id}\n`, { headers: { 'Content-Type': 'text/csv' } })));
        cover('POST', '/api/v1/{res}/import');
        const norm = (r) => `${r.status} ${JSON.stringify(r.body).replace(/\d+/g, "N")}`;
        expect(norm(a1) === norm(a2), `${u.name} import ${resName} id=${o.id}: ${norm(a1)} vs ${norm(a2)}`);
      }
    }
    // references in writes: a record outside the scope is refused as one that does not exist
    if (!u.all && u.division && !u.readonly) {
      const mine = byResVillage.get(`${resName} ${HOME_VILLAGE}`);
      for (const f of res.fields.filter((x) => x.type === 'ref' && tried.has(x.ref) && !x.readonly)) {
        const outside = (tried.get(f.ref) || []).find((t) => !sees(u, t));
        if (!mine || !outside) continue;
        const base = { ...mine.body };
        const a1 = await call(u, 'POST', `/api/v1/${resName}`, { ...base, [f.name]: outside.id });
        const a2 = await call(u, 'POST', `/api/v1/${resName}`, { ...base, [f.name]: 999999999 });
        cover('POST', '/api/v1/{res}');
        const norm = (r) => `${r.status} ${JSON.stringify(r.body?.error ?? r.body).replace(/\d+/g, "N")}`;
        expect(a1.status !== 201, `${u.name} POST ${resName} with ${f.name} → ${f.ref} ${outside.id} of ${outside.village}: created`);
        expect(norm(a1) === norm(a2), `${u.name} POST ${resName} ${f.name} out of scope vs none: ${norm(a1)} | ${norm(a2)}`);
        if (a1.status === 201) await admin.del(`/api/v1/${resName}/${a1.body.id}?version=${a1.body.version}`);
        if (a2.status === 201) await admin.del(`/api/v1/${resName}/${a2.body.id}?version=${a2.body.version}`);
      }
    }
  }
  // the administrators' resources and reference data: listed only with the powers
  for (const res of schema.filter((r) => r.scope === 'admin' || r.scope === 'none')) {
    const l = await call(u, 'GET', `/api/v1/${res.name}?limit=5`);
    const may = res.scope === 'none' || u.caps.includes('accounts') || u.caps.includes('grant');
    const rows = l.status === 200 ? l.body.total : 0;
    expect(may ? l.status === 200 && rows > 0 : rows === 0, `${u.name} list ${res.name}: ${l.status}, ${rows} rows`);
  }
  // core routes: the session, the schema, named statistics, to-dos, tokens, security, audit
  for (const p of ['/api/v1/session', '/api/v1/schema', '/api/v1/todos', '/api/v1/tokens']) {
    const r = await call(u, 'GET', p);
    cover('GET', p);
    expect(r.status === 200, `${u.name} GET ${p}: ${r.status}`);
  }
  const sec = await call(u, 'GET', '/api/v1/security');
  cover('GET', '/api/v1/security');
  const secCaps = routes.find((r) => r.pattern === '/api/v1/security' && r.method === 'GET').caps;
  expect(secCaps.some((c) => u.caps.includes(c)) ? sec.status === 200 : sec.status === 403, `${u.name} GET /security: ${sec.status}`);
  const auditAll = await call(u, 'GET', '/api/v1/audit?limit=500');
  cover('GET', '/api/v1/audit');
  expect(u.caps.includes('audit') ? auditAll.status === 200 : auditAll.status === 404, `${u.name} GET /audit: ${auditAll.status}`);
  // named statistics: in the caller's scope; a division outside it is refused
  const statNames = routes.find((r) => r.pattern === '/api/v1/stats/{name}')?.names || [];
  for (const name of statNames) {
    const own = await call(u, 'GET', `/api/v1/stats/${name}`);
    cover('GET', '/api/v1/stats/{name}');
    if (u.division && own.status === 200) {
      const far = await call(u, 'GET', `/api/v1/stats/${name}?division=${OUTSIDE.slice(0, 9)}`);
      expect(far.status !== 200, `${u.name} stats/${name} of a division outside the scope: ${far.status}`);
    }
  }
  // person files (a module route): like GET of the person
  for (const o of tried.get('persons') || []) {
    const f = await call(u, 'GET', `/api/v1/persons/${o.id}/file`);
    cover('GET', '/api/v1/persons/{id}/file');
    expect(sees(u, o) ? f.status === 200 : f.status === 404, `${u.name} file of person ${o.id} (${o.village}): ${f.status}`);
  }
  // tokens of the powers
  const tk = await call(u, 'POST', '/api/v1/tokens', { name: 'matrix' });
  cover('POST', '/api/v1/tokens');
  expect(u.caps.includes('accounts') ? tk.status === 201 : tk.status === 403, `${u.name} POST /tokens: ${tk.status}`);
  if (tk.status === 201) {
    const d = await call(u, 'DELETE', `/api/v1/tokens/${tk.body.id}`);
    cover('DELETE', '/api/v1/tokens/{id}');
    expect(d.status === 204, `${u.name} DELETE own token: ${d.status}`);
  }
}

// the routes every signed-in user reaches and the public ones are the policy's too
for (const r of routes) {
  if (r.flags.includes('no_login') || r.flags.includes('public')) cover(r.method, r.pattern);
}
for (const p of ['/api/v1/session', '/api/v1/session/password', '/api/v1/session/totp', '/api/v1/session/totp/confirm']) {
  for (const m of ['POST', 'DELETE']) cover(m, p);
}
cover('PUT', '/api/v1/security');

// ---- deny by default: a route the policy does not cover must not answer 2xx ----
const anyObj = objects.find((o) => o.village === OUTSIDE) || objects[0];
const fill = (p) => p.replace('{res}', anyObj.res).replace('{id}', String(anyObj.id)).replace('{name}', 'x').replace('{code}', 'x').replace('{action}', 'x');
for (const r of routes) {
  if (covered.has(`${r.method} ${r.pattern}`)) continue;
  uncovered.add(`${r.method} ${r.pattern}`);
  for (const u of users.filter((x) => !x.all)) {
    const a = await call(u, r.method, fill(r.pattern), r.method === 'GET' ? undefined : {});
    expect(a.status < 200 || a.status > 299, `${u.name} ${r.method} ${r.pattern} (not in the policy): ${a.status}`);
  }
}

// ---- CSRF: every state-changing route without a token, with another session's, from another origin ----
const other = await srv.login();
const home = byResVillage.get(`persons ${HOME_VILLAGE}`) || objects[0];
const fillHome = (p) => p.replace('{res}', home.res).replace('{id}', String(home.id)).replace('{name}', 'x').replace('{code}', 'x').replace('{action}', 'x');
let csrfCases = 0;
for (const r of routes) {
  if (r.method === 'GET' || r.flags.includes('no_login') || r.flags.includes('public')) continue;
  const path = fillHome(r.pattern);
  const variants = [
    { label: 'no token', headers: { 'X-CSRF-Token': undefined } },
    { label: "another session's token", headers: { 'X-CSRF-Token': other.csrf } },
    { label: 'a foreign Origin', headers: { Origin: 'http://evil.example' } },
  ];
  for (const v of variants) {
    const a = await admin.raw(r.method, path, { headers: v.headers, body: r.flags.includes('upload') ? 'id\n1\n' : {} });
    csrfCases++;
    expect(a.status === 403 && a.body?.error?.code === 'csrf', `CSRF ${r.method} ${r.pattern} with ${v.label}: ${a.status}`);
  }
}

await srv.stop();

const unmade = [...notMade].map(([k, v]) => `${k} (${v})`);
const nrows = [...rows.values()].reduce((a, m) => a + m.size, 0);
const ntried = [...tried.values()].reduce((a, l) => a + l.length, 0);
console.log(`authz: ${SHORT ? 'short' : 'full'} matrix (${srv.backend}) — ${users.length} users × ${routes.length} routes × `
  + `${nrows} records of ${rows.size} resources (${ntried} tried one by one, ${objects.length} generated in ${villages.length} villages): `
  + `${checks} checks, ${csrfCases} CSRF cases, ${plaintexts?.length ?? 0} plaintext ID numbers and phones watched, `
  + `${violations.length} violations, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
if (uncovered.size) console.log(`routes outside the policy (denied by default): ${[...uncovered].join(', ')}`);
if (unmade.length) console.log(`resources the generator could not make (their demo records are used): ${unmade.map((x) => x.replace(/ \(.*/, '')).join(', ')}`);
for (const v of violations.slice(0, 200)) console.log(`VIOLATION ${v}`);
if (violations.length > 200) console.log(`… and ${violations.length - 200} more`);
console.log(`authz: ${checks - violations.length} passed, ${violations.length} failed`);
process.exitCode = violations.length ? 1 : 0;
