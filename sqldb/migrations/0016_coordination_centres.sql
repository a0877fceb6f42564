-- Coordination centres of action days (README, Coordination centres):
-- the centre, its participants and zones, its measures, the instruments
-- raised from them, the case results their outcomes became, and the
-- append-only log of the day that the live stream reads. A centre's log
-- is numbered 1, 2, … per centre (seq), in commit order: writers of one
-- centre take its row lock first.

CREATE TABLE centres (
	id          {{ID}},
	case_id     BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	name        TEXT NOT NULL,
	action_date TEXT NOT NULL,
	state       TEXT NOT NULL DEFAULT 'open',
	action_id   BIGINT NOT NULL DEFAULT 0,
	closed_at   BIGINT NOT NULL DEFAULT 0,
	version     INTEGER NOT NULL DEFAULT 1,
	created_at  BIGINT NOT NULL,
	updated_at  BIGINT NOT NULL
);
CREATE INDEX centres_case ON centres (case_id, action_date);

CREATE TABLE centre_zones (
	centre_id    BIGINT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
	country_code TEXT NOT NULL REFERENCES countries (code),
	zone         TEXT NOT NULL,
	PRIMARY KEY (centre_id, country_code)
);

-- One row per participant: a desk, an authority, a partner agency or an
-- invited JIT-only member (user_id); the others are 0 or ''.
CREATE TABLE centre_participants (
	centre_id    BIGINT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
	desk_id      BIGINT NOT NULL DEFAULT 0,
	authority_id BIGINT NOT NULL DEFAULT 0,
	partner      TEXT NOT NULL DEFAULT '',
	user_id      BIGINT NOT NULL DEFAULT 0,
	country_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX centre_participants_centre ON centre_participants (centre_id);
CREATE INDEX centre_participants_desk ON centre_participants (desk_id, centre_id);
CREATE INDEX centre_participants_user ON centre_participants (user_id, centre_id);

-- outcome is the JSON of crosscase.MeasureOutcome.
CREATE TABLE centre_measures (
	id            {{ID}},
	centre_id     BIGINT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	country_code  TEXT NOT NULL REFERENCES countries (code),
	place         TEXT NOT NULL DEFAULT '',
	owner_country TEXT NOT NULL REFERENCES countries (code),
	entity_id     BIGINT NOT NULL DEFAULT 0,
	instrument_id BIGINT NOT NULL DEFAULT 0,
	planned_at    BIGINT NOT NULL,
	state         TEXT NOT NULL,
	outcome       TEXT NOT NULL DEFAULT '{}',
	note          TEXT NOT NULL DEFAULT '',
	changed_by    TEXT NOT NULL DEFAULT '',
	changed_at    BIGINT NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX centre_measures_centre ON centre_measures (centre_id, country_code, planned_at);

CREATE TABLE centre_decisions (
	measure_id    BIGINT NOT NULL REFERENCES centre_measures (id) ON DELETE CASCADE,
	instrument_id BIGINT NOT NULL REFERENCES instruments (id) ON DELETE CASCADE,
	PRIMARY KEY (measure_id, instrument_id)
);

-- The case results a done measure became: written once, with the move
-- to done.
CREATE TABLE centre_results (
	measure_id BIGINT NOT NULL REFERENCES centre_measures (id) ON DELETE CASCADE,
	result_id  BIGINT NOT NULL REFERENCES case_results (id) ON DELETE CASCADE,
	PRIMARY KEY (measure_id, result_id)
);

-- body is the JSON of the event's measure, tally and text.
CREATE TABLE centre_events (
	centre_id    BIGINT NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
	seq          BIGINT NOT NULL,
	at           BIGINT NOT NULL,
	kind         TEXT NOT NULL,
	measure_id   BIGINT NOT NULL DEFAULT 0,
	user_id      BIGINT NOT NULL DEFAULT 0,
	user_name    TEXT NOT NULL DEFAULT '',
	country_code TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '{}',
	PRIMARY KEY (centre_id, seq)
);
