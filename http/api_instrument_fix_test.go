package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// newArrestedEAW creates an EAW of w's case, arrested 30 days ago by DE.
func newArrestedEAW(t *testing.T, w *instrumentWorld) (string, crosscase.Instrument) {
	t.Helper()
	var in crosscase.Instrument
	w.it.post(fmt.Sprintf("/api/v1/cases/%d/instruments", w.c.ID), map[string]any{"type": "eaw", "reference": "EAW/BA/2025/0099", "issuing_country": "IT", "executing_country": "DE",
		"entity_id": w.e.ID, "issued_on": day(-40)}).decode(t, http.StatusCreated, &in)
	path := fmt.Sprintf("/api/v1/instruments/%d", in.ID)
	w.de.patch(path, map[string]any{"version": 1, "arrest_on": day(-30), "status": "arrested"}).decode(t, http.StatusOK, &in)
	return path, in
}

// TestAPIExtensionDaysBounded: days outside 1..30 are a 400 naming days,
// not a 500, and change nothing.
func TestAPIExtensionDaysBounded(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		path, in := newArrestedEAW(t, w)
		for _, days := range []any{int64(1) << 40, 9223372036854775807, 31, 0, -5} {
			w.de.post(path+"/extensions", map[string]any{"clock": "eaw_decision", "days": days, "reason": "Hearing postponed"}).wantProblem(t, http.StatusBadRequest, "days")
		}
		var got crosscase.Instrument
		w.de.get(path).decode(t, http.StatusOK, &got)
		if got.Version != in.Version || len(got.Extensions) != 0 {
			t.Fatalf("changed: %+v", got.Extensions)
		}
	})
}

// TestAPISurrenderDatesAndClearing: a new agreed surrender date starts a
// new 10-day limit (FD 2002/584/JHA Art. 23(3)); bad input names the
// field; another desk gets 404; the executing desk may not clear a date.
func TestAPISurrenderDatesAndClearing(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		path, in := newArrestedEAW(t, w)
		w.de.patch(path, map[string]any{"version": in.Version, "arrest_on": ""}).wantProblem(t, http.StatusForbidden, "arrest_on")
		w.de.patch(path, map[string]any{"version": in.Version, "received_on": day(-35), "decision_on": day(-20), "status": "surrender_ordered"}).decode(t, http.StatusOK, &in)
		sd := path + "/surrender-dates"
		w.fr.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "force_majeure", "reason": "Strike"}).wantProblem(t, http.StatusNotFound, "")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "holiday", "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "ground")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-30), "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusUnprocessableEntity, "agreed_on")
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": "tomorrow", "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusBadRequest, "agreed_on")
		w.de.post(sd, map[string]any{"version": in.Version + 5, "agreed_on": day(-1), "ground": "force_majeure", "reason": "x"}).wantProblem(t, http.StatusConflict, "")
		var got crosscase.Instrument
		w.de.post(sd, map[string]any{"version": in.Version, "agreed_on": day(-1), "ground": "humanitarian", "reason": "The person is in hospital"}).decode(t, http.StatusOK, &got)
		for _, c := range got.Clocks {
			if c.Kind == crosscase.ClockEAWSurrender && (c.Due.String() != day(9) || c.State != crosscase.ClockRunning || c.Article != "Framework Decision 2002/584/JHA, Art. 23(4)") {
				t.Fatalf("surrender clock %+v", c)
			}
		}
		if len(got.SurrenderDates) != 1 || got.Version != in.Version+1 {
			t.Fatalf("instrument %+v", got)
		}
	})
}
