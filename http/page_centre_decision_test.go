package http

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageCentreDecisionDefaults: the form of a decision in the room
// sends the instrument to the measure's country only where one may go
// there from the owner desk's country, offering only the decisions that
// may (Italy to Germany: no extradition request; Italy to Albania: no
// European instrument); on a measure in the owner's own country, to which
// no instrument goes, it names no country and asks for one. The form as
// drawn raises its instrument.
func TestPageCentreDecisionDefaults(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE", "AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
	rome, _ := time.LoadLocation("Europe/Rome")
	now := time.Now().In(rome)
	centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day", ActionDate: crosscase.DateOf(now),
		Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}, {Country: "AL", Zone: "Europe/Tirane"}}}
	ctx := userContext(it)
	if err := db.CreateCentre(ctx, centre); err != nil {
		t.Fatal(err)
	}
	noon := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, rome)
	measures := map[string]*crosscase.Measure{}
	for _, cc := range []string{"IT", "DE", "AL"} {
		m := &crosscase.Measure{CentreID: centre.ID, Kind: crosscase.MeasureSearch, Country: cc, Place: "Port", PlannedAt: noon}
		if err := db.CreateMeasure(ctx, m); err != nil {
			t.Fatal(err)
		}
		measures[cc] = m
	}
	owner := ts.pageSignIn(it)
	path := fmt.Sprintf("/centres/%d", centre.ID)
	board := owner.get(path).wantStatus(http.StatusOK)
	for _, want := range []struct {
		country, to string
		types       []string
	}{
		{"IT", "", []string{"eaw", "eio", "freezing", "extradition", "mla"}},
		{"DE", "DE", []string{"eaw", "eio", "freezing", "mla"}},
		{"AL", "AL", []string{"extradition", "mla"}},
	} {
		form := fmt.Sprintf("#measure-%d form.m-decide", measures[want.country].ID)
		to := board.one(form + ` input[name="executing_country"]`)
		if got := pageAttr(to, "value"); got != want.to {
			t.Errorf("measure in %s: the decision goes to %q, want %q", want.country, got, want.to)
		}
		if prompt := pageAttr(to, "placeholder"); (want.to == "") != (prompt != "" && pageHasAttr(to, "required")) {
			t.Errorf("measure in %s: to %q with the prompt %q", want.country, want.to, prompt)
		}
		var types []string
		for _, o := range board.all(form + ` select[name="type"] option`) {
			types = append(types, pageAttr(o, "value"))
		}
		if !slices.Equal(types, want.types) {
			t.Errorf("measure in %s: decisions offered %v, want %v", want.country, types, want.types)
		}
	}
	// The form as drawn raises its instrument, to Albania.
	al := measures["AL"]
	done := owner.follow(owner.submit(board.form(fmt.Sprintf("#measure-%d form.m-decide", al.ID)))).wantStatus(http.StatusOK)
	if got := done.text(fmt.Sprintf("#measure-%d .m-decisions", al.ID)); !strings.Contains(got, "instrument") {
		t.Fatalf("the decision on the Albanian measure: %q\n%s", got, done.summary())
	}
}
