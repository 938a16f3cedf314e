-- 0001 platform: divisions, organisations, persons, enterprises, accounts, sessions, audit.
-- Every ledger table carries id, version (optimistic concurrency), created_at,
-- updated_at (RFC 3339 UTC text) and deleted_at (soft delete: NULL while live).

-- Administrative divisions (统计用区划代码, 12 digits); id is the code as a number.
CREATE TABLE divisions (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE CHECK (length(code) = 12),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  parent_code TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX divisions_parent ON divisions(parent_code, code);

-- Party organisations of any depth; path is '/1/4/9/' (ids from the root) so that a
-- subtree is one prefix range.
CREATE TABLE orgs (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  parent_id INTEGER REFERENCES orgs(id),
  path TEXT NOT NULL DEFAULT '',
  division_code TEXT NOT NULL,
  enterprise_id INTEGER,
  established_on TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX orgs_division ON orgs(division_code, id);
CREATE INDEX orgs_path ON orgs(path);
CREATE INDEX orgs_parent ON orgs(parent_id);

-- People. The ID number is stored encrypted (secretbox), as a keyed hash for
-- uniqueness and exact search, and pre-masked for lists.
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  gender TEXT,
  id_number_enc TEXT,
  id_number_hash TEXT,
  id_number_mask TEXT,
  birth_date TEXT,
  phone TEXT,
  ethnicity TEXT,
  education TEXT,
  political_status TEXT,
  division_code TEXT NOT NULL,
  address TEXT,
  employer TEXT,
  notes TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX persons_division ON persons(division_code, id);
CREATE UNIQUE INDEX persons_id_number ON persons(id_number_hash) WHERE deleted_at IS NULL;
CREATE INDEX persons_name ON persons(name);

-- Enterprises (非公企业) with their party organisation and mass organisations.
CREATE TABLE enterprises (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  credit_code TEXT,
  division_code TEXT NOT NULL,
  park_org_id INTEGER REFERENCES orgs(id),
  ownership TEXT,
  industry TEXT,
  employees INTEGER,
  party_org_id INTEGER REFERENCES orgs(id),
  has_union INTEGER NOT NULL DEFAULT 0,
  has_youth_league INTEGER NOT NULL DEFAULT 0,
  has_womens_federation INTEGER NOT NULL DEFAULT 0,
  instructor_person_id INTEGER REFERENCES persons(id),
  commissioner_person_id INTEGER REFERENCES persons(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX enterprises_division ON enterprises(division_code, id);
CREATE UNIQUE INDEX enterprises_credit_code ON enterprises(credit_code) WHERE deleted_at IS NULL AND credit_code IS NOT NULL;

-- Accounts. password_hash is argon2id (libsodium crypto_pwhash_str).
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT,
  role TEXT NOT NULL,
  scope_division TEXT,
  scope_org_id INTEGER REFERENCES orgs(id),
  enterprise_id INTEGER REFERENCES enterprises(id),
  pii_access INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  password_hash TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE UNIQUE INDEX users_username ON users(username) WHERE deleted_at IS NULL;

-- Browser sessions; only the SHA-256 of the cookie token is stored.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  ip TEXT,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id);

-- API tokens for integrations (Authorization: Bearer); stored hashed.
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);

-- Failed logins, counted per username and per client address, shared by all nodes.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);

-- The audit trail: one row per change, import, export, login and revealed PII.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user_id INTEGER,
  username TEXT,
  action TEXT NOT NULL,
  entity TEXT,
  entity_id INTEGER,
  before TEXT,
  after TEXT,
  ip TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id, id);
CREATE INDEX audit_user ON audit(user_id, id);
CREATE INDEX audit_at ON audit(at);
