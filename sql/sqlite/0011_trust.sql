-- 0011 trust: login throttling, second factors and security settings.
--
-- One row per throttled key, shared by every node: "p:<username>|<address>"
-- (an account tried from one address: growing delays), "a:<address>" (all
-- tries from an address) and "u:<username>" (all tries at an account: past a
-- threshold it is soft-locked, and then only addresses its owner has logged
-- in from may try, until an administrator lifts it). Unknown usernames get
-- rows like known ones, so the answers do not tell them apart.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,  -- failed tries in the current window
  last_failure_at TEXT NOT NULL,        -- RFC 3339 UTC; quiet for 15 minutes = start over
  next_at TEXT NOT NULL,                -- the next try is judged from then on
  locked_at TEXT                        -- "u:" keys: the soft lock, NULL when off
);
DROP TABLE login_failures;

-- A second factor (RFC 6238 TOTP). The secrets are encrypted like ID numbers
-- (libsodium secretbox under the instance key). A new secret waits in
-- totp_pending_enc until the user confirms a code from their authenticator;
-- totp_last_step is the last time step accepted, so a code is used once.
-- totp_required: this user must use one (besides the roles the security
-- policy names).
ALTER TABLE users ADD COLUMN totp_secret_enc TEXT;
ALTER TABLE users ADD COLUMN totp_pending_enc TEXT;
ALTER TABLE users ADD COLUMN totp_enabled INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- A session made by a password alone for a user who must use a second
-- factor but has none yet: it may only set one up (and log out).
ALTER TABLE sessions ADD COLUMN setup_only INTEGER NOT NULL DEFAULT 0;

-- Security settings shared by every node: "totp_roles" (the roles whose
-- users must use a second factor, comma-separated) and "separation" ("on"
-- when the system, security and audit administrators are separate and the
-- all-powerful admin role is off, 三权分立).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Where a user has logged in from: the addresses a soft lock still admits.
CREATE INDEX sessions_user_ip ON sessions(user_id, ip);
