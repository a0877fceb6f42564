-- A person's identity number (national identity, passport or social
-- security number) and the last known or registered address of a
-- person, company or group. Operational personal data like the names.
ALTER TABLE entities ADD COLUMN id_number TEXT NOT NULL DEFAULT '';
ALTER TABLE entities ADD COLUMN address TEXT NOT NULL DEFAULT '';
