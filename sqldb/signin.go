package sqldb

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"crosscase"
)

// signInKeys are the throttling keys of an attempt: the account and the
// address. An account is counted by its id; a name that is nobody's by
// the first 4 bytes of an HMAC of it (trimmed, folded to lower case and
// clipped) under the store's secret, since what was typed may be a
// password: 4 bytes cannot confirm a guess at it, even with the secret,
// as some billions of others share them, and a collision only merges the
// counts of names that are nobody's. An IPv6 client is counted by its
// /64 network: one host is given a whole /64 and can send every attempt
// from another address in it.
func (d *DB) signInKeys(ctx context.Context, name, addr string) (account, address string, err error) {
	if a, err := netip.ParseAddr(addr); err == nil {
		a = a.Unmap()
		if a.Is6() {
			p, _ := a.Prefix(64)
			addr = p.String()
		} else {
			addr = a.String()
		}
	}
	id, ok, err := d.loginNameID(ctx, name)
	if err != nil {
		return "", "", fmt.Errorf("find the account signing in: %w", err)
	} else if ok {
		return fmt.Sprintf("account:id:%d", id), "addr:" + addr, nil
	}
	secret, err := d.signInSecret(ctx)
	if err != nil {
		return "", "", err
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strings.ToLower(crosscase.Clip(strings.TrimSpace(name)))))
	return "account:name:" + hex.EncodeToString(mac.Sum(nil)[:4]), "addr:" + addr, nil
}

// signInSecret returns the store's secret for the keys of names typed at
// sign-in that are nobody's, made on first use by whichever process
// comes first.
func (d *DB) signInSecret(ctx context.Context) ([]byte, error) {
	d.signInSecretMu.Lock()
	defer d.signInSecretMu.Unlock()
	if d.signInSecretKey != nil {
		return d.signInSecretKey, nil
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("make the sign-in secret: %w", err)
	}
	if _, err := d.db.ExecContext(ctx, d.rebind(`INSERT INTO sign_in_secret (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`), hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("store the sign-in secret: %w", translate(err))
	}
	var s string
	if err := d.db.QueryRowContext(ctx, `SELECT secret FROM sign_in_secret WHERE id = 1`).Scan(&s); err != nil {
		return nil, fmt.Errorf("read the sign-in secret: %w", translate(err))
	}
	key, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("read the sign-in secret: %w", err)
	}
	d.signInSecretKey = key
	return key, nil
}

// signInCount is a throttling key and the failures it may have before it
// must wait.
type signInCount struct {
	key  string
	free int
}

func (d *DB) signInCounts(ctx context.Context, name, addr string) ([]signInCount, error) {
	account, address, err := d.signInKeys(ctx, name, addr)
	if err != nil {
		return nil, err
	}
	return []signInCount{{account, crosscase.SignInFreeFailuresAccount}, {address, crosscase.SignInFreeFailuresAddress}}, nil
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
	// The keys are found before the transaction: on SQLite the secret
	// may be made, which needs the one writer.
	counts, err := d.signInCounts(ctx, name, addr)
	if err != nil {
		return ticket, 0, err
	}
	err = d.withTx(ctx, func(tx *Tx) error {
		ticket = crosscase.SignInTicket{}
		now := micros(tx.now)
		forget := micros(tx.now.Add(-crosscase.SignInForget))
		for _, k := range counts {
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
	wait, err := d.signInWait(ctx, counts)
	if err != nil {
		return crosscase.SignInTicket{}, 0, err
	}
	// The key that was waiting may have stopped meanwhile: the attempt
	// was refused all the same, and is tried again in a second.
	return crosscase.SignInTicket{}, max(wait, time.Second), nil
}

// signInWait returns how long an attempt counted under keys must still
// wait, the longer of the account's and the address's.
func (d *DB) signInWait(ctx context.Context, keys []signInCount) (time.Duration, error) {
	now := micros(d.Now())
	var wait time.Duration
	for _, k := range keys {
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
	account, _, err := d.signInKeys(ctx, name, "")
	if err != nil {
		return err
	}
	_, err = d.db.ExecContext(ctx, d.rebind(`DELETE FROM sign_in_failures WHERE key = ?`), account)
	return translate(err)
}
