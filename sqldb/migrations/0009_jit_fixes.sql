-- The country of a JIT-only account (role jit_member, no desk): the
-- country of the national authority the member works for, set by an
-- administrator. Desk users take their desk's country; this stays ''.
ALTER TABLE users ADD COLUMN country_code TEXT NOT NULL DEFAULT '';
