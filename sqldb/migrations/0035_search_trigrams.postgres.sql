-- A search's text (README, "Search") is looked up in trigram indexes of
-- entities.search and cases.search (pg_trgm, a trusted extension that the
-- owner of the database may create) instead of a LIKE over every entity
-- and case the caller may see; the same LIKE uses them. A word of fewer
-- than three characters scans.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX entities_search_trgm ON entities USING gin (search gin_trgm_ops);
CREATE INDEX cases_search_trgm ON cases USING gin (search gin_trgm_ops);
