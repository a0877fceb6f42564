package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"crosscase"
)

// signInKeys are the throttling keys of an attempt: the account (its
// name as typed, folded to lower case and clipped) and the address.
func signInKeys(name, addr string) (account, address string) {
	return "account:" + strings.ToLower(crosscase.Clip(strings.TrimSpace(name))), "addr:" + addr
}

// SignInWaitFor implements crosscase.SignInThrottle.
func (d *DB) SignInWaitFor(ctx context.Context, name, addr string) (time.Duration, error) {
	account, address := signInKeys(name, addr)
	now := micros(d.Now())
	var wait time.Duration
	for _, key := range []string{account, address} {
		var until int64
		err := d.rdb.QueryRowContext(ctx, d.rebind(`SELECT blocked_until FROM sign_in_failures WHERE key = ?`), key).Scan(&until)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return 0, translate(err)
		}
		if until > now {
			wait = max(wait, time.Duration(until-now)*time.Microsecond)
		}
	}
	return wait, nil
}

// SignInFailed implements crosscase.SignInThrottle: each key's count goes
// up by one (or starts again at one when the last failure was more than
// crosscase.SignInForget ago), and its next attempt waits
// crosscase.SignInWait. One statement per key, so that processes counting
// at once on PostgreSQL lose no failure.
func (d *DB) SignInFailed(ctx context.Context, name, addr string) error {
	account, address := signInKeys(name, addr)
	now := d.Now()
	forget := micros(now.Add(-crosscase.SignInForget))
	for _, k := range []struct {
		key  string
		free int
	}{{account, crosscase.SignInFreeFailuresAccount}, {address, crosscase.SignInFreeFailuresAddress}} {
		var failures int
		err := d.db.QueryRowContext(ctx, d.rebind(`INSERT INTO sign_in_failures (key, failures, last_at, blocked_until) VALUES (?, 1, ?, 0)
			ON CONFLICT (key) DO UPDATE SET
				failures = CASE WHEN sign_in_failures.last_at < ? THEN 1 ELSE sign_in_failures.failures + 1 END,
				last_at = excluded.last_at
			RETURNING failures`), k.key, micros(now), forget).Scan(&failures)
		if err != nil {
			return translate(err)
		}
		until := micros(now.Add(crosscase.SignInWait(failures, k.free)))
		if _, err := d.db.ExecContext(ctx, d.rebind(`UPDATE sign_in_failures SET blocked_until = ? WHERE key = ? AND blocked_until < ?`), until, k.key, until); err != nil {
			return translate(err)
		}
	}
	return nil
}

// SignInSucceeded implements crosscase.SignInThrottle.
func (d *DB) SignInSucceeded(ctx context.Context, name string) error {
	account, _ := signInKeys(name, "")
	_, err := d.db.ExecContext(ctx, d.rebind(`DELETE FROM sign_in_failures WHERE key = ?`), account)
	return translate(err)
}
