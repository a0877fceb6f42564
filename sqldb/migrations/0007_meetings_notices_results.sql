-- Coordination meetings, case results (actions, arrests, seizures, asset
-- returns) and notices with their recipients, acknowledgements and
-- attachments. Attachment content is kept in the database (BYTEA, which
-- SQLite stores as the blob it is given), so that a notice and its files
-- commit together and are as durable as the rest of the store.

CREATE TABLE meetings (
	id         {{ID}},
	case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	starts_at  BIGINT NOT NULL,
	agenda     TEXT NOT NULL DEFAULT '',
	outcome    TEXT NOT NULL DEFAULT '',
	version    INTEGER NOT NULL DEFAULT 1,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX meetings_case ON meetings (case_id, starts_at);
CREATE INDEX meetings_starts ON meetings (starts_at);

-- One row per participant: a desk (desk_id), an authority (authority_id)
-- or a partner agency (partner); the others are 0 or ''.
CREATE TABLE meeting_participants (
	meeting_id   BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	desk_id      BIGINT NOT NULL DEFAULT 0,
	authority_id BIGINT NOT NULL DEFAULT 0,
	partner      TEXT NOT NULL DEFAULT '',
	country_code TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meeting_participants_meeting ON meeting_participants (meeting_id);
CREATE INDEX meeting_participants_country ON meeting_participants (country_code, meeting_id);

CREATE TABLE case_actions (
	id         {{ID}},
	case_id    BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	on_date    TEXT NOT NULL,
	name       TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX case_actions_case ON case_actions (case_id, on_date);

-- quantity_milli is the quantity in thousandths of its unit, so that sums
-- are exact in both dialects.
CREATE TABLE case_results (
	id             {{ID}},
	case_id        BIGINT NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
	action_id      BIGINT NOT NULL DEFAULT 0,
	kind           TEXT NOT NULL,
	country_code   TEXT NOT NULL REFERENCES countries (code),
	on_date        TEXT NOT NULL,
	result_count   BIGINT NOT NULL DEFAULT 0,
	seizure_type   TEXT NOT NULL DEFAULT '',
	substance      TEXT NOT NULL DEFAULT '',
	quantity_milli BIGINT NOT NULL DEFAULT 0,
	unit           TEXT NOT NULL DEFAULT '',
	measure        TEXT NOT NULL DEFAULT '',
	value_eur      BIGINT NOT NULL DEFAULT 0,
	notes          TEXT NOT NULL DEFAULT '',
	desk_id        BIGINT NOT NULL REFERENCES desks (id),
	created_at     BIGINT NOT NULL
);
CREATE INDEX case_results_case ON case_results (case_id, on_date);
CREATE INDEX case_results_date ON case_results (on_date, country_code);

CREATE TABLE notices (
	id             {{ID}},
	sender_desk_id BIGINT NOT NULL REFERENCES desks (id),
	sender_user_id BIGINT NOT NULL,
	sender_name    TEXT NOT NULL DEFAULT '',
	subject        TEXT NOT NULL,
	body           TEXT NOT NULL,
	personal_data  SMALLINT NOT NULL DEFAULT 0,
	to_all         SMALLINT NOT NULL DEFAULT 0,
	sent_at        BIGINT NOT NULL
);
CREATE INDEX notices_sender ON notices (sender_desk_id, id);

CREATE TABLE notice_recipients (
	notice_id       BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
	desk_id         BIGINT NOT NULL REFERENCES desks (id),
	acknowledged_at BIGINT NOT NULL DEFAULT 0,
	acknowledged_by TEXT NOT NULL DEFAULT '',
	ack_user_id     BIGINT NOT NULL DEFAULT 0,
	PRIMARY KEY (notice_id, desk_id)
);
CREATE INDEX notice_recipients_desk ON notice_recipients (desk_id, notice_id);

CREATE TABLE notice_attachments (
	id           {{ID}},
	notice_id    BIGINT NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT NOT NULL,
	content      BYTEA NOT NULL,
	created_at   BIGINT NOT NULL
);
CREATE INDEX notice_attachments_notice ON notice_attachments (notice_id);
