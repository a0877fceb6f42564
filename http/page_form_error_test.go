package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestFormErrorsInWords: a refused form names its field by the label the
// form shows, and a country not chosen is asked for, not reported as an
// empty code.
func TestFormErrorsInWords(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		it := w.ts.pageSignIn(w.it.User)
		auth := w.ts.pageNewAuthority("IT", "Procura di Bari", crosscase.AuthorityProsecution, "Bari")

		// A JIT of one party.
		it.get("/jits/new").wantStatus(http.StatusOK)
		res := it.postCSRF("/jits", url.Values{"name": {"JIT Lake"}, "signed_on": {day(-10)}, "duration_months": {"12"}, "authority_ids": {fmt.Sprint(auth.ID)}}).wantStatus(http.StatusUnprocessableEntity)
		msg := res.text(`main p.alert[role="alert"]`)
		if !strings.Contains(msg, "at least two countries") || strings.Contains(msg, ". parties:") || !strings.Contains(msg, "Authorities of the parties:") {
			t.Errorf("JIT form: %q", msg)
		}

		// An instrument without an executing country.
		path := fmt.Sprintf("/cases/%d/instruments", w.c.ID)
		res = it.postCSRF(path, url.Values{"type": {"mla"}, "reference": {"MLA/FORM/1"}, "issuing_country": {"IT"}, "executing_country": {""}, "issued_on": {day(-3)}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#form-error"); !strings.Contains(got, "Choose the executing country.") || strings.Contains(got, `""`) || strings.Contains(got, "ISO") {
			t.Errorf("instrument form: %q", got)
		}
		if res.first(`#f-executing_country[aria-invalid="true"]`) == nil {
			t.Error("the executing country is not marked")
		}
		// A receipt before the issue: named by the field's label.
		res = it.postCSRF(path, url.Values{"type": {"mla"}, "reference": {"MLA/FORM/1"}, "issuing_country": {"IT"}, "executing_country": {"FR"}, "issued_on": {day(-3)}, "received_on": {day(-5)}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#form-error"); !strings.Contains(got, "Received") || strings.Contains(got, "received_on") {
			t.Errorf("instrument form, receipt before issue: %q", got)
		}
		// In another language too.
		it.acceptLanguage = "de"
		res = it.postCSRF(path, url.Values{"type": {"mla"}, "reference": {"MLA/FORM/1"}, "issuing_country": {"IT"}, "executing_country": {""}, "issued_on": {day(-3)}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#form-error"); !strings.Contains(got, "Wählen Sie den Vollstreckungsstaat.") {
			t.Errorf("instrument form in German: %q", got)
		}
		// A receipt before the issue, in French: what each date dates in
		// words, and the dates as French writes them.
		it.acceptLanguage = "fr"
		res = it.postCSRF(path, url.Values{"type": {"mla"}, "reference": {"MLA/FORM/1"}, "issuing_country": {"IT"}, "executing_country": {"FR"}, "issued_on": {day(-3)}, "received_on": {day(-5)}}).wantStatus(http.StatusUnprocessableEntity)
		french := func(iso string) string { return iso[8:10] + "/" + iso[5:7] + "/" + iso[0:4] }
		if got, want := res.text("#form-error"), "La réception ("+french(day(-5))+") ne peut pas précéder l'émission ("+french(day(-3))+")."; !strings.Contains(got, want) {
			t.Errorf("instrument form in French: %q, want %q", got, want)
		}
		// French sets the colon after the field's label off by a no-break
		// space.
		if !strings.Contains(res.Body, "</a>\u00a0: La réception") || strings.Contains(res.Body, "</a>: ") {
			t.Errorf("instrument form in French: the label's colon is not set off by a no-break space: %q", res.text("#form-error"))
		}
		// A status chosen before its dates, in French: the statuses by
		// their labels.
		mla := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentMLA, Reference: "MLA/FORM/2", IssuingCountry: "IT", ExecutingCountry: "DE",
			IssuedOn: pageDate(t, day(-30)), ReceivedOn: pageDate(t, day(-20)), Status: crosscase.StatusReceived}
		if err := db.CreateInstrument(userContext(w.it.User), mla); err != nil {
			t.Fatal(err)
		}
		res = it.postCSRF(fmt.Sprintf("/instruments/%d", mla.ID), url.Values{"version": {"1"}, "received_on": {day(-20)}, "status": {"executed"}}).wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#form-error"); !strings.Contains(got, "Le statut exécuté") || strings.Contains(got, "executed") {
			t.Errorf("status before its dates in French: %q", got)
		}
		// A case opened in the future, in Italian.
		it.acceptLanguage = "it"
		res = it.postCSRF("/cases", url.Values{"title": {"Porto di Bari"}, "crime_types": {"drug_trafficking"}, "status": {"open"}, "opened_on": {day(30)}}).wantStatus(http.StatusUnprocessableEntity)
		if got, want := res.text("#form-error"), "La data di apertura ("+french(day(30))+") non può essere nel futuro"; !strings.Contains(got, want) {
			t.Errorf("case form in Italian: %q, want %q", got, want)
		}
	})
}
