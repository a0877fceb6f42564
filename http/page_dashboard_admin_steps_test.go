package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// TestDashboardAdminFirstSteps: the administrator's first steps name
// creating each desk's users and verifying the audit log each as one
// whole sentence of the reader's language, its link the whole of it, not
// a link and a scrap of words glued after it ("Legen Sie die Benutzer an
// jedes Büros" in German).
func TestDashboardAdminFirstSteps(t *testing.T) {
	w := newPageWorld(t, sqldbtest.NewSQLite(t))
	for lang, want := range map[string][]string{
		"en": {"Create the users of each desk.", "Verify the audit log."},
		"de": {"Legen Sie die Benutzer jedes Büros an.", "Prüfen Sie das Prüfprotokoll."},
		"fr": {"Créez les utilisateurs de chaque bureau.", "Vérifiez le journal d'audit."},
		"it": {"Crei gli utenti di ogni ufficio.", "Verifichi il registro di audit."},
		"es": {"Cree los usuarios de cada oficina.", "Verifique el registro de auditoría."},
	} {
		b := w.ts.pageSignIn(w.admin)
		b.acceptLanguage = lang
		page := b.get("/").wantStatus(http.StatusOK)
		got := map[string]bool{}
		for _, s := range page.texts("ol li") {
			got[strings.ReplaceAll(s, " .", ".")] = true // texts joins the link and the full stop with a space
		}
		for _, s := range want {
			if !got[s] {
				t.Errorf("%s: no first step %q among %q", lang, s, page.texts("ol li"))
			}
		}
	}
}
