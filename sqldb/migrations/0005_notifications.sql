-- Notifications: system messages to a desk's inbox (a JIT set up with the
-- desk's country, a missed legal time limit, a notice received). Subjects
-- never hold personal data.
CREATE TABLE notifications (
	id          {{ID}},
	desk_id     BIGINT NOT NULL REFERENCES desks (id),
	kind        TEXT NOT NULL,
	subject     TEXT NOT NULL,
	link        TEXT NOT NULL DEFAULT '',
	object_type TEXT NOT NULL DEFAULT '',
	object_id   BIGINT NOT NULL DEFAULT 0,
	created_at  BIGINT NOT NULL,
	read_at     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX notifications_desk ON notifications (desk_id, id);
