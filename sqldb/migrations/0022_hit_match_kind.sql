-- What a hit says (README, "Hits"): '' for two entities that are
-- probably the same, 'same_document' for the same identity document
-- under a clearly different name — a possible false or stolen identity.
ALTER TABLE hits ADD COLUMN match_kind TEXT NOT NULL DEFAULT '';
