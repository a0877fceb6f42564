package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPageCentre goes through the centre pages as their users do: the
// owner desk opens a centre from the plan form (a bad zone is shown next
// to the form, nothing stored), plans a measure (a time outside the
// action day is refused naming the field), the German desk sees the
// board with the controls its rules allow and reports the measure, the
// owner closes the centre, after which no form is offered; the log and
// the press summary read; a desk that takes no part gets 404.
func TestPageCentre(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
		deAnalyst := ts.user("de.analyst", crosscase.RoleAnalyst, "DE")
		se := ts.user("se.member", crosscase.RoleDeskMember, "SE")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
		suspect := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"})
		today := time.Now().UTC().Format("2006-01-02")

		owner := ts.pageSignIn(it)
		list := owner.get(fmt.Sprintf("/cases/%d/centres", c.ID)).wantStatus(http.StatusOK)
		form := list.form(`form[action$="/centres"]`)
		form.set("name", "Action day Harbour").set("action_date", today).set("zones", "IT Europe/Rome\nDE Europe/Nowhere").choose("desk_ids", fmt.Sprint(de.DeskID))
		bad := owner.submit(form).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(bad.text(".alert"), "Europe/Nowhere") {
			t.Fatalf("bad zone: %q", bad.text(".alert"))
		}
		if centres, _ := db.FindCentres(userContext(it), c.ID); len(centres) != 0 {
			t.Fatalf("a bad form stored %d centres", len(centres))
		}
		form.set("zones", "IT Europe/Rome\nDE Europe/Berlin")
		board := owner.follow(owner.submit(form)).wantStatus(http.StatusOK)
		path := board.req[len("GET "):]
		if !strings.HasPrefix(path, "/centres/") || board.first("#plan") == nil || board.first(`form[action$="/close"]`) == nil {
			t.Fatalf("the owner's board lacks its forms: %s", board.summary())
		}
		plan := board.form(`#plan form`)
		plan.set("kind", "arrest").set("country", "DE").set("planned_at", "25:00").set("place", "Hamburg").set("entity_id", fmt.Sprint(suspect.ID))
		owner.submit(plan).wantStatus(http.StatusUnprocessableEntity)
		plan.set("planned_at", "06:00")
		board = owner.follow(owner.submit(plan)).wantStatus(http.StatusOK)
		if got := board.text("#measures-DE"); !strings.Contains(got, "ROSSI, Marco") || !strings.Contains(got, "06:00") {
			t.Fatalf("planned measure: %q", got)
		}

		// The German desk reports; its analyst only reads.
		german := ts.pageSignIn(de)
		gb := german.get(path).wantStatus(http.StatusOK)
		if gb.first("#plan") != nil || gb.first(`form[action$="/close"]`) != nil || gb.first("form.m-decide") != nil {
			t.Fatal("the German desk is offered the owner's forms")
		}
		move := gb.form("form.m-move")
		move.set("state", "done")
		skipped := german.submit(move).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(skipped.text(".field-error"), "no state is skipped") {
			t.Fatalf("skipped state: %q", skipped.text(".field-error"))
		}
		move.set("state", "under_way")
		gb = german.follow(german.submit(move)).wantStatus(http.StatusOK)
		if got := gb.text(".m-state"); got != "Under way" {
			t.Fatalf("state after the move: %q", got)
		}
		if ab := ts.pageSignIn(deAnalyst).get(path).wantStatus(http.StatusOK); ab.first("form.m-move") != nil {
			t.Fatal("an analyst is offered the state form")
		}

		// Close: nothing more to change, on any board.
		ob := owner.get(path)
		owner.follow(owner.submit(ob.form(`form[action$="/close"]`))).wantStatus(http.StatusOK)
		gb = german.get(path).wantStatus(http.StatusOK)
		if gb.first("form.m-move") != nil || !strings.Contains(gb.text("#centre-state"), "Closed") {
			t.Fatal("a closed centre still offers the state form")
		}
		if got := german.get(path + "/log").wantStatus(http.StatusOK).text("table"); !strings.Contains(got, "Planned → Under way") {
			t.Fatalf("log: %q", got)
		}
		press := german.get(path + "/press").wantStatus(http.StatusOK)
		if got := press.text("#press-text"); !strings.Contains(got, "Germany") || strings.Contains(strings.ToUpper(got), "ROSSI") {
			t.Fatalf("press text: %q", got)
		}

		// A desk that takes no part: 404, as for a centre that does not exist.
		other := ts.pageSignIn(se)
		for _, p := range []string{path, path + "/log", path + "/press", path + "/events"} {
			other.get(p).wantStatus(http.StatusNotFound)
		}
		other.get("/centres").wantStatus(http.StatusOK)
	})
}
