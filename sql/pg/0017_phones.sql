-- 0017 phones: phones get the ID number's treatment. persons.phone and
-- tickets.requester_phone are kept encrypted with the server's key (_enc), as a
-- keyed hash for exact-match search (_hash) and pre-masked for users without the
-- PII permission (_mask); the plaintext columns go once the program step below
-- (store/migrate_steps.c seal_phones) has sealed the values they held.
ALTER TABLE persons ADD COLUMN phone_enc TEXT;
ALTER TABLE persons ADD COLUMN phone_hash TEXT;
ALTER TABLE persons ADD COLUMN phone_mask TEXT;
ALTER TABLE tickets ADD COLUMN requester_phone_enc TEXT;
ALTER TABLE tickets ADD COLUMN requester_phone_hash TEXT;
ALTER TABLE tickets ADD COLUMN requester_phone_mask TEXT;
CREATE INDEX persons_phone ON persons(phone_hash);
CREATE INDEX tickets_requester_phone ON tickets(requester_phone_hash);
-- program: seal_phones
-- DROP COLUMN alone only hides a column: the values are cleared first, so that
-- the live row versions no longer hold them (VACUUM reclaims the old ones).
UPDATE persons SET phone = NULL WHERE phone IS NOT NULL;
UPDATE tickets SET requester_phone = NULL WHERE requester_phone IS NOT NULL;
ALTER TABLE persons DROP COLUMN phone;
ALTER TABLE tickets DROP COLUMN requester_phone;
