package web

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
	"crosscase/match"
)

// The confirmation of an import writes each of its counts in its own
// plural form: one entity, lines and relations counted apart.
func TestImportFlashPluralForms(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang                       string
		entities, lines, relations int
		want                       string
	}{
		{"en", 1, 1, 0, "1 entity imported from 1 line of the file; no relations: record them on the link chart."},
		{"en", 3, 1, 0, "3 entities imported from 1 line of the file; no relations: record them on the link chart."},
		{"en", 2, 1, 1, "2 entities imported from 1 line of the file, with 1 relation between a person or company and an identifier of its line: see the link chart."},
		{"en", 3, 1, 2, "3 entities imported from 1 line of the file, with 2 relations between a person or company and the identifiers of its line: see the link chart."},
		{"en", 3, 2, 0, "3 entities imported from 2 lines of the file; no relations: record them on the link chart."},
		{"en", 3, 2, 1, "3 entities imported from 2 lines of the file, with 1 relation between a person or company and an identifier of its line: see the link chart."},
		{"en", 5, 2, 3, "5 entities imported from 2 lines of the file, with 3 relations between a person or company and the identifiers of its line: see the link chart."},
		{"fr", 1, 1, 0, "1 entité importée de 1 ligne du fichier\u00a0; aucune relation\u00a0: enregistrez-les sur le graphe des liens."},
		{"fr", 3, 2, 1, "3 entités importées de 2 lignes du fichier, avec 1 relation entre une personne ou une société et un identifiant de sa ligne\u00a0: voyez le graphe des liens."},
		{"de", 2, 1, 1, "2 Entitäten aus 1 Zeile der Datei importiert, mit 1 Beziehung zwischen einer Person oder Firma und einer Kennung ihrer Zeile: siehe das Verbindungsdiagramm."},
	} {
		code, counts := importFlash(tc.entities, tc.lines, tc.relations)
		args := make([]any, len(counts))
		for i, n := range counts {
			args[i] = n
			if phrases := flashPhrases[code]; i < len(phrases) && phrases[i] != "" {
				args[i] = countPhrase{phrases[i], n}
			}
		}
		if got := flashText(c.Printer(tc.lang), flashMessages[code], args); got != tc.want {
			t.Errorf("%s %d/%d/%d: %q, want %q", tc.lang, tc.entities, tc.lines, tc.relations, got, tc.want)
		}
	}
}

// A result counted once on the timeline is singular: "1 arrest", not
// "1 arrests".
func TestTimelineCountPluralForms(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 arrest in "}, {"en", 2, "2 arrests in "}, {"fr", 1, "1 arrestation en "}, {"fr", 3, "3 arrestations en "}, {"it", 1, "1 arresto in "},
	} {
		e := crosscase.TimelineEvent{Kind: crosscase.TimelineResult, TitleFormat: "%d arrests in %s", TitleArgs: []any{tc.n, "IT"}}
		if got := eventTitler(c.Printer(tc.lang))(e); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s %d: %q, want %q…", tc.lang, tc.n, got, tc.want)
		}
	}
}

// The English of the pages counts as the English of the JSON API and the
// command line does (crosscase.CountInEnglish): the same singular for
// every message both write, a press text's counts, a result's title on
// the timeline and the counts messages write as values among them.
func TestCountsInEnglish(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := c.Printer("en")
	counts := crosscase.CountsInEnglish()
	for _, k := range append(append(crosscase.PressTextFormats(), crosscase.TimelineTitleFormats()...), countValueFormats...) {
		if _, ok := counts[k]; !ok && en.Forms(k) != nil {
			t.Errorf("%q has plural forms on the pages but no English singular for the API", k)
		}
	}
	for _, k := range countValueFormats {
		if _, ok := counts[k]; !ok || en.Forms(k) == nil {
			t.Errorf("%q: a count written as a value needs its singular in English and its forms on the pages", k)
		}
	}
	for other, one := range counts {
		if got := en.Forms(other); got != nil && (got["one"] != one || got["other"] != other) {
			t.Errorf("%q: the pages' forms %v, the API's one %q", other, got, one)
		}
	}
}

// A message that counts two things writes each in the form of its own
// number, as does a problem of the audit log's verification that counts
// a checkpoint's entries after an entry's number.
func TestCountValuesPluralForms(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	entries := func(n int64) crosscase.Count { return crosscase.Count{Format: "%d entries", N: n} }
	rewritten := "history has been rewritten: entry %d does not have the hash that the signed checkpoint of %s (%s) gives it"
	for _, tc := range []struct {
		lang string
		got  string
		want string
	}{
		{"en", rowErrorText(c.Printer("en"), match.RowError{Line: 4, Kind: match.RowFieldCount, Args: []any{crosscase.Count{Format: "%d fields", N: 1}, crosscase.Count{Format: "%d columns", N: 7}}}),
			"Line 4: The row has 1 field; the header names 7 columns."},
		{"fr", rowErrorText(c.Printer("fr"), match.RowError{Line: 4, Kind: match.RowFieldCount, Args: []any{crosscase.Count{Format: "%d fields", N: 8}, crosscase.Count{Format: "%d columns", N: 1}}}),
			"Ligne 4\u00a0: La ligne a 8 champs\u00a0; l'en-tête nomme 1 colonne."},
		{"en", auditProblemText(c.Printer("en"), crosscase.AuditProblem{Format: rewritten, Args: []any{int64(12), entries(1), crosscase.AuditSource{Entry: 2}}}),
			"History has been rewritten: entry 12 does not have the hash that the signed checkpoint of 1 entry (recorded at entry 2) gives it."},
		{"de", auditProblemText(c.Printer("de"), crosscase.AuditProblem{Format: rewritten, Args: []any{int64(1), entries(1), crosscase.AuditSource{Entry: 2}}}),
			"Der Verlauf wurde umgeschrieben: Eintrag 1 hat nicht den Hash, den ihm der signierte Prüfpunkt über 1 Eintrag (erfasst als Eintrag 2) gibt."},
		{"it", errorText(c.Printer("it"), errOf(crosscase.ListCheckQuota(10, 10, 1))),
			"L'elenco verifica 1 nome o identificativo e oggi può verificarne ancora 0 (al massimo 10 al giorno, e una riga conta una volta per ogni nome o identificativo che verifica); non è stato verificato nulla. Verifichi un elenco più breve, o riprovi domani."},
		{"en", errorText(c.Printer("en"), errOf(crosscase.ListCheckQuota(10, 8, 5))),
			"The list checks 5 names and identifiers and you may check 2 more today (at most 10 a day, a row counting once for each name or identifier it checks); nothing was checked. Check a shorter list, or try again tomorrow."},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, tc.got, tc.want)
		}
	}
}

func errOf(_ int, err error) error { return err }
