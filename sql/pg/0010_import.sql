-- 0010 import: spreadsheets name divisions rather than give their codes
-- ("下司村", "下司镇下司村"), and each such cell is looked up by name within the
-- caller's reach; with every village of the country loaded (620,573 rows)
-- that was a scan of the table per cell.
CREATE INDEX divisions_short_name ON divisions(short_name);
CREATE INDEX divisions_name ON divisions(name);
