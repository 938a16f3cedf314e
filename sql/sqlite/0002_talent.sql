-- 0002 talent: the village reserve talent pool (村级后备力量, 下司镇's mechanism) —
-- talents and their admission steps, reviews, trainings, placements, 村两委
-- members and party development. Same columns as every ledger table (0001).

-- Reserve talents, one row per admission attempt; a person has at most one row
-- that is neither rejected nor exited (talents_live_person).
CREATE TABLE talents (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  village_code TEXT NOT NULL,
  source TEXT,
  channel TEXT NOT NULL DEFAULT 'recommended',
  status TEXT NOT NULL DEFAULT 'recommended',
  recommended_on TEXT,
  admitted_on TEXT,
  exited_on TEXT,
  exit_reason TEXT,
  mentor_person_id INTEGER REFERENCES persons(id),
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX talents_village ON talents(village_code, id);
CREATE INDEX talents_person ON talents(person_id);
CREATE UNIQUE INDEX talents_live_person ON talents(person_id)
  WHERE deleted_at IS NULL AND status NOT IN ('rejected', 'exited');

-- The admission and exit steps of a talent (推荐、考察、联审、入库、出库): who,
-- on which date, with which opinion; detail holds the action's own fields (JSON).
CREATE TABLE talent_steps (
  id INTEGER PRIMARY KEY,
  talent_id INTEGER NOT NULL REFERENCES talents(id),
  action TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT,
  step_on TEXT NOT NULL,
  opinion TEXT,
  detail TEXT,
  user_id INTEGER,
  username TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX talent_steps_talent ON talent_steps(talent_id, id);

-- 季度研判 and 年度考核: one per talent, kind and period (2026Q1, 2026).
CREATE TABLE talent_evaluations (
  id INTEGER PRIMARY KEY,
  talent_id INTEGER NOT NULL REFERENCES talents(id),
  kind TEXT NOT NULL,
  period TEXT NOT NULL,
  grade TEXT,
  long_absent INTEGER NOT NULL DEFAULT 0,
  comment TEXT,
  evaluated_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX talent_evaluations_period ON talent_evaluations(talent_id, kind, period)
  WHERE deleted_at IS NULL;

-- Trainings (县委党校专题培训, 镇级能力提升课堂, 田间课堂) held in a division.
CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  division_code TEXT NOT NULL,
  organizer_org_id INTEGER REFERENCES orgs(id),
  start_on TEXT NOT NULL,
  end_on TEXT,
  hours INTEGER,
  location TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX trainings_division ON trainings(division_code, id);
CREATE INDEX trainings_start ON trainings(start_on);

-- Attendance: one row is one 人次 (a person at a training).
CREATE TABLE training_attendance (
  id INTEGER PRIMARY KEY,
  training_id INTEGER NOT NULL REFERENCES trainings(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX training_attendance_pair ON training_attendance(training_id, person_id)
  WHERE deleted_at IS NULL;
CREATE INDEX training_attendance_person ON training_attendance(person_id);

-- 跟岗锻炼 / 试岗锻炼 / 轮岗 of a talent at a host organisation.
CREATE TABLE placements (
  id INTEGER PRIMARY KEY,
  talent_id INTEGER NOT NULL REFERENCES talents(id),
  kind TEXT NOT NULL,
  host_org_id INTEGER REFERENCES orgs(id),
  post TEXT,
  start_on TEXT NOT NULL,
  end_on TEXT,
  tasks TEXT,
  evaluation TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX placements_talent ON placements(talent_id);
CREATE INDEX placements_start ON placements(start_on);

-- 村两委 members. A new member comes from the pool (talent_id: the talent the
-- appointment exited) unless a county-level user gave override_reason.
CREATE TABLE committee_members (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  village_code TEXT NOT NULL,
  body TEXT NOT NULL,
  position TEXT NOT NULL,
  term_start TEXT NOT NULL,
  term_end TEXT,
  is_new INTEGER NOT NULL DEFAULT 1,
  override_reason TEXT,
  talent_id INTEGER REFERENCES talents(id),
  status TEXT NOT NULL DEFAULT 'serving',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX committee_members_village ON committee_members(village_code, id);
CREATE INDEX committee_members_person ON committee_members(person_id);

-- Party development (发展党员): one row per person, the stage reached and the
-- date of each stage.
CREATE TABLE party_development (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  stage TEXT NOT NULL DEFAULT 'applicant',
  applied_on TEXT,
  activist_on TEXT,
  candidate_on TEXT,
  probationary_on TEXT,
  full_on TEXT,
  branch_org_id INTEGER REFERENCES orgs(id),
  contact_persons TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX party_development_person ON party_development(person_id)
  WHERE deleted_at IS NULL;
CREATE INDEX party_development_activist ON party_development(activist_on);
