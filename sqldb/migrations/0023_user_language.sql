-- The language of the interface a user chose (README, "Languages"): a
-- code of locale/messages, or '' to follow the browser's Accept-Language.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
