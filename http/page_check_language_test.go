package http

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
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

// The rows of a list that cannot be read are listed in the reader's
// language, each after its line and column, beside the hits of the
// others or, when no row can be read, under the refusal; the API says
// the same in English, as before.
func TestPageCheckUnreadableRowsInLanguage(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	b := w.ts.pageSignIn(w.de.User)
	b.acceptLanguage = "fr"
	mapping := url.Values{"separator": {";"}, "col0": {"id"}, "col1": {"full_name"}, "col2": {"birth_date"}, "col3": {"phone"}}
	run := func(list string) *pageResult {
		t.Helper()
		v := url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(list))}, "format": {"html"}}
		for k, vs := range mapping {
			v[k] = vs
		}
		return b.postFiles("/checks/run", v)
	}
	const badDate = "N-9;Ilir;31.02.1980;\n"
	const badQuote = "N-10;Ma\"rio Rossi;;\n"
	dateFR := `Ligne 3, colonne dob : "31.02.1980" n'est pas une date de 1900 à 2200 écrite AAAA-MM-JJ, AAAAMMJJ, JJ.MM.AAAA ou JJ/MM/AAAA.`
	quoteFR := "Ligne 4 : La ligne ne peut pas être lue comme du CSV : un guillemet est mal placé (un champ contenant des guillemets s'écrit entre guillemets, les siens doublés)."

	// Beside the hits.
	res := run(checkList[:strings.Index(checkList, "N-8")] + badDate + badQuote).wantStatus(http.StatusOK)
	if got := res.texts("#unreadable-rows li"); !slices.Equal(got, []string{dateFR, quoteFR}) {
		t.Errorf("unreadable rows in French:\n%q\nwant\n%q", got, []string{dateFR, quoteFR})
	}
	if len(res.all("#check-hits tbody tr")) == 0 {
		t.Error("the readable row was not checked")
	}
	// The line and its reason are set off by a no-break space, as French
	// writes a colon.
	if !strings.Contains(res.Body, "Ligne 3, colonne dob\u00a0: ") || !strings.Contains(res.Body, "Ligne 4\u00a0: ") {
		t.Error("the colons of the unreadable rows are not set off by a no-break space")
	}

	// No row readable: refused, and each row is said why.
	res = run("id;name;dob;tel\n" + badDate + badQuote).wantStatus(http.StatusUnprocessableEntity)
	if got, want := res.text("#form-error"), "Aucune ligne du fichier n'a pu être lue, rien n'a donc été vérifié."; got != want {
		t.Errorf("no row readable: %q, want %q", got, want)
	}
	if got := res.texts("#unreadable-rows li"); !slices.Equal(got, []string{strings.Replace(dateFR, "Ligne 3", "Ligne 2", 1), strings.Replace(quoteFR, "Ligne 4", "Ligne 3", 1)}) {
		t.Errorf("no row readable, the rows: %q", got)
	}
	// In German, a kind of entity that is not one.
	b.acceptLanguage = "de"
	mapping["col3"] = []string{"kind"}
	res = run("id;name;dob;kind\nN-11;Mario Rossi;;vessel\n").wantStatus(http.StatusUnprocessableEntity)
	if got, want := res.texts("#unreadable-rows li"), []string{`Zeile 2, Spalte kind: "vessel" ist keine Art von Entität.`}; !slices.Equal(got, want) {
		t.Errorf("in German: %q, want %q", got, want)
	}

	// The API's answer stays in English, without the kind.
	out := w.de.do("POST", checkPath(""), checkList+badDate, "Content-Type: text/csv")
	if out.Status != http.StatusOK || !strings.Contains(string(out.Body), `"message":"\"31.02.1980\" is not a date from 1900 to 2200 written YYYY-MM-DD, YYYYMMDD, DD.MM.YYYY or DD/MM/YYYY"`) || strings.Contains(string(out.Body), `"kind":"birth_date"`) {
		t.Errorf("the API's unreadable rows: %d %s", out.Status, out.Body)
	}
}
