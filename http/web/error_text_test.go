package web

import (
	"testing"
	"time"

	"crosscase"
	"crosscase/locale"
)

// TestErrorTextPhrasesAndDates: a refusal whose format takes an English
// phrase (what a date dates) is translated with the phrase written into
// it, and its dates are written as the reader's language writes them;
// every phrase the domain and the store pass has its formats translated.
func TestErrorTextPhrasesAndDates(t *testing.T) {
	catalog, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	today := crosscase.Date{Year: 2026, Month: 12, Day: 6}
	future := crosscase.Date{Year: 2027, Month: 1, Day: 2}
	for _, c := range []struct {
		lang string
		err  error
		want string
	}{
		{"fr", crosscase.NotFuture("opened_on", future, today, "opening date"),
			"La date d'ouverture (02/01/2027) ne peut pas être dans le futur\u00a0: enregistrez-la une fois l'ouverture faite."},
		{"de", crosscase.NotFuture("signed_on", future, today, "signature of the JIT agreement"),
			"Die Unterzeichnung der GEG-Vereinbarung (02.01.2027) kann nicht in der Zukunft liegen: Erfassen Sie sie, wenn sie erfolgt ist."},
		{"it", crosscase.FieldErrorf("received_on", "The %s (%s) cannot be before the %s (%s).", "receipt", today, "issue", future),
			"La ricezione (06/12/2026) non può precedere l'emissione (02/01/2027)."},
		{"it", crosscase.NotFuture("birth_date", future, today, "date of birth"),
			"La data di nascita (02/01/2027) non può essere nel futuro: la registri quando la nascita è avvenuta."},
		{"es", crosscase.NotFutureMoment("received_at", future.Time().Add(9*time.Hour+30*time.Minute), today, "receipt"),
			"La recepción (02/01/2027 09:30 UTC) no puede estar en el futuro: regístrela una vez que haya ocurrido."},
		// An instrument's status by its label.
		{"fr", crosscase.FieldErrorf("received_on", "Status %s needs this date.", crosscase.StatusSurrenderOrdered),
			"Le statut remise ordonnée exige cette date."},
		// An amount of euros with the language's digit groups; an id not.
		{"de", crosscase.FieldErrorf("granted_eur", "The grant must be between 1 and the %d euros applied for.", int64(45000)),
			"Die Bewilligung muss zwischen 1 und den beantragten 45.000 Euro liegen."},
		{"fr", crosscase.FieldErrorf("granted_eur", "The grant must be between 1 and the %d euros applied for.", int64(45000)),
			"La subvention doit être comprise entre 1 et les 45\u202f000 euros demandés."},
		{"fr", crosscase.FieldErrorf("user_id", "User %d is not a member of this JIT.", int64(12345)),
			"L'utilisateur 12345 n'est pas membre de cette ECE."},
		// English keeps the store's words and dates.
		{"en", crosscase.NotFuture("opened_on", future, today, "opening date"),
			"The opening date (2027-01-02) cannot be in the future: record it once it has happened."},
		// A value that is no phrase stays a value.
		{"fr", crosscase.FieldErrorf("x", "The %s (%s) cannot be in the future: record it once it has happened.", "party", future),
			"The party (2027-01-02) cannot be in the future: record it once it has happened."},
	} {
		if got := errorText(catalog.Printer(c.lang), c.err); got != c.want {
			t.Errorf("%s: %q\n want %q", c.lang, got, c.want)
		}
	}
	// Each phrase has the formats it is passed to translated.
	for _, l := range locale.Languages[1:] {
		p := catalog.Printer(l.Tag)
		for _, what := range []string{"opening date", "closing date", "signature of the JIT agreement", "agreement to extend the JIT", "application", "decision", "action", "result",
			"issue", "receipt", "acknowledgement", "arrest", "consent", "execution", "surrender", "final decision", "end of coordination", "transmission", "acquittal", "date of birth"} {
			if f, _ := specialiseFormat("The %s (%s) cannot be in the future: record it once it has happened.", []any{what, future}); !p.Has(f) {
				t.Errorf("%s: no translation of %q", l.Tag, f)
			}
		}
		for _, what := range [][2]string{{"receipt", "issue"}, {"acknowledgement", "receipt"}, {"arrest", "issue"}, {"consent", "arrest"},
			{"decision", "arrest"}, {"decision", "receipt"}, {"execution", "decision"}, {"surrender", "decision"}} {
			if f, _ := specialiseFormat("The %s (%s) cannot be before the %s (%s).", []any{what[0], today, what[1], future}); !p.Has(f) {
				t.Errorf("%s: no translation of %q", l.Tag, f)
			}
			if f, _ := specialiseFormat("Record the %s date first: %s cannot come before it.", []any{what[1], what[0]}); !p.Has(f) {
				t.Errorf("%s: no translation of %q", l.Tag, f)
			}
		}
	}
}
