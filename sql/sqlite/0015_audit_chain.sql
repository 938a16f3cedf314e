-- 0015 audit chain: every audit row carries hash = SHA-256 of the previous
-- row's hash and its own canonical content (store/audit_store.c), so that a
-- changed, removed or reordered row breaks the chain `jiceng audit verify`
-- walks. audit_chain holds the head (the last row's id and hash): a row
-- removed from the end shows there, and writers serialise on it. Rows older
-- than this migration are chained by the first `jiceng migrate` or start
-- after it (audit_chain_seal), the only time a hash is written by UPDATE.
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id INTEGER NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能删除');
END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit WHEN OLD.hash IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, '审计日志只能追加，不能修改');
END;
CREATE TRIGGER audit_hash_required BEFORE INSERT ON audit WHEN NEW.hash IS NULL
BEGIN
  SELECT RAISE(ABORT, '审计日志的行必须带哈希链');
END;
