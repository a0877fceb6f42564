package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The JIT page's extension form asks for the day the parties agreed the
// extension, today proposed while the JIT runs; a day after the end it
// extends is refused next to its field, named by its label; the
// extensions listed show the day agreed (README, Joint investigation
// teams (JITs)).
func TestPageJITExtensionAgreed(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		auth := ts.prosecutions("IT", "HU")
		parties := jitParties(auth, "IT", "HU")
		// Signed two years and a half ago for three years: it runs.
		signed := crosscase.DateOf(time.Now()).AddDays(-900)
		running := &crosscase.JIT{Name: "JIT Danube", SignedOn: signed, DurationMonths: 36, Parties: parties}
		if err := db.CreateJIT(userContext(it), running); err != nil {
			t.Fatal(err)
		}
		b := ts.pageSignIn(it)
		path := "/jits/" + strconv.FormatInt(running.ID, 10)
		form := b.get(path).wantStatus(http.StatusOK).form(`form[action="` + path + `/extensions"]`)
		if got, today := form.Values.Get("agreed_on"), crosscase.DateOf(time.Now()).String(); got != today {
			t.Errorf("the form proposes agreed_on %q, want today %s", got, today)
		}
		agreed := signed.AddDays(400)
		// The extension's reason has a field of its own, and may be longer
		// than an audit log's reason: a form's field reason is the log's.
		why := "The trial of the second group." + strings.Repeat(" The hearings of the defendants' witnesses continue.", 10)
		form.set("new_ends_on", running.EndsOn.AddDays(365).String()).set("extension_reason", why).set("agreed_on", agreed.String())
		r := b.follow(b.submit(form))
		if got := r.text("#jit-extensions"); !strings.Contains(got, "agreed on "+r.text("#jit-extensions time.agreed-on")) || !strings.Contains(got, "The trial of the second group.") {
			t.Errorf("extensions: %q", got)
		}
		if g, _ := db.FindJIT(userContext(it), running.ID); len(g.Extensions) != 1 || g.Extensions[0].Reason != why {
			t.Errorf("the extension's reason: %+v", g.Extensions)
		}
		if n := r.first("#jit-extensions time.agreed-on"); n == nil || pageAttr(n, "datetime") != agreed.String() {
			t.Errorf("the agreed day is not %s: %q", agreed, r.text("#jit-extensions"))
		}

		// A JIT that ran out 30 days ago: no day is proposed, and one after
		// its end is refused naming the field.
		ended := &crosscase.JIT{Name: "JIT Tisza", SignedOn: signed, EndsOn: crosscase.DateOf(time.Now()).AddDays(-30), Parties: parties}
		if err := db.CreateJIT(userContext(it), ended); err != nil {
			t.Fatal(err)
		}
		path = "/jits/" + strconv.FormatInt(ended.ID, 10)
		form = b.get(path).wantStatus(http.StatusOK).form(`form[action="` + path + `/extensions"]`)
		if got := form.Values.Get("agreed_on"); got != "" {
			t.Errorf("an ended JIT's form proposes agreed_on %q", got)
		}
		form.set("new_ends_on", ended.EndsOn.AddDays(365).String()).set("extension_reason", "Too late.").set("agreed_on", ended.EndsOn.AddDays(1).String())
		r = b.submit(form).wantStatus(http.StatusUnprocessableEntity)
		if got := r.text(`#extensions p.alert[role="alert"]`); !strings.HasPrefix(got, "Agreed on:") {
			t.Errorf("the refusal does not name the field: %q", got)
		}
		if r.first(`#f-agreed_on[aria-invalid="true"]`) == nil || r.first("#err-agreed_on") == nil {
			t.Error("the agreed day is not marked")
		}
		if g, _ := db.FindJIT(userContext(it), ended.ID); len(g.Extensions) != 0 {
			t.Fatalf("a refused extension was stored: %+v", g.Extensions)
		}
	})
}
