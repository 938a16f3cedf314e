-- 0012 durability: the answers to requests sent with an Idempotency-Key.
--
-- One row per (caller, key), written in the same transaction as the write it
-- answers, so that a retry after a lost answer or a crash finds either both
-- or neither. A retry of the same request gets the stored answer again and
-- writes nothing; the same key with another request is refused. Rows older
-- than 24 hours are deleted by the next keyed write.
CREATE TABLE idempotency_keys (
  principal_id INTEGER NOT NULL,  -- users.id of the caller (keys of different callers never meet)
  key TEXT NOT NULL,              -- the header's value, 1-128 printable ASCII characters
  request_hash TEXT NOT NULL,     -- BLAKE2b-256 hex of method, path, query and body
  status INTEGER NOT NULL,        -- the HTTP status answered
  content_type TEXT,              -- NULL for 204
  body_enc TEXT NOT NULL,         -- the answer's body, encrypted like ID numbers: it may hold revealed ones
  created_at INTEGER NOT NULL,    -- Unix seconds (UTC)
  PRIMARY KEY (principal_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys(created_at);
