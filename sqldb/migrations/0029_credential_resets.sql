-- Who last reset a user's password or two-step sign-in and the user has
-- not since chosen their own (README, "Nobody acts as someone else"): the
-- same administrator may not reset the other credential too, so no one
-- administrator alone holds a way in as another user. 0 when none.
ALTER TABLE users ADD COLUMN password_reset_by BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN second_factor_reset_by BIGINT NOT NULL DEFAULT 0;
