-- Retention and review of operational personal data (Regulation (EU)
-- 2018/1727, Art. 29; README, "Retention and review"). A case carries the
-- dates of Art. 29(1) that end the need to keep its personal data, as
-- YYYY-MM-DD ('' unknown); erased_at (microseconds, 0 never) and
-- erased_ground say when and why its personal data were last deleted.
ALTER TABLE cases ADD COLUMN time_barred_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN final_decision_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN coordination_ended_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN transmitted_on TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN erased_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN erased_ground TEXT NOT NULL DEFAULT '';

-- The reviews of the need to keep a case's personal data (Art. 29(3)),
-- with the decision and its recorded reasons. keep_until is the next
-- review of a decision to keep.
CREATE TABLE retention_reviews (
	id         {{ID}},
	case_id    BIGINT NOT NULL REFERENCES cases (id),
	decision   TEXT NOT NULL,
	reason     TEXT NOT NULL,
	keep_until TEXT NOT NULL DEFAULT '',
	decided_by BIGINT NOT NULL REFERENCES users (id),
	decided_at BIGINT NOT NULL
);
CREATE INDEX retention_reviews_case ON retention_reviews (case_id, id);
