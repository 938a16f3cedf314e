-- 0018 ticket_rollup: the live tickets counted by county, local month of
-- submission, kind and category, with the figures of the ticket statistics
-- counted in each (schema/rollup.h, the measures in modules/tickets/
-- res_tickets.c), kept in the transaction of every write, so that the 三率 of
-- a county, a prefecture or a province read these counts instead of every
-- ticket of the year. `k` is the key columns as one JSON array (api/rollups.c).
-- `jiceng migrate` fills it from the tickets already stored.
CREATE TABLE ticket_rollup (
  k TEXT PRIMARY KEY,
  division_code TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  kind TEXT,
  category TEXT,
  n BIGINT NOT NULL,
  withdrawn BIGINT NOT NULL,
  not_withdrawn BIGINT NOT NULL,
  resolved BIGINT NOT NULL,
  on_time BIGINT NOT NULL,
  dispatched BIGINT NOT NULL,
  responded BIGINT NOT NULL,
  rated BIGINT NOT NULL,
  satisfied BIGINT NOT NULL,
  reopened BIGINT NOT NULL,
  published BIGINT NOT NULL,
  claimed BIGINT NOT NULL,
  amount_fen BIGINT NOT NULL,
  resolve_minutes BIGINT NOT NULL,
  status_submitted BIGINT NOT NULL,
  status_dispatched BIGINT NOT NULL,
  status_accepted BIGINT NOT NULL,
  status_resolved BIGINT NOT NULL,
  status_closed BIGINT NOT NULL,
  status_returned BIGINT NOT NULL,
  status_withdrawn BIGINT NOT NULL
);
CREATE INDEX ticket_rollup_month ON ticket_rollup(submitted_at, division_code);
