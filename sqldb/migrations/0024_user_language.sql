-- The interface language a user chose (README, "Languages"): a tag of
-- locale.Languages, or '' to follow the browser's Accept-Language.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
