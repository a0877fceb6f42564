-- What a search's text looks in for an entity (README, "Search"): its
-- names both ways round, identifiers, address, notes and external
-- reference, lower-cased, one per line (sqldb.entitySearchText, which
-- writes it from now on). SQLite's lower() is the store's Unicode
-- lower-casing (sqldb/db.go). One column read by one LIKE, instead of a
-- lower() of each field for each row.
ALTER TABLE entities ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE entities SET search = lower(given_name || ' ' || family_name || char(10) || family_name || ' ' || given_name || char(10) ||
	name || char(10) || value || char(10) || id_number || char(10) || address || char(10) || notes || char(10) || external_ref);
