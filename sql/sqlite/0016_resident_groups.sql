-- 0016 resident_groups: the 十联户 a resident role serves in (联户长 of a group),
-- now that village governance keeps household_groups.
ALTER TABLE resident_roles ADD COLUMN household_group_id INTEGER REFERENCES household_groups(id);
CREATE INDEX resident_roles_group ON resident_roles(household_group_id);
