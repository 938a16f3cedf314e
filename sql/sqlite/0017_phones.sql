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
-- DROP COLUMN rewrites every row; secure_delete zeroes what it frees.
ALTER TABLE persons DROP COLUMN phone;
ALTER TABLE tickets DROP COLUMN requester_phone;
