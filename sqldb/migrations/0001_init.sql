-- The core schema: reference data, desks, users, cases, entities, audit.
-- {{ID}} is the dialect's auto-increment primary key. Times are
-- microseconds since 1970 UTC (BIGINT); dates are YYYY-MM-DD text, '' for
-- none; flags are SMALLINT 0/1. The same statements run on SQLite and
-- PostgreSQL.

CREATE TABLE countries (
	code     TEXT PRIMARY KEY,
	name     TEXT NOT NULL,
	standing TEXT NOT NULL
);

CREATE TABLE agreements (
	id           {{ID}},
	country_code TEXT REFERENCES countries (code),
	organisation TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL,
	signed_on    TEXT NOT NULL,
	title        TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
CREATE INDEX agreements_country ON agreements (country_code);

CREATE TABLE desks (
	id           {{ID}},
	country_code TEXT NOT NULL UNIQUE REFERENCES countries (code),
	kind         TEXT NOT NULL,
	name         TEXT NOT NULL,
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   BIGINT NOT NULL
);

CREATE TABLE authorities (
	id           {{ID}},
	country_code TEXT NOT NULL REFERENCES countries (code),
	name         TEXT NOT NULL,
	kind         TEXT NOT NULL,
	city         TEXT NOT NULL DEFAULT '',
	created_at   BIGINT NOT NULL,
	UNIQUE (country_code, name)
);

CREATE TABLE users (
	id            {{ID}},
	name          TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL DEFAULT '',
	desk_id       BIGINT REFERENCES desks (id),
	role          TEXT NOT NULL,
	disabled      SMALLINT NOT NULL DEFAULT 0,
	password_hash TEXT NOT NULL,
	version       INTEGER NOT NULL DEFAULT 1,
	created_at    BIGINT NOT NULL
);

CREATE TABLE tokens (
	id           {{ID}},
	user_id      BIGINT NOT NULL REFERENCES users (id),
	label        TEXT NOT NULL DEFAULT '',
	prefix       TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   BIGINT NOT NULL,
	last_used_at BIGINT,
	revoked_at   BIGINT
);
CREATE INDEX tokens_user ON tokens (user_id);

CREATE TABLE sessions (
	id         {{ID}},
	user_id    BIGINT NOT NULL REFERENCES users (id),
	hash       TEXT NOT NULL UNIQUE,
	csrf_key   TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE cases (
	id                   {{ID}},
	reference            TEXT NOT NULL DEFAULT '',
	title                TEXT NOT NULL,
	summary              TEXT NOT NULL DEFAULT '',
	owner_desk_id        BIGINT NOT NULL REFERENCES desks (id),
	owner_country        TEXT NOT NULL REFERENCES countries (code),
	priority             TEXT NOT NULL DEFAULT '',
	status               TEXT NOT NULL,
	opened_on            TEXT NOT NULL,
	closed_on            TEXT NOT NULL DEFAULT '',
	victims              BIGINT NOT NULL DEFAULT 0,
	financial_damage_eur BIGINT NOT NULL DEFAULT 0,
	search               TEXT NOT NULL DEFAULT '', -- lower-case reference, title and summary for free-text search
	version              INTEGER NOT NULL DEFAULT 1,
	created_at           BIGINT NOT NULL,
	updated_at           BIGINT NOT NULL
);
CREATE INDEX cases_owner ON cases (owner_desk_id, id);
CREATE INDEX cases_opened ON cases (opened_on);

-- case_countries holds the owner country (party 'owner') and every asked
-- country (party 'asked'): need to know by country is one index probe.
CREATE TABLE case_countries (
	case_id      BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	country_code TEXT NOT NULL REFERENCES countries (code),
	party        TEXT NOT NULL,
	PRIMARY KEY (country_code, case_id)
);
CREATE INDEX case_countries_case ON case_countries (case_id);

CREATE TABLE case_crime_types (
	case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	crime_type TEXT NOT NULL,
	PRIMARY KEY (case_id, crime_type)
);
CREATE INDEX case_crime_types_type ON case_crime_types (crime_type, case_id);

CREATE TABLE case_authorities (
	case_id      BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	authority_id BIGINT NOT NULL REFERENCES authorities (id),
	PRIMARY KEY (case_id, authority_id)
);

CREATE TABLE case_grants (
	case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	desk_id    BIGINT NOT NULL REFERENCES desks (id),
	granted_by BIGINT NOT NULL,
	created_at BIGINT NOT NULL,
	PRIMARY KEY (case_id, desk_id)
);
CREATE INDEX case_grants_desk ON case_grants (desk_id, case_id);

CREATE TABLE entities (
	id           {{ID}},
	case_id      BIGINT NOT NULL REFERENCES cases (id),
	kind         TEXT NOT NULL,
	role         TEXT NOT NULL,
	given_name   TEXT NOT NULL DEFAULT '',
	family_name  TEXT NOT NULL DEFAULT '',
	name         TEXT NOT NULL DEFAULT '',
	birth_date   TEXT NOT NULL DEFAULT '',
	nationality  TEXT NOT NULL DEFAULT '',
	value        TEXT NOT NULL DEFAULT '',
	country      TEXT NOT NULL DEFAULT '',
	notes        TEXT NOT NULL DEFAULT '',
	external_ref TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL DEFAULT 1,
	created_at   BIGINT NOT NULL,
	updated_at   BIGINT NOT NULL
);
CREATE INDEX entities_case ON entities (case_id);

-- The audit log: append-only, each entry hashing its predecessor.
CREATE TABLE audit_log (
	seq         BIGINT PRIMARY KEY,
	at          BIGINT NOT NULL,
	user_id     BIGINT NOT NULL DEFAULT 0,
	user_name   TEXT NOT NULL DEFAULT '',
	desk_id     BIGINT NOT NULL DEFAULT 0,
	action      TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id   BIGINT NOT NULL DEFAULT 0,
	case_id     BIGINT NOT NULL DEFAULT 0,
	remote_addr TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	detail      TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
);
CREATE INDEX audit_case ON audit_log (case_id, seq);
CREATE INDEX audit_user ON audit_log (user_id, seq);
CREATE INDEX audit_action ON audit_log (action, seq);
