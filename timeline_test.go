package crosscase

import (
	"testing"
	"time"
)

// Events come oldest first whatever their source, same-day events by
// time, and the filter keeps only the kinds asked for.
func TestTimelineOrderAndFilter(t *testing.T) {
	c := &Case{ID: 7, OpenedOn: d("2024-03-01"), ClosedOn: d("2025-06-30")}
	p := TimelineParts{
		Case:     c,
		Meetings: []*Meeting{{ID: 1, StartsAt: time.Date(2024, 5, 13, 15, 0, 0, 0, time.UTC)}, {ID: 2, StartsAt: time.Date(2024, 5, 13, 9, 0, 0, 0, time.UTC)}},
		Actions:  []*Action{{Date: d("2024-05-14"), Name: "Searches"}},
		Results:  []*Result{{Kind: ResultArrest, Count: 3, Country: "IT", Date: d("2024-05-14")}},
		Instruments: []*Instrument{{ID: 3, Type: InstrumentEAW, Reference: "EAW-1", IssuingCountry: "IT", ExecutingCountry: "DE", IssuedOn: d("2024-04-02"),
			Clocks: []Clock{{Label: "Decision", Due: d("2024-06-01"), State: ClockOverdue}}}},
	}
	all := Timeline(p, nil)
	var titles []string
	for _, e := range all {
		titles = append(titles, e.On.String()+" "+string(e.Kind))
	}
	want := []string{"2024-03-01 case", "2024-04-02 instrument", "2024-05-13 meeting", "2024-05-13 meeting", "2024-05-14 action", "2024-05-14 result", "2024-06-01 instrument", "2025-06-30 case"}
	if len(titles) != len(want) {
		t.Fatalf("timeline %v, want %v", titles, want)
	}
	for i := range want {
		if titles[i] != want[i] {
			t.Fatalf("timeline %v, want %v", titles, want)
		}
	}
	if all[2].At.Hour() != 9 || all[6].State != string(ClockOverdue) {
		t.Fatalf("same-day order or clock state: %+v %+v", all[2], all[6])
	}
	// A meeting leads every reader to its row on the case page.
	if all[2].Link != "/cases/7#meeting-2" {
		t.Fatalf("meeting link %q", all[2].Link)
	}
	only := Timeline(p, []TimelineKind{TimelineResult, TimelineAction})
	if len(only) != 2 || only[0].Kind != TimelineAction || only[1].Title != "3 arrests in IT" {
		t.Fatalf("filtered: %+v", only)
	}
}

// A JIT linked to the case shows its signature, each extension and its
// end, linking to the JIT. An extension is dated the day its parties
// agreed it, not the day it was recorded (here after the JIT ended).
func TestTimelineJIT(t *testing.T) {
	c := &Case{ID: 7, OpenedOn: d("2024-03-01")}
	j := &JIT{ID: 4, Name: "JIT Harbour", SignedOn: d("2024-06-03"), EndsOn: d("2025-06-03"), CurrentEndsOn: d("2026-06-03"),
		Extensions: []JITExtension{{NewEndsOn: d("2026-06-03"), AgreedOn: d("2025-05-20"), CreatedAt: time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)}}}
	got := Timeline(TimelineParts{Case: c, JITs: []*JIT{j}}, []TimelineKind{TimelineJIT})
	var titles []string
	for _, e := range got {
		if e.Link != "/jits/4" {
			t.Errorf("%q links to %q", e.Title, e.Link)
		}
		if !e.At.IsZero() {
			t.Errorf("%q has a time of day (%s)", e.Title, e.At)
		}
		titles = append(titles, e.On.String()+" "+e.Title)
	}
	want := []string{"2024-06-03 JIT signed: JIT Harbour", "2025-05-20 JIT extended to 2026-06-03: JIT Harbour", "2026-06-03 JIT ended: JIT Harbour"}
	if len(titles) != 3 || titles[0] != want[0] || titles[1] != want[1] || titles[2] != want[2] {
		t.Fatalf("JIT events %q, want %q", titles, want)
	}
}
