// load: the write load of the durability suites and the check that follows
// it. CLIENTS clients (default 4) write about RATE requests/s (default 200):
// they create persons and tickets, PATCH the persons, urge and dispatch the
// tickets, each request with its own Idempotency-Key. A request that gets no
// answer (connection reset or refused, or a 5xx) is retried with its key once
// the server is back, until it is answered. Each client works on its own
// records one request at a time, so it knows what the database must hold:
// every acknowledged create exactly once, every person's version and notes
// those of its last acknowledged PATCH, every ticket's urge count and events
// those of its acknowledged actions, and its state that of its last event.
// CRASH_LOG=FILE appends every acknowledged answer there as a JSON line.
import fs from 'node:fs';

const ACK_LOG = process.env.CRASH_LOG || null;
const RATE = Number(process.env.CRASH_RATE || 200);
const CLIENTS = Number(process.env.CRASH_CLIENTS || 4);
const VILLAGE = '522726111200';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One request until it is answered: network errors and 5xx are retried with
// the same key after the server is back. 4xx are answers too (refusals).
async function until(L, c, method, path, body, key) {
  const { stats } = L;
  let tries = 0;
  for (;;) {
    await L.serverUp();
    stats.sent++;
    try {
      const r = await c.raw(method, path, { body, headers: { 'Idempotency-Key': key } });
      if (r.status >= 500) {
        stats.status5xx[r.status] = (stats.status5xx[r.status] || 0) + 1;
        if (!r.body || !r.body.error || typeof r.body.error.message !== 'string') stats.not_json++;
      }
      if (r.status < 500) {
        if (ACK_LOG) {
          fs.appendFileSync(ACK_LOG, `${JSON.stringify({ method, path, key, status: r.status,
            replayed: r.headers.get('idempotent-replayed') === 'true', tries, body: r.body })}\n`);
        }
        if (tries) stats.retried++;
        if (r.headers.get('idempotent-replayed') === 'true') stats.replayed++;
        return r;
      }
    } catch { /* reset or refused: the server died under us */ }
    tries++;
    stats.unanswered++;
    await sleep(L.up ? 50 : 0);
  }
}

// One client: creates persons and tickets, patches its persons, urges and
// dispatches its tickets; remembers what was acknowledged.
async function client(L, i, c, book, org) {
  const { stats } = L;
  const interval = 1000 / (RATE / CLIENTS);
  let n = 0;
  while (!L.stopping) {
    const t0 = Date.now();
    n++;
    const key = `c${i}-${n}`;
    const op = n % 5;
    if (op === 1 || book.persons.length === 0) {
      const name = `压测${i}-${n}`;
      const r = await until(L, c, 'POST', '/api/v1/persons', { name, division_code: VILLAGE }, key);
      if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
      stats.acknowledged++;
      book.persons.push({ id: r.body.id, name, version: 1, notes: null });
    } else if (op === 2 || op === 3) {
      const p = book.persons[Math.floor(Math.random() * book.persons.length)];
      const notes = `第${n}次`;
      const r = await until(L, c, 'PATCH', `/api/v1/persons/${p.id}`, { version: p.version, notes }, key);
      if (r.status !== 200) throw new Error(`patch ${p.id}: ${r.status} ${JSON.stringify(r.body)}`);
      stats.acknowledged++;
      p.version = r.body.version;
      p.notes = notes;
    } else if (op === 4 && book.tickets.length < 3 + n / 40) {
      const title = `压测工单${i}-${n}`;
      const r = await until(L, c, 'POST', '/api/v1/tickets',
        { kind: 'resident_request', category: 'sanitation', title, division_code: VILLAGE }, key);
      if (r.status !== 201) throw new Error(`ticket ${title}: ${r.status} ${JSON.stringify(r.body)}`);
      stats.acknowledged++;
      book.tickets.push({ id: r.body.id, title, version: r.body.version, status: r.body.status, urges: 0, actions: 0 });
    } else if (book.tickets.length) {
      const t = book.tickets[Math.floor(Math.random() * book.tickets.length)];
      const action = t.status === 'submitted' && n % 3 === 0 ? 'dispatch' : 'urge';
      const body = action === 'dispatch' ? { version: t.version, assignee_org_id: org } : { version: t.version };
      const r = await until(L, c, 'POST', `/api/v1/tickets/${t.id}/actions/${action}`, body, key);
      if (r.status !== 200) throw new Error(`${action} ${t.id}: ${r.status} ${JSON.stringify(r.body)}`);
      stats.acknowledged++;
      t.version = r.body.version;
      t.status = r.body.status;
      t.actions++;
      if (action === 'urge') t.urges++;
    }
    const wait = interval - (Date.now() - t0);
    if (wait > 0) await sleep(wait);
  }
}


function rows(text) {
  return text.split('\n').filter(Boolean).map((l) => l.split('|'));
}

/**
 * Starts the load on a server from tests/api/lib.mjs. Answers the load:
 * {stats, down(), back(url), stop(), verify()}: down() holds new requests
 * (the server is going away), back(url) lets them go on at url, stop() ends
 * the load once every client's request in hand is answered, verify() compares
 * the database with what was acknowledged → {lost, duplicated, halfApplied,
 * problems}.
 */
export async function startLoad(srv) {
  const L = {
    stats: { sent: 0, acknowledged: 0, retried: 0, unanswered: 0, replayed: 0, status5xx: {}, not_json: 0 },
    up: true,
    stopping: false,
    waiters: [],
    failed: null,
  };
  L.serverUp = () => (L.up ? Promise.resolve() : new Promise((r) => L.waiters.push(r)));
  const clients = [];
  for (let i = 0; i < CLIENTS; i++) clients.push(await srv.login());
  const org = await clients[0].post('/api/v1/orgs', { name: '压测承办部门', kind: 'department', division_code: '522726' });
  if (org.status !== 201) throw new Error(`org: ${org.status} ${JSON.stringify(org.body)}`);
  const books = clients.map(() => ({ persons: [], tickets: [] }));
  const running = clients.map((c, i) => client(L, i, c, books[i], org.body.id));
  running.forEach((p) => p.catch((e) => { L.failed = L.failed || e; }));
  return {
    stats: L.stats,
    failed: () => L.failed,
    down: () => { L.up = false; },
    back: (url) => {
      if (url) for (const c of clients) c.baseUrl = url;
      L.up = true;
      L.waiters.forEach((r) => r());
      L.waiters = [];
    },
    stop: async () => {
      L.stopping = true;
      await Promise.allSettled(running);
      if (L.failed) throw L.failed;
    },
    verify: () => verify(srv, books),
    /** The names of the persons whose creation was acknowledged so far. */
    acknowledgedPersons: () => books.flatMap((b) => b.persons.map((p) => p.name)),
  };
}

async function verify(srv, books) {
  // What the database holds, against what was acknowledged.
  let lost = 0;
  let duplicated = 0;
  let halfApplied = 0;
  const problems = [];
  const persons = new Map();
  for (const [id, name, version, notes] of rows(await srv.sql(
    "SELECT id, name, version, coalesce(notes, '') FROM persons WHERE name LIKE '压测%'"))) {
    if (!persons.has(name)) persons.set(name, []);
    persons.get(name).push({ id: Number(id), version: Number(version), notes });
  }
  const expected = books.flatMap((b) => b.persons);
  for (const p of expected) {
    const got = persons.get(p.name) || [];
    if (got.length === 0) { lost++; problems.push(`person ${p.name} missing`); continue; }
    if (got.length > 1) { duplicated += got.length - 1; problems.push(`person ${p.name} ×${got.length}`); }
    const g = got.find((x) => x.id === p.id);
    if (!g) { lost++; problems.push(`person ${p.name} has not the acknowledged id ${p.id}`); continue; }
    if (g.version !== p.version) {
      (g.version > p.version ? (duplicated++, 0) : (lost++, 0));
      problems.push(`person ${p.id} version ${g.version}, acknowledged ${p.version}`);
    }
    if ((p.notes || '') !== g.notes) { lost++; problems.push(`person ${p.id} notes "${g.notes}", acknowledged "${p.notes}"`); }
  }
  if (persons.size > expected.length) {
    duplicated += persons.size - expected.length;
    problems.push(`${persons.size - expected.length} persons nobody acknowledged`);
  }

  const tickets = new Map();
  for (const [id, title, status, version, urges, nev, nurge, last] of rows(await srv.sql(
    "SELECT t.id, t.title, t.status, t.version, t.urge_count," +
    " (SELECT count(*) FROM events e WHERE e.entity = 'tickets' AND e.entity_id = t.id)," +
    " (SELECT count(*) FROM events e WHERE e.entity = 'tickets' AND e.entity_id = t.id AND e.action = 'urge')," +
    " (SELECT e.to_state FROM events e WHERE e.entity = 'tickets' AND e.entity_id = t.id AND e.to_state IS NOT NULL ORDER BY e.id DESC LIMIT 1)" +
    " FROM tickets t WHERE t.title LIKE '压测工单%'"))) {
    if (!tickets.has(title)) tickets.set(title, []);
    tickets.get(title).push({ id: Number(id), status, version: Number(version), urges: Number(urges), events: Number(nev), urgeEvents: Number(nurge), last });
    // an action's event row and the record's state go together
    if (Number(urges) !== Number(nurge) || (last && last !== status)) {
      halfApplied++;
      problems.push(`ticket ${id}: status ${status}, last event to ${last}, urge_count ${urges}, urge events ${nurge}`);
    }
  }
  const expectedTickets = books.flatMap((b) => b.tickets);
  for (const t of expectedTickets) {
    const got = tickets.get(t.title) || [];
    if (got.length === 0) { lost++; problems.push(`ticket ${t.title} missing`); continue; }
    if (got.length > 1) { duplicated += got.length - 1; problems.push(`ticket ${t.title} ×${got.length}`); }
    const g = got.find((x) => x.id === t.id);
    if (!g) { lost++; continue; }
    if (g.urges !== t.urges || g.events !== 1 + t.actions || g.status !== t.status) {
      if (g.events > 1 + t.actions) duplicated++; else lost++;
      problems.push(`ticket ${t.id}: ${g.events} events, ${g.urges} urges, ${g.status}; acknowledged ${1 + t.actions}, ${t.urges}, ${t.status}`);
    }
  }
  if (tickets.size > expectedTickets.length) duplicated += tickets.size - expectedTickets.length;

  return { lost, duplicated, halfApplied, problems };
}
