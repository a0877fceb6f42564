-- Two-step sign-in (README, "Who sees what"). One row per user who has
-- begun setting up a TOTP second factor: the base32 secret, whether it is
-- confirmed, and the last time step accepted (a code is used once).
-- Times are microseconds since 1970.
CREATE TABLE second_factors (
	user_id    BIGINT PRIMARY KEY REFERENCES users (id),
	secret     TEXT NOT NULL,
	enabled    SMALLINT NOT NULL DEFAULT 0,
	last_step  BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);

-- Single-use recovery codes, as SHA-256 hashes; used_at 0: unused.
CREATE TABLE second_factor_recovery_codes (
	user_id BIGINT NOT NULL REFERENCES users (id),
	hash    TEXT NOT NULL,
	used_at BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (user_id, hash)
);

-- How far a browser session has gone with the second factor
-- (crosscase.SessionFactor): 0 password only, 1 code owed, 2 given.
ALTER TABLE sessions ADD COLUMN second_factor SMALLINT NOT NULL DEFAULT 0;
