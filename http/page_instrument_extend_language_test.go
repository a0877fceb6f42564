package http

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageExtendChoiceInLanguage: the choice of a clock to extend on the
// instrument page is one phrase in the reader's language with the days
// the law allows and those already used, not fragments around numbers
// ("(bis zu 30 Tage, 5 verwendet)").
func TestPageExtendChoiceInLanguage(t *testing.T) {
	w := newInstrumentWorld(t, sqldbtest.NewSQLite(t))
	var in crosscase.Instrument
	w.it.post(fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID), map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0077", "issuing_country": "IT", "executing_country": "DE",
		"entity_id": w.e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &in)
	path := fmt.Sprintf("/api/v1/instruments/%d", in.ID)
	w.de.patch(path, map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &in)
	w.de.post(path+"/extensions", map[string]any{"clock": "eaw_decision", "days": 5, "reason": "Hearing postponed."}).decode(t, http.StatusOK, &in)
	b := w.ts.pageSignIn(w.de.User)
	for lang, want := range map[string]string{
		"en": "Final decision on surrender (up to 30 days, 5 used)",
		"de": "Endgültige Entscheidung über die Übergabe (bis zu 30 Tage, davon 5 genutzt)",
		"fr": "Décision définitive sur la remise (jusqu'à 30 jours ; jours déjà accordés : 5)",
		"it": "Decisione definitiva sulla consegna (fino a 30 giorni; giorni già concessi: 5)",
	} {
		b.acceptLanguage = lang
		got := b.get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK).texts("#f-clock option")
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: the clocks to extend read %q, want %q", lang, got, want)
		}
	}
}

// TestPageExtendKeepsClock: a refused extension gives back its form with
// the clock that was chosen still chosen, as the other fields keep theirs.
func TestPageExtendKeepsClock(t *testing.T) {
	w := newInstrumentWorld(t, sqldbtest.NewSQLite(t))
	var in crosscase.Instrument
	w.it.post(fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID), map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0078", "issuing_country": "IT", "executing_country": "DE",
		"entity_id": w.e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &in)
	w.de.patch(fmt.Sprintf("/api/v1/instruments/%d", in.ID), map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &in)
	b := w.ts.pageSignIn(w.de.User)
	path := fmt.Sprintf("/instruments/%d", in.ID)
	b.get(path).wantStatus(http.StatusOK)
	res := b.postCSRF(path+"/extensions", url.Values{"clock": {string(crosscase.ClockEAWDecision)}, "days": {"45"}, "extension_reason": {"Hearing postponed."}}).
		wantStatus(http.StatusUnprocessableEntity)
	var chosen []string
	for _, o := range res.all("#f-clock option") {
		for _, a := range o.Attr {
			if a.Key == "selected" {
				chosen = append(chosen, pageAttr(o, "value"))
			}
		}
	}
	if len(chosen) != 1 || chosen[0] != string(crosscase.ClockEAWDecision) {
		t.Errorf("after a refused extension the chosen clocks are %q, want %q", chosen, crosscase.ClockEAWDecision)
	}
	if got := pageAttr(res.one("#f-days"), "value"); got != "45" {
		t.Errorf("the days read %q, want 45", got)
	}
}
