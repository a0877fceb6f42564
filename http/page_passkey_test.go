package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The passkey forms refuse what they must, change nothing when they do,
// and say why: an IP address for a site name, a ceremony that was never
// begun, a form from elsewhere, a sign-in step with a made-up answer.
func TestPagePasskeyRefusals(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := ts.user("admin.pk", crosscase.RoleAdministrator, "")
		b := ts.pageSignIn(u) // an administrator: two-step sign-in is on
		// The test server is reached at 127.0.0.1: no passkey can be made
		// for an IP address, and the page says so instead of the form.
		r := b.get("/account").wantStatus(http.StatusOK)
		if r.first("form#passkey-add") != nil || r.first("#passkeys-not-here") == nil || r.first("#passkeys") != nil {
			t.Fatalf("account page at an IP address:\n%s", r.summary())
		}
		r = b.postCSRF("/account/passkeys/options", url.Values{}).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "not by an IP address") {
			t.Errorf("options at an IP address: %s", r.summary())
		}
		b.post("/account/passkeys/options", url.Values{}).wantStatus(http.StatusForbidden) // no CSRF token
		r = b.postCSRF("/account/passkeys", url.Values{"name": {"Key"}, "credential": {`{"id":"x"}`}}).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(r.Body, "expired or did not come from this session") {
			t.Errorf("an answer without a question: %s", r.summary())
		}
		if keys, err := db.Passkeys(userContext(u), u.ID); err != nil || len(keys) != 0 {
			t.Fatalf("passkeys after refusals: %d %v", len(keys), err)
		}

		// A session owing the second step: no passkey to offer, and an
		// answer to no question asked is asked again, not let in.
		p := &pageBrowser{t: t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
		if r := p.get("/login/second-factor").wantStatus(http.StatusOK); r.first("#passkey-use") != nil {
			t.Error("a passkey offered to an account without one")
		}
		p.postCSRF("/login/second-factor/passkey/options", url.Values{}).wantStatus(http.StatusUnprocessableEntity)
		r = p.postCSRF("/login/second-factor/passkey", url.Values{"credential": {`{"id":"made-up"}`}, "next": {"/"}}).wantStatus(http.StatusUnprocessableEntity)
		if r.first("#second-factor-error") == nil {
			t.Errorf("no refusal on the page: %s", r.summary())
		}
		if r := p.get("/"); r.Status != http.StatusSeeOther || !strings.HasPrefix(r.location(), "/login/second-factor") {
			t.Errorf("the session got in after a made-up answer: %d %q", r.Status, r.location())
		}
		anon := ts.pageAnonymous()
		anon.post("/login/second-factor/passkey", url.Values{"credential": {"{}"}}).wantStatus(http.StatusUnauthorized)
	})
}

// With the site's own address set (serve --public-url), passkeys answer
// only there: a request that came by another name is refused, and the
// Account page points at the address instead of offering the form.
func TestPagePasskeyPublicURL(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	site := &url.URL{Scheme: "https", Host: "crosscase.example.eu"}
	ts := newTestServer(t, db, func(s *server.Server) { s.PublicURL = site })
	u := ts.user("admin.pk", crosscase.RoleAdministrator, "")
	b := ts.pageSignIn(u)
	r := b.get("/account").wantStatus(http.StatusOK)
	if r.first("form#passkey-add") != nil || r.first(`#passkeys-not-here a[href="https://crosscase.example.eu/account"]`) == nil {
		t.Fatalf("account page reached by another name:\n%s", r.summary())
	}
	r = b.postCSRF("/account/passkeys/options", url.Values{}).wantStatus(http.StatusUnprocessableEntity)
	if !strings.Contains(r.Body, "Passkeys answer only at https://crosscase.example.eu.") {
		t.Errorf("options by another name: %s", r.summary())
	}
}
