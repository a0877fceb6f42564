-- The token a token was made with (README, "Nobody acts as someone
-- else"): revoking a token revokes the tokens made with it, so that a
-- leaked token cannot leave successors that outlive its revocation.
ALTER TABLE tokens ADD COLUMN parent_id BIGINT REFERENCES tokens (id);
CREATE INDEX tokens_parent ON tokens (parent_id);
