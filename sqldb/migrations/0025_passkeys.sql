-- Passkeys (WebAuthn credentials) a user gives the second step of the
-- sign-in with instead of a code (README, "Who sees what", Two-step
-- sign-in). credential_id is the credential's id in base64url, unique
-- across users as authenticators make them; credential is the WebAuthn
-- credential as the web package keeps it (JSON: public key, signature
-- counter, flags), rewritten at each use.
CREATE TABLE passkeys (
	id            {{ID}},
	user_id       BIGINT NOT NULL REFERENCES users (id),
	name          TEXT NOT NULL,
	credential_id TEXT NOT NULL UNIQUE,
	credential    TEXT NOT NULL,
	created_at    BIGINT NOT NULL,
	last_used_at  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX passkeys_user ON passkeys (user_id);
