package http

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// Each page writes its own texts in the reader's language (the browser's
// Accept-Language): the error page its status, the case page its
// countries, the timeline its events and title, the statistics their
// charts and tables, a form its refusal, the dashboard its activity.
func TestPageTextsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		stats := w.ts.user("stats.lang", crosscase.RoleStatistics, "")
		get := func(path string) func(*pageBrowser) *pageResult {
			return func(b *pageBrowser) *pageResult { return b.get(path) }
		}
		// A notice from France puts a notification in the Italian inbox.
		if err := db.SendNotice(userContext(w.fr), &crosscase.Notice{Subject: "Prison phones", Body: "Specifications attached.", ToAll: true}, nil); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name   string
			as     *crosscase.User
			do     func(*pageBrowser) *pageResult
			status int
			sel    string // where the texts are; "" for the whole page
			want   map[string][]string
		}{
			{"error page", w.it, get(casePath(999999)), http.StatusNotFound, "h1", map[string][]string{
				"en": {"404 · Not Found"}, "fr": {"404 · Introuvable"}, "de": {"404 · Nicht gefunden"}, "it": {"404 · Non trovato"}, "es": {"404 · No encontrado"}, "pl": {"404 · Nie znaleziono"}}},
			{"country names", w.it, get(casePath(w.tramontana.ID)), http.StatusOK, "", map[string][]string{
				"en": {"Italy"}, "de": {"Italien"}, "it": {"Italia"}, "fr": {"Italie"}, "es": {"Italia"}, "pl": {"Włochy"}}},
			{"timeline", w.it, get(casePath(w.tramontana.ID) + "/timeline"), http.StatusOK, "#timeline", map[string][]string{
				"en": {"Case opened"}, "fr": {"Ouverture du dossier"}, "de": {"Fall eröffnet"}, "it": {"Apertura del caso"}, "es": {"Caso abierto"}, "pl": {"Otwarcie sprawy"}}},
			{"timeline title", w.it, get(casePath(w.tramontana.ID) + "/timeline"), http.StatusOK, "title", map[string][]string{
				"en": {"Timeline · " + w.tramontana.Reference}, "fr": {"Chronologie · "}, "de": {"Zeitleiste · "}, "it": {"Cronologia · "}}},
			{"statistics", stats, get("/statistics?year=2024"), http.StatusOK, "", map[string][]string{
				// No crime type of 2024 counts 5 cases: the crime chart says
				// it has no bar to draw.
				"en": {"No bar to draw: no crime type", "Seizures and freezes"},
				"de": {"Kein Balken zu zeichnen: Für keine Kriminalitätsform", "Sicherstellungen und Einfrierungen", "<td>Drogenhandel</td>"},
				"fr": {"Aucune barre à tracer\u00a0: aucun type d'infraction", "Saisies et gels"}}},
			{"form refusal", w.it, func(b *pageBrowser) *pageResult {
				return b.postCSRF("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"one long new password"}, "confirm_password": {"another long password"}})
			}, http.StatusUnprocessableEntity, "", map[string][]string{
				"en": {"The two new passwords differ."}, "fr": {"Les deux nouveaux mots de passe diffèrent."}, "de": {"Die beiden neuen Passwörter stimmen nicht überein."}}},
			{"case status and sections", w.it, get(casePath(w.tramontana.ID)), http.StatusOK, "", map[string][]string{
				"en": {"Phones, e-mails, accounts, wallets", ">Open<"}, "fr": {"Téléphones, courriels, comptes, portefeuilles", ">Ouverte<", "Saisi (EUR)", "0\u00a0€"},
				"de": {"Fahrzeuge, Adressen, Dokumente", ">Offen<", "0\u00a0€"}, "it": {"Veicoli, indirizzi, documenti", ">Aperto<", "0\u00a0€"},
				"es": {"Vehículos, direcciones, documentos", ">Abierto<", "0\u00a0€"},
				"pl": {"Pojazdy, adresy, dokumenty", ">Otwarta<", "0\u00a0€"}}},
			{"inbox", w.it, get("/notifications"), http.StatusOK, "main", map[string][]string{
				"en": {"New notice from "}, "fr": {"Nouvel avis de "}, "de": {"Neue Mitteilung von"}, "it": {"Nuovo avviso da"}}},
			{"case list", w.it, get("/cases"), http.StatusOK, "", map[string][]string{
				"en": {">owner<"}, "fr": {">propriétaire<"}, "de": {">Eigentümer<"}, "it": {">titolare<"}}},
			{"hit tabs", w.it, get("/hits"), http.StatusOK, ".tabs", map[string][]string{
				"en": {"All hits", "Disclosed"}, "fr": {"Toutes", "Divulguée"}, "de": {"Alle", "Offengelegt"}, "it": {"Tutti", "Divulgato"}}},
			{"statistics labels", stats, get("/statistics?year=2024"), http.StatusOK, "", map[string][]string{
				"en": {"Previous period", "Cases handled"}, "fr": {"Période précédente"}, "de": {"Vorzeitraum"}, "it": {"Periodo precedente"}}},
			{"calendar refusal", w.it, get("/deadlines?view=month&start=2099-01-01"), http.StatusUnprocessableEntity, "", map[string][]string{
				"en": {"The calendar shows the deadlines of the coming year only."}, "fr": {"Le calendrier ne montre que les échéances de l'année à venir."},
				"de": {"Der Kalender zeigt nur die Fristen des kommenden Jahres."}, "it": {"Il calendario mostra solo le scadenze del prossimo anno."}}},
			{"calendar view refusal", w.it, get("/deadlines?view=year"), http.StatusUnprocessableEntity, "", map[string][]string{
				"en": {"The view is list, month or week."}, "fr": {"La vue est liste, mois ou semaine."},
				"de": {"Die Ansicht ist Liste, Monat oder Woche."}, "it": {"La vista è elenco, mese o settimana."}}},
			{"recent activity", w.it, get("/"), http.StatusOK, "#activity", map[string][]string{
				"en": {"Case created"}, "fr": {"Affaire créée"}, "de": {"Fall angelegt"}, "it": {"Caso creato"}, "es": {"Caso creado"}, "pl": {"Utworzono sprawę"}}},
		} {
			for lang, want := range tc.want {
				b := w.ts.pageSignIn(tc.as)
				b.acceptLanguage = lang
				r := tc.do(b)
				if r.Status != tc.status {
					t.Errorf("%s in %s: status %d, want %d", tc.name, lang, r.Status, tc.status)
					continue
				}
				if got := pageAttr(r.first("html"), "lang"); got != lang {
					t.Errorf("%s in %s: lang=%q", tc.name, lang, got)
				}
				text := html.UnescapeString(r.Body)
				if tc.sel != "" {
					text = r.text(tc.sel)
				}
				for _, s := range want {
					if !strings.Contains(text, s) {
						t.Errorf("%s in %s: %q lacks %q", tc.name, lang, text[:min(len(text), 200)], s)
					}
				}
			}
		}
	})
}

// Every page renders in every language, chosen by the browser's
// Accept-Language or by the user's own setting, with its lang attribute,
// its navigation and headings in that language, and no message left
// without its values.
func TestPagesInEveryLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		c, err := locale.Load()
		if err != nil {
			t.Fatal(err)
		}
		cid, eid := w.tramontana.ID, w.rossi.ID
		deskPages := []string{"/", "/cases", casePath(cid), "/cases/new", casePath(cid) + "/edit", casePath(cid) + "/entities/new?kind=person&role=suspect",
			entityPath(eid) + "/edit", "/deadlines", "/deadlines?view=month", "/hits", "/jits", "/jits/new", "/notices", "/notices/new", "/notifications",
			"/centres", casePath(cid) + "/centres", "/search?q=Rossi", "/checks", "/account", "/authorities", "/retention",
			casePath(cid) + "/timeline", casePath(cid) + "/chart", casePath(cid) + "/retention", casePath(cid) + "/instruments/new", casePath(999999)}
		adminPages := []string{"/", "/admin", "/admin/users", "/admin/desks", "/admin/countries", "/admin/agreements", "/admin/audit"}
		stats := w.ts.user("stats.user", crosscase.RoleStatistics, "")
		for _, l := range locale.Languages {
			p := c.Printer(l.Tag)
			check := func(who string, b *pageBrowser, pages []string) {
				t.Helper()
				for _, path := range pages {
					r := b.get(path)
					if r.Status != http.StatusOK && !(path == casePath(999999) && r.Status == http.StatusNotFound) {
						t.Errorf("%s %s as %s: %d", l.Tag, path, who, r.Status)
						continue
					}
					if got := pageAttr(r.first("html"), "lang"); got != l.Tag {
						t.Errorf("%s %s: lang=%q", l.Tag, path, got)
					}
					if strings.Contains(r.Body, "%!") {
						t.Errorf("%s %s: a message lacks its values: %s", l.Tag, path, r.Body[strings.Index(r.Body, "%!"):][:60])
					}
					if path == casePath(999999) {
						continue
					}
					if got := r.text(`.nav a[href="/"]`); got != p.T("Dashboard") {
						t.Errorf("%s %s: navigation reads %q, want %q", l.Tag, path, got, p.T("Dashboard"))
					}
				}
			}
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = l.Tag + "-" + strings.ToUpper(l.Tag) + ",en;q=0.5"
			check("it.member", b, deskPages)
			a := w.ts.pageSignIn(w.admin)
			a.acceptLanguage = l.Tag
			check("admin", a, adminPages)
			st := w.ts.pageSignIn(stats)
			st.acceptLanguage = l.Tag
			check("stats.user", st, []string{"/", "/statistics", "/statistics?year=2024", "/account"})
			anon := w.ts.pageAnonymous()
			anon.acceptLanguage = l.Tag
			if r := anon.get("/login"); pageAttr(r.first("html"), "lang") != l.Tag || !strings.Contains(r.text("h1"), p.T("Sign in to crosscase")) {
				t.Errorf("%s: sign-in page %q", l.Tag, r.text("h1"))
			}
		}

		// The user's own choice wins over the browser's, and is kept.
		b := w.ts.pageSignIn(w.de)
		b.acceptLanguage = "fr"
		b.postCSRF("/account/language", url.Values{"language": {"de"}}).wantStatus(http.StatusSeeOther)
		r := b.get("/deadlines").wantStatus(http.StatusOK)
		if pageAttr(r.first("html"), "lang") != "de" || r.text("h1") != "Fristen" {
			t.Errorf("after choosing German: lang %q, h1 %q", pageAttr(r.first("html"), "lang"), r.text("h1"))
		}
		if r := b.postCSRF("/account/language", url.Values{"language": {"xx"}}); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("an unknown language: %d", r.Status)
		}
		b.postCSRF("/account/language", url.Values{"language": {""}}).wantStatus(http.StatusSeeOther)
		if r := b.get("/"); pageAttr(r.first("html"), "lang") != "fr" {
			t.Errorf("back to the browser's language: %q", pageAttr(r.first("html"), "lang"))
		}
	})
}
