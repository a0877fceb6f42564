-- Missed limits are keyed on (instrument, clock, due moment), so that a
-- second missed limit of one clock (after an agreed new surrender date)
-- is recorded too; kind tells an Art. 17(7) breach of FD 2002/584/JHA
-- from an Art. 23(5) release alert; voided_at is set when a later
-- update shows the limit was met. Rebuilt because SQLite cannot drop the
-- old unique constraint; ids are renumbered in their order.
CREATE TABLE instrument_breaches_v2 (
	id            {{ID}},
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	case_id       BIGINT NOT NULL,
	clock         TEXT NOT NULL,
	kind          TEXT NOT NULL DEFAULT 'art17_7',
	due_at        BIGINT NOT NULL,
	recorded_at   BIGINT NOT NULL,
	reasons       TEXT NOT NULL DEFAULT '',
	reasons_by    BIGINT NOT NULL DEFAULT 0,
	reasons_at    BIGINT NOT NULL DEFAULT 0,
	voided_at     BIGINT NOT NULL DEFAULT 0,
	UNIQUE (instrument_id, clock, due_at)
);
INSERT INTO instrument_breaches_v2 (instrument_id, case_id, clock, kind, due_at, recorded_at, reasons, reasons_by, reasons_at)
	SELECT instrument_id, case_id, clock, CASE WHEN clock = 'eaw_surrender' THEN 'release_23_5' ELSE 'art17_7' END, due_at, recorded_at, reasons, reasons_by, reasons_at
	FROM instrument_breaches ORDER BY id;
DROP TABLE instrument_breaches;
ALTER TABLE instrument_breaches_v2 RENAME TO instrument_breaches;

-- The reasons for a missed limit, append-only: each with who and when.
CREATE TABLE instrument_delay_reasons (
	id            {{ID}},
	breach_id     BIGINT NOT NULL,
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	reasons       TEXT NOT NULL,
	created_by    BIGINT NOT NULL,
	desk_country  TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL
);
CREATE INDEX instrument_delay_reasons_instrument ON instrument_delay_reasons (instrument_id, id);

-- Which limit an extension applied to (the article of the limit then
-- running, e.g. "17(3)" or "17(2)"), so that a 60-day extension does not
-- carry over to the 10-day consent limit.
ALTER TABLE instrument_extensions ADD COLUMN applies_to TEXT NOT NULL DEFAULT '';

-- New surrender dates agreed by the executing and issuing authorities
-- (FD 2002/584/JHA Art. 23(3)-(4)), each starting a new 10-day limit.
CREATE TABLE instrument_surrender_dates (
	id            {{ID}},
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	agreed_on     TEXT NOT NULL,
	ground        TEXT NOT NULL,
	reason        TEXT NOT NULL,
	created_by    BIGINT NOT NULL,
	desk_country  TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL
);
CREATE INDEX instrument_surrender_dates_instrument ON instrument_surrender_dates (instrument_id, id);
