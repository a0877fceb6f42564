package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// The owner desk corrects an instrument by emptying a date recorded by
// mistake: the record form asks for the reason the store requires, a
// date emptied without one is refused naming that field in words (and
// changes nothing), and with one the date is cleared. A desk that may
// not clear a date is not offered the field, and is told in its form,
// not on an error page, when it empties one.
func TestPageInstrumentClearDate(t *testing.T) {
	w := newInstrumentWorld(t, sqldbtest.NewSQLite(t))
	in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentMLA, Reference: "MLA/CLEAR/1", IssuingCountry: "IT", ExecutingCountry: "DE",
		IssuedOn: pageDate(t, day(-30)), ReceivedOn: pageDate(t, day(-20)), Status: crosscase.StatusIssued}
	if err := w.ts.db.CreateInstrument(userContext(w.it.User), in); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/instruments/%d", in.ID)
	de := w.ts.pageSignIn(w.de.User)
	res := de.get(path).wantStatus(http.StatusOK)
	if res.first("#f-clear_reason") != nil {
		t.Error("the executing desk is offered the reason for clearing a date")
	}
	// The executing desk that empties the date keeps its form, told why
	// in words, with the date marked.
	res = de.submit(res.form("#record-form").set("received_on", "")).wantStatus(http.StatusForbidden)
	if got := res.text("#form-error"); !strings.Contains(got, "Only the desk that owns the case clears a recorded date") || !strings.Contains(got, "Received") || strings.Contains(got, "received_on") {
		t.Errorf("the executing desk's refusal: %q", got)
	}
	if res.first(`#f-received_on[aria-invalid="true"]`) == nil {
		t.Error("the executing desk's emptied date is not marked")
	}
	it := w.ts.pageSignIn(w.it.User)
	form := it.get(path).wantStatus(http.StatusOK).form("#record-form")
	if _, ok := form.Values["clear_reason"]; !ok {
		t.Fatal("the record form has no reason for clearing a date")
	}
	form.set("received_on", "")
	res = it.submit(form).wantStatus(http.StatusUnprocessableEntity)
	if got := res.text("#form-error"); !strings.Contains(got, "Reason for clearing a date") || strings.Contains(got, "received_on") || strings.Contains(got, "clear_reason") {
		t.Errorf("the refusal: %q", got)
	}
	if res.first(`#f-clear_reason[aria-invalid="true"]`) == nil {
		t.Error("the reason is not marked")
	}
	if got, _ := w.ts.db.FindInstrumentByID(userContext(w.it.User), in.ID); got.ReceivedOn.IsZero() {
		t.Fatal("a refused form cleared the date")
	}
	form = res.form("#record-form")
	form.set("clear_reason", "Recorded on the wrong instrument.")
	it.submit(form).wantStatus(http.StatusSeeOther)
	if got, _ := w.ts.db.FindInstrumentByID(userContext(w.it.User), in.ID); !got.ReceivedOn.IsZero() || got.Status != crosscase.StatusIssued {
		t.Errorf("after the reason: received %s, status %s", got.ReceivedOn, got.Status)
	}
}
