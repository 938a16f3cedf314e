-- 0019 drop the indexes on deleted_at: they served the `total` of an
-- unfiltered list, which the tallies (0013) answer now, and on a large ledger
-- the planner took them for a selective equality (deleted_at IS NULL matches
-- nearly every row) over the index a filter needs — a town's talents sorted
-- by name read all 140,000 talents of a province.
DROP INDEX persons_live;
DROP INDEX orgs_live;
DROP INDEX enterprises_live;
DROP INDEX talents_live;
DROP INDEX tickets_live;
DROP INDEX org_staff_live;
DROP INDEX party_members_live;
DROP INDEX party_funds_live;
DROP INDEX facilities_live;
DROP INDEX pairings_live;
DROP INDEX visits_live;
DROP INDEX assistance_projects_live;
DROP INDEX resident_roles_live;
