package http

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// The Check a list page says in the reader's language why a list was
// refused, and names no field by its code: no file chosen, a file
// without a header line, and a mapping that names no column.
func TestPageCheckRefusalsInLanguage(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	b := w.ts.pageSignIn(w.de.User)
	b.acceptLanguage = "fr"
	upload := func(path string, fields url.Values, file string) *pageResult {
		t.Helper()
		if file == "" {
			return b.postFiles(path, fields)
		}
		return b.postFiles(path, fields, pageFile{"file", "liste.csv", []byte(file)})
	}
	for _, c := range []struct {
		path   string
		fields url.Values
		file   string
		want   string
	}{
		{"/checks", url.Values{"separator": {";"}}, "", "Choisissez un fichier CSV à vérifier (64 MiB au plus)."},
		{"/checks", url.Values{"separator": {";"}}, "\n", "Le fichier n'a pas de ligne d'en-tête nommant ses colonnes."},
		{"/checks/run", url.Values{"separator": {";"}, "data": {"aWQ7bmFtZQpOLTc7QXJiZW4gQ0VMQQo="}, "col0": {""}, "col1": {""}}, "", "Indiquez quelle colonne contient quel champ."},
	} {
		got := upload(c.path, c.fields, c.file).wantStatus(http.StatusUnprocessableEntity).text("#form-error")
		if got != c.want || strings.Contains(got, "file") || strings.Contains(got, "mapping") {
			t.Errorf("%s: %q, want %q", c.path, got, c.want)
		}
	}
}
