-- 0018 ticket_rollup: the live tickets counted by county, month of submission
-- and the values the ticket statistics filter on (schema/rollup.h), kept in
-- the transaction of every write, so that the 三率 of a county, a prefecture
-- or a province read these counts instead of every ticket of the year. The
-- columns carry the ledger's field names; `dispatched_at` and the claiming
-- columns hold 1 when the ticket's value is set. `k` is the key columns as one
-- JSON array (api/rollups.c), since NULLs never match in a UNIQUE constraint.
-- `jiceng migrate` fills it from the tickets already stored.
CREATE TABLE ticket_rollup (
  k TEXT PRIMARY KEY,
  division_code TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  kind TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_org_id BIGINT,
  rating TEXT,
  responded_on_time BIGINT,
  resolved_on_time BIGINT,
  reopen_count BIGINT NOT NULL,
  published BIGINT NOT NULL,
  dispatched_at BIGINT,
  claimed_by_person_id BIGINT,
  claimed_by_org_id BIGINT,
  n BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  resolve_minutes BIGINT NOT NULL
);
CREATE INDEX ticket_rollup_month ON ticket_rollup(submitted_at, division_code);
