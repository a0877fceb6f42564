package sqldb

import (
	"context"

	"crosscase"
)

// Passkeys: WebAuthn credentials that give the second step of the sign-in
// (README, "Who sees what", Two-step sign-in). The store keeps them; the
// WebAuthn ceremonies are the web package's.

// Passkeys implements crosscase.SecondFactorService.
func (d *DB) Passkeys(ctx context.Context, userID int64) ([]*crosscase.Passkey, error) {
	if u := crosscase.UserFromContext(ctx); u != nil && u.ID != userID && !isSystem(ctx) {
		return nil, notFound("User")
	}
	var out []*crosscase.Passkey
	err := d.read(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT id, user_id, name, credential_id, credential, created_at, last_used_at FROM passkeys WHERE user_id = ? ORDER BY id`, userID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p := &crosscase.Passkey{}
			var cred string
			var created, used int64
			if err := rows.Scan(&p.ID, &p.UserID, &p.Name, &p.CredentialID, &cred, &created, &used); err != nil {
				return err
			}
			p.Credential, p.CreatedAt = []byte(cred), fromMicros(created)
			if used != 0 {
				p.LastUsedAt = fromMicros(used)
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// AddPasskey implements crosscase.SecondFactorService.
func (d *DB) AddPasskey(ctx context.Context, p *crosscase.Passkey, code string) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		var on, n, named int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM second_factors WHERE user_id = ? AND enabled = 1`, u.ID).Scan(&on); err != nil {
			return err
		}
		if on == 0 {
			return crosscase.Errorf(crosscase.EINVALID, "Set up two-step sign-in with an authenticator app first: it and its recovery codes are the way back when a passkey is lost.")
		}
		if err := tx.queryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN name = ? THEN 1 ELSE 0 END), 0) FROM passkeys WHERE user_id = ?`, p.Name, u.ID).Scan(&n, &named); err != nil {
			return err
		}
		if n >= crosscase.MaxPasskeys {
			return crosscase.Errorf(crosscase.EINVALID, "An account keeps at most %d passkeys: remove one first.", crosscase.MaxPasskeys)
		}
		if named > 0 {
			return crosscase.FieldErrorf("name", "You already have a passkey of that name.")
		}
		// The code last, so that a passkey refused for another reason
		// does not use it up.
		if _, err := tx.useCode(ctx, u.ID, code); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO passkeys (user_id, name, credential_id, credential, created_at) VALUES (?, ?, ?, ?, ?)`,
			u.ID, p.Name, p.CredentialID, string(p.Credential), micros(tx.now))
		if err != nil {
			return translate(err)
		}
		p.ID, p.UserID, p.CreatedAt = id, u.ID, tx.now
		tx.audit(ctx, crosscase.ActionUpdate, "user", u.ID, 0, "passkey added")
		return nil
	})
}

// UsePasskey implements crosscase.SecondFactorService.
func (d *DB) UsePasskey(ctx context.Context, userID int64, credentialID string, credential []byte) error {
	return d.withTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE passkeys SET credential = ?, last_used_at = ? WHERE user_id = ? AND credential_id = ?`,
			string(credential), micros(tx.now), userID, credentialID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Passkey")
		}
		return nil
	})
}

// RemovePasskey implements crosscase.SecondFactorService.
func (d *DB) RemovePasskey(ctx context.Context, id int64) error {
	u, err := requireUser(ctx)
	if err != nil {
		return err
	}
	return d.withTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM passkeys WHERE id = ? AND user_id = ?`, id, u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Passkey")
		}
		tx.audit(ctx, crosscase.ActionUpdate, "user", u.ID, 0, "passkey removed")
		return nil
	})
}
