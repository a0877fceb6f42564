package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// The pages' own refusals a user meets in a day's work read in the
// user's language, naming the field by its label: a wrong current
// password on the Account page, a time zone line without its country
// when a coordination centre opens, and arrests not given as a whole
// number when a measure is reported done, or a seizure too large.
func TestPageOwnRefusalsInLanguage(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	today := time.Now().UTC().Format(time.DateOnly)

	// The Account page, in French.
	owner := ts.pageSignIn(it)
	owner.acceptLanguage = "fr"
	res := owner.postCSRF("/account/password", url.Values{"current_password": {"not the password"}, "new_password": {"a new long password 1"}, "confirm_password": {"a new long password 1"}}).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text(`main [role="alert"]`); !strings.Contains(got, "Votre mot de passe actuel n'est pas correct.") {
		t.Errorf("wrong current password in French: %q", got)
	}

	// A centre's time zones, in German.
	owner.acceptLanguage = "de"
	form := owner.get(fmt.Sprintf("/cases/%d/centres", c.ID)).wantStatus(http.StatusOK).form(`form[action$="/centres"]`)
	form.set("name", "Aktionstag Hafen").set("action_date", today).set("zones", "IT Europe/Rome\nEurope/Berlin").choose("desk_ids", fmt.Sprint(de.DeskID))
	res = owner.submit(form).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text(".alert"); !strings.Contains(got, "Zeile 2: Geben Sie einen Ländercode und eine Zeitzone an") {
		t.Errorf("a zone without its country in German: %q", got)
	}
	form.set("zones", "IT Europe/Rome\nDE Europe/Berlin")
	board := owner.follow(owner.submit(form)).wantStatus(http.StatusOK)
	path := board.req[len("GET "):]
	plan := board.form(`#plan form`)
	plan.set("kind", "search").set("country", "DE").set("planned_at", "06:00").set("place", "Hamburg")
	owner.follow(owner.submit(plan)).wantStatus(http.StatusOK)

	// The German desk reports the measure done with arrests "2,5", in
	// Italian.
	german := ts.pageSignIn(de)
	german.acceptLanguage = "it"
	move := german.get(path).wantStatus(http.StatusOK).form("form.m-move")
	german.follow(german.submit(move.set("state", "under_way"))).wantStatus(http.StatusOK)
	move = german.get(path).wantStatus(http.StatusOK).form("form.m-move")
	res = german.submit(move.set("state", "done").set("arrests", "2,5")).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text(".field-error"); got != "Altri arresti: Inserisca un numero intero." {
		t.Errorf("arrests not a whole number in Italian: %q", got)
	}

	// A seizure of more drugs than the rule allows: the result's own
	// refusal, moved to the seizure's field, keeps its value.
	move = german.get(path).wantStatus(http.StatusOK).form("form.m-move")
	res = german.submit(move.set("state", "done").set("arrests", "1").set("seizure_type", "drugs").set("substance", "cocaine").
		set("unit", "kg").set("quantity", "5000000000000")).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text("main"); !strings.Contains(got, "La quantità deve essere zero (non nota) o un numero positivo fino a") {
		t.Errorf("too large a seizure in Italian: %q", got)
	}
}
