-- 0021 the rollups by area first: a county's statistic read every county's
-- months of the year through (submitted_at, division_code); an area is a range
-- of division codes and its months a range within each county.
DROP INDEX ticket_rollup_month;
DROP INDEX ticket_org_rollup_month;
CREATE INDEX ticket_rollup_area ON ticket_rollup(division_code, submitted_at);
CREATE INDEX ticket_org_rollup_area ON ticket_org_rollup(division_code, submitted_at);
