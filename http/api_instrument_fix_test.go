package http

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
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

// auditCount counts the audit entries of action on objectType.
func auditCount(t *testing.T, db *sqldb.DB, action, objectType string) int {
	t.Helper()
	admin := crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
	entries, _, err := db.FindAuditEntries(admin, crosscase.AuditFilter{Action: action, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.ObjectType == objectType {
			n++
		}
	}
	return n
}

// TestCalendarFeedETag: an unchanged feed polled with If-None-Match is a
// 304 with no audit entry; a change gives a new tag; bad and revoked
// tokens are audited as refusals, without the token.
func TestCalendarFeedETag(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newInstrumentWorld(t, db)
		newArrestedEAW(t, w)
		b := w.ts.pageSignIn(w.de.User)
		u, err := url.Parse(b.postCSRF("/account/calendar-tokens", url.Values{}).wantStatus(http.StatusOK).text("#new-calendar-url"))
		if err != nil {
			t.Fatal(err)
		}
		get := func(path, inm string) *http.Response {
			t.Helper()
			req, _ := http.NewRequest("GET", w.ts.URL()+path, nil)
			if inm != "" {
				req.Header.Set("If-None-Match", inm)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			return resp
		}
		first := get(u.Path, "")
		tag := first.Header.Get("ETag")
		if first.StatusCode != http.StatusOK || tag == "" {
			t.Fatalf("first poll %d, tag %q", first.StatusCode, tag)
		}
		lists := auditCount(t, db, crosscase.ActionList, "instrument_deadline")
		if again := get(u.Path, tag); again.StatusCode != http.StatusNotModified || again.Header.Get("ETag") != tag {
			t.Fatalf("unchanged poll %d, tag %q", again.StatusCode, again.Header.Get("ETag"))
		}
		if n := auditCount(t, db, crosscase.ActionList, "instrument_deadline"); n != lists {
			t.Fatalf("a 304 wrote %d audit entries", n-lists)
		}
		// A new instrument changes the feed: 200 with a new tag.
		newArrestedEAW(t, w)
		if changed := get(u.Path, tag); changed.StatusCode != http.StatusOK || changed.Header.Get("ETag") == tag {
			t.Fatalf("changed poll %d, tag %q", changed.StatusCode, changed.Header.Get("ETag"))
		}
		// Bad tokens are refusals in the audit log.
		refusals := auditCount(t, db, crosscase.ActionRefuse, "calendar_token")
		if r := get("/calendar/ccal_guess.ics", ""); r.StatusCode != http.StatusNotFound {
			t.Fatalf("bad token %d", r.StatusCode)
		}
		if n := auditCount(t, db, crosscase.ActionRefuse, "calendar_token"); n != refusals+1 {
			t.Fatalf("bad token refusals %d, want %d", n, refusals+1)
		}
	})
}
