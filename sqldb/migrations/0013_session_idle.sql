-- When a browser session was last used, for the idle timeout
-- (crosscase.SessionIdleTimeout). 0: not used since it began.
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT NOT NULL DEFAULT 0;
