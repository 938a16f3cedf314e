-- 0007 party: party organisation and park party building (园区党建) — the five-level
-- system's organisations gain their standardisation, 育新 and secretary columns; their
-- staff, party members, party-building funds (四位一体, 实报实销) and facilities (阵地).
-- Same columns as every ledger table (0001).

-- 标准化规范化建设达标 (and when), 育新 incubator branch, the current secretary (kept from
-- org_staff rows of role secretary) and whether that secretary is the enterprise's main
-- investor (主要出资人担任书记).
ALTER TABLE orgs ADD COLUMN standardized INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN standardized_on TEXT;
ALTER TABLE orgs ADD COLUMN incubator INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN secretary_person_id INTEGER REFERENCES persons(id);
ALTER TABLE orgs ADD COLUMN secretary_is_investor INTEGER NOT NULL DEFAULT 0;

-- Who serves an organisation and as what (专职副书记, 党务干部, 党建指导员, 书记, 委员), from
-- start_on to end_on (NULL: still serving). An instructor's row may name the enterprise
-- the instructor is stationed with (驻点企业); one row per assignment, so a person who
-- serves several enterprises has several rows.
CREATE TABLE org_staff (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  role TEXT NOT NULL,
  enterprise_id INTEGER REFERENCES enterprises(id),
  start_on TEXT,
  end_on TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX org_staff_org ON org_staff(org_id, role);
CREATE INDEX org_staff_person ON org_staff(person_id);
CREATE INDEX org_staff_enterprise ON org_staff(enterprise_id);
CREATE INDEX org_staff_live ON org_staff(deleted_at);

-- Party members (党员名册): one active row per person (party_members_active_person); a
-- member transferred out (转出) or deceased keeps the row with left_on. joined_on is 入党时间
-- (accepted as a probationary member), full_on the day of becoming a full member (转正).
CREATE TABLE party_members (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  branch_org_id INTEGER REFERENCES orgs(id),
  joined_on TEXT,
  full_on TEXT,
  position_level TEXT,
  in_degree_program INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  left_on TEXT,
  left_to TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX party_members_branch ON party_members(branch_org_id, id);
CREATE INDEX party_members_person ON party_members(person_id);
CREATE UNIQUE INDEX party_members_active_person ON party_members(person_id)
  WHERE deleted_at IS NULL AND status = 'active';
CREATE INDEX party_members_live ON party_members(deleted_at);

-- Party-building funds (党建工作经费) from four sources — 财政预算, 税前列支, 党费返还,
-- 自身投入: income entries, and expenses reimbursed at cost (实报实销) through
-- submitted → approved → reimbursed (or rejected). Amounts in fen.
CREATE TABLE party_funds (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES orgs(id),
  entry_on TEXT NOT NULL,
  source TEXT NOT NULL,
  direction TEXT NOT NULL,
  amount_fen INTEGER NOT NULL,
  purpose TEXT,
  voucher_no TEXT,
  status TEXT NOT NULL,
  approved_on TEXT,
  reimbursed_on TEXT,
  reimbursed_fen INTEGER,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX party_funds_org ON party_funds(org_id, entry_on);
CREATE INDEX party_funds_status ON party_funds(status, direction);
CREATE INDEX party_funds_live ON party_funds(deleted_at);

-- Facilities (阵地): 党群服务中心, 党建工作指导站, 活动室, in space the park cleared (园区清理)
-- or an enterprise gave (企业腾出).
CREATE TABLE facilities (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  org_id INTEGER REFERENCES orgs(id),
  division_code TEXT NOT NULL,
  enterprise_id INTEGER REFERENCES enterprises(id),
  address TEXT,
  area_m2 INTEGER,
  opened_on TEXT,
  host TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX facilities_division ON facilities(division_code, id);
CREATE INDEX facilities_org ON facilities(org_id);
CREATE INDEX facilities_live ON facilities(deleted_at);

-- Enterprises are counted under their park and their party organisation (两个覆盖).
CREATE INDEX enterprises_park ON enterprises(park_org_id);
CREATE INDEX enterprises_party_org ON enterprises(party_org_id);
