-- Relations between the entities of a case (README, "Link chart"). A
-- relation goes with its entities: deleting either (by hand or under the
-- retention rules) deletes it.
CREATE TABLE entity_relations (
	id         {{ID}},
	case_id    BIGINT NOT NULL REFERENCES cases (id),
	from_id    BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	to_id      BIGINT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	UNIQUE (from_id, to_id, kind)
);
CREATE INDEX entity_relations_case ON entity_relations (case_id, id);
CREATE INDEX entity_relations_to ON entity_relations (to_id);
