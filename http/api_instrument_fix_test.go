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
