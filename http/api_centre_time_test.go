package http

import (
	"fmt"
	"maps"
	"net/http"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPICentreTimeNotFromRequest: a user's request never sets when a
// change to a centre is logged; only a trusted loader does, through a
// change input's LoggedAt, which has no JSON name (README, Coordination
// centres (action day, live)). Every body of a change to a centre that
// also sends a time — the loader's field by its Go name, its snake-case
// name, or "at" as the log shows it — is refused 400 naming that field,
// with nothing stored; a page's form with such a field forged into it
// has it ignored. Every change is logged when it is stored.
func TestAPICentreTimeNotFromRequest(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		c := createCase(t, it, caseBody("Operation Harbour", map[string]any{"asked_countries": []string{"DE"}}))
		day, noon := centreDayAPI()
		start := time.Now().Add(-time.Second)
		const past = "2025-05-27T03:00:00Z"
		refused := func(path string, body map[string]any) {
			t.Helper()
			for _, key := range []string{"logged_at", "LoggedAt", "at"} {
				b := maps.Clone(body)
				b[key] = past
				it.post(path, b).wantProblem(t, http.StatusBadRequest, key)
			}
		}

		centres := fmt.Sprintf("/api/v1/cases/%d/centres", c.ID)
		open := map[string]any{"name": "Action day Harbour", "action_date": day,
			"zones": []map[string]string{{"country": "IT", "zone": "Europe/Rome"}, {"country": "DE", "zone": "Europe/Berlin"}}}
		refused(centres, open)
		var list server.List[*crosscase.Centre]
		it.get(centres).decode(t, http.StatusOK, &list)
		if len(list.Items) != 0 {
			t.Fatalf("a request with a time opened %d centres", len(list.Items))
		}
		var centre crosscase.Centre
		it.post(centres, open).decode(t, http.StatusCreated, &centre)
		cpath := fmt.Sprintf("/api/v1/centres/%d", centre.ID)

		plan := map[string]any{"kind": "search", "country": "DE", "place": "Hamburg", "planned_at": noon}
		refused(cpath+"/measures", plan)
		var m crosscase.Measure
		it.post(cpath+"/measures", plan).decode(t, http.StatusCreated, &m)
		mpath := fmt.Sprintf("/api/v1/measures/%d", m.ID)
		move := map[string]any{"version": m.Version, "state": "under_way"}
		refused(mpath+"/state", move)
		refused(mpath+"/decisions", map[string]any{"type": "eio"})
		refused(cpath+"/messages", map[string]any{"text": "Back-dated."})
		var board crosscase.CentreBoard
		it.get(cpath).decode(t, http.StatusOK, &board)
		refused(cpath+"/close", map[string]any{"version": board.Centre.Version})
		if board.LastSeq != 2 || board.Measures[0].State != crosscase.MeasurePlanned || board.Centre.State != crosscase.CentreOpen {
			t.Fatalf("a request with a time changed the centre: %d events, %s, %s", board.LastSeq, board.Measures[0].State, board.Centre.State)
		}

		it.post(mpath+"/state", move).decode(t, http.StatusOK, &m)
		// A page's form with a time forged into it: the field is not read.
		page := ts.pageSignIn(it.User)
		form := page.get(fmt.Sprintf("/centres/%d", centre.ID)).wantStatus(http.StatusOK).form(fmt.Sprintf(`form[action="/centres/%d/messages"]`, centre.ID))
		form.set("text", "Search under way.")
		for _, key := range []string{"logged_at", "LoggedAt", "at"} {
			form.Values[key] = []string{past}
		}
		page.submit(form).wantStatus(http.StatusSeeOther)
		it.get(cpath).decode(t, http.StatusOK, &board)
		it.post(cpath+"/close", map[string]any{"version": board.Centre.Version}).decode(t, http.StatusOK, &centre)
		end := time.Now().Add(time.Second)

		var log server.List[*crosscase.CentreEvent]
		it.get(cpath+"/log").decode(t, http.StatusOK, &log)
		kinds := []string{crosscase.EventCentreOpened, crosscase.EventMeasurePlaned, crosscase.EventMeasureMoved, crosscase.EventMessage, crosscase.EventCentreClosed}
		if len(log.Items) != len(kinds) {
			t.Fatalf("%d log entries, want %d", len(log.Items), len(kinds))
		}
		for i, ev := range log.Items {
			if ev.Kind != kinds[i] || ev.At.Before(start) || ev.At.After(end) {
				t.Fatalf("entry %d: %s at %s, want %s between %s and %s", ev.Seq, ev.Kind, ev.At, kinds[i], start, end)
			}
		}
		if centre.CreatedAt.Before(start) || centre.ClosedAt.Before(start) || m.ChangedAt.Before(start) {
			t.Fatalf("times not from the store's clock: created %s, closed %s, measure changed %s", centre.CreatedAt, centre.ClosedAt, m.ChangedAt)
		}
	})
}
