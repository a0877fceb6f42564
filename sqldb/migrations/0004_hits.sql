-- Hits: two entities of two cases that are probably the same thing. A
-- pair has one row whichever side was checked and however many processes
-- found it (pair_lo < pair_hi, unique).
CREATE TABLE hits (
	id         {{ID}},
	entity_a   BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE, -- the checked entity
	case_a     BIGINT NOT NULL,
	desk_a     BIGINT NOT NULL,
	entity_b   BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE, -- the found entity
	case_b     BIGINT NOT NULL,
	desk_b     BIGINT NOT NULL,
	pair_lo    BIGINT NOT NULL,
	pair_hi    BIGINT NOT NULL,
	kind       TEXT NOT NULL,
	score      INTEGER NOT NULL,
	fields     TEXT NOT NULL, -- JSON list of {field, score, how}: names of fields, never their content
	status     TEXT NOT NULL,
	decided_by BIGINT NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL,
	UNIQUE (pair_lo, pair_hi)
);
CREATE INDEX hits_desk_a ON hits (desk_a, id);
CREATE INDEX hits_desk_b ON hits (desk_b, id);
CREATE INDEX hits_case_a ON hits (case_a);
CREATE INDEX hits_case_b ON hits (case_b);
CREATE INDEX hits_entity_a ON hits (entity_a);
CREATE INDEX hits_entity_b ON hits (entity_b);

-- The entity feed reads the audit log by object type in order.
CREATE INDEX audit_object ON audit_log (object_type, seq);
