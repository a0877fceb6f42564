package crosscase

import (
	"context"
	"time"
)

// Sign-in throttling (README, "Who sees what"): failed sign-ins are
// counted per account and per client address; past a number of free
// failures each further attempt must wait twice as long as the last, up
// to SignInMaxWait. The count is forgotten SignInForget after the last
// failure, and an account's count when it signs in.
const (
	// SignInFreeFailuresAccount is how many failures an account may have
	// before it must wait.
	SignInFreeFailuresAccount = 5
	// SignInFreeFailuresAddress is the same for one client address, which
	// may be shared by the users of an office.
	SignInFreeFailuresAddress = 20
	// SignInMaxWait is the longest wait between attempts.
	SignInMaxWait = 15 * time.Minute
	// SignInForget is how long after the last failure the count lasts.
	SignInForget = time.Hour
)

// SignInWait is how long after the failed attempt that brought the count
// to failures the next attempt must wait, when free failures are allowed
// before the first wait: nothing below free, then 1 s, 2 s, 4 s … up to
// SignInMaxWait.
func SignInWait(failures, free int) time.Duration {
	n := failures - free + 1
	if n <= 0 {
		return 0
	}
	if n > 20 {
		return SignInMaxWait
	}
	return min(time.Duration(1<<(n-1))*time.Second, SignInMaxWait)
}

// SignInThrottle records failed sign-ins and says how long a new attempt
// must wait. It is checked before the password is, so that a throttled
// attempt costs no password hashing. It needs no actor.
type SignInThrottle interface {
	// SignInAttempt begins an attempt to sign in as name from addr: it
	// returns how long the attempt must still wait (0: it may go ahead),
	// the longer of the account's and the address's. An attempt let
	// through is counted as a failure at once, in the same step that
	// checked, so that attempts sent together cannot all pass before
	// any is counted; the ticket it returns says what it changed, for
	// SignInPassed to take back when it proves right.
	SignInAttempt(ctx context.Context, name, addr string) (SignInTicket, time.Duration, error)
	// SignInPassed takes back the count of an attempt that SignInAttempt
	// let through and that was right (or never checked): each key's
	// count goes down by one, and its last failure and wait are what they
	// were before the attempt, unless another attempt has changed them
	// since.
	SignInPassed(ctx context.Context, t SignInTicket) error
	// SignInSucceeded forgets the failures of the account name.
	SignInSucceeded(ctx context.Context, name string) error
}

// SignInTicket is what an attempt that SignInAttempt let through changed,
// one SignInChange per throttling key; the zero ticket changed nothing.
type SignInTicket struct {
	Changes []SignInChange
}

// SignInChange is what an attempt changed on one throttling key: the
// time of its last failure and the end of its wait, before and after, in
// the store's own units.
type SignInChange struct {
	Key                            string
	PrevLastAt, LastAt             int64
	PrevBlockedUntil, BlockedUntil int64
}
