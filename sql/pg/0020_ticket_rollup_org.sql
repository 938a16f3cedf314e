-- 0020 the open tickets by area and due date, and the tickets by handling
-- organisation and month.
-- tickets_open_due answers the overdue figure of an area (status, a range of
-- division codes, due_on) from the index alone: tickets_status_due went from
-- each open status to every overdue ticket of the province and read its row.
-- ticket_org_rollup keeps the figures of the 红黑榜 (schema/rollup.h; the
-- measures in modules/tickets/res_tickets.c) per organisation the tickets are
-- dispatched to, by county and local month of submission.
DROP INDEX tickets_status_due;
CREATE INDEX tickets_open_due ON tickets(status, division_code, due_on, submitted_at)
  WHERE deleted_at IS NULL;
CREATE TABLE ticket_org_rollup (
  k TEXT PRIMARY KEY,
  division_code TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  assignee_org_id BIGINT,
  n BIGINT NOT NULL,
  dispatched BIGINT NOT NULL,
  responded BIGINT NOT NULL,
  not_withdrawn BIGINT NOT NULL,
  resolved BIGINT NOT NULL,
  rated BIGINT NOT NULL,
  satisfied BIGINT NOT NULL
);
CREATE INDEX ticket_org_rollup_month ON ticket_org_rollup(submitted_at, division_code);
