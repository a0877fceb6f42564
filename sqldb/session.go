package sqldb

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"time"

	"crosscase"
)

// CreateSession starts a browser session for userID lasting ttl and
// returns it with the cookie value; only the value's hash is stored.
// Expired sessions are removed on the way.
func (d *DB) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (*crosscase.Session, string, error) {
	cookie := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	s := &crosscase.Session{UserID: userID, CSRFKey: hex.EncodeToString(randomBytes(32))}
	err := d.withTx(ctx, func(tx *Tx) error {
		now := tx.now
		if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, micros(now)); err != nil {
			return err
		}
		s.CreatedAt, s.ExpiresAt = now.Truncate(time.Microsecond), now.Add(ttl).Truncate(time.Microsecond)
		id, err := tx.insert(ctx, `INSERT INTO sessions (user_id, hash, csrf_key, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			userID, secretHash(cookie), s.CSRFKey, micros(s.CreatedAt), micros(s.ExpiresAt))
		s.ID = id
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return s, cookie, nil
}

// FindSession returns the session and its user for a cookie value, or
// EUNAUTHORIZED when unknown, expired, idle for crosscase.SessionIdleTimeout
// or the user is disabled.
func (d *DB) FindSession(ctx context.Context, cookie string) (*crosscase.Session, *crosscase.User, error) {
	bad := crosscase.Errorf(crosscase.EUNAUTHORIZED, "Your session has ended. Please sign in again.")
	if len(cookie) > 100 {
		return nil, nil, bad
	}
	s := &crosscase.Session{}
	var created, expires, seen int64
	var factor int
	u, err := scanUser(d.rdb.QueryRowContext(ctx, d.rebind(`SELECT `+userColumns+`, s.id, s.csrf_key, s.created_at, s.expires_at, s.last_seen_at, s.second_factor`+userFrom+` JOIN sessions s ON s.user_id = u.id WHERE s.hash = ?`), secretHash(cookie)),
		&s.ID, &s.CSRFKey, &created, &expires, &seen, &factor)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, bad
	} else if err != nil {
		return nil, nil, translate(err)
	}
	s.UserID, s.CreatedAt, s.ExpiresAt = u.ID, fromMicros(created), fromMicros(expires)
	s.Factor = crosscase.SessionFactor(factor)
	now := d.Now()
	last := s.CreatedAt
	if seen != 0 {
		last = fromMicros(seen)
	}
	if u.Disabled || !now.Before(s.ExpiresAt) || now.Sub(last) >= crosscase.SessionIdleTimeout {
		return nil, nil, bad
	}
	// Remember the use, at most once a minute per session.
	if now.Sub(last) > time.Minute {
		if _, err := d.db.ExecContext(ctx, d.rebind(`UPDATE sessions SET last_seen_at = ? WHERE id = ?`), micros(now), s.ID); err != nil {
			return nil, nil, translate(err)
		}
	}
	return s, u, nil
}

// DeleteSession ends a session; unknown values are ignored.
func (d *DB) DeleteSession(ctx context.Context, cookie string) error {
	_, err := d.db.ExecContext(ctx, d.rebind(`DELETE FROM sessions WHERE hash = ?`), secretHash(cookie))
	return translate(err)
}
