-- A deleted entity's or case's search text leaves the trigram indexes at
-- once (FTS5 secure-delete), instead of staying in their segments beside
-- a tombstone until they are merged: deleted personal data are not to be
-- read back from the file (README, "Retention and review").
INSERT INTO entity_trigrams (entity_trigrams, rank) VALUES ('secure-delete', 1);
INSERT INTO case_trigrams (case_trigrams, rank) VALUES ('secure-delete', 1);
