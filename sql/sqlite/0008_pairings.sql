-- 0008 pairings: assignments of one party to another kept alive by visits and
-- judged by what they deliver (issue 11) — 领导联系企业, 企业特派员, 党建指导员,
-- 万企兴万村, 社区共驻共建, 县领导包村, 部门联系村, 第一书记, 老带新 — their visits,
-- the assistance projects they bring and the members serving where they live.
-- Same columns as every ledger table (0001).

-- Pairings: which of person / enterprise / organisation / place a row names
-- depends on its kind (res_pairings.c). division_code is always set (the
-- enterprise's for the enterprise kinds) and is what scope and statistics use;
-- place says whether it is a 村 or a 社区 for the kinds paired with one.
-- Cadence (last visit, next due, ok/overdue) is computed from visits at query
-- time, never stored.
CREATE TABLE pairings (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  person_id INTEGER REFERENCES persons(id),
  partner_person_id INTEGER REFERENCES persons(id),
  enterprise_id INTEGER REFERENCES enterprises(id),
  org_id INTEGER REFERENCES orgs(id),
  division_code TEXT NOT NULL,
  place TEXT,                     -- village | community, for the kinds paired with a place
  level TEXT,                     -- prefecture | county | town (the leader's level)
  start_on TEXT NOT NULL,
  end_on TEXT,
  visit_every_months INTEGER,     -- 1..12; NULL: no cadence
  min_visits_per_year INTEGER,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX pairings_division ON pairings(division_code, id);
CREATE INDEX pairings_kind ON pairings(kind, start_on);
CREATE INDEX pairings_person ON pairings(person_id);
CREATE INDEX pairings_enterprise ON pairings(enterprise_id);
CREATE INDEX pairings_org ON pairings(org_id);
CREATE INDEX pairings_live ON pairings(deleted_at);

-- Visits (走访): on site, by phone or at a meeting, with what they found and
-- solved; tickets_raised counts the tickets raised from it (tickets.visit_id).
CREATE TABLE visits (
  id INTEGER PRIMARY KEY,
  pairing_id INTEGER NOT NULL REFERENCES pairings(id),
  visited_on TEXT NOT NULL,
  kind TEXT NOT NULL,             -- on_site | call | meeting
  visitors TEXT,
  summary TEXT,
  suggestions INTEGER NOT NULL DEFAULT 0,
  problems_found INTEGER NOT NULL DEFAULT 0,
  problems_solved INTEGER NOT NULL DEFAULT 0,
  attachments TEXT,               -- file names, one a line
  tickets_raised INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
-- the latest visit on or before a date, and the visits of a period, per pairing
CREATE INDEX visits_pairing ON visits(pairing_id, visited_on) WHERE deleted_at IS NULL;
CREATE INDEX visits_on ON visits(visited_on);
CREATE INDEX visits_live ON visits(deleted_at);

-- Assistance projects (帮扶项目) of a place, brought by a pairing or not:
-- funds in fen, jobs, and one measurable output (17万 菌棒, 2.1 公里 道路).
CREATE TABLE assistance_projects (
  id INTEGER PRIMARY KEY,
  pairing_id INTEGER REFERENCES pairings(id),
  division_code TEXT NOT NULL,
  kind TEXT NOT NULL,             -- funds industry employment sales infrastructure other
  title TEXT NOT NULL,
  funds_fen INTEGER,
  jobs INTEGER,
  persons_employed INTEGER,
  status TEXT NOT NULL,           -- planned | in_progress | done
  progress INTEGER,               -- percent 0..100
  start_on TEXT,
  end_on TEXT,
  output_quantity TEXT,           -- a decimal number as typed ("2.1", "170000")
  output_unit TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX assistance_projects_division ON assistance_projects(division_code, id);
CREATE INDEX assistance_projects_pairing ON assistance_projects(pairing_id);
CREATE INDEX assistance_projects_start ON assistance_projects(start_on);
CREATE INDEX assistance_projects_live ON assistance_projects(deleted_at);

-- Members serving where they live (联户长, 网格员, 楼栋长); enterprise_id is the
-- enterprise whose member (党员职工) serves, when there is one.
CREATE TABLE resident_roles (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  division_code TEXT NOT NULL,
  role TEXT NOT NULL,             -- household_lead | grid_worker | building_lead
  enterprise_id INTEGER REFERENCES enterprises(id),
  start_on TEXT,
  end_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX resident_roles_division ON resident_roles(division_code, id);
CREATE INDEX resident_roles_person ON resident_roles(person_id);
CREATE INDEX resident_roles_live ON resident_roles(deleted_at);

-- A visit can raise tickets (企业服务, 项目代办): the ticket names the visit.
ALTER TABLE tickets ADD COLUMN visit_id INTEGER REFERENCES visits(id);
CREATE INDEX tickets_visit ON tickets(visit_id);
