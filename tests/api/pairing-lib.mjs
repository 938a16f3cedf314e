// What issue 11 says a pairing shows on a date, computed here from its own
// dates — independently of the server — for the pairing tests (70–74).
const pad = (n) => String(n).padStart(2, '0');

/** d plus k calendar months, clamped to the end of the month (01-31 + 1 → 02-28/29). */
export function addMonths(d, k) {
  const [y0, m0, day] = d.split('-').map(Number);
  const t = y0 * 12 + (m0 - 1) + k;
  const y = Math.floor(t / 12);
  const m = (t % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${pad(m)}-${pad(Math.min(day, last))}`;
}

export function addDays(d, n) {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/**
 * A pairing { start_on, end_on, every, visits: [dates] } on date D: active,
 * last_visit_on (on or before D), next_due_on, cadence, visits_this_year.
 */
export function cadenceOn(p, D) {
  const seen = p.visits.filter((v) => v <= D).sort();
  const last = seen.length ? seen[seen.length - 1] : null;
  const due = p.every ? addMonths(last || p.start_on, p.every) : null;
  return {
    active: p.start_on <= D && (!p.end_on || p.end_on >= D),
    last_visit_on: last,
    next_due_on: due,
    cadence: due ? (D <= due ? 'ok' : 'overdue') : null,
    visits_this_year: p.visits.filter((v) => v.slice(0, 4) === D.slice(0, 4)).length,
  };
}
