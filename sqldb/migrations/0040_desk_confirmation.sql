-- The administrator whose change to an account (a new account, a move to
-- a desk or to a role that sees case content, a one-time password for an
-- account without two-step sign-in) waits for a second person's
-- confirmation before the account reads its desk's cases; 0 when none
-- (crosscase.CanReadCases, CanConfirmDesk). Accounts that exist now are
-- confirmed.
ALTER TABLE users ADD COLUMN desk_pending_by INTEGER NOT NULL DEFAULT 0;
