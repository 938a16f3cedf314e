-- 0014 masks: ID numbers are masked to the prefecture and the check character
-- ("5227*************X"), no longer to the last four: with the birth date shown
-- beside it the last four left only the county digits to guess. Other shapes
-- keep only their last character.
UPDATE persons SET id_number_mask = CASE
	WHEN length(id_number_mask) = 18 AND substr(id_number_mask, 1, 1) <> '*'
		THEN substr(id_number_mask, 1, 4) || '*************' || substr(id_number_mask, 18, 1)
	WHEN length(id_number_mask) >= 2
		THEN substr(id_number_mask, 1, length(id_number_mask) - 2) || '*'
			|| substr(id_number_mask, length(id_number_mask), 1)
	ELSE id_number_mask END
WHERE id_number_mask IS NOT NULL;
