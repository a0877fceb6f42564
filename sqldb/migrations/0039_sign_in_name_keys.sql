-- A name typed at sign-in is counted by its account's id, or, when it is
-- nobody's, by 4 bytes of an HMAC of it under this store's secret, made
-- on first use (signInKeys): too few to confirm a guess at what was
-- typed, which may be a password. The rows kept under the SHA-256 of
-- the name typed, which would confirm one, go; their counts start again.
CREATE TABLE sign_in_secret (
	id     INTEGER PRIMARY KEY CHECK (id = 1),
	secret TEXT NOT NULL
);
DELETE FROM sign_in_failures WHERE key LIKE 'account:%';
