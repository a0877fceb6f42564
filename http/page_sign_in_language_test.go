package http

import (
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// Signing in says why an attempt failed in the browser's language: a
// wrong password, and then a wrong code at the second step.
func TestSignInRefusalsInLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	u := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	b := ts.pageAnonymous()
	b.acceptLanguage = "it"
	form := b.get("/login").wantStatus(http.StatusOK).form(`form[action="/login"]`)
	r := b.submit(form.set("name", u.Name).set("password", "not the password")).wantStatus(http.StatusUnauthorized)
	if got, want := r.text("#login-error"), "Nome utente o password errati."; got != want {
		t.Errorf("wrong password in Italian: %q, want %q", got, want)
	}

	ts.enrolSecondFactor(u)
	b = ts.pageAnonymous()
	b.acceptLanguage = "de"
	form = b.get("/login").wantStatus(http.StatusOK).form(`form[action="/login"]`)
	b.submit(form.set("name", u.Name).set("password", testPassword)).wantStatus(http.StatusSeeOther)
	step := b.get("/login/second-factor").wantStatus(http.StatusOK).form(`form[action="/login/second-factor"]`)
	r = b.submit(step.set("code", "000000")).wantStatus(http.StatusUnauthorized)
	if got, want := r.text("#second-factor-error"), "Dieser Code ist nicht richtig. Geben Sie die 6 Ziffern ein, die Ihre App jetzt anzeigt, oder einen Ihrer Wiederherstellungscodes."; got != want {
		t.Errorf("wrong code in German: %q, want %q", got, want)
	}
}
