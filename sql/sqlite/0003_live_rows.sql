-- 0003 live rows: partial indexes over the rows that are not deleted, so that the
-- `total` of an unfiltered list counts an index instead of reading every row.
CREATE INDEX persons_live ON persons(id) WHERE deleted_at IS NULL;
CREATE INDEX orgs_live ON orgs(id) WHERE deleted_at IS NULL;
CREATE INDEX enterprises_live ON enterprises(id) WHERE deleted_at IS NULL;
CREATE INDEX talents_live ON talents(id) WHERE deleted_at IS NULL;
