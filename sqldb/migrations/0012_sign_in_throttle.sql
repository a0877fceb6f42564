-- Failed sign-ins per account and per client address, for throttling
-- (README, "Who sees what"). One row per key ("account:<name>" or
-- "addr:<address>"); in the database, so that every serve process of a
-- PostgreSQL store throttles alike. Times are microseconds since 1970.
CREATE TABLE sign_in_failures (
	key           TEXT PRIMARY KEY,
	failures      INTEGER NOT NULL,
	last_at       BIGINT NOT NULL,
	blocked_until BIGINT NOT NULL
);
