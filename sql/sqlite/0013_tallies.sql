-- 0013 tallies: live rows counted per division and per value of each enum and
-- bool field, kept in the transaction of every write, so that an unfiltered
-- total or a grouping by one such field for a whole province reads these
-- counts instead of every row. `field` '*' counts the rows themselves; a NULL
-- value is ''.
CREATE TABLE tallies (
  entity TEXT NOT NULL,
  field TEXT NOT NULL,
  value TEXT NOT NULL,
  division_code TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (entity, field, value, division_code)
);
