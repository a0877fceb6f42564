-- What a search's text looks in for an entity (README, "Search"): its
-- names both ways round, identifiers, address, notes and external
-- reference, lower-cased, one per line (sqldb.entitySearchText, which
-- writes it from now on). One column read by one LIKE, instead of a
-- lower() of each field for each row.
ALTER TABLE entities ADD COLUMN search TEXT NOT NULL DEFAULT '';
UPDATE entities SET search = lower(given_name || ' ' || family_name || chr(10) || family_name || ' ' || given_name || chr(10) ||
	name || chr(10) || value || chr(10) || id_number || chr(10) || address || chr(10) || notes || chr(10) || external_ref);
