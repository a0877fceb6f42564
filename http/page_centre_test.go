package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/locale"
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

// TestPageCentrePressText: the text for the press says only what is known,
// as the demo's action days have it, in the reader's language and number
// format: seizures recorded without a quantity are named without a
// number, a count agrees with one or more, a count of zero is left out.
func TestPageCentrePressText(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.member", crosscase.RoleDeskMember, "DE")
		ctx := userContext(it)
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
		rome, _ := time.LoadLocation("Europe/Rome")
		now := time.Now().In(rome)
		today := crosscase.DateOf(now)
		noon := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, rome)
		// open plans the measures and plays them to done with outcomes.
		open := func(name string, outcomes []crosscase.MeasureOutcome, kinds []crosscase.MeasureKind) int64 {
			centre := &crosscase.Centre{CaseID: c.ID, Name: name, ActionDate: today, DeskIDs: []int64{de.DeskID},
				Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}, {Country: "DE", Zone: "Europe/Berlin"}}}
			if err := db.CreateCentre(ctx, centre); err != nil {
				t.Fatal(err)
			}
			for i, k := range kinds {
				m := &crosscase.Measure{CentreID: centre.ID, Kind: k, Country: "IT", Place: "Bari", PlannedAt: noon}
				if k == crosscase.MeasureArrest {
					p := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: fmt.Sprintf("Rossi%c", 'a'+i)})
					m.EntityID = p.ID
				}
				if err := db.CreateMeasure(ctx, m); err != nil {
					t.Fatal(err)
				}
				moved, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: m.Version, State: crosscase.MeasureUnderWay})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.MoveMeasure(ctx, m.ID, crosscase.MeasureMove{Version: moved.Version, State: crosscase.MeasureDone, Outcome: outcomes[i]}); err != nil {
					t.Fatal(err)
				}
			}
			return centre.ID
		}
		arrest, seizure, search := crosscase.MeasureArrest, crosscase.MeasureSeizure, crosscase.MeasureSearch
		// As Italy–Albania: arrests, and seizures whose quantities are not yet known.
		italy := open("Joint action day", []crosscase.MeasureOutcome{{}, {}, {}, {Seizures: []crosscase.Seizure{{Type: "real_estate"}, {Type: "companies"}, {Type: "vehicles"}, {Type: "cash"},
			{Type: "drugs", Substance: "cocaine", Unit: "kg"}, {Type: "drugs", Substance: "heroin", Unit: "kg"}}}}, []crosscase.MeasureKind{arrest, arrest, arrest, seizure})
		// As Belgium–Germany–Poland: one suspect, one more person arrested, a search, cash counted.
		smugglers := open("Action day", []crosscase.MeasureOutcome{{Arrests: 1}, {Seizures: []crosscase.Seizure{{Type: "cash", Quantity: 12000, Unit: "EUR", ValueEUR: 12000}}}},
			[]crosscase.MeasureKind{arrest, search})

		cat, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		day := func(lang string) string { return cat.Printer(lang).LongDate(today.Year, today.Month, today.Day) }
		for _, tc := range []struct {
			centre     int64
			lang, want string
		}{
			{italy, "en", "On " + day("en") + ", a coordinated action day took place in the following countries: Germany and Italy. It was supported by a coordination centre set up by the agency. " +
				"3 suspects were targeted and 3 people were arrested. Real estate, companies, vehicles, cash, cocaine and heroin were seized."},
			{italy, "it", "Il " + day("it") + " si è svolta una giornata di azione coordinata nei seguenti paesi: Germania ed Italia. È stata sostenuta da un centro di coordinamento istituito dall'agenzia. " +
				"3 indagati erano destinatari delle misure e 3 persone sono state arrestate. Sono stati sequestrati: beni immobili, società, veicoli, contanti, cocaina ed eroina."},
			{smugglers, "en", "On " + day("en") + ", a coordinated action day took place in the following countries: Germany and Italy. It was supported by a coordination centre set up by the agency. " +
				"1 suspect was targeted, 2 people were arrested and 1 search was carried out. EUR 12,000 in cash was seized."},
			{smugglers, "fr", "Le " + day("fr") + ", une journée d'action coordonnée s'est déroulée dans les pays suivants : Allemagne et Italie. Elle a été appuyée par un centre de coordination mis en place par l'agence. " +
				"1 suspect était visé, 2 personnes ont été arrêtées et 1 perquisition a été effectuée. A été saisi : 12 000 € en espèces."},
			{smugglers, "es", "El " + day("es") + " se celebró una jornada de acción coordinada en los siguientes países: Alemania e Italia. Contó con el apoyo de un centro de coordinación creado por la agencia. " +
				"1 sospechoso fue objeto de la operación, 2 personas fueron detenidas y 1 registro fue practicado. Se procedió a la incautación de 12.000 € en efectivo."},
			{smugglers, "pl", day("pl") + " r. w następujących państwach odbył się skoordynowany dzień akcji: Niemcy i Włochy. Wspierało go centrum koordynacyjne utworzone przez agencję. " +
				"1 podejrzany był celem działań, 2 osoby zostały zatrzymane i 1 przeszukanie zostało przeprowadzone. Zajęto: 12 000 € w gotówce."},
		} {
			b := ts.pageSignIn(de)
			b.acceptLanguage = tc.lang
			page := b.get(fmt.Sprintf("/centres/%d/press", tc.centre)).wantStatus(http.StatusOK)
			if got := page.text("#press-text"); got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.lang, got, tc.want)
			}
			// The page's text collapses spaces; the French thousands
			// separator is a narrow no-break space, the euro sign follows a
			// no-break space.
			if tc.lang == "fr" && !strings.Contains(page.Body, "12\u202f000\u00a0€ en espèces") {
				t.Errorf("French amount: %q", page.text("#press-text"))
			}
			// Spanish writes the day in words with "de" and the euros after
			// a point between thousands (locale.Languages).
			if tc.lang == "es" && (!strings.Contains(page.Body, "12.000\u00a0€ en efectivo") || !strings.Contains(day("es"), " de ")) {
				t.Errorf("Spanish date or amount: %q", page.text("#press-text"))
			}
			// Polish writes the month in the genitive and a no-break space
			// between thousands (locale.Languages).
			if tc.lang == "pl" && (!strings.Contains(page.Body, "12\u00a0000\u00a0€ w gotówce") || !strings.Contains(day("pl"), " "+[12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}[today.Month-1]+" ")) {
				t.Errorf("Polish date or amount: %q", page.text("#press-text"))
			}
		}
		// The API gives the English text.
		for id, want := range map[int64]string{italy: "3 suspects were targeted and 3 people were arrested. Real estate, companies, vehicles, cash, cocaine and heroin were seized.",
			smugglers: "1 suspect was targeted, 2 people were arrested and 1 search was carried out. EUR 12,000 in cash was seized."} {
			p, err := db.PressSummary(userContext(de), id)
			if err != nil || !strings.HasSuffix(p.Text, " agency. "+want) {
				t.Errorf("API text %q, %v", p.Text, err)
			}
		}
	})
}

// TestPageCentreInvitesJITMembersByName: the plan form offers the JIT-only
// members of a running JIT linked to the case by name, not as a field of
// user ids; a desk user who is a member too takes part through their desk
// and is not offered; the one chosen is invited. With no such member the
// form says so.
func TestPageCentreInvitesJITMembersByName(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		ts.desk("HU", crosscase.DeskNational)
		hu := ts.user("hu.member", crosscase.RoleDeskMember, "HU")
		kovacs := ts.user("jit.kovacs", crosscase.RoleJITMember, "HU")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Danube", CrimeTypes: []string{"drug_trafficking"}, AskedCountries: []string{"HU"}, OpenedOn: pageDate(t, "2023-03-01")})
		centres := fmt.Sprintf("/cases/%d/centres", c.ID)
		owner := ts.pageSignIn(it)
		if page := owner.get(centres).wantStatus(http.StatusOK); page.first(`select[name="member_ids"]`) != nil || page.first(`input[name="member_ids"]`) != nil || page.first("p#f-members") == nil {
			t.Fatalf("no JIT linked: the form should say there is no one to invite: %s", page.summary())
		}

		auth := ts.prosecutions("IT", "HU")
		signed := crosscase.DateOf(time.Now().UTC().AddDate(0, -1, 0))
		j := &crosscase.JIT{Name: "JIT Danube", SignedOn: signed, DurationMonths: 24, CaseIDs: []int64{c.ID}, Parties: jitParties(auth, "IT", "HU")}
		if err := db.CreateJIT(userContext(it), j); err != nil {
			t.Fatal(err)
		}
		for _, m := range []*crosscase.JITMember{{UserID: kovacs.ID, CountryCode: "HU", AuthorityID: auth["HU"]}, {UserID: hu.ID, CountryCode: "HU", AuthorityID: auth["HU"]}} {
			if err := db.AddJITMember(systemContext(), j.ID, m); err != nil {
				t.Fatal(err)
			}
		}
		page := owner.get(centres).wantStatus(http.StatusOK)
		if page.first(`input[name="member_ids"]`) != nil {
			t.Fatal("the form asks for user ids")
		}
		offered := page.texts(`select[name="member_ids"] option`)
		if len(offered) != 1 || !strings.Contains(offered[0], "jit.kovacs") {
			t.Fatalf("offered %q, want the JIT-only member alone", offered)
		}
		form := page.form(`form[action$="/centres"]`)
		form.set("name", "Action day Danube").set("action_date", time.Now().UTC().Format("2006-01-02")).set("zones", "IT Europe/Rome\nHU Europe/Budapest").
			choose("member_ids", fmt.Sprint(kovacs.ID))
		owner.follow(owner.submit(form)).wantStatus(http.StatusOK)
		list, err := db.FindCentres(userContext(it), c.ID)
		if err != nil || len(list) != 1 {
			t.Fatalf("centres %v %v", list, err)
		}
		if got := list[0].MemberIDs; len(got) != 1 || got[0] != kovacs.ID {
			t.Fatalf("invited %v, want [%d]", got, kovacs.ID)
		}
	})
}

// TestPageCentrePlansFreezingOfAccount: the plan form names the account a
// freezing freezes — the case's IBANs and crypto wallets are offered
// beside its persons — and the board shows it; a freezing of a person is
// refused naming the field.
func TestPageCentrePlansFreezingOfAccount(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2023-03-01")})
		suspect := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Marco", FamilyName: "Rossi"})
		account := ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindIBAN, Role: crosscase.RoleSuspect, Value: "IT60X0542811101000000123456"})
		rome, _ := time.LoadLocation("Europe/Rome")
		centre := &crosscase.Centre{CaseID: c.ID, Name: "Action day Harbour", ActionDate: crosscase.DateOf(time.Now().In(rome)),
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}}}
		if err := db.CreateCentre(userContext(it), centre); err != nil {
			t.Fatal(err)
		}
		owner := ts.pageSignIn(it)
		path := fmt.Sprintf("/centres/%d", centre.ID)
		board := owner.get(path).wantStatus(http.StatusOK)
		if board.first(fmt.Sprintf(`#f-entity option[value="%d"]`, account.ID)) == nil {
			t.Fatalf("the plan form does not offer the account: %q", board.text("#f-entity"))
		}
		plan := board.form(`#plan form`)
		plan.set("kind", "freezing").set("country", "IT").set("planned_at", "08:00").set("place", "Bari").set("entity_id", fmt.Sprint(suspect.ID))
		bad := owner.submit(plan).wantStatus(http.StatusUnprocessableEntity)
		if !strings.Contains(bad.text(".field-error"), "not an account") {
			t.Fatalf("freezing of a person: %q", bad.text(".field-error"))
		}
		plan.set("entity_id", fmt.Sprint(account.ID))
		board = owner.follow(owner.submit(plan)).wantStatus(http.StatusOK)
		if got := board.text("#measures-IT"); !strings.Contains(got, "IT60X0542811101000000123456") {
			t.Fatalf("planned freezing: %q", got)
		}
	})
}
