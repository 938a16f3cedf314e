-- 0015 audit chain: every audit row carries hash = SHA-256 of the previous
-- row's hash and its own canonical content (store/audit_store.c), so that a
-- changed, removed or reordered row breaks the chain `jiceng audit verify`
-- walks. audit_chain holds the head (the last row's id and hash): a row
-- removed from the end shows there, and writers serialise on it (SELECT …
-- FOR UPDATE). Rows older than this migration are chained by the first
-- `jiceng migrate` or start after it (audit_chain_seal), the only time a hash
-- is written by UPDATE.
ALTER TABLE audit ADD COLUMN hash TEXT;
CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash)
  VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION '审计日志只能追加，不能删除';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.hash IS NOT NULL THEN
    RAISE EXCEPTION '审计日志只能追加，不能修改';
  END IF;
  IF NEW.hash IS NULL THEN
    RAISE EXCEPTION '审计日志的行必须带哈希链';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
