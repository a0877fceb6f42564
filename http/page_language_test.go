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

// An error page names its status in the reader's language.
func TestErrorPageInEveryLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for lang, want := range map[string]string{"en": "404 · Not Found", "fr": "404 · Introuvable", "de": "404 · Nicht gefunden", "it": "404 · Non trovato"} {
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = lang
			r := b.get(casePath(999999))
			if r.Status != http.StatusNotFound {
				t.Fatalf("%s: status %d", lang, r.Status)
			}
			if got := r.text("h1"); got != want {
				t.Errorf("%s: h1 %q, want %q", lang, got, want)
			}
			if got := pageAttr(r.first("html"), "lang"); got != lang {
				t.Errorf("%s: lang=%q", lang, got)
			}
		}
	})
}

// Countries are named in the reader's language: Italy is Italien on the
// case page in German, Italia in Italian.
func TestCountryNamesInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for lang, want := range map[string]string{"en": "Italy", "de": "Italien", "it": "Italia", "fr": "Italie"} {
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = lang
			r := b.get(casePath(w.tramontana.ID))
			if r.Status != http.StatusOK {
				t.Fatalf("%s: status %d", lang, r.Status)
			}
			if !strings.Contains(r.Body, ">"+want+"<") && !strings.Contains(r.Body, want+" (IT)") {
				t.Errorf("%s: the case page does not name Italy %q", lang, want)
			}
		}
	})
}

// A case's timeline writes its events in the reader's language, the
// instrument types and clock names in them too.
func TestTimelineInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for lang, want := range map[string]string{"en": "Case opened", "fr": "Ouverture du dossier", "de": "Fall eröffnet", "it": "Apertura del caso"} {
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = lang
			r := b.get(casePath(w.tramontana.ID) + "/timeline")
			if r.Status != http.StatusOK {
				t.Fatalf("%s: status %d", lang, r.Status)
			}
			if got := r.text("#timeline"); !strings.Contains(got, want) {
				t.Errorf("%s: the timeline lacks %q: %s", lang, want, got)
			}
			if got, want := r.text("title"), map[string]string{"en": "Timeline", "fr": "Chronologie", "de": "Zeitleiste", "it": "Cronologia"}[lang]+" · "+w.tramontana.Reference; !strings.HasPrefix(got, want) {
				t.Errorf("%s: title %q, want %q…", lang, got, want)
			}
		}
	})
}

// The statistics page draws its charts and titles its tables in the
// reader's language.
func TestStatisticsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		stats := w.ts.user("stats.lang", crosscase.RoleStatistics, "")
		for lang, want := range map[string][]string{
			"en": {"Cases handled by crime type", "Seizures and freezes"},
			"de": {"Bearbeitete Fälle nach Deliktsart", "Sicherstellungen und Einfrierungen", "<td>Drogenhandel</td>"},
			"fr": {"Dossiers traités par type d'infraction", "Saisies et gels"},
		} {
			b := w.ts.pageSignIn(stats)
			b.acceptLanguage = lang
			r := b.get("/statistics?year=2024")
			if r.Status != http.StatusOK {
				t.Fatalf("%s: status %d", lang, r.Status)
			}
			for _, s := range want {
				if !strings.Contains(html.UnescapeString(r.Body), s) {
					t.Errorf("%s: the statistics page lacks %q", lang, s)
				}
			}
		}
	})
}

// A form's refusal is written in the reader's language.
func TestFormErrorInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for lang, want := range map[string]string{"en": "The two new passwords differ.", "fr": "Les deux nouveaux mots de passe diffèrent.", "de": "Die beiden neuen Passwörter stimmen nicht überein."} {
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = lang
			r := b.postCSRF("/account/password", url.Values{"current_password": {testPassword}, "new_password": {"one long new password"}, "confirm_password": {"another long password"}})
			r.wantStatus(http.StatusUnprocessableEntity)
			if !strings.Contains(html.UnescapeString(r.Body), want) {
				t.Errorf("%s: the refusal does not read %q", lang, want)
			}
		}
	})
}

// The dashboard's recent activity names actions and objects in the
// reader's language.
func TestActivityInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		for lang, want := range map[string]string{"en": "create case", "fr": "création dossier", "de": "Anlage Fall", "it": "creazione caso"} {
			b := w.ts.pageSignIn(w.it)
			b.acceptLanguage = lang
			if got := b.get("/").text("#activity"); !strings.Contains(got, want) {
				t.Errorf("%s: the recent activity lacks %q: %s", lang, want, got)
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
