package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// TestCaseConflictSentence: when someone else saved the case first, the
// edit form says what to do in one whole sentence of the reader's
// language, its link the whole of it, not a link and a scrap of words
// glued after it that French and German could not put together ("Ouvrir
// l'affaire pour voir…", "Fall öffnen um die aktuelle Fassung…").
func TestCaseConflictSentence(t *testing.T) {
	w := newPageWorld(t, sqldbtest.NewSQLite(t))
	id := w.tramontana.ID
	for i, tc := range []struct{ lang, want string }{
		{"en", "Open the case to see the current version, then edit it again."},
		{"fr", "Ouvrez l'affaire pour voir la version actuelle, puis modifiez-la de nouveau."},
		{"de", "Öffnen Sie den Fall, um die aktuelle Fassung zu sehen, und bearbeiten Sie ihn dann erneut."},
	} {
		b := w.ts.pageSignIn(w.it)
		b.acceptLanguage = tc.lang
		sel := fmt.Sprintf(`form[action="/cases/%d"]`, id)
		edit := b.get(casePath(id) + "/edit").wantStatus(http.StatusOK).form(sel)
		stale := b.get(casePath(id) + "/edit").form(sel)
		b.submit(edit.set("title", fmt.Sprintf("Operation Tramontana %d", i))).wantStatus(http.StatusSeeOther)
		r := b.submit(stale.set("title", "Operation Overwrite")).wantStatus(http.StatusConflict)
		if got := r.text("#form-error a"); got != tc.want {
			t.Errorf("%s: the conflict's link says %q, want %q", tc.lang, got, tc.want)
		}
	}
}
