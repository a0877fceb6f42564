package http

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// loginPage sends the sign-in form as a new browser asking for lang would
// and returns the status and the page.
func loginPage(t *testing.T, ts *testServer, lang, name, password string) (int, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(req *http.Request) (int, string) {
		req.Header.Set("Accept-Language", lang)
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	req, _ := http.NewRequest(http.MethodGet, ts.URL()+"/login", nil)
	_, page := send(req)
	m := csrfRE.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no CSRF token on the sign-in page")
	}
	req, _ = http.NewRequest(http.MethodPost, ts.URL()+"/login", strings.NewReader(url.Values{"csrf_token": {m[1]}, "name": {name}, "password": {password}, "next": {"/"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return send(req)
}

// TestSignInWaitOneSecond: the first wait of the sign-in throttle, one
// second, is said in the singular in each language ("Try again in 1
// second."), the next, of two, in the plural.
func TestSignInWaitOneSecond(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	now := time.Date(2026, 5, 13, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	ts := newTestServer(t, db)
	ts.user("it.wait", crosscase.RoleDeskMember, "IT")
	for range crosscase.SignInFreeFailuresAccount {
		if status, _ := loginPage(t, ts, "en", "it.wait", "wrong password"); status != http.StatusUnauthorized {
			t.Fatalf("a wrong password: %d, want 401", status)
		}
	}
	for lang, want := range map[string]string{"en": "Try again in 1 second.", "de": "Versuchen Sie es in 1 Sekunde erneut.", "fr": "Réessayez dans 1 seconde."} {
		status, page := loginPage(t, ts, lang, "it.wait", testPassword)
		if status != http.StatusTooManyRequests || !strings.Contains(page, want) {
			t.Errorf("%s: %d, want 429 saying %q", lang, status, want)
		}
	}
	now = now.Add(time.Second)
	loginPage(t, ts, "en", "it.wait", "wrong again")
	if _, page := loginPage(t, ts, "en", "it.wait", testPassword); !strings.Contains(page, "Try again in 2 seconds.") {
		t.Error("the second wait does not say \"Try again in 2 seconds.\"")
	}
}
