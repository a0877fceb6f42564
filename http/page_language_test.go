package http

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
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
