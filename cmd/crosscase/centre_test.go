package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// centreEvent is what the end-to-end test reads of a stream event.
type centreEvent struct {
	ID   int64
	Kind string
	Data struct {
		Seq     int64 `json:"seq"`
		Measure *struct {
			ID    int64  `json:"id"`
			State string `json:"state"`
		} `json:"measure"`
		InstrumentID int64 `json:"instrument_id"`
		Tally        *struct {
			Searches  int   `json:"searches"`
			SeizedEUR int64 `json:"seized_eur"`
		} `json:"tally"`
	}
}

// stream opens a centre's event stream with token after seq; the status
// is returned, and events arrive on the channel until the test ends.
func stream(t *testing.T, base, token string, centre, after int64) (<-chan centreEvent, int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", fmt.Sprintf("%s/api/v1/centres/%d/events", base, centre), nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Last-Event-ID", strconv.FormatInt(after, 10))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan centreEvent, 256)
	if res.StatusCode != 200 {
		res.Body.Close()
		close(ch)
		return ch, res.StatusCode
	}
	go func() {
		defer close(ch)
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var ev centreEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "" && ev.Kind != "":
				ch <- ev
				ev = centreEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.ID, _ = strconv.ParseInt(line[4:], 10, 64)
			case strings.HasPrefix(line, "event: "):
				ev.Kind = line[7:]
			case strings.HasPrefix(line, "data: "):
				_ = json.Unmarshal([]byte(line[6:]), &ev.Data)
			}
		}
	}()
	return ch, 200
}

// waitEvent waits for the next event of kind.
func waitEvent(t *testing.T, ch <-chan centreEvent, kind string) centreEvent {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("the stream ended before a %s event", kind)
			}
			if ev.Kind == kind {
				return ev
			}
		case <-deadline:
			t.Fatalf("no %s event within 15 s", kind)
		}
	}
}

// TestCentreEndToEnd runs the demo's coordination centre through Main:
// on SQLite one serve process; on PostgreSQL two, the stream read from
// the one that did not take the write. The owner desk plans a search, the
// Belgian desk reports it under way and done with a seizure, every
// change arriving on the stream; the owner raises an EIO from it and
// closes the centre; the outcome is among the case's results; a desk that
// takes no part gets 404 for the centre and its stream (README,
// Coordination centres (action day, live)).
func TestCentreEndToEnd(t *testing.T) {
	eachStore(t, func(t *testing.T, name string, storeArgs []string) {
		writer, _ := serve(t, append([]string{"--demo"}, storeArgs...)...)
		reader := writer
		if name == "postgres" {
			reader, _ = serve(t, storeArgs...)
		}
		p := &program{t: t, base: writer, storeArgs: storeArgs}
		de, be, fr := p.client("de.mueller"), p.client("be.peeters"), p.client("fr.lefevre")

		var centres struct {
			Items []struct {
				ID     int64  `json:"id"`
				CaseID int64  `json:"case_id"`
				State  string `json:"state"`
			} `json:"items"`
		}
		de.call("GET", "/api/v1/centres", nil, 200, &centres)
		if len(centres.Items) != 1 || centres.Items[0].State != "open" {
			t.Fatalf("the demo's centres: %+v", centres)
		}
		c := centres.Items[0]
		cpath := fmt.Sprintf("/api/v1/centres/%d", c.ID)
		var board struct {
			LastSeq int64 `json:"last_seq"`
		}
		be.call("GET", cpath, nil, 200, &board)
		events, status := stream(t, reader, be.token, c.ID, board.LastSeq)
		if status != 200 {
			t.Fatalf("stream: %d", status)
		}

		// Plan: a search in Ostend at 08:00 Brussels time on the action
		// day; a time outside the day is refused naming the field.
		de.call("POST", cpath+"/measures", map[string]any{"kind": "search", "country": "BE", "place": "Warehouse, Ostend",
			"planned_at": "2025-05-13T22:30:00Z"}, 422, nil)
		var m struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		}
		de.call("POST", cpath+"/measures", map[string]any{"kind": "search", "country": "BE", "place": "Warehouse, Ostend",
			"planned_at": "2025-05-13T06:00:00Z"}, 201, &m)
		if ev := waitEvent(t, events, "measure_planned"); ev.Data.Measure == nil || ev.Data.Measure.ID != m.ID {
			t.Fatalf("planned event %+v", ev)
		}

		// Live: the Belgian desk reports it; each change arrives on the
		// stream of the other process.
		mpath := fmt.Sprintf("/api/v1/measures/%d/state", m.ID)
		be.call("POST", mpath, map[string]any{"version": m.Version, "state": "done"}, 422, nil) // no skipping
		start := time.Now()
		be.call("POST", mpath, map[string]any{"version": m.Version, "state": "under_way"}, 200, &m)
		if ev := waitEvent(t, events, "measure_moved"); ev.Data.Measure.State != "under_way" {
			t.Fatalf("moved event %+v", ev)
		}
		t.Logf("a state change reached the stream %v after the request began", time.Since(start))
		be.call("POST", mpath, map[string]any{"version": m.Version, "state": "done",
			"outcome": map[string]any{"seizures": []map[string]any{{"type": "cash", "quantity": 48000, "unit": "EUR", "value_eur": 48000}}}}, 200, &m)
		ev := waitEvent(t, events, "measure_moved")
		if ev.Data.Measure.State != "done" || ev.Data.Tally == nil || ev.Data.Tally.Searches != 1 || ev.Data.Tally.SeizedEUR != 48000 {
			t.Fatalf("done event %+v", ev.Data)
		}

		// A decision in the room: an EIO of the case, on the stream.
		var in struct {
			ID     int64  `json:"id"`
			CaseID int64  `json:"case_id"`
			Type   string `json:"type"`
		}
		be.call("POST", fmt.Sprintf("/api/v1/measures/%d/decisions", m.ID), map[string]any{"type": "eio"}, 403, nil)
		de.call("POST", fmt.Sprintf("/api/v1/measures/%d/decisions", m.ID), map[string]any{"type": "eio", "reference": "EIO-DE-2025-0513-1"}, 201, &in)
		if in.CaseID != c.CaseID || in.Type != "eio" {
			t.Fatalf("instrument %+v", in)
		}
		if ev := waitEvent(t, events, "decision"); ev.Data.InstrumentID != in.ID {
			t.Fatalf("decision event %+v", ev.Data)
		}
		// The EIO decided in the room is executed the same day: the
		// execution counts as a search once done.
		var ex struct {
			ID int64 `json:"id"`
		}
		de.call("POST", cpath+"/measures", map[string]any{"kind": "execution", "country": "BE", "place": "Office of the transport company, Ostend",
			"instrument_id": in.ID, "planned_at": "2025-05-13T12:00:00Z"}, 201, &ex)
		if ev := waitEvent(t, events, "measure_planned"); ev.Data.Measure == nil || ev.Data.Measure.ID != ex.ID {
			t.Fatalf("planned execution %+v", ev)
		}

		// Close: the stream says so; the centre is read-only.
		var cb struct {
			Centre struct {
				Version int `json:"version"`
			} `json:"centre"`
		}
		de.call("GET", cpath, nil, 200, &cb)
		de.call("POST", cpath+"/close", map[string]any{"version": cb.Centre.Version}, 200, nil)
		waitEvent(t, events, "centre_closed")
		be.call("POST", cpath+"/messages", map[string]any{"text": "one more"}, 409, nil)

		// Results, once: the search and the cash are the case's.
		var results struct {
			Items []struct {
				Kind     string `json:"kind"`
				Country  string `json:"country"`
				Date     string `json:"date"`
				ValueEUR int64  `json:"value_eur"`
			} `json:"items"`
		}
		de.call("GET", fmt.Sprintf("/api/v1/cases/%d/results", c.CaseID), nil, 200, &results)
		searches, cash := 0, 0
		for _, r := range results.Items {
			if r.Date == "2025-05-13" && r.Country == "BE" && r.Kind == "search" {
				searches++
			}
			if r.Date == "2025-05-13" && r.Kind == "seizure" && r.ValueEUR == 48000 {
				cash++
			}
		}
		if searches != 1 || cash != 1 {
			t.Fatalf("results of the day: %d searches, %d cash seizures: %+v", searches, cash, results.Items)
		}

		// A desk that takes no part: 404, and no stream.
		fr.call("GET", cpath, nil, 404, nil)
		if _, status := stream(t, reader, fr.token, c.ID, 0); status != 404 {
			t.Fatalf("stream of a desk that takes no part: %d", status)
		}
	})
}
