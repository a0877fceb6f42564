package sqldb_test

import (
	"context"
	"fmt"
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
			wait, err := db.SignInAttempt(ctx, fmt.Sprintf("nobody.%d", i), addr)
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
