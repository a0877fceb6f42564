-- List check hits: a bulk check's hit on an entity of a case the checking
-- desk may not see, told to the entity's owner desk (crosscase.ListCheckHit,
-- README "Cross-case matching"). Which fields agreed and how, never what
-- the checked row said. Deleted with the entity (retention).
CREATE TABLE list_check_hits (
	id              {{ID}},
	checked_at      BIGINT NOT NULL,
	checker_user_id BIGINT NOT NULL,
	checker_desk_id BIGINT NOT NULL,
	checker_country TEXT NOT NULL,
	owner_desk_id   BIGINT NOT NULL,
	case_id         BIGINT NOT NULL,
	entity_id       BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	kind            TEXT NOT NULL,
	score           INTEGER NOT NULL,
	fields          TEXT NOT NULL, -- JSON list of {field, score, how}
	match_kind      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX list_check_hits_owner ON list_check_hits (owner_desk_id, id);
CREATE INDEX list_check_hits_entity ON list_check_hits (entity_id);

-- The rows each user checked in a UTC day, for the daily quota
-- (crosscase.ListCheckQuota) that every serve process shares.
CREATE TABLE list_check_rows (
	user_id    BIGINT NOT NULL,
	day        TEXT NOT NULL, -- YYYY-MM-DD, UTC
	row_count  BIGINT NOT NULL,
	PRIMARY KEY (user_id, day)
);
