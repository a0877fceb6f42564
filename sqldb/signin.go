package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"net/netip"
	"strings"
	"time"

	"crosscase"
)

// signInKeys are the throttling keys of an attempt: the account (the
// hash of its name as typed, folded to lower case and clipped) and the
// address. An
// IPv6 client is counted by its /64 network: one host is given a whole
// /64 and can send every attempt from another address in it.
func signInKeys(name, addr string) (account, address string) {
	if a, err := netip.ParseAddr(addr); err == nil {
		a = a.Unmap()
		if a.Is6() {
			p, _ := a.Prefix(64)
			addr = p.String()
		} else {
			addr = a.String()
		}
	}
	// The name is kept as its hash: what was typed may be a password.
	return "account:" + secretHash(strings.ToLower(crosscase.Clip(strings.TrimSpace(name)))), "addr:" + addr
}

// signInCount is a throttling key and the failures it may have before it
// must wait.
type signInCount struct {
	key  string
	free int
}

func signInCounts(name, addr string) []signInCount {
	account, address := signInKeys(name, addr)
	return []signInCount{{account, crosscase.SignInFreeFailuresAccount}, {address, crosscase.SignInFreeFailuresAddress}}
}

// errSignInWait rolls back an attempt that found a key still waiting.
var errSignInWait = errors.New("sign-in must wait")

// SignInAttempt implements crosscase.SignInThrottle. Each key's row is
// locked first (made when it is new) and read; unless it is waiting, its
// count goes up by one (or starts again at one when the last failure was
// more than crosscase.SignInForget ago) and its next attempt waits
// crosscase.SignInWait from then on. The row stays locked until the
// transaction ends, so that attempts made at the same moment, by any
// process, are let through one by one, never all on the same count.
func (d *DB) SignInAttempt(ctx context.Context, name, addr string) (crosscase.SignInTicket, time.Duration, error) {
	var ticket crosscase.SignInTicket
	err := d.withTx(ctx, func(tx *Tx) error {
		ticket = crosscase.SignInTicket{}
		now := micros(tx.now)
		forget := micros(tx.now.Add(-crosscase.SignInForget))
		for _, k := range signInCounts(name, addr) {
			var failures int
			var lastAt, blockedUntil int64
			err := tx.queryRow(ctx, `INSERT INTO sign_in_failures (key, failures, last_at, blocked_until) VALUES (?, 0, 0, 0)
				ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures
				RETURNING failures, last_at, blocked_until`, k.key).Scan(&failures, &lastAt, &blockedUntil)
			if err != nil {
				return translate(err)
			}
			if blockedUntil > now {
				return errSignInWait
			}
			if lastAt < forget {
				failures = 0
			}
			failures++
			until := max(blockedUntil, micros(tx.now.Add(crosscase.SignInWait(failures, k.free))))
			if _, err := tx.exec(ctx, `UPDATE sign_in_failures SET failures = ?, last_at = ?, blocked_until = ? WHERE key = ?`,
				failures, now, until, k.key); err != nil {
				return err
			}
			ticket.Changes = append(ticket.Changes, crosscase.SignInChange{
				Key: k.key, PrevLastAt: lastAt, LastAt: now, PrevBlockedUntil: blockedUntil, BlockedUntil: until,
			})
		}
		return nil
	})
	if !errors.Is(err, errSignInWait) {
		if err != nil {
			return crosscase.SignInTicket{}, 0, err
		}
		return ticket, 0, nil
	}
	wait, err := d.signInWait(ctx, name, addr)
	if err != nil {
		return crosscase.SignInTicket{}, 0, err
	}
	// The key that was waiting may have stopped meanwhile: the attempt
	// was refused all the same, and is tried again in a second.
	return crosscase.SignInTicket{}, max(wait, time.Second), nil
}

// signInWait returns how long an attempt to sign in as name from addr must
// still wait, the longer of the account's and the address's.
func (d *DB) signInWait(ctx context.Context, name, addr string) (time.Duration, error) {
	now := micros(d.Now())
	var wait time.Duration
	for _, k := range signInCounts(name, addr) {
		var until int64
		err := d.rdb.QueryRowContext(ctx, d.rebind(`SELECT blocked_until FROM sign_in_failures WHERE key = ?`), k.key).Scan(&until)
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

// SignInPassed implements crosscase.SignInThrottle: each key's count goes
// down by the one the attempt of t added, and its last failure and the
// end of its wait go back to what they were before the attempt, each
// unless another attempt has moved it since. A right password thus
// neither doubles the next wait nor puts off the moment the count is
// forgotten.
func (d *DB) SignInPassed(ctx context.Context, t crosscase.SignInTicket) error {
	if len(t.Changes) == 0 {
		return nil
	}
	return d.withTx(ctx, func(tx *Tx) error {
		for _, c := range t.Changes {
			if _, err := tx.exec(ctx, `UPDATE sign_in_failures SET
					failures = failures - 1,
					last_at = CASE WHEN last_at = ? THEN ? ELSE last_at END,
					blocked_until = CASE WHEN blocked_until = ? THEN ? ELSE blocked_until END
				WHERE key = ? AND failures > 0`,
				c.LastAt, c.PrevLastAt, c.BlockedUntil, c.PrevBlockedUntil, c.Key); err != nil {
				return err
			}
		}
		return nil
	})
}

// SignInSucceeded implements crosscase.SignInThrottle.
func (d *DB) SignInSucceeded(ctx context.Context, name string) error {
	account, _ := signInKeys(name, "")
	_, err := d.db.ExecContext(ctx, d.rebind(`DELETE FROM sign_in_failures WHERE key = ?`), account)
	return translate(err)
}
