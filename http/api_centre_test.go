package http

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// sseEvent is one Server-Sent Event as a client reads it.
type sseEvent struct {
	ID    int64
	Event string
	Data  crosscase.CentreEvent
}

// openStream opens path as an event stream with c's token (and
// Last-Event-ID when lastID is not ""); events arrive on the channel
// until the stream ends or stop is called.
func openStream(t testing.TB, base, token, path, lastID string) (<-chan sseEvent, int, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	ch := make(chan sseEvent, 1024)
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		close(ch)
		return ch, res.StatusCode, cancel
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	go func() {
		defer close(ch)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.Event != "" {
					ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.ID, _ = strconv.ParseInt(line[4:], 10, 64)
			case strings.HasPrefix(line, "event: "):
				ev.Event = line[7:]
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(line[6:]), &ev.Data)
			}
		}
	}()
	return ch, http.StatusOK, cancel
}

// nextEvent waits for the next event of kind on ch.
func nextEvent(t testing.TB, ch <-chan sseEvent, kind string) sseEvent {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("stream ended before a %s event", kind)
			}
			if ev.Event == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event within 10 s", kind)
		}
	}
}

// centreDayAPI is today in Rome and noon of it there.
func centreDayAPI() (string, string) {
	rome, _ := time.LoadLocation("Europe/Rome")
	now := time.Now().In(rome)
	noon := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, rome)
	return now.Format("2006-01-02"), noon.UTC().Format(time.RFC3339)
}

func TestAPICentre(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		de := ts.apiUser("katrin", crosscase.RoleDeskMember, "DE")
		se := ts.apiUser("sven", crosscase.RoleDeskMember, "SE")
		c := createCase(t, it, caseBody("Operation Harbour", map[string]any{"asked_countries": []string{"DE", "AL"}}))
		person := createEntity(t, it, c.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": "Marco", "family_name": "Rossi"})
		company := createEntity(t, it, c.ID, map[string]any{"kind": "company", "role": "suspect", "name": "Porto Logistica Srl"})
		day, noon := centreDayAPI()
		centres := fmt.Sprintf("/api/v1/cases/%d/centres", c.ID)
		zones := []map[string]string{{"country": "IT", "zone": "Europe/Rome"}, {"country": "DE", "zone": "Europe/Berlin"}}

		// Bad input: the field is named, nothing stored.
		for _, tc := range []struct {
			body   map[string]any
			status int
			field  string
		}{
			{map[string]any{"name": "Day", "action_date": day, "zones": []map[string]string{{"country": "IT", "zone": "Moon/Base"}}}, 422, "zones[0].zone"},
			{map[string]any{"name": "Day", "action_date": day, "zones": zones, "desk_ids": []int64{424242}}, 422, "desk_ids[0]"},
			// Sweden is not in the case: no zone, and none of its authorities.
			{map[string]any{"name": "Day", "action_date": day, "zones": append(slices.Clone(zones), map[string]string{"country": "SE", "zone": "Europe/Stockholm"})}, 422, "zones[2].country"},
			{map[string]any{"name": "Day", "action_date": day, "zones": zones, "desk_ids": []int64{se.User.DeskID}}, 422, "desk_ids[0]"},
			{map[string]any{"name": "Day", "action_date": day, "zones": zones, "member_ids": []int64{de.User.ID}}, 422, "member_ids[0]"},
			{map[string]any{"name": "Day", "action_date": day, "zones": zones, "room": "B"}, 400, "room"},
		} {
			it.post(centres, tc.body).wantProblem(t, tc.status, tc.field)
		}
		var list server.List[*crosscase.Centre]
		it.get(centres).decode(t, http.StatusOK, &list)
		if len(list.Items) != 0 {
			t.Fatalf("bad input stored %d centres", len(list.Items))
		}
		de.post(centres, map[string]any{"name": "Day", "action_date": day, "zones": zones}).wantProblem(t, http.StatusForbidden, "")

		var centre crosscase.Centre
		it.post(centres, map[string]any{"name": "Action day Harbour", "action_date": day, "zones": zones,
			"desk_ids": []int64{de.User.DeskID}, "partners": []string{"europol"}}).decode(t, http.StatusCreated, &centre)
		cpath := fmt.Sprintf("/api/v1/centres/%d", centre.ID)

		// A desk that takes no part: 404 for the centre and its stream, as for a missing one.
		se.get(cpath).wantProblem(t, http.StatusNotFound, "")
		se.get(cpath+"/log").wantProblem(t, http.StatusNotFound, "")
		if _, status, stop := openStream(t, ts.URL(), se.Token, cpath+"/events", ""); status != http.StatusNotFound {
			stop()
			t.Fatalf("non-participant stream: %d", status)
		} else {
			stop()
		}
		if _, status, stop := openStream(t, ts.URL(), it.Token, "/api/v1/centres/987654/events", ""); status != http.StatusNotFound {
			t.Fatalf("missing centre stream: %d", status)
		} else {
			stop()
		}

		// The participant's live stream.
		events, status, stop := openStream(t, ts.URL(), de.Token, cpath+"/events", "")
		if status != http.StatusOK {
			t.Fatalf("stream: %d", status)
		}
		defer stop()
		if ev := nextEvent(t, events, crosscase.EventCentreOpened); ev.ID != 1 {
			t.Fatalf("first event id %d", ev.ID)
		}

		measures := cpath + "/measures"
		for _, tc := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"kind": "arrest", "country": "DE", "entity_id": company.ID, "planned_at": noon}, "entity_id"},
			{map[string]any{"kind": "search", "country": "DE", "place": "Hamburg", "planned_at": day + "T23:30:00Z"}, "planned_at"},
			{map[string]any{"kind": "search", "country": "FR", "place": "Lyon", "planned_at": noon}, "country"},
		} {
			it.post(measures, tc.body).wantProblem(t, http.StatusUnprocessableEntity, tc.field)
		}
		var arrest crosscase.Measure
		it.post(measures, map[string]any{"kind": "arrest", "country": "DE", "place": "Hamburg", "entity_id": person.ID, "planned_at": noon}).decode(t, http.StatusCreated, &arrest)
		if ev := nextEvent(t, events, crosscase.EventMeasurePlaned); ev.Data.Measure == nil || ev.Data.Measure.ID != arrest.ID || ev.Data.Measure.Target != "" {
			t.Fatalf("planned event %+v", ev.Data)
		}

		// State changes: no skipping, version checked, streamed to every participant.
		mpath := fmt.Sprintf("/api/v1/measures/%d/state", arrest.ID)
		de.post(mpath, map[string]any{"version": 1, "state": "done"}).wantProblem(t, http.StatusUnprocessableEntity, "state")
		de.post(mpath, map[string]any{"state": "under_way"}).wantProblem(t, http.StatusUnprocessableEntity, "version")
		var moved crosscase.Measure
		de.post(mpath, map[string]any{"version": 1, "state": "under_way"}).decode(t, http.StatusOK, &moved)
		ev := nextEvent(t, events, crosscase.EventMeasureMoved)
		if ev.Data.Measure.State != crosscase.MeasureUnderWay || ev.Data.From != crosscase.MeasurePlanned || ev.Data.UserName != "katrin" {
			t.Fatalf("moved event %+v", ev.Data)
		}
		p := it.post(mpath, map[string]any{"version": 1, "state": "postponed"}).wantProblem(t, http.StatusConflict, "")
		if !strings.Contains(p.Detail, "katrin") {
			t.Fatalf("conflict does not say who changed it: %s", p.Detail)
		}
		de.post(mpath, map[string]any{"version": 2, "state": "done", "outcome": map[string]any{"seizures": []map[string]any{{"type": "cash", "quantity": 9000, "unit": "EUR", "value_eur": 9000}}}}).decode(t, http.StatusOK, &moved)
		ev = nextEvent(t, events, crosscase.EventMeasureMoved)
		if ev.Data.Tally == nil || ev.Data.Tally.Arrested != 1 || ev.Data.Tally.SeizedEUR != 9000 {
			t.Fatalf("tally %+v", ev.Data.Tally)
		}
		var results server.List[*crosscase.Result]
		it.get(fmt.Sprintf("/api/v1/cases/%d/results", c.ID)).decode(t, http.StatusOK, &results)
		if len(results.Items) != 2 {
			t.Fatalf("results %d", len(results.Items))
		}

		// A decision in the room.
		var in crosscase.Instrument
		de.post(fmt.Sprintf("/api/v1/measures/%d/decisions", arrest.ID), map[string]any{"type": "eaw"}).wantProblem(t, http.StatusForbidden, "")
		it.post(fmt.Sprintf("/api/v1/measures/%d/decisions", arrest.ID), map[string]any{"type": "eaw", "reference": "EAW-IT-CC-7"}).decode(t, http.StatusCreated, &in)
		if in.CaseID != c.ID || in.EntityID != person.ID {
			t.Fatalf("instrument %+v", in)
		}
		if ev := nextEvent(t, events, crosscase.EventDecision); ev.Data.InstrumentID != in.ID {
			t.Fatalf("decision event %+v", ev.Data)
		}
		// A request for mutual legal assistance, which runs between any
		// two countries, is a decision of the room too
		// (crosscase.DecisionTypes); a type that is no instrument is not.
		var mla crosscase.Instrument
		it.post(fmt.Sprintf("/api/v1/measures/%d/decisions", arrest.ID), map[string]any{"type": "mla", "reference": "MLA-IT-CC-8"}).decode(t, http.StatusCreated, &mla)
		if mla.Type != crosscase.InstrumentMLA || mla.CaseID != c.ID {
			t.Fatalf("instrument %+v", mla)
		}
		nextEvent(t, events, crosscase.EventDecision)
		it.post(fmt.Sprintf("/api/v1/measures/%d/decisions", arrest.ID), map[string]any{"type": "transfer_of_proceedings"}).wantProblem(t, http.StatusUnprocessableEntity, "type")
		var msg crosscase.CentreEvent
		de.post(cpath+"/messages", map[string]any{"text": "Second address found."}).decode(t, http.StatusCreated, &msg)
		nextEvent(t, events, crosscase.EventMessage)

		// Reconnecting with Last-Event-ID: every missed event, none twice.
		again, _, stop2 := openStream(t, ts.URL(), de.Token, cpath+"/events", "3")
		defer stop2()
		for want := int64(4); want <= msg.Seq; want++ {
			select {
			case ev := <-again:
				if ev.ID != want {
					t.Fatalf("catch-up: id %d, want %d", ev.ID, want)
				}
			case <-time.After(5 * time.Second):
				t.Fatalf("catch-up stopped before %d", want)
			}
		}

		// Close: read-only, and said so naming the field.
		var board crosscase.CentreBoard
		it.get(cpath).decode(t, http.StatusOK, &board)
		it.post(cpath+"/close", map[string]any{"version": board.Centre.Version}).decode(t, http.StatusOK, &centre)
		nextEvent(t, events, crosscase.EventCentreClosed)
		it.post(fmt.Sprintf("/api/v1/measures/%d/decisions", arrest.ID), map[string]any{"type": "eio"}).wantProblem(t, http.StatusConflict, "state")
		de.post(cpath+"/messages", map[string]any{"text": "late"}).wantProblem(t, http.StatusConflict, "state")

		var press crosscase.PressSummary
		de.get(cpath+"/press").decode(t, http.StatusOK, &press)
		if press.Arrested != 1 || strings.Contains(strings.ToLower(press.Text), "rossi") {
			t.Fatalf("press %+v", press)
		}
		// The text states what is known, one and more agreeing, amounts as
		// English writes them.
		onDay, _ := time.Parse("2006-01-02", day)
		if want := "On " + onDay.Format("2 January 2006") + ", a coordinated action day took place in the following countries: Germany and Italy. " +
			"It was supported by a coordination centre set up by the agency. 1 suspect was targeted and 1 person was arrested. EUR 9,000 in cash was seized.\n\n" +
			"The following authorities took part: " + crosscase.PartnerAgencyName("europol") + "."; press.Text != want {
			t.Fatalf("press text:\n got %q\nwant %q", press.Text, want)
		}
		var log server.List[*crosscase.CentreEvent]
		de.get(cpath+"/log?after=2&limit=2").decode(t, http.StatusOK, &log)
		if len(log.Items) != 2 || log.Items[0].Seq != 3 {
			t.Fatalf("log %+v", log.Items)
		}
		de.get(cpath+"/log?after=-1").wantProblem(t, http.StatusBadRequest, "after")
	})
}

// twoDeskCentre makes the Italian desk's case Operation Harbour, asked
// of the German desk, and a centre of both desks opened on it today; it
// returns a user of each desk, the case and the centre.
func twoDeskCentre(t *testing.T, ts *testServer) (it, de *apiClient, c *crosscase.Case, centre crosscase.Centre) {
	t.Helper()
	it = ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
	de = ts.apiUser("katrin", crosscase.RoleDeskMember, "DE")
	c = createCase(t, it, caseBody("Operation Harbour", map[string]any{"asked_countries": []string{"DE"}}))
	day, _ := centreDayAPI()
	it.post(fmt.Sprintf("/api/v1/cases/%d/centres", c.ID), map[string]any{"name": "Day", "action_date": day,
		"zones": []map[string]string{{"country": "IT", "zone": "Europe/Rome"}}, "desk_ids": []int64{de.User.DeskID}}).decode(t, http.StatusCreated, &centre)
	return it, de, c, centre
}

// TestAPICentreStreamEnds: an open stream ends at the next heartbeat once
// its token is revoked, once its user moves to a desk that may not see
// the centre, or once need to know no longer lets its desk see the case.
func TestAPICentreStreamEnds(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db, func(s *server.Server) { s.StreamHeartbeat = 100 * time.Millisecond })
	it, de, c, centre := twoDeskCentre(t, ts)
	path := fmt.Sprintf("/api/v1/centres/%d/events", centre.ID)
	ended := func(ch <-chan sseEvent) {
		t.Helper()
		deadline := time.After(5 * time.Second)
		for {
			select {
			case _, ok := <-ch:
				if !ok {
					return
				}
			case <-deadline:
				t.Fatal("the stream is still open")
			}
		}
	}

	// A revoked token.
	tok, secret, err := db.CreateToken(userContext(de.User), de.User.ID, "board")
	if err != nil {
		t.Fatal(err)
	}
	events, status, stop := openStream(t, ts.URL(), secret, path, "")
	defer stop()
	if status != http.StatusOK {
		t.Fatalf("stream: %d", status)
	}
	nextEvent(t, events, crosscase.EventCentreOpened)
	if err := db.RevokeToken(userContext(de.User), tok.ID); err != nil {
		t.Fatal(err)
	}
	ended(events)

	// Need to know for the caller as they are now: moved from the German
	// desk to the French one, a member no longer receives the centre.
	jonas := ts.apiUser("jonas", crosscase.RoleDeskMember, "DE")
	events, _, stop1 := openStream(t, ts.URL(), jonas.Token, path, "")
	defer stop1()
	nextEvent(t, events, crosscase.EventCentreOpened)
	fr := ts.desk("FR", crosscase.DeskNational).ID
	if _, err := db.UpdateUser(systemContext(), jonas.User.ID, crosscase.UserUpdate{Version: jonas.User.Version, DeskID: &fr}); err != nil {
		t.Fatal(err)
	}
	ended(events)

	// Need to know: Germany no longer asked in the case.
	events, _, stop2 := openStream(t, ts.URL(), de.Token, path, "")
	defer stop2()
	nextEvent(t, events, crosscase.EventCentreOpened)
	var cs crosscase.Case
	it.get(fmt.Sprintf("/api/v1/cases/%d", c.ID)).decode(t, http.StatusOK, &cs)
	it.patch(fmt.Sprintf("/api/v1/cases/%d", c.ID), map[string]any{"version": cs.Version, "asked_countries": []string{"AL"}}).decode(t, http.StatusOK, &cs)
	ended(events)
}
