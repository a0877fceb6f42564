package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// The refusals of an instrument and of a coordination centre that name
// an instrument type, a legal clock, a country or a moment read wholly in
// the reader's language: the scope of the European Arrest Warrant with
// the instrument to use instead, an extension beyond what the law
// allows, a clock the law does not extend, a status the type does not
// have, a moment to come, and a centre closed already.
func TestPageInstrumentRefusalsInLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		it := w.ts.pageSignIn(w.it.User)
		de := w.ts.pageSignIn(w.de.User)
		text := func(r *pageResult) string { return r.text("main") }
		want := func(what, got string, wants ...string) {
			t.Helper()
			for _, s := range wants {
				if !strings.Contains(got, s) {
					t.Errorf("%s: %q lacks %q", what, got, s)
				}
			}
			for _, en := range []string{"European Arrest Warrant", "runs only", "Final decision", "Surrender of the person", "is not one", "in all", "read-only"} {
				if strings.Contains(got, en) {
					t.Errorf("%s: %q holds the English %q", what, got, en)
				}
			}
		}

		// A European Arrest Warrant to Albania, in French and Italian.
		for _, tc := range []struct{ lang, want string }{
			{"fr", "Un mandat d'arrêt européen ne s'applique qu'entre les États membres de l'UE (décision-cadre 2002/584/JAI) ; Albanie (AL) n'en est pas un : utilisez une demande d'extradition (extradition)."},
			{"it", "Un mandato d'arresto europeo si applica solo tra gli Stati membri dell'UE (decisione quadro 2002/584/GAI); Albania (AL) non è uno di questi: usi una domanda di estradizione (extradition)."},
		} {
			it.acceptLanguage = tc.lang
			res := it.postCSRF(fmt.Sprintf("/cases/%d/instruments", w.c.ID), url.Values{"type": {"eaw"}, "reference": {"EAW/FORM/1"}, "issuing_country": {"IT"},
				"executing_country": {"AL"}, "issued_on": {day(-3)}}).wantStatus(http.StatusUnprocessableEntity)
			want("scope in "+tc.lang, res.text("#form-error"), tc.want)
		}

		// An urgent freezing certificate received at a moment to come, in
		// French: the moment as French writes it.
		it.acceptLanguage = "fr"
		next := time.Now().UTC().AddDate(0, 0, 3)
		res := it.postCSRF(fmt.Sprintf("/cases/%d/instruments", w.c.ID), url.Values{"type": {"freezing"}, "reference": {"GEL/1"}, "issuing_country": {"IT"},
			"executing_country": {"DE"}, "issued_on": {day(-3)}, "received_on": {next.Format(time.DateOnly)}, "received_at": {next.Format("2006-01-02") + "T09:30"}, "urgent": {"1"}}).wantStatus(http.StatusUnprocessableEntity)
		want("a moment to come in French", res.text("#form-error"), "La réception ("+next.Format("02/01/2006")+" 09:30 UTC) ne peut pas être dans le futur : enregistrez-la une fois faite.")

		// An arrest warrant whose decision runs, extended by 20 days: 20
		// more are beyond the 30 the law allows, in German.
		in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/EXT", IssuingCountry: "IT", ExecutingCountry: "DE",
			EntityID: w.e.ID, IssuedOn: pageDate(t, day(-20)), ArrestOn: pageDate(t, day(-10)), Status: crosscase.StatusArrested}
		if err := db.CreateInstrument(userContext(w.it.User), in); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/instruments/%d", in.ID)
		extend := url.Values{"clock": {string(crosscase.ClockEAWDecision)}, "days": {"20"}, "extension_reason": {"Anhörung verschoben."}}
		de.acceptLanguage = "de"
		de.get(path).wantStatus(http.StatusOK)
		de.follow(de.postCSRF(path+"/extensions", extend)).wantStatus(http.StatusOK)
		res = de.postCSRF(path+"/extensions", extend).wantStatus(http.StatusUnprocessableEntity)
		want("extension beyond the law in German", text(res),
			`Das Gesetz erlaubt höchstens 30 Tage Verlängerung für "Endgültige Entscheidung über die Übergabe" insgesamt (20 bereits gewährt)`)

		// The surrender of the person is not extended, in French.
		de.acceptLanguage = "fr"
		res = de.postCSRF(path+"/extensions", url.Values{"clock": {string(crosscase.ClockEAWSurrender)}, "days": {"5"}, "extension_reason": {"Audience reportée."}}).wantStatus(http.StatusUnprocessableEntity)
		want("a clock the law does not extend in French", text(res), `La loi ne permet aucune prolongation de "Remise de la personne".`)

		// A status the European Arrest Warrant does not have, in Italian.
		de.acceptLanguage = "it"
		form := de.get(path).wantStatus(http.StatusOK).form(`form[action="` + path + `"]`)
		res = de.submit(form.set("status", "recognised")).wantStatus(http.StatusUnprocessableEntity)
		want("a status of another type in Italian", text(res), "Mandato d'arresto europeo")

		// A centre closed twice, in French: the second close says when
		// it closed, as French writes dates.
		it.acceptLanguage = "fr"
		centre := &crosscase.Centre{CaseID: w.c.ID, Name: "Journée d'action", ActionDate: crosscase.DateOf(time.Now()),
			Zones: []crosscase.CentreZone{{Country: "IT", Zone: "Europe/Rome"}}}
		if err := db.CreateCentre(userContext(w.it.User), centre); err != nil {
			t.Fatal(err)
		}
		board := it.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK)
		closeForm := board.form(`form[action$="/close"]`)
		it.follow(it.submit(closeForm)).wantStatus(http.StatusOK)
		res = it.submit(closeForm)
		today := time.Now().UTC().Format("02/01/2006")
		want("a centre closed twice in French", text(res), "Le centre a été clôturé le "+today, "UTC : il est en lecture seule.")
	})
}

// The law that sets each clock is named in the reader's language on the
// instrument page: "Rahmenbeschluss 2002/584/JI, Art. 17 Abs. 3", not
// "Framework Decision 2002/584/JHA, Art. 17(3)".
func TestPageInstrumentClockLawInLanguage(t *testing.T) {
	w := newInstrumentWorld(t, sqldbtest.NewSQLite(t))
	in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/LAW", IssuingCountry: "IT", ExecutingCountry: "DE",
		EntityID: w.e.ID, IssuedOn: pageDate(t, day(-20)), ArrestOn: pageDate(t, day(-10)), Status: crosscase.StatusArrested}
	if err := w.ts.db.CreateInstrument(userContext(w.it.User), in); err != nil {
		t.Fatal(err)
	}
	de := w.ts.pageSignIn(w.de.User)
	for lang, want := range map[string][]string{
		"en": {"Framework Decision 2002/584/JHA, Art. 17(3)", "Framework Decision 2002/584/JHA, Art. 23(2)"},
		"fr": {"Décision-cadre 2002/584/JAI, art. 17, par. 3", "Décision-cadre 2002/584/JAI, art. 23, par. 2"},
		"de": {"Rahmenbeschluss 2002/584/JI, Art. 17 Abs. 3", "Rahmenbeschluss 2002/584/JI, Art. 23 Abs. 2"},
		"it": {"Decisione quadro 2002/584/GAI, art. 17, par. 3", "Decisione quadro 2002/584/GAI, art. 23, par. 2"},
	} {
		de.acceptLanguage = lang
		got := de.get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK).texts("#clocks tbody td.small")
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: the clocks' law %q, want %q", lang, got, want)
		}
	}
}
