-- 0011 trust: login throttling and second factors.
--
-- One row per throttled key, shared by every node: "p:<username>|<address>"
-- (an account tried from one address: growing delays), "a:<address>" (all
-- tries from an address) and "u:<username>" (all tries at an account: past a
-- threshold it is soft-locked, and then only addresses its owner has logged
-- in from may try, until an administrator lifts it). Unknown usernames get
-- rows like known ones, so the answers do not tell them apart.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures BIGINT NOT NULL DEFAULT 0,   -- failed tries in the current window
  last_failure_at TEXT NOT NULL,        -- RFC 3339 UTC; quiet for 15 minutes = start over
  next_at TEXT NOT NULL,                -- the next try is judged from then on
  locked_at TEXT                        -- "u:" keys: the soft lock, NULL when off
);
DROP TABLE login_failures;

-- A second factor (RFC 6238 TOTP): the secret encrypted like ID numbers;
-- totp_enabled once the user has confirmed a code from their authenticator.
ALTER TABLE users ADD COLUMN totp_secret_enc TEXT;
ALTER TABLE users ADD COLUMN totp_enabled BIGINT NOT NULL DEFAULT 0;

-- Where a user has logged in from: the addresses a soft lock still admits.
CREATE INDEX sessions_user_ip ON sessions(user_id, ip);
