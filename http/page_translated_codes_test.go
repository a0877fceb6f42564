package http

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The statistics tables and charts name crime types, instrument types,
// units and countries as the other pages do, in the reader's language:
// no code of the system is shown (README, "Languages"); the CSV keeps
// the codes.
func TestStatisticsNamesInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		ctx := userContext(w.it)
		in := &crosscase.Instrument{CaseID: w.tramontana.ID, Type: crosscase.InstrumentEAW, Reference: "MAE 2024/09", IssuingCountry: "IT",
			ExecutingCountry: "DE", EntityID: w.rossi.ID, IssuedOn: pageDate(t, "2024-05-02")}
		if err := db.CreateInstrument(ctx, in); err != nil {
			t.Fatal(err)
		}
		res := &crosscase.Result{CaseID: w.tramontana.ID, Kind: crosscase.ResultSeizure, Country: "IT", Date: pageDate(t, "2024-05-03"),
			SeizureType: "vehicles", Quantity: 3, Unit: "items", Measure: "seized", ValueEUR: 90000}
		if err := db.CreateResult(ctx, res); err != nil {
			t.Fatal(err)
		}
		stats := w.ts.user("stats.names", crosscase.RoleStatistics, "")
		codes := []string{"money_laundering", "swindling_fraud", "trafficking_human_beings", "drug_trafficking", ">eaw<", ">items<", ">IT<", ">DE<"}
		for _, tc := range []struct {
			lang string
			want map[string][]string // selector → texts it holds
		}{
			{"en", map[string][]string{"#table-crime_types": {"Money laundering", "Trafficking in human beings"},
				"#table-instruments": {"European Arrest Warrant"}, "#table-seizures": {"items"}, "#table-desks": {"Germany"},
				"#table-country_crime": {"Italy", "Swindling and fraud"}}},
			{"fr", map[string][]string{"#table-crime_types": {"Blanchiment de capitaux"},
				"#table-instruments": {"Mandat d'arrêt européen"}, "#table-seizures": {"objets", "véhicules"}, "#table-desks": {"Allemagne", "Italie"},
				"#table-country_crime": {"Italie", "Blanchiment de capitaux"}, "#chart-desks": {"Allemagne"}}},
			{"de", map[string][]string{"#table-crime_types": {"Geldwäsche"}, "#table-instruments": {"Europäischer Haftbefehl"},
				"#table-seizures": {"Stück"}, "#table-desks": {"Deutschland", "Italien"}, "#table-country_crime": {"Frankreich", "Geldwäsche"},
				"#chart-desks": {"Deutschland"}}},
			{"it", map[string][]string{"#table-crime_types": {"Riciclaggio"}, "#table-instruments": {"Mandato d'arresto europeo"},
				"#table-seizures": {"pezzi"}, "#table-desks": {"Germania"}, "#table-third_countries": {"Albania"}, "#chart-third": {"Albania"}}},
		} {
			b := w.ts.pageSignIn(stats)
			b.acceptLanguage = tc.lang
			r := b.get("/statistics?year=2024").wantStatus(http.StatusOK)
			for sel, want := range tc.want {
				got := r.text(sel)
				for _, s := range want {
					if !strings.Contains(got, s) {
						t.Errorf("%s %s: %q lacks %q", tc.lang, sel, got, s)
					}
				}
			}
			for _, sel := range []string{".report-table tbody", "#chart-crime", "#chart-desks", "#chart-third"} {
				for _, n := range r.all(sel) {
					var sb strings.Builder
					for _, cell := range pageTextsIn(n, "td, text, title") {
						sb.WriteString(">" + cell + "<")
					}
					for _, c := range codes {
						if strings.Contains(sb.String(), c) && !(tc.lang == "en" && c == ">items<") { // English calls them items
							t.Errorf("%s %s shows the code %s", tc.lang, sel, c)
						}
					}
				}
			}
			if tc.lang != "en" && strings.Contains(r.text("#table-desks"), "Germany") {
				t.Errorf("%s: English country names in %q", tc.lang, r.text("#table-desks"))
			}
		}
		// The CSV keeps the codes.
		csv := w.ts.pageSignIn(stats).get("/statistics/tables/crime_types?from=2024-01-01&to=2024-12-31").wantStatus(http.StatusOK)
		if !strings.Contains(csv.Body, "money_laundering") {
			t.Errorf("the CSV lost its codes: %q", csv.Body)
		}
	})
}

// A JIT's funding status and a retention review's decision are written
// as labels in the reader's language, not as codes.
func TestFundingAndReviewLabelsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it, c, j := ts.danubeJIT()
		if err := db.AddJITFunding(userContext(it), j.ID, &crosscase.JITFunding{Label: "Call 2025", AppliedEUR: 30000, AppliedOn: pageDate(t, "2025-03-10")}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ReviewRetention(userContext(it), c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewKeep, Reason: "Trial pending.",
			KeepUntil: crosscase.DateOf(time.Now().AddDate(1, 0, 0))}); err != nil {
			t.Fatal(err)
		}
		for lang, want := range map[string][2]string{"en": {"applied", "Keep the data"}, "fr": {"demandé", "Conserver les données"},
			"de": {"beantragt", "Daten aufbewahren"}, "it": {"richiesto", "Conservare i dati"}} {
			b := ts.pageSignIn(it)
			b.acceptLanguage = lang
			r := b.get(fmt.Sprintf("/jits/%d", j.ID)).wantStatus(http.StatusOK)
			if got := r.text(".funding-status"); got != want[0] {
				t.Errorf("%s: funding status %q, want %q", lang, got, want[0])
			}
			r = b.get(casePath(c.ID) + "/retention").wantStatus(http.StatusOK)
			if got := r.text(".review .review-decision"); got != want[1] {
				t.Errorf("%s: review decision %q, want %q", lang, got, want[1])
			}
		}
	})
}

// A desk that reads a case's retention record but does not record it
// (an asked desk) sees its dates of Art. 29(1) as its language writes
// dates, and a dash for a date not recorded.
func TestRetentionDatesReadInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it, c, _ := ts.danubeJIT()
		hu := ts.user("hu.reader", crosscase.RoleDeskMember, "HU")
		if _, err := db.SetRetentionDates(userContext(it), c.ID, crosscase.RetentionDates{TimeBarredOn: pageDate(t, "2045-06-30")}); err != nil {
			t.Fatal(err)
		}
		b := ts.pageSignIn(hu)
		for lang, want := range map[string]string{"en": "2045-06-30", "fr": "30/06/2045", "de": "30.06.2045", "it": "30/06/2045"} {
			b.acceptLanguage = lang
			r := b.get(casePath(c.ID) + "/retention").wantStatus(http.StatusOK)
			if r.first("#retention-dates-form") != nil {
				t.Fatal("the asked desk is offered the dates' form")
			}
			got := r.texts("#retention-dates dd")
			if len(got) != 4 || got[0] != want || got[1] != "—" {
				t.Errorf("%s: dates %q, want %q then dashes", lang, got, want)
			}
		}
	})
}

// The refusals the pages show most — a role that does not reach a page,
// a case of another desk — are written in the reader's language.
func TestRefusalsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		_, c, _ := ts.danubeJIT()
		fr := ts.user("fr.member", crosscase.RoleDeskMember, "FR")
		jit := ts.user("jit.officer", crosscase.RoleJITMember, "HU")
		cp := ts.user("ba.contact", crosscase.RoleContactPoint, "BA")
		stats := ts.user("stats.user", crosscase.RoleStatistics, "")
		hu := ts.user("hu.second", crosscase.RoleDeskMember, "HU")
		for _, tc := range []struct {
			user       *crosscase.User
			lang, path string
			status     int
			want       string
		}{
			{jit, "fr", "/cases", http.StatusForbidden, "Un compte de membre d'ECE n'accède qu'aux ECE dont il est membre, aux centres de coordination auxquels il est invité et à son propre compte."},
			{cp, "de", "/hits", http.StatusForbidden, "Ein Kontaktstellenkonto erreicht nur die Mitteilungen und den Posteingang seines Büros, das Behördenverzeichnis und das eigene Konto."},
			{stats, "it", "/search?q=Rossi", http.StatusForbidden, "Un account di statistica non vede alcun caso: accede alle statistiche, all'elenco delle autorità e al proprio account."},
			{fr, "it", casePath(c.ID), http.StatusNotFound, "Caso non trovato."},
			{fr, "en", casePath(c.ID), http.StatusNotFound, "Case not found."},
			// A refusal the pages write themselves.
			{hu, "de", casePath(c.ID) + "/edit", http.StatusForbidden, "Nur das Büro, das diesen Fall führt, kann ihn ändern."},
		} {
			b := ts.pageSignIn(tc.user)
			b.acceptLanguage = tc.lang
			if got := b.get(tc.path).wantStatus(tc.status).text(".error-page .lead"); got != tc.want {
				t.Errorf("%s %s in %s: %q, want %q", tc.user.Name, tc.path, tc.lang, got, tc.want)
			}
		}
	})
}

// The other refusals the store returns are written in the reader's
// language too: a role that keeps no deadlines calendar asks for one, an
// analyst adds an authority or sets up a JIT.
func TestStoreRefusalsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		stats := ts.user("stats.user", crosscase.RoleStatistics, "")
		analyst := ts.user("an.analyst", crosscase.RoleAnalyst, "IT")
		for _, tc := range []struct {
			user       *crosscase.User
			lang, path string
			want       string
		}{
			{analyst, "de", "/authorities", "Nur Büromitglieder, Verbindungsstaatsanwälte und Administratoren fügen Behörden hinzu."},
			{analyst, "it", "/jits", "Solo i membri dell'ufficio e i procuratori di collegamento costituiscono SIC."},
			{analyst, "fr", "/jits", "Seuls les membres de bureau et les procureurs de liaison créent des ECE."},
		} {
			b := ts.pageSignIn(tc.user)
			b.acceptLanguage = tc.lang
			if got := b.postCSRF(tc.path, url.Values{"name": {"x"}, "country_code": {"IT"}, "kind": {"police"}}).wantStatus(http.StatusForbidden).text(".error-page .lead"); got != tc.want {
				t.Errorf("%s %s in %s: %q, want %q", tc.user.Name, tc.path, tc.lang, got, tc.want)
			}
		}
		for lang, want := range map[string]string{
			"fr": "Seuls les agents d'un bureau qui traitent des affaires ont un calendrier des échéances.",
			"de": "Nur Fallbearbeiter eines Büros haben einen Fristenkalender.",
			"it": "Solo chi tratta i casi in un ufficio ha un calendario delle scadenze.",
			"en": "Only case workers of a desk have a deadlines calendar.",
		} {
			b := ts.pageSignIn(stats)
			b.acceptLanguage = lang
			if got := b.postCSRF("/account/calendar-tokens", nil).wantStatus(http.StatusForbidden).text(".error-page .lead"); got != want {
				t.Errorf("calendar token in %s: %q, want %q", lang, got, want)
			}
		}
	})
}

// Page titles built from a format are written wholly in the reader's
// language, a value that is a message (an instrument's type) included.
func TestPageTitlesInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "MAE 2025/09 Arezzo", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: w.e.ID, IssuedOn: pageDate(t, day(-10))}
		if err := db.CreateInstrument(userContext(w.it.User), in); err != nil {
			t.Fatal(err)
		}
		ref := w.c.Reference
		for _, tc := range []struct {
			lang, path, want string
		}{
			{"en", fmt.Sprintf("/instruments/%d", in.ID), "European Arrest Warrant MAE 2025/09 Arezzo · crosscase"},
			{"it", fmt.Sprintf("/instruments/%d", in.ID), "Mandato d'arresto europeo MAE 2025/09 Arezzo · crosscase"},
			{"de", fmt.Sprintf("/instruments/%d", in.ID), "Europäischer Haftbefehl MAE 2025/09 Arezzo · crosscase"},
			{"en", casePath(w.c.ID) + "/meetings/new", "Schedule a meeting · " + ref + " · crosscase"},
			{"fr", casePath(w.c.ID) + "/meetings/new", "Planifier une réunion · " + ref + " · crosscase"},
			{"de", casePath(w.c.ID) + "/results/new", "Ergebnis melden · " + ref + " · crosscase"},
			{"it", casePath(w.c.ID) + "/results/new", "Segnalare un risultato · " + ref + " · crosscase"},
		} {
			b := w.ts.pageSignIn(w.it.User)
			b.acceptLanguage = tc.lang
			r := b.get(tc.path).wantStatus(http.StatusOK)
			if got := html.UnescapeString(r.text("title")); got != tc.want {
				t.Errorf("%s %s: title %q, want %q", tc.lang, tc.path, got, tc.want)
			}
		}
	})
}

// A hit's page says what its state is: once disclosed, restricted or
// dismissed, neither desk reads that the other "decides whether to
// disclose it"; the audit log's filter offers the decisions, by label.
func TestHitPageTextFollowsState(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newHitWorld(t, db)
		path := fmt.Sprintf("/hits/%d", w.personHit.ID)
		side := func(u *crosscase.User, lang string) string {
			t.Helper()
			b := w.ts.pageSignIn(u)
			b.acceptLanguage = lang
			return b.get(path).wantStatus(http.StatusOK).text("#hit-side")
		}
		if got := side(w.it, "en"); !strings.Contains(got, "that desk decides whether to disclose the hit") {
			t.Errorf("a new hit, as the checking desk: %q", got)
		}
		for _, st := range []crosscase.HitStatus{crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed} {
			if _, err := db.DecideHit(reasonContext(w.de, "Compared with the file."), w.personHit.ID, st); err != nil {
				t.Fatal(err)
			}
			want := map[crosscase.HitStatus][2]string{
				crosscase.HitDisclosed:  {"that desk has disclosed the hit", "your desk has disclosed the hit"},
				crosscase.HitRestricted: {"that desk has restricted the hit", "your desk has restricted the hit"},
				crosscase.HitDismissed:  {"dismissed as a false match", "dismissed as a false match"},
			}[st]
			it, de := side(w.it, "en"), side(w.de, "en")
			if !strings.Contains(it, want[0]) || !strings.Contains(de, want[1]) || strings.Contains(it+de, "decides whether") {
				t.Errorf("%s: the checking desk reads %q, the found desk %q", st, it, de)
			}
			if st == crosscase.HitDisclosed {
				if got := side(w.it, "fr"); !strings.Contains(got, "ce bureau a divulgué la concordance") {
					t.Errorf("disclosed, in French: %q", got)
				}
			}
		}
		// The decisions are in the audit log and its filter, by label.
		a := w.ts.pageSignIn(w.admin)
		a.acceptLanguage = "fr"
		r := a.get("/admin/audit?" + url.Values{"action": {"disclose"}}.Encode()).wantStatus(http.StatusOK)
		for v, label := range map[string]string{"disclose": "divulgation", "restrict": "restriction", "dismiss": "mise à l'écart", "login_failed": "échec de connexion"} {
			if n := r.first(`#f-action option[value="` + v + `"]`); n == nil || pageText(n) != label {
				t.Errorf("the action filter %q: %v", v, n)
			}
		}
		if rows := r.all("#audit-entries tbody tr"); len(rows) != 2 {
			t.Errorf("%d entries of the disclosure, want one for each case", len(rows))
		} else if got := pageTextsIn(rows[0], "td")[3]; got != "divulgation" {
			t.Errorf("the entry's action reads %q", got)
		}
	})
}
