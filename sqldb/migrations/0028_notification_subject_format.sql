-- What a notification's subject was written from (README,
-- "Notifications"): a format of the message catalog and its values, as a
-- JSON array of strings, so that the inbox shows the subject in the
-- reader's language. Notifications written before keep '' and are shown
-- as they were written.
ALTER TABLE notifications ADD COLUMN subject_format TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN subject_args TEXT NOT NULL DEFAULT '';
