-- SQLite only (FTS5 secure-delete of the trigram indexes): PostgreSQL's
-- pg_trgm indexes are maintained by the server.
SELECT 1;
