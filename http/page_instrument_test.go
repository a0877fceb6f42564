package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestInstrumentPages(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/1", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: w.e.ID, IssuedOn: pageDate(t, day(-70)), ArrestOn: pageDate(t, day(-57)), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(userContext(w.it.User), in); err != nil {
			t.Fatal(err)
		}
		it, de, fr := w.ts.pageSignIn(w.it.User), w.ts.pageSignIn(w.de.User), w.ts.pageSignIn(w.fr.User)
		// The case page lists it with its next deadline.
		res := it.get(fmt.Sprintf("/cases/%d", w.c.ID)).wantStatus(http.StatusOK)
		if got := res.text(fmt.Sprintf("#instrument-%d .next-deadline", in.ID)); !strings.Contains(got, day(3)) {
			t.Fatalf("next deadline %q", got)
		}
		// The executing desk sees it in its deadlines, due within 7 days.
		res = de.get("/deadlines").wantStatus(http.StatusOK)
		if rows := res.texts("#due-soon tbody tr"); len(rows) != 1 || !strings.Contains(rows[0], "EAW/PAGE/1") {
			t.Fatalf("deadlines %q", rows)
		}
		de.get("/deadlines?days=999").wantStatus(http.StatusUnprocessableEntity)
		// FR may not see it: 404 like a missing one; FR's deadlines are empty.
		fr.get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusNotFound)
		if rows := fr.get("/deadlines").wantStatus(http.StatusOK).texts("#due-soon tbody tr"); len(rows) != 0 {
			t.Fatalf("FR deadlines %q", rows)
		}
		// The executing desk records the decision through the form; a bad
		// order is shown on the form and changes nothing.
		path := fmt.Sprintf("/instruments/%d", in.ID)
		res = de.postCSRF(path, url.Values{"version": {"1"}, "status": {"surrender_ordered"}, "arrest_on": {day(-57)}, "decision_on": {day(-60)}}).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(res.text("#form-error"), "cannot be before the arrest") {
			t.Fatalf("form error %q", res.text("#form-error"))
		}
		de.postCSRF(path, url.Values{"version": {"1"}, "status": {"surrender_ordered"}, "arrest_on": {day(-57)}, "decision_on": {day(-1)}}).wantStatus(http.StatusSeeOther)
		res = de.get(path).wantStatus(http.StatusOK)
		if got := res.text(".flash"); got != "The instrument has been saved." {
			t.Errorf("no confirmation after saving: %q", got)
		}
		if got := res.text("#clocks"); strings.Contains(got, "_") {
			t.Errorf("raw values among the clocks: %q", got)
		}
		if got := res.text("#instrument-status"); got != "surrender ordered" {
			t.Fatalf("status %q", got)
		}
		if got := res.text(`#clocks tr[data-clock="eaw_surrender"] .clock-due`); got != day(9) {
			t.Fatalf("surrender due %q", got)
		}
		// Withdrawal is offered to the issuing desk only.
		withdraw := `#f-status option[value="withdrawn"]`
		if res.first(withdraw) != nil || it.get(path).wantStatus(http.StatusOK).first(withdraw) == nil {
			t.Errorf("withdrawal offered: executing desk %t, issuing desk %t", res.first(withdraw) != nil, it.get(path).first(withdraw) != nil)
		}
	})
}

// TestInstrumentFormScope: the new-instrument form lists the types the
// law allows between the case's countries, and a type outside its scope
// is shown on the form (422) and not stored.
func TestInstrumentFormScope(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		it := w.ts.pageSignIn(w.it.User)
		res := it.get(fmt.Sprintf("/cases/%d/instruments/new", w.c.ID)).wantStatus(http.StatusOK)
		rows := res.texts("#instrument-scope tbody tr")
		want := []string{ // the owner first, then the asked countries in code order
			"Italy (IT) – Albania (AL) Mutual legal assistance request, Extradition request, Transfer of proceedings",
			"Italy (IT) – Germany (DE) European Arrest Warrant, European Investigation Order, Freezing certificate, Confiscation certificate, Mutual legal assistance request, Transfer of proceedings",
			"Albania (AL) – Germany (DE) Mutual legal assistance request, Extradition request, Transfer of proceedings",
		}
		if len(rows) != len(want) {
			t.Fatalf("scope rows %q", rows)
		}
		for i := range want {
			if strings.Join(strings.Fields(rows[i]), " ") != want[i] {
				t.Errorf("row %d: %q, want %q", i, rows[i], want[i])
			}
		}
		res = it.postCSRF(fmt.Sprintf("/cases/%d/instruments", w.c.ID), url.Values{"type": {"eaw"}, "reference": {"EAW/FORM/1"}, "issuing_country": {"IT"},
			"executing_country": {"AL"}, "issued_on": {day(-3)}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#form-error"); !strings.Contains(got, "Albania (AL) is not one: use an extradition request (extradition).") {
			t.Fatalf("form error %q", got)
		}
		list, err := db.FindInstruments(userContext(w.it.User), w.c.ID)
		if err != nil || len(list) != 0 {
			t.Fatalf("stored %d, %v", len(list), err)
		}
	})
}

// TestInstrumentPageWithheldPerson: a user of a third country's desk with
// only a working arrangement (KR), asked in the case, gets the instrument
// page with the person "not available", not an error, and the API
// returns the instrument without its personal data.
func TestInstrumentPageWithheldPerson(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		kr := ts.apiUser("kr.liaison", crosscase.RoleLiaison, "KR")
		c := ts.pageNewCase(it.User, &crosscase.Case{Title: "Cocaine route via Busan", AskedCountries: []string{"DE", "KR"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, day(-300))})
		e := ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: "Bianchi"})
		in := &crosscase.Instrument{CaseID: c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/KR/1", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: e.ID, IssuedOn: pageDate(t, day(-70)), ArrestOn: pageDate(t, day(-57)), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(userContext(it.User), in); err != nil {
			t.Fatal(err)
		}
		res := ts.pageSignIn(kr.User).get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK)
		if got := res.text("[data-withheld]"); !strings.Contains(got, "not available") {
			t.Fatalf("person shown as %q", got)
		}
		if strings.Contains(res.Body, "Bianchi") || strings.Contains(res.Body, day(-57)) {
			t.Fatal("the page shows the person or the arrest date")
		}
		var got crosscase.Instrument
		kr.get(fmt.Sprintf("/api/v1/instruments/%d", in.ID)).decode(t, http.StatusOK, &got)
		if got.EntityID != 0 || !got.ArrestOn.IsZero() || len(got.Withheld) == 0 {
			t.Fatalf("API read %+v", got)
		}
		// An extradition to KR naming the person is refused with the rule.
		p := ts.apiUser("it.member2", crosscase.RoleDeskMember, "IT").post(fmt.Sprintf("/api/v1/cases/%d/instruments", c.ID), map[string]any{"type": "extradition", "reference": "EXT/KR/1",
			"issuing_country": "IT", "executing_country": "KR", "entity_id": e.ID, "issued_on": day(-5)}).wantProblem(t, http.StatusForbidden, "entity_id")
		if !strings.Contains(p.Detail, "Art. 56") {
			t.Fatalf("problem %+v", p)
		}
	})
}

// TestCasePageWithheldEntities: a desk of a third country with only a
// working arrangement (KR), asked in the case, sees the case page — its
// facts, instruments and meetings — with the entities replaced by a
// notice naming the partner data rule: no name, no count of entities, no
// link to the pages made of them.
func TestCasePageWithheldEntities(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		kr := ts.apiUser("kr.liaison", crosscase.RoleLiaison, "KR")
		c := ts.pageNewCase(it.User, &crosscase.Case{Title: "Cocaine route via Busan", AskedCountries: []string{"DE", "KR"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, day(-300))})
		for _, name := range []string{"Bianchi", "Esposito", "Ricci"} {
			ts.pageNewEntity(it.User, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Luca", FamilyName: name})
		}
		kr.get(fmt.Sprintf("/api/v1/cases/%d", c.ID)).decode(t, http.StatusOK, &crosscase.Case{})
		path := fmt.Sprintf("/cases/%d", c.ID)
		res := ts.pageSignIn(kr.User).get(path).wantStatus(http.StatusOK)
		if got := res.text("#case-title"); got != c.Title {
			t.Fatalf("case title %q", got)
		}
		if got := res.text("#entities [data-withheld]"); !strings.Contains(got, "partner data rule") {
			t.Fatalf("the entities are replaced by %q", got)
		}
		for _, secret := range []string{"bianchi", "esposito", "ricci"} {
			if strings.Contains(strings.ToLower(res.Body), secret) {
				t.Fatalf("the page shows %q", secret)
			}
		}
		if res.first("#entity-filter") != nil || res.first("#case-chart") != nil || res.first("#export-csv") != nil {
			t.Error("the page offers the entities' filter, the link chart or the export")
		}
		for _, n := range res.all(`#case-sections a[href="#entities"]`) {
			if strings.ContainsAny(pageText(n), "0123456789") {
				t.Errorf("the section bar counts the entities: %q", pageText(n))
			}
		}
		// The pages it links to open.
		for _, a := range res.all(`main .actions a, #case-sections a[href^="/"]`) {
			ts.pageSignIn(kr.User).get(pageAttr(a, "href")).wantStatus(http.StatusOK)
		}
		// The owner desk's page is unchanged.
		res = ts.pageSignIn(it.User).get(path).wantStatus(http.StatusOK)
		if res.first("[data-withheld]") != nil || !strings.Contains(strings.ToLower(res.text("#entities")), "bianchi") {
			t.Fatal("the owner desk's case page withholds its own entities")
		}
	})
}

// TestInstrumentPageNamesClocks: a missed limit and an extension are
// named by their clock in the reader's language, never by its code
// (eaw_decision).
func TestInstrumentPageNamesClocks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		missed := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/MISSED", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: w.e.ID, IssuedOn: pageDate(t, day(-80)), ArrestOn: pageDate(t, day(-62)), Status: crosscase.StatusArrested}
		extended := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/EXTENDED", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: w.e.ID, IssuedOn: pageDate(t, day(-20)), ArrestOn: pageDate(t, day(-10)), Status: crosscase.StatusArrested}
		for _, in := range []*crosscase.Instrument{missed, extended} {
			if err := db.CreateInstrument(userContext(w.it.User), in); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.SweepMissedDeadlines(systemContext()); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExtendInstrument(userContext(w.de.User), extended.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 10, Reason: "Hearing postponed."}); err != nil {
			t.Fatal(err)
		}
		de := w.ts.pageSignIn(w.de.User)
		for _, tc := range []struct{ lang, label string }{{"en", "Final decision on surrender"}, {"fr", "Décision définitive sur la remise"}} {
			de.acceptLanguage = tc.lang
			breach := de.get(fmt.Sprintf("/instruments/%d", missed.ID)).wantStatus(http.StatusOK).text("#breaches .breach strong")
			ext := de.get(fmt.Sprintf("/instruments/%d", extended.ID)).wantStatus(http.StatusOK).text("#extensions .extension")
			for _, got := range []string{breach, ext} {
				if !strings.HasPrefix(got, tc.label) || strings.Contains(got, "eaw_decision") {
					t.Errorf("%s: %q, want it to start with %q", tc.lang, got, tc.label)
				}
			}
			// The extension reads as one phrase with its days and country.
			if want := map[string]string{"en": "extended by 10 days on", "fr": "prolongé de 10 jours le"}[tc.lang]; !strings.Contains(ext, want) || !strings.Contains(ext, "Hearing postponed.") {
				t.Errorf("%s extension: %q, want %q", tc.lang, ext, want)
			}
		}
		// The extension form offers a clock with days left: not an overdue
		// one, nor one extended by all the law allows.
		de.acceptLanguage = "en"
		offered := func(in *crosscase.Instrument) bool {
			return de.get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK).first(`#f-clock option[value="eaw_decision"]`) != nil
		}
		if offered(missed) || !offered(extended) {
			t.Errorf("extension offered: overdue %t, running %t", offered(missed), offered(extended))
		}
		if _, err := db.ExtendInstrument(userContext(w.de.User), extended.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 20, Reason: "Hearing postponed again."}); err != nil {
			t.Fatal(err)
		}
		if offered(extended) {
			t.Error("extension offered once the 30 days are granted")
		}
	})
}
