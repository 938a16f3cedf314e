-- 0004 search terms: the characters and character pairs of each record's
-- searchable fields (domain/search_terms.c), so that `q=` finds a two-character
-- Chinese name through an index instead of a LIKE over every row. Kept in the
-- write transaction of the record; rows of deleted records stay and are
-- filtered out with them.
CREATE TABLE search_terms (
  entity TEXT NOT NULL,
  term TEXT NOT NULL,
  entity_id INTEGER NOT NULL
);
CREATE INDEX search_terms_lookup ON search_terms(entity, term, entity_id);
CREATE INDEX search_terms_record ON search_terms(entity, entity_id);
