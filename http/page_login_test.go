package http

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// tryLogin sends the sign-in form as a new browser would and returns the
// status and the Retry-After header.
func tryLogin(t *testing.T, ts *testServer, name, password string) (int, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(ts.URL() + "/login")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfRE.FindSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the sign-in page")
	}
	res, err = c.PostForm(ts.URL()+"/login", url.Values{"csrf_token": {string(m[1])}, "name": {name}, "password": {password}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Retry-After")
}

// TestSignInThrottle: after the free failures an account waits, with 429
// and Retry-After, before the password is even checked (the right one
// too); the wait doubles; it ends with time; a successful sign-in forgets
// the account's failures; an address trying many accounts is throttled
// too; every refused attempt is audited.
func TestSignInThrottle(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ts := newTestServer(t, db)
		ts.user("it.throttle", crosscase.RoleDeskMember, "IT")

		for i := range crosscase.SignInFreeFailuresAccount {
			if status, _ := tryLogin(t, ts, "it.throttle", "wrong password"); status != http.StatusUnauthorized {
				t.Fatalf("failure %d: %d, want 401", i+1, status)
			}
		}
		status, retry := tryLogin(t, ts, "it.throttle", testPassword)
		if status != http.StatusTooManyRequests || retry != "1" {
			t.Fatalf("after %d failures, the right password: %d Retry-After %q, want 429 after 1 s", crosscase.SignInFreeFailuresAccount, status, retry)
		}
		// The name is folded: another spelling is the same account.
		if status, _ := tryLogin(t, ts, "IT.Throttle", testPassword); status != http.StatusTooManyRequests {
			t.Fatalf("the same account in capitals: %d, want 429", status)
		}
		// The counts are in the store: another server on it throttles alike.
		if status, _ := tryLogin(t, newTestServer(t, db), "it.throttle", testPassword); status != http.StatusTooManyRequests {
			t.Fatalf("another server on the same store: %d, want 429", status)
		}
		now = now.Add(time.Second)
		if status, _ := tryLogin(t, ts, "it.throttle", "wrong again"); status != http.StatusUnauthorized {
			t.Fatalf("after the wait: %d, want 401", status)
		}
		if _, retry := tryLogin(t, ts, "it.throttle", testPassword); retry != "2" {
			t.Fatalf("the next wait: Retry-After %q, want 2", retry)
		}
		now = now.Add(2 * time.Second)
		if status, _ := tryLogin(t, ts, "it.throttle", testPassword); status != http.StatusSeeOther {
			t.Fatalf("the right password after the wait: %d, want 303", status)
		}
		// Signed in: the account's count starts again.
		if status, _ := tryLogin(t, ts, "it.throttle", "wrong"); status != http.StatusUnauthorized {
			t.Fatalf("after signing in: %d, want 401", status)
		}

		// One address trying many accounts.
		for i := 0; ; i++ {
			status, _ := tryLogin(t, ts, "nobody."+strconv.Itoa(i), "guess")
			if status == http.StatusTooManyRequests {
				if i < crosscase.SignInFreeFailuresAddress-crosscase.SignInFreeFailuresAccount-2 {
					t.Fatalf("the address was throttled after %d other accounts", i)
				}
				break
			}
			if i > crosscase.SignInFreeFailuresAddress {
				t.Fatalf("the address was not throttled after %d accounts", i)
			}
		}

		admin := ts.user("root.throttle", crosscase.RoleAdministrator, "")
		entries, _, err := db.FindAuditEntries(userContext(admin), crosscase.AuditFilter{Action: crosscase.ActionFailed, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		throttled := 0
		for _, e := range entries {
			if e.Detail == "throttled" {
				throttled++
			}
		}
		if throttled < 3 {
			t.Errorf("%d of %d failed sign-ins audited as throttled, want at least 3", throttled, len(entries))
		}
	})
}

// TestFormsRefuseOtherSites: a form post that the browser marks as coming
// from another site is refused before its CSRF token is read, sign-in
// included; one from this site goes through.
func TestFormsRefuseOtherSites(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	u := ts.user("it.origin", crosscase.RoleDeskMember, "IT")
	b := ts.pageSignIn(u)
	for _, h := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site"},
		{"Sec-Fetch-Site": "same-site"},
		{"Origin": "https://evil.example"},
		{"Origin": "null"},
	} {
		v := url.Values{"csrf_token": {b.csrf}, "title": {"From elsewhere"}, "crime_types": {"cybercrime"}, "opened_on": {"2025-05-13"}}
		req, _ := http.NewRequest("POST", ts.URL()+"/cases", strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, val := range h {
			req.Header.Set(k, val)
		}
		if res := b.do(req); res.Status != http.StatusForbidden {
			t.Errorf("form post with %v: %d, want 403", h, res.Status)
		}
		req, _ = http.NewRequest("POST", ts.URL()+"/login", strings.NewReader(url.Values{"name": {"it.origin"}, "password": {testPassword}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, val := range h {
			req.Header.Set(k, val)
		}
		if res := b.do(req); res.Status != http.StatusForbidden {
			t.Errorf("sign-in with %v: %d, want 403", h, res.Status)
		}
	}
	if titles := ts.pageCaseTitles(u); len(titles) != 0 {
		t.Fatalf("a refused form created %v", titles)
	}
	req, _ := http.NewRequest("POST", ts.URL()+"/cases", strings.NewReader(url.Values{"csrf_token": {b.csrf}, "title": {"From here"}, "crime_types": {"cybercrime"}, "opened_on": {"2025-05-13"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Origin", ts.URL())
	if res := b.do(req); res.Status != http.StatusSeeOther {
		t.Fatalf("form post from this site: %d, want 303", res.Status)
	}
}

// TestSignInThrottleConcurrent: wrong passwords sent all at once, as a
// guesser with many connections would, are let through no more often
// than one after another: the account's free failures, then 429 with
// Retry-After, before the password is hashed.
func TestSignInThrottleConcurrent(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		ts := newTestServer(t, db)
		ts.user("it.burst", crosscase.RoleDeskMember, "IT")
		const n = 16
		type result struct {
			status int
			retry  string
		}
		results := make(chan result, n)
		start := make(chan struct{})
		for range n {
			go func() {
				<-start
				status, retry := tryLoginNoFatal(ts, "it.burst", "wrong password")
				results <- result{status, retry}
			}()
		}
		close(start)
		let, throttled := 0, 0
		for range n {
			r := <-results
			switch {
			case r.status == http.StatusUnauthorized:
				let++
			case r.status == http.StatusTooManyRequests && r.retry != "":
				throttled++
			default:
				t.Errorf("attempt answered %d (Retry-After %q)", r.status, r.retry)
			}
		}
		if let > crosscase.SignInFreeFailuresAccount || let+throttled != n {
			t.Fatalf("%d of %d attempts sent at once checked the password, %d throttled; want at most %d checked", let, n, throttled, crosscase.SignInFreeFailuresAccount)
		}
		// The right password after them waits too.
		if status, _ := tryLogin(t, ts, "it.burst", testPassword); status != http.StatusTooManyRequests {
			t.Fatalf("the right password after the burst: %d, want 429", status)
		}
	})
}

// tryLoginNoFatal is tryLogin for other goroutines: a failure to send is
// status 0.
func tryLoginNoFatal(ts *testServer, name, password string) (int, string) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(ts.URL() + "/login")
	if err != nil {
		return 0, ""
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfRE.FindSubmatch(page)
	if m == nil {
		return 0, ""
	}
	res, err = c.PostForm(ts.URL()+"/login", url.Values{"csrf_token": {string(m[1])}, "name": {name}, "password": {password}, "next": {"/"}})
	if err != nil {
		return 0, ""
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Retry-After")
}
