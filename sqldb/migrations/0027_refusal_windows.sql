-- Refusals of calendar feeds counted per hour (README, "Calendar feed"):
-- a calendar application keeps polling a revoked address every few
-- minutes, and one audit entry per hour and token (or, for tokens that
-- do not exist, per client address) says so without flooding the log.
-- key is "calendar_token:<id>" or "calendar_addr:<address>"; since is
-- when the window's recorded refusal happened (microseconds since 1970),
-- refusals how many refusals the window holds.
CREATE TABLE refusal_windows (
	key   TEXT PRIMARY KEY,
	since BIGINT NOT NULL,
	refusals INTEGER NOT NULL
);
