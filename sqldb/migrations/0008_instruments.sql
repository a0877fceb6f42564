-- Judicial instruments (arrest warrants, investigation orders, freezing
-- and confiscation certificates, MLA, extradition, transfer of
-- proceedings) with the dates that start and stop their legal clocks.
CREATE TABLE instruments (
	id                     {{ID}},
	case_id                BIGINT NOT NULL REFERENCES cases (id),
	type                   TEXT NOT NULL,
	reference              TEXT NOT NULL,
	issuing_country        TEXT NOT NULL REFERENCES countries (code),
	executing_country      TEXT NOT NULL REFERENCES countries (code),
	issuing_authority_id   BIGINT NOT NULL DEFAULT 0,
	executing_authority_id BIGINT NOT NULL DEFAULT 0,
	entity_id              BIGINT NOT NULL DEFAULT 0,
	urgent                 SMALLINT NOT NULL DEFAULT 0,
	status                 TEXT NOT NULL,
	issued_on              TEXT NOT NULL,
	received_on            TEXT NOT NULL DEFAULT '',
	acknowledged_on        TEXT NOT NULL DEFAULT '',
	arrest_on              TEXT NOT NULL DEFAULT '',
	consent_on             TEXT NOT NULL DEFAULT '',
	decision_on            TEXT NOT NULL DEFAULT '',
	execution_on           TEXT NOT NULL DEFAULT '',
	surrender_on           TEXT NOT NULL DEFAULT '',
	received_at            BIGINT NOT NULL DEFAULT 0, -- moments for the 48-hour clocks, 0 for none
	decided_at             BIGINT NOT NULL DEFAULT 0,
	executed_at            BIGINT NOT NULL DEFAULT 0,
	version                INTEGER NOT NULL DEFAULT 1,
	created_at             BIGINT NOT NULL,
	updated_at             BIGINT NOT NULL
);
CREATE INDEX instruments_case ON instruments (case_id, id);

CREATE TABLE instrument_extensions (
	id            {{ID}},
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	clock         TEXT NOT NULL,
	days          INTEGER NOT NULL,
	reason        TEXT NOT NULL,
	created_by    BIGINT NOT NULL,
	desk_country  TEXT NOT NULL DEFAULT '',
	created_at    BIGINT NOT NULL
);
CREATE INDEX instrument_extensions_instrument ON instrument_extensions (instrument_id, id);

-- The running clocks, rewritten with every write of an instrument: one
-- row per clock and per country concerned (issuing, executing, case
-- owner), so that a desk's deadlines are one range of an index ordered
-- by due moment. Clocks that are met, stopped or without a count have
-- no row. missed is set once the sweep recorded the breach.
CREATE TABLE instrument_deadlines (
	party_country TEXT NOT NULL,
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	clock         TEXT NOT NULL,
	case_id       BIGINT NOT NULL,
	itype         TEXT NOT NULL,
	due_at        BIGINT NOT NULL,
	missed        SMALLINT NOT NULL DEFAULT 0,
	PRIMARY KEY (party_country, instrument_id, clock)
);
CREATE INDEX instrument_deadlines_due ON instrument_deadlines (party_country, due_at);
CREATE INDEX instrument_deadlines_type ON instrument_deadlines (party_country, itype, due_at);
CREATE INDEX instrument_deadlines_instrument ON instrument_deadlines (instrument_id);
CREATE INDEX instrument_deadlines_sweep ON instrument_deadlines (missed, itype, due_at);

-- Missed time limits (FD 2002/584/JHA Art. 17(7)): one row per
-- instrument and clock, whichever process saw it first.
CREATE TABLE instrument_breaches (
	id            {{ID}},
	instrument_id BIGINT NOT NULL REFERENCES instruments (id),
	case_id       BIGINT NOT NULL,
	clock         TEXT NOT NULL,
	due_at        BIGINT NOT NULL,
	recorded_at   BIGINT NOT NULL,
	reasons       TEXT NOT NULL DEFAULT '',
	reasons_by    BIGINT NOT NULL DEFAULT 0,
	reasons_at    BIGINT NOT NULL DEFAULT 0,
	UNIQUE (instrument_id, clock)
);

-- Calendar feed tokens: only the SHA-256 of the secret is stored.
CREATE TABLE calendar_tokens (
	id         {{ID}},
	user_id    BIGINT NOT NULL REFERENCES users (id),
	prefix     TEXT NOT NULL,
	hash       TEXT NOT NULL UNIQUE,
	created_at BIGINT NOT NULL,
	revoked_at BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX calendar_tokens_user ON calendar_tokens (user_id);
