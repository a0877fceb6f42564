-- Joint investigation teams: parties, linked cases, extensions, funding,
-- members, messages and evidence files (their bytes live in the evidence
-- folder; a row exists only once its file is durable).
CREATE TABLE jits (
	id              {{ID}},
	name            TEXT NOT NULL,
	signed_on       TEXT NOT NULL,
	duration_months INTEGER NOT NULL,
	ends_on         TEXT NOT NULL,
	current_ends_on TEXT NOT NULL,
	created_by      BIGINT NOT NULL,
	created_desk_id BIGINT NOT NULL REFERENCES desks (id),
	created_at      BIGINT NOT NULL
);

-- One row per party country and authority.
CREATE TABLE jit_parties (
	jit_id       BIGINT NOT NULL REFERENCES jits (id),
	country_code TEXT NOT NULL REFERENCES countries (code),
	authority_id BIGINT NOT NULL REFERENCES authorities (id),
	PRIMARY KEY (jit_id, country_code, authority_id)
);
CREATE INDEX jit_parties_country ON jit_parties (country_code, jit_id);

CREATE TABLE jit_cases (
	jit_id  BIGINT NOT NULL REFERENCES jits (id),
	case_id BIGINT NOT NULL REFERENCES cases (id),
	PRIMARY KEY (jit_id, case_id)
);
CREATE INDEX jit_cases_case ON jit_cases (case_id, jit_id);

CREATE TABLE jit_extensions (
	id          {{ID}},
	jit_id      BIGINT NOT NULL REFERENCES jits (id),
	new_ends_on TEXT NOT NULL,
	reason      TEXT NOT NULL,
	created_by  BIGINT NOT NULL,
	created_at  BIGINT NOT NULL
);
CREATE INDEX jit_extensions_jit ON jit_extensions (jit_id, id);

CREATE TABLE jit_funding (
	id          {{ID}},
	jit_id      BIGINT NOT NULL REFERENCES jits (id),
	label       TEXT NOT NULL DEFAULT '',
	applied_eur BIGINT NOT NULL,
	granted_eur BIGINT NOT NULL DEFAULT 0,
	status      TEXT NOT NULL,
	applied_on  TEXT NOT NULL,
	decided_on  TEXT NOT NULL DEFAULT '',
	updated_at  BIGINT NOT NULL
);
CREATE INDEX jit_funding_jit ON jit_funding (jit_id, id);

CREATE TABLE jit_members (
	jit_id       BIGINT NOT NULL REFERENCES jits (id),
	user_id      BIGINT NOT NULL REFERENCES users (id),
	country_code TEXT NOT NULL REFERENCES countries (code),
	authority_id BIGINT NOT NULL REFERENCES authorities (id),
	added_at     BIGINT NOT NULL,
	PRIMARY KEY (jit_id, user_id)
);
CREATE INDEX jit_members_user ON jit_members (user_id, jit_id);

CREATE TABLE jit_messages (
	id         {{ID}},
	jit_id     BIGINT NOT NULL REFERENCES jits (id),
	parent_id  BIGINT NOT NULL DEFAULT 0,
	author_id  BIGINT NOT NULL REFERENCES users (id),
	body       TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX jit_messages_jit ON jit_messages (jit_id, id);

CREATE TABLE jit_evidence (
	id             {{ID}},
	jit_id         BIGINT NOT NULL REFERENCES jits (id),
	file_name      TEXT NOT NULL,
	content_type   TEXT NOT NULL,
	size           BIGINT NOT NULL,
	sha256         TEXT NOT NULL,
	storage_name   TEXT NOT NULL UNIQUE,
	uploaded_by    BIGINT NOT NULL REFERENCES users (id),
	uploaded_at    BIGINT NOT NULL,
	deleted_at     BIGINT NOT NULL DEFAULT 0,
	deleted_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX jit_evidence_jit ON jit_evidence (jit_id, id);
CREATE INDEX jit_evidence_live ON jit_evidence (deleted_at, uploaded_at);

CREATE TABLE jit_evidence_recipients (
	evidence_id   BIGINT NOT NULL REFERENCES jit_evidence (id),
	user_id       BIGINT NOT NULL REFERENCES users (id),
	country_code  TEXT NOT NULL,
	downloaded_at BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (evidence_id, user_id)
);
