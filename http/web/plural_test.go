package web

import (
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
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
		{"en", 2, 1, 1, "2 entities imported from 1 line of the file, with 1 relation between them: see the link chart."},
		{"en", 3, 1, 2, "3 entities imported from 1 line of the file, with 2 relations between them: see the link chart."},
		{"en", 3, 2, 0, "3 entities imported from 2 lines of the file; no relations: record them on the link chart."},
		{"en", 3, 2, 1, "3 entities imported from 2 lines of the file, with 1 relation between a person or company and an identifier of its line: see the link chart."},
		{"en", 5, 2, 3, "5 entities imported from 2 lines of the file, with 3 relations between a person or company and the identifiers of its line: see the link chart."},
		{"fr", 1, 1, 0, "1 entité importée de 1 ligne du fichier\u00a0; aucune relation\u00a0: enregistrez-les sur le graphe des liens."},
		{"fr", 3, 2, 1, "3 entités importées de 2 lignes du fichier, avec 1 relation entre une personne ou une société et un identifiant de sa ligne\u00a0: voyez le graphe des liens."},
		{"de", 2, 1, 1, "2 Entitäten aus 1 Zeile der Datei importiert, mit 1 Beziehung zwischen ihnen: siehe das Verbindungsdiagramm."},
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

// The English of a press text on the pages counts as the JSON API's does.
func TestPressCountsInEnglish(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	en := c.Printer("en")
	for other, one := range crosscase.PressCountsInEnglish() {
		if got := en.Forms(other); got["one"] != one || got["other"] != other {
			t.Errorf("%q: the pages' forms %v, the API's one %q", other, got, one)
		}
	}
}
