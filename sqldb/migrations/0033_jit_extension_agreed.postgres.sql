-- The day the parties agreed a JIT's extension (README, "Joint
-- investigation teams (JITs)"): the date the case timeline shows for it,
-- which may come long before the extension was recorded. Extensions
-- recorded before keep the day they were recorded (UTC).
ALTER TABLE jit_extensions ADD COLUMN agreed_on TEXT NOT NULL DEFAULT '';
UPDATE jit_extensions SET agreed_on = to_char(to_timestamp(created_at / 1000000) AT TIME ZONE 'UTC', 'YYYY-MM-DD');
