-- A user whose password was set by someone else (the first administrator's
-- one-time password, a password an administrator gave) must choose their
-- own before using the pages.
ALTER TABLE users ADD COLUMN must_change_password SMALLINT NOT NULL DEFAULT 0;
