package sqldb_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestSignInThrottleIPv6Network: a client with IPv6 holds a whole /64
// and could try every account from another address in it; its attempts
// are counted together, so the address's free failures run out as for
// one IPv4 address. Another /64 is another client.
func TestSignInThrottleIPv6Network(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		try := func(i int, addr string) time.Duration {
			t.Helper()
			_, wait, err := db.SignInAttempt(ctx, fmt.Sprintf("nobody.%d", i), addr)
			if err != nil {
				t.Fatal(err)
			}
			return wait
		}
		for i := range crosscase.SignInFreeFailuresAddress {
			if wait := try(i, fmt.Sprintf("2001:db8:1:2:%x::1", i+1)); wait != 0 {
				t.Fatalf("attempt %d from the /64 waits %v already", i+1, wait)
			}
		}
		if wait := try(100, "2001:db8:1:2:ffff::7"); wait == 0 {
			t.Fatalf("after %d failures from one /64, another of its addresses is let through", crosscase.SignInFreeFailuresAddress)
		}
		if wait := try(101, "2001:db8:1:3::1"); wait != 0 {
			t.Fatalf("another /64 waits %v", wait)
		}
		if wait := try(102, "192.0.2.10"); wait != 0 {
			t.Fatalf("an IPv4 address waits %v", wait)
		}
	})
}

// TestSignInPassedRestores: past the free failures of an address, a
// right password from it takes back all its attempt changed: the next
// attempt is let through without the doubled wait the right one was
// given, and the count is forgotten an hour after the last failure, not
// an hour after the right sign-in.
func TestSignInPassedRestores(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		free := crosscase.SignInFreeFailuresAddress
		n := free + 4
		try := func(name, addr string) (crosscase.SignInTicket, time.Duration) {
			t.Helper()
			ticket, wait, err := db.SignInAttempt(ctx, name, addr)
			if err != nil {
				t.Fatal(err)
			}
			return ticket, wait
		}
		// fail makes n failures from addr, each once the last wait is
		// over, and returns when the last was.
		fail := func(addr string) time.Time {
			t.Helper()
			var last time.Time
			for i := range n {
				if _, wait := try(fmt.Sprintf("nobody.%d", i), addr); wait != 0 {
					t.Fatalf("failure %d waits %v", i+1, wait)
				}
				last = now
				now = now.Add(crosscase.SignInWait(i+1, free))
			}
			return last
		}
		right := func(addr string) {
			t.Helper()
			ticket, wait := try("somebody", addr)
			if wait != 0 {
				t.Fatalf("the right password waits %v once the wait is over", wait)
			}
			if err := db.SignInPassed(ctx, ticket); err != nil {
				t.Fatal(err)
			}
		}

		// Another user signs in from the address, right: the next
		// attempt waits as it would have, not at all, and the one after
		// the next step, not a step more.
		fail("192.0.2.44")
		now = now.Add(20 * time.Second)
		right("192.0.2.44")
		if _, wait := try("nobody.x", "192.0.2.44"); wait != 0 {
			t.Fatalf("after a right password the next attempt waits %v", wait)
		}
		if _, wait := try("nobody.y", "192.0.2.44"); wait != crosscase.SignInWait(n+1, free) {
			t.Fatalf("the attempt after a failure waits %v, want %v", wait, crosscase.SignInWait(n+1, free))
		}

		// The count is forgotten an hour after the last failure, though a
		// right password came after it.
		last := fail("192.0.2.45")
		now = last.Add(crosscase.SignInForget - time.Minute)
		right("192.0.2.45")
		now = last.Add(crosscase.SignInForget + time.Second)
		for i := range 2 {
			if _, wait := try(fmt.Sprintf("later.%d", i), "192.0.2.45"); wait != 0 {
				t.Fatalf("an hour after the last failure, attempt %d waits %v", i+1, wait)
			}
		}
	})
}

// TestSignInThrottleKeepsNoTypedName: the throttle counts a name that is
// nobody's by a short keyed hash of it, since it may be a password typed
// in the wrong field: the store's table of failures does not hold it.
func TestSignInThrottleKeepsNoTypedName(t *testing.T) {
	ctx := context.Background()
	db, path := sqliteFile(t, t.TempDir())
	const typed = "My Secret Pass 2026"
	if _, _, err := db.SignInAttempt(ctx, typed, "192.0.2.7"); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM sign_in_failures WHERE lower(key) LIKE '%secret%'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d throttle rows hold the name as typed", n)
	}
	// The same account in other case and spacing is still one count.
	if _, _, err := db.SignInAttempt(ctx, " my secret pass 2026", "192.0.2.8"); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT MAX(failures) FROM sign_in_failures WHERE key LIKE 'account:%'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("the account's count: %d, %v; want 2", n, err)
	}
}

// TestSignInThrottleKeyConfirmsNoName: no key the store keeps lets one
// with the database confirm a guess at a name typed that is nobody's (a
// password typed in the name field): an account is counted by its id,
// and another name by 4 bytes of a keyed hash, which some billions of
// other texts share; the unsalted SHA-256 of the name is nowhere.
func TestSignInThrottleKeyConfirmsNoName(t *testing.T) {
	ctx := context.Background()
	db, path := sqliteFile(t, t.TempDir())
	sys := crosscase.NewContextWithActor(ctx, crosscase.SystemActor())
	desk := &crosscase.Desk{CountryCode: "IT", Kind: crosscase.DeskNational, Name: "Desk IT"}
	if err := db.CreateDesk(sys, desk); err != nil {
		t.Fatal(err)
	}
	u := &crosscase.User{Name: "it.keys", Role: crosscase.RoleDeskMember, DeskID: desk.ID}
	if err := db.CreateUser(sys, u, "correct horse battery staple"); err != nil {
		t.Fatal(err)
	}
	const typed = "Tr0ub4dor&3"
	for _, name := range []string{typed, " IT.Keys "} {
		if _, _, err := db.SignInAttempt(ctx, name, "192.0.2.9"); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query(`SELECT key FROM sign_in_failures WHERE key LIKE 'account:%' ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(strings.ToLower(typed)))
	plain := hex.EncodeToString(sum[:])
	if len(keys) != 2 || keys[0] != fmt.Sprintf("account:id:%d", u.ID) || !strings.HasPrefix(keys[1], "account:name:") {
		t.Fatalf("account keys %q; want the account's id and a name's hash", keys)
	}
	h := strings.TrimPrefix(keys[1], "account:name:")
	if _, err := hex.DecodeString(h); err != nil || len(h) != 8 {
		t.Fatalf("a name's key holds %q, more than 4 bytes or not a hash", h)
	}
	if strings.Contains(plain, h) {
		t.Fatalf("a name's key %q is part of the SHA-256 of the name typed", h)
	}
	for _, k := range keys {
		if strings.Contains(strings.ToLower(k), strings.ToLower(typed)) || strings.Contains(k, "it.keys") || strings.Contains(k, plain) {
			t.Fatalf("key %q holds a name typed or its hash", k)
		}
	}
}
