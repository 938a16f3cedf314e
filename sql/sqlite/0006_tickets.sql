-- 0006 tickets: the ticket engine of 企业点单、中心派单、部门接单、企业评单, 项目代办, the
-- resident wish loop and the other kinds, with the working calendar its SLAs count.

-- The working calendar (工作日历): days off that would be working days (放假) and weekend
-- days declared working days (调休上班), as the State Council publishes them each year.
CREATE TABLE holidays (
  id INTEGER PRIMARY KEY,
  day TEXT NOT NULL,            -- YYYY-MM-DD
  kind TEXT NOT NULL,           -- holiday 放假 | workday 调休上班
  name TEXT,                    -- 春节, 国庆节…
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX holidays_day ON holidays(day) WHERE deleted_at IS NULL;

-- 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）
-- and 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）.
INSERT INTO holidays (day, kind, name, created_at, updated_at)
SELECT d, k, n, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM (
  SELECT '2025-01-01' AS d, 'holiday' AS k, '元旦' AS n
  UNION ALL SELECT '2025-01-26', 'workday', '春节'
  UNION ALL SELECT '2025-01-28', 'holiday', '春节' UNION ALL SELECT '2025-01-29', 'holiday', '春节'
  UNION ALL SELECT '2025-01-30', 'holiday', '春节' UNION ALL SELECT '2025-01-31', 'holiday', '春节'
  UNION ALL SELECT '2025-02-01', 'holiday', '春节' UNION ALL SELECT '2025-02-02', 'holiday', '春节'
  UNION ALL SELECT '2025-02-03', 'holiday', '春节' UNION ALL SELECT '2025-02-04', 'holiday', '春节'
  UNION ALL SELECT '2025-02-08', 'workday', '春节'
  UNION ALL SELECT '2025-04-04', 'holiday', '清明节' UNION ALL SELECT '2025-04-05', 'holiday', '清明节'
  UNION ALL SELECT '2025-04-06', 'holiday', '清明节'
  UNION ALL SELECT '2025-04-27', 'workday', '劳动节'
  UNION ALL SELECT '2025-05-01', 'holiday', '劳动节' UNION ALL SELECT '2025-05-02', 'holiday', '劳动节'
  UNION ALL SELECT '2025-05-03', 'holiday', '劳动节' UNION ALL SELECT '2025-05-04', 'holiday', '劳动节'
  UNION ALL SELECT '2025-05-05', 'holiday', '劳动节'
  UNION ALL SELECT '2025-05-31', 'holiday', '端午节' UNION ALL SELECT '2025-06-01', 'holiday', '端午节'
  UNION ALL SELECT '2025-06-02', 'holiday', '端午节'
  UNION ALL SELECT '2025-09-28', 'workday', '国庆节、中秋节'
  UNION ALL SELECT '2025-10-01', 'holiday', '国庆节、中秋节' UNION ALL SELECT '2025-10-02', 'holiday', '国庆节、中秋节'
  UNION ALL SELECT '2025-10-03', 'holiday', '国庆节、中秋节' UNION ALL SELECT '2025-10-04', 'holiday', '国庆节、中秋节'
  UNION ALL SELECT '2025-10-05', 'holiday', '国庆节、中秋节' UNION ALL SELECT '2025-10-06', 'holiday', '国庆节、中秋节'
  UNION ALL SELECT '2025-10-07', 'holiday', '国庆节、中秋节' UNION ALL SELECT '2025-10-08', 'holiday', '国庆节、中秋节'
  UNION ALL SELECT '2025-10-11', 'workday', '国庆节、中秋节'
  UNION ALL SELECT '2026-01-01', 'holiday', '元旦' UNION ALL SELECT '2026-01-02', 'holiday', '元旦'
  UNION ALL SELECT '2026-01-03', 'holiday', '元旦' UNION ALL SELECT '2026-01-04', 'workday', '元旦'
  UNION ALL SELECT '2026-02-14', 'workday', '春节'
  UNION ALL SELECT '2026-02-15', 'holiday', '春节' UNION ALL SELECT '2026-02-16', 'holiday', '春节'
  UNION ALL SELECT '2026-02-17', 'holiday', '春节' UNION ALL SELECT '2026-02-18', 'holiday', '春节'
  UNION ALL SELECT '2026-02-19', 'holiday', '春节' UNION ALL SELECT '2026-02-20', 'holiday', '春节'
  UNION ALL SELECT '2026-02-21', 'holiday', '春节' UNION ALL SELECT '2026-02-22', 'holiday', '春节'
  UNION ALL SELECT '2026-02-23', 'holiday', '春节' UNION ALL SELECT '2026-02-28', 'workday', '春节'
  UNION ALL SELECT '2026-04-04', 'holiday', '清明节' UNION ALL SELECT '2026-04-05', 'holiday', '清明节'
  UNION ALL SELECT '2026-04-06', 'holiday', '清明节'
  UNION ALL SELECT '2026-05-01', 'holiday', '劳动节' UNION ALL SELECT '2026-05-02', 'holiday', '劳动节'
  UNION ALL SELECT '2026-05-03', 'holiday', '劳动节' UNION ALL SELECT '2026-05-04', 'holiday', '劳动节'
  UNION ALL SELECT '2026-05-05', 'holiday', '劳动节' UNION ALL SELECT '2026-05-09', 'workday', '劳动节'
  UNION ALL SELECT '2026-06-19', 'holiday', '端午节' UNION ALL SELECT '2026-06-20', 'holiday', '端午节'
  UNION ALL SELECT '2026-06-21', 'holiday', '端午节'
  UNION ALL SELECT '2026-09-20', 'workday', '国庆节'
  UNION ALL SELECT '2026-09-25', 'holiday', '中秋节' UNION ALL SELECT '2026-09-26', 'holiday', '中秋节'
  UNION ALL SELECT '2026-09-27', 'holiday', '中秋节'
  UNION ALL SELECT '2026-10-01', 'holiday', '国庆节' UNION ALL SELECT '2026-10-02', 'holiday', '国庆节'
  UNION ALL SELECT '2026-10-03', 'holiday', '国庆节' UNION ALL SELECT '2026-10-04', 'holiday', '国庆节'
  UNION ALL SELECT '2026-10-05', 'holiday', '国庆节' UNION ALL SELECT '2026-10-06', 'holiday', '国庆节'
  UNION ALL SELECT '2026-10-07', 'holiday', '国庆节' UNION ALL SELECT '2026-10-10', 'workday', '国庆节'
) AS seed;

-- The categories of each kind of ticket, with the SLA (working days to resolve) and the
-- organisation 派单 goes to by default.
CREATE TABLE ticket_categories (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  sla_days INTEGER NOT NULL,
  default_org_id INTEGER REFERENCES orgs(id),
  active INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX ticket_categories_code ON ticket_categories(kind, code) WHERE deleted_at IS NULL;

INSERT INTO ticket_categories (kind, code, label, sla_days, created_at, updated_at)
SELECT k, c, l, s, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM (
  SELECT 'enterprise_service' AS k, 'financing' AS c, '融资协调' AS l, 10 AS s
  UNION ALL SELECT 'enterprise_service', 'debt', '债务化解', 15
  UNION ALL SELECT 'enterprise_service', 'land', '用地保障', 20
  UNION ALL SELECT 'enterprise_service', 'labour', '用工保障', 10
  UNION ALL SELECT 'enterprise_service', 'energy', '用能保障', 10
  UNION ALL SELECT 'enterprise_service', 'agency', '政务代办', 5
  UNION ALL SELECT 'enterprise_service', 'other', '其他', 10
  UNION ALL SELECT 'project_agency', 'approval', '审批代办', 10
  UNION ALL SELECT 'project_agency', 'permit', '证照办理', 10
  UNION ALL SELECT 'project_agency', 'land_use', '用地报批', 20
  UNION ALL SELECT 'project_agency', 'construction', '规划报建', 15
  UNION ALL SELECT 'project_agency', 'other', '其他', 10
  UNION ALL SELECT 'resident_wish', 'wish', '微心愿', 15
  UNION ALL SELECT 'resident_request', 'sanitation', '环境卫生', 5
  UNION ALL SELECT 'resident_request', 'neighbour', '邻里纠纷', 10
  UNION ALL SELECT 'resident_request', 'repair', '设施维修', 7
  UNION ALL SELECT 'resident_request', 'other', '其他', 10
  UNION ALL SELECT 'worker_appeal', 'wages', '薪酬待遇', 10
  UNION ALL SELECT 'worker_appeal', 'safety', '劳动安全', 5
  UNION ALL SELECT 'worker_appeal', 'welfare', '福利保障', 10
  UNION ALL SELECT 'worker_appeal', 'skills', '技能培训', 15
  UNION ALL SELECT 'worker_appeal', 'other', '其他', 10
  UNION ALL SELECT 'suggestion', 'technology', '技术革新', 20
  UNION ALL SELECT 'suggestion', 'management', '经营管理', 20
  UNION ALL SELECT 'suggestion', 'culture', '企业文化', 20
  UNION ALL SELECT 'suggestion', 'safety', '安全生产', 10
  UNION ALL SELECT 'suggestion', 'other', '其他', 20
  UNION ALL SELECT 'dispute', 'neighbour', '邻里纠纷', 10
  UNION ALL SELECT 'dispute', 'land', '土地山林纠纷', 20
  UNION ALL SELECT 'dispute', 'family', '婚姻家庭纠纷', 10
  UNION ALL SELECT 'dispute', 'labour', '劳资纠纷', 15
  UNION ALL SELECT 'dispute', 'other', '其他', 10
) AS seed;

-- Tickets: one row per request of any kind, moved by the actions of the ticket engine; the
-- timeline is the events log. Times are RFC 3339 UTC; due_on is a local date.
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  source TEXT,
  requester_enterprise_id INTEGER REFERENCES enterprises(id),
  requester_person_id INTEGER REFERENCES persons(id),
  requester_name TEXT,
  requester_phone TEXT,
  address TEXT,
  division_code TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee_org_id INTEGER REFERENCES orgs(id),
  assignee_person_id INTEGER REFERENCES persons(id),
  due_on TEXT,
  extended_days INTEGER NOT NULL DEFAULT 0,
  urge_count INTEGER NOT NULL DEFAULT 0,
  supervised INTEGER NOT NULL DEFAULT 0,
  supervise_count INTEGER NOT NULL DEFAULT 0,
  submitted_at TEXT NOT NULL,
  dispatched_at TEXT,
  accepted_at TEXT,
  responded_on_time INTEGER,      -- accepted within one working day of its (last) dispatch
  resolved_at TEXT,
  resolved_on_time INTEGER,          -- resolved by its due date
  resolve_minutes INTEGER,        -- from submission to resolution
  closed_at TEXT,
  resolution TEXT,
  amount_fen INTEGER,
  rating TEXT,
  rating_comment TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  published INTEGER NOT NULL DEFAULT 0,
  public_summary TEXT,
  claimed_by_person_id INTEGER REFERENCES persons(id),
  claimed_by_org_id INTEGER REFERENCES orgs(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX tickets_division ON tickets(division_code, id);
CREATE INDEX tickets_assignee ON tickets(assignee_org_id, status);
CREATE INDEX tickets_requester ON tickets(requester_enterprise_id);
CREATE INDEX tickets_submitted ON tickets(submitted_at);
CREATE INDEX tickets_status_due ON tickets(status, due_on);
CREATE INDEX tickets_live ON tickets(deleted_at);
