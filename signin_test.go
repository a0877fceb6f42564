package crosscase

import (
	"testing"
	"time"
)

func TestSignInWait(t *testing.T) {
	for _, c := range []struct {
		failures, free int
		want           time.Duration
	}{
		{0, 5, 0}, {4, 5, 0}, {5, 5, time.Second}, {6, 5, 2 * time.Second}, {10, 5, 32 * time.Second},
		{14, 5, 512 * time.Second}, {15, 5, SignInMaxWait}, {1000, 5, SignInMaxWait}, {19, 20, 0}, {20, 20, time.Second},
	} {
		if got := SignInWait(c.failures, c.free); got != c.want {
			t.Errorf("SignInWait(%d, %d) = %s, want %s", c.failures, c.free, got, c.want)
		}
	}
}

// TestSignInAttemptsPerHour counts the attempts one account can make in
// an hour, each as soon as it is allowed: the figure the README gives.
func TestSignInAttemptsPerHour(t *testing.T) {
	attempts, at := 0, time.Duration(0)
	for failures := 0; ; failures++ {
		at += SignInWait(failures, SignInFreeFailuresAccount)
		if at > time.Hour {
			break
		}
		attempts++
	}
	if attempts != 17 {
		t.Fatalf("%d attempts an hour per account, the README says 17", attempts)
	}
}
