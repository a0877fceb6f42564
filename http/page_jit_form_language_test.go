package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// The forms of the JIT page say why they were refused in the reader's
// language, above the form as beside the field: a funding application
// with an amount written with separators, in Italian.
func TestPageJITFormRefusalInLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	parties := jitParties(ts.prosecutions("IT", "HU"), "IT", "HU")
	j := &crosscase.JIT{Name: "JIT Danube", SignedOn: crosscase.DateOf(time.Now()).AddDays(-100), DurationMonths: 36, Parties: parties}
	if err := ts.db.CreateJIT(userContext(it), j); err != nil {
		t.Fatal(err)
	}
	b := ts.pageSignIn(it)
	b.acceptLanguage = "it"
	path := "/jits/" + strconv.FormatInt(j.ID, 10)
	form := b.get(path).wantStatus(http.StatusOK).form(`form[action="` + path + `/funding"]`)
	form.set("label", "Sovvenzione 2026").set("applied_eur", "12.000,50").set("applied_on", crosscase.DateOf(time.Now()).String())
	r := b.submit(form).wantStatus(http.StatusUnprocessableEntity)
	got := r.text(`#funding p.alert[role="alert"]`)
	if want := "Importo richiesto (EUR): Inserisca un numero intero, senza separatori."; got != want {
		t.Errorf("the refusal above the form: %q, want %q", got, want)
	}
	if v := r.form(`form[action="` + path + `/funding"]`).Values.Get("label"); v != "Sovvenzione 2026" {
		t.Errorf("the label typed is lost: %q", v)
	}

	// A grant over the amount applied for: the amount as Italian writes
	// it.
	form = r.form(`form[action="`+path+`/funding"]`).set("applied_eur", "45000")
	r = b.follow(b.submit(form))
	// The statuses offered are those the record may move to
	// (FundingStatus.Next), named in the reader's language.
	if got := r.texts(`#jit-funding select[name="status"] option`); len(got) != 2 || got[0] != "concesso" || got[1] != "respinto" {
		t.Errorf("statuses offered for an application: %q", got)
	}
	grant := r.form(`#jit-funding form`)
	grant.set("status", "granted").set("granted_eur", "50000").set("decided_on", crosscase.DateOf(time.Now()).String())
	got = b.submit(grant).wantStatus(http.StatusUnprocessableEntity).text(`#funding p.alert[role="alert"]`)
	if want := "La sovvenzione deve essere compresa tra 1 e i 45.000 euro richiesti."; !strings.Contains(got, want) {
		t.Errorf("a grant over the amount applied for: %q, want %q", got, want)
	}
}
