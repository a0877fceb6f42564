-- A search's text (README, "Search") is looked up in indexes of the
-- trigrams of entities.search and cases.search instead of a LIKE over
-- every entity and case the caller may see: FTS5 tables with the trigram
-- tokenizer over those columns (external content: they store no copy of
-- the text, only the index; detail=none: no positions, the LIKE itself is
-- checked on the row), kept in step by the triggers below. A word of
-- fewer than three characters, or one holding a LIKE wildcard, scans.
CREATE VIRTUAL TABLE entity_trigrams USING fts5(search, content='entities', content_rowid='id', tokenize='trigram', detail='none');
INSERT INTO entity_trigrams (entity_trigrams) VALUES ('rebuild');
CREATE TRIGGER entity_trigrams_insert AFTER INSERT ON entities BEGIN
	INSERT INTO entity_trigrams (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER entity_trigrams_delete AFTER DELETE ON entities BEGIN
	INSERT INTO entity_trigrams (entity_trigrams, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER entity_trigrams_update AFTER UPDATE OF search ON entities BEGIN
	INSERT INTO entity_trigrams (entity_trigrams, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO entity_trigrams (rowid, search) VALUES (new.id, new.search);
END;
CREATE VIRTUAL TABLE case_trigrams USING fts5(search, content='cases', content_rowid='id', tokenize='trigram', detail='none');
INSERT INTO case_trigrams (case_trigrams) VALUES ('rebuild');
CREATE TRIGGER case_trigrams_insert AFTER INSERT ON cases BEGIN
	INSERT INTO case_trigrams (rowid, search) VALUES (new.id, new.search);
END;
CREATE TRIGGER case_trigrams_delete AFTER DELETE ON cases BEGIN
	INSERT INTO case_trigrams (case_trigrams, rowid, search) VALUES ('delete', old.id, old.search);
END;
CREATE TRIGGER case_trigrams_update AFTER UPDATE OF search ON cases BEGIN
	INSERT INTO case_trigrams (case_trigrams, rowid, search) VALUES ('delete', old.id, old.search);
	INSERT INTO case_trigrams (rowid, search) VALUES (new.id, new.search);
END;
