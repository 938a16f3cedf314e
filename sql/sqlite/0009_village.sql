-- 0009 village: village and community economy and governance — 新庄社区's service chain
-- (assets, collective enterprises, the collective income/expense ledger with its public
-- disclosure) and 新坪村's turnaround (cooperative shares and dividends, the town's
-- 排队抓尾 ranking, cadre talks and assessments, 院坝协商, grids and 十联户 with the
-- disputes mediated in them, civilisation activities and awards). Same columns as every
-- ledger table (0001); money in fen, dates YYYY-MM-DD.

-- Collective assets (集体资产): rooms, land and buildings, idle or put to use or leased.
CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,            -- room land building equipment other
  area_m2 INTEGER,
  status TEXT NOT NULL,          -- idle 闲置 | self_service 自用服务 | leased 出租 | other
  use TEXT,                      -- 托管中心, 老年活动室, 瑜伽馆…
  tenant TEXT,
  rent_fen_per_year INTEGER,
  lease_start TEXT,
  lease_end TEXT,
  since TEXT,                    -- in this status since
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX assets_division ON assets(division_code, id);
CREATE INDEX assets_lease_end ON assets(status, lease_end);

-- Collective economic entities (村社集体经济实体): the housekeeping, labour, sanitation and
-- manufacturing companies a community runs, with the model that ties them to the branch.
CREATE TABLE collective_enterprises (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,            -- housekeeping labour sanitation manufacturing agriculture other
  model TEXT,                    -- 党支部+合作社+公司
  founded_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX collective_enterprises_division ON collective_enterprises(division_code, id);

-- One year of an entity: revenue, profit, jobs (of which for priority groups) and pay.
CREATE TABLE enterprise_years (
  id INTEGER PRIMARY KEY,
  collective_enterprise_id INTEGER NOT NULL REFERENCES collective_enterprises(id),
  year INTEGER NOT NULL,
  revenue_fen INTEGER,
  profit_fen INTEGER,
  jobs INTEGER,
  jobs_priority_groups TEXT,     -- 留守妇女、残疾人…
  avg_monthly_income_fen INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX enterprise_years_year ON enterprise_years(collective_enterprise_id, year)
  WHERE deleted_at IS NULL;

-- 院坝协商: consultations held in courtyards and fields, whether they agreed, and what
-- followed (a ticket, or a project in words).
CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  held_on TEXT NOT NULL,
  place TEXT,
  topic TEXT NOT NULL,
  category TEXT,                 -- 两清两改两治理, 森林防火, 垃圾转运
  participants INTEGER,
  agreed INTEGER NOT NULL DEFAULT 0,
  outcome TEXT,
  ticket_id INTEGER REFERENCES tickets(id),
  follow_up TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX consultations_division ON consultations(division_code, held_on);

-- The collective income and expense ledger (集体收支台账): draft → approved → disclosed
-- (村务公开); only disclosed entries reach the public page.
CREATE TABLE collective_ledger (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  entry_on TEXT NOT NULL,
  direction TEXT NOT NULL,       -- income | expense
  category TEXT NOT NULL,        -- rent operations subsidy dividend | infrastructure minors security sanitation elderly | other
  amount_fen INTEGER NOT NULL,
  project TEXT,
  voucher_no TEXT,
  consultation_id INTEGER REFERENCES consultations(id), -- the 院坝协商 that decided it
  decided_by TEXT,               -- or the meeting that approved it
  status TEXT NOT NULL DEFAULT 'draft',
  approved_on TEXT,
  disclosed_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX collective_ledger_division ON collective_ledger(division_code, entry_on);
CREATE INDEX collective_ledger_status ON collective_ledger(status, entry_on);

-- Village joint-stock cooperatives (村级股份经济合作社).
CREATE TABLE coops (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  business TEXT,                 -- 洞穴食用菌
  founded_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX coops_division ON coops(division_code, id);

-- Share holdings (户头入股): a person or household holding whole shares of one kind.
CREATE TABLE coop_shares (
  id INTEGER PRIMARY KEY,
  coop_id INTEGER NOT NULL REFERENCES coops(id),
  person_id INTEGER REFERENCES persons(id),
  holder_name TEXT NOT NULL,
  shares INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- cash land labour poverty_household
  since TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX coop_shares_coop ON coop_shares(coop_id, id);

-- A year's dividend run (分红方案): draft → computed → approved → paid. The totals are
-- those of its lines, written by `compute`.
CREATE TABLE coop_dividends (
  id INTEGER PRIMARY KEY,
  coop_id INTEGER NOT NULL REFERENCES coops(id),
  year INTEGER NOT NULL,
  distributable_fen INTEGER NOT NULL,
  guaranteed_fen_per_share INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  holdings INTEGER,
  shares_total INTEGER,
  guaranteed_total_fen INTEGER,
  performance_total_fen INTEGER,
  computed_at TEXT,
  approved_on TEXT,
  paid_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX coop_dividends_year ON coop_dividends(coop_id, year) WHERE deleted_at IS NULL;

-- The allocation of a run, one line per share holding (保底 + 效益 = 合计, exact to the fen).
CREATE TABLE coop_dividend_lines (
  id INTEGER PRIMARY KEY,
  dividend_id INTEGER NOT NULL REFERENCES coop_dividends(id),
  coop_share_id INTEGER NOT NULL REFERENCES coop_shares(id),
  person_id INTEGER REFERENCES persons(id),
  holder_name TEXT NOT NULL,
  share_kind TEXT,
  shares INTEGER NOT NULL,
  guaranteed_fen INTEGER NOT NULL,
  performance_fen INTEGER NOT NULL,
  total_fen INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX coop_dividend_lines_dividend ON coop_dividend_lines(dividend_id, id);

-- The indicators of a year's 排队抓尾 ranking with their weights.
CREATE TABLE village_indicators (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  weight INTEGER NOT NULL,
  direction TEXT NOT NULL,       -- higher_better | lower_better
  unit TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX village_indicators_code ON village_indicators(year, code) WHERE deleted_at IS NULL;

-- A village's value of one indicator in one year (a decimal number as text).
CREATE TABLE village_scores (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL,
  division_code TEXT NOT NULL,
  indicator_code TEXT NOT NULL,
  value TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX village_scores_one ON village_scores(year, division_code, indicator_code)
  WHERE deleted_at IS NULL;
CREATE INDEX village_scores_division ON village_scores(division_code, year);

-- Cadre talks (提醒谈话, 谈心谈话) and annual assessments (年度考核) with their grade.
CREATE TABLE cadre_reviews (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  division_code TEXT NOT NULL,
  kind TEXT NOT NULL,            -- reminder_talk heart_talk annual_assessment
  held_on TEXT NOT NULL,
  grade TEXT,                    -- excellent competent basic incompetent (assessments)
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX cadre_reviews_division ON cadre_reviews(division_code, held_on);

-- Grids (网格) of a village or community with their grid worker.
CREATE TABLE grids (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  name TEXT NOT NULL,
  grid_worker_person_id INTEGER REFERENCES persons(id),
  households INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX grids_division ON grids(division_code, id);

-- 十联户: groups of about ten households in a grid, each with its lead household.
CREATE TABLE household_groups (
  id INTEGER PRIMARY KEY,
  grid_id INTEGER NOT NULL REFERENCES grids(id),
  name TEXT NOT NULL,
  lead_person_id INTEGER REFERENCES persons(id),
  households INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX household_groups_grid ON household_groups(grid_id, id);

-- Disputes are tickets of kind dispute: where they arose, so that 小事不出网格 can be counted.
ALTER TABLE tickets ADD COLUMN grid_id INTEGER REFERENCES grids(id);
ALTER TABLE tickets ADD COLUMN household_group_id INTEGER REFERENCES household_groups(id);

-- Civilisation practice activities (文化宣传, 培训, 志愿服务, 节庆).
CREATE TABLE activities (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  kind TEXT NOT NULL,            -- culture training volunteer festival
  title TEXT NOT NULL,
  held_on TEXT NOT NULL,
  participants INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX activities_division ON activities(division_code, held_on);

-- Awards (最美家庭, 孝老爱亲模范, 优秀村干部) to a household or a person.
CREATE TABLE awards (
  id INTEGER PRIMARY KEY,
  division_code TEXT NOT NULL,
  year INTEGER NOT NULL,
  kind TEXT NOT NULL,            -- model_family filial excellent_cadre other
  household TEXT,
  person_id INTEGER REFERENCES persons(id),
  reason TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX awards_division ON awards(division_code, year);

-- Requests to public pages per client address in the last minute, so that every node of a
-- deployment counts the same (see http/public_limit.c); older rows are pruned as new come.
CREATE TABLE public_hits (
  client TEXT NOT NULL,
  at TEXT NOT NULL               -- RFC 3339 UTC
);
CREATE INDEX public_hits_client ON public_hits(client, at);
CREATE INDEX public_hits_at ON public_hits(at);
