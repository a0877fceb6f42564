package crosscase

import (
	"strings"
	"testing"
	"time"
)

// TestSurrenderAgreementClocks: an arrest warrant under the EU–Norway/
// Iceland Surrender Agreement and one under the Trade and Cooperation
// Agreement run the Framework Decision's limits under their own
// articles: the final decision 60 days after the arrest (Art. 20(3),
// 615(3)), 10 days after consent (Art. 20(2), 615(2)), either extendable
// by 30 days (Art. 20(4), 615(4)); surrender 10 days after the final
// decision (Art. 23(2), 621(2)), or after a new date agreed (Art.
// 23(3)-(4), 621(3)-(4)).
func TestSurrenderAgreementClocks(t *testing.T) {
	now := at("2025-06-01T12:00:00Z")
	laws := []struct {
		typ                 InstrumentType
		decision, surrender ClockKind
		act                 string
		// paragraphs: after consent, after arrest, extension, surrender,
		// force majeure, humanitarian, release
		consent, arrest, ext, surr, force, humane, release string
		missed                                             BreachKind
		release5                                           BreachKind
	}{
		{InstrumentSurrenderNOIS, ClockNOISDecision, ClockNOISSurrender, "EU–Norway/Iceland Surrender Agreement",
			"20(2)", "20(3)", "20(4)", "23(2)", "23(3)", "23(4)", "23(5)", BreachArt20, BreachRelease},
		{InstrumentSurrenderUK, ClockUKDecision, ClockUKSurrender, "Trade and Cooperation Agreement",
			"615(2)", "615(3)", "615(4)", "621(2)", "621(3)", "621(4)", "621(5)", BreachArt615, BreachRelease621},
	}
	for _, l := range laws {
		art := func(p string) string { return l.act + ", Art. " + p }
		tests := []struct {
			name  string
			in    Instrument
			clock ClockKind
			due   string
			state ClockState
			art   string
		}{
			{"decision 60 days after arrest", Instrument{ArrestOn: d("2025-05-01")}, l.decision, "2025-06-30", ClockRunning, art(l.arrest)},
			{"decision overdue the day after day 60", Instrument{ArrestOn: d("2025-04-01")}, l.decision, "2025-05-31", ClockOverdue, art(l.arrest)},
			{"decision on day 60 is in time", Instrument{ArrestOn: d("2025-03-01"), DecisionOn: d("2025-04-30")}, l.decision, "2025-04-30", ClockMet, art(l.arrest)},
			{"decision on day 61 is late", Instrument{ArrestOn: d("2025-03-01"), DecisionOn: d("2025-05-01")}, l.decision, "2025-04-30", ClockMetLate, art(l.arrest)},
			{"decision 10 days after consent", Instrument{ArrestOn: d("2025-05-20"), ConsentOn: d("2025-05-25")}, l.decision, "2025-06-04", ClockRunning, art(l.consent)},
			{"decision extended by 30 days", Instrument{ArrestOn: d("2025-04-01"), Extensions: []*Extension{{Clock: l.decision, Days: 30, AppliesTo: l.arrest}}},
				l.decision, "2025-06-30", ClockRunning, art(l.arrest)},
			{"consent limit extended by 30 days", Instrument{ArrestOn: d("2025-05-01"), ConsentOn: d("2025-05-02"), Extensions: []*Extension{{Clock: l.decision, Days: 30, AppliesTo: l.consent}}},
				l.decision, "2025-06-11", ClockRunning, art(l.consent)},
			{"an extension of the 60 days does not carry over to consent", Instrument{ArrestOn: d("2025-05-01"), ConsentOn: d("2025-05-25"), Extensions: []*Extension{{Clock: l.decision, Days: 30, AppliesTo: l.arrest}}},
				l.decision, "2025-06-04", ClockRunning, art(l.consent)},
			{"decision not started before arrest", Instrument{}, l.decision, "", ClockPending, art(l.arrest)},
			{"surrender 10 days after the final decision", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-28")}, l.surrender, "2025-06-07", ClockRunning, art(l.surr)},
			{"surrender overdue on day 11", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-20")}, l.surrender, "2025-05-30", ClockOverdue, art(l.surr)},
			{"surrender met", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"), SurrenderOn: d("2025-05-20")}, l.surrender, "2025-05-20", ClockMet, art(l.surr)},
			{"refused: no surrender clock", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"), Status: StatusRefused}, l.surrender, "2025-05-20", ClockStopped, art(l.surr)},
			{"new date agreed, prevented", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"),
				SurrenderDates: []*SurrenderDate{{AgreedOn: d("2025-05-25"), Ground: GroundForceMajeure}}}, l.surrender, "2025-06-04", ClockRunning, art(l.force)},
			{"new date agreed, humanitarian", Instrument{ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"),
				SurrenderDates: []*SurrenderDate{{AgreedOn: d("2025-05-25"), Ground: GroundForceMajeure}, {AgreedOn: d("2025-05-28"), Ground: GroundHumanitarian}}},
				l.surrender, "2025-06-07", ClockRunning, art(l.humane)},
			{"withdrawn stops the decision clock", Instrument{ArrestOn: d("2025-03-01"), Status: StatusWithdrawn}, l.decision, "2025-04-30", ClockStopped, art(l.arrest)},
		}
		for _, tt := range tests {
			t.Run(string(l.typ)+" "+tt.name, func(t *testing.T) {
				in := tt.in
				in.Type = l.typ
				clocks := Clocks(&in, now)
				if len(clocks) != 2 || clocks[0].Kind != l.decision || clocks[1].Kind != l.surrender {
					t.Fatalf("clocks %+v, want %s and %s", clocks, l.decision, l.surrender)
				}
				var got Clock
				for _, c := range clocks {
					if c.Kind == tt.clock {
						got = c
					}
				}
				if got.Due.String() != tt.due || got.State != tt.state || got.Article != tt.art {
					t.Errorf("%s: due %q %s %q, want %q %s %q", tt.clock, got.Due, got.State, got.Article, tt.due, tt.state, tt.art)
				}
			})
		}
		// The law of the type, as the store and the pages use it.
		if got := MaxExtension(l.decision); got != 30 {
			t.Errorf("%s: MaxExtension %d, want 30 (Art. %s)", l.decision, got, l.ext)
		}
		if got := MaxExtension(l.surrender); got != 0 {
			t.Errorf("%s: MaxExtension %d, want 0", l.surrender, got)
		}
		in := &Instrument{Type: l.typ, ArrestOn: d("2025-05-01")}
		if got := LimitOf(in, l.decision); got != l.arrest {
			t.Errorf("%s: limit %q, want %q", l.typ, got, l.arrest)
		}
		in.ConsentOn = d("2025-05-02")
		if got := LimitOf(in, l.decision); got != l.consent {
			t.Errorf("%s: limit after consent %q, want %q", l.typ, got, l.consent)
		}
		if kind, note, ok := MissedLimit(l.typ, l.decision); !ok || kind != l.missed || note == "" || !strings.Contains(note, art(l.ext)) {
			t.Errorf("%s missed decision: %q %q %v", l.typ, kind, note, ok)
		}
		if kind, note, ok := MissedLimit(l.typ, l.surrender); !ok || kind != l.release5 || !kind.Release() || !strings.Contains(note, art(l.release)) {
			t.Errorf("%s missed surrender: %q %q %v", l.typ, kind, note, ok)
		}
		// An EAW's clocks are not the agreement's.
		if _, _, ok := MissedLimit(l.typ, ClockEAWDecision); ok {
			t.Errorf("%s: an EAW clock is a limit of its law", l.typ)
		}
		if !l.typ.ArrestWarrant() || !l.typ.ConcernsPerson() {
			t.Errorf("%s: not an arrest warrant about a person", l.typ)
		}
		if !CanMove(l.typ, StatusArrested, StatusConsented) || !CanMove(l.typ, StatusConsented, StatusSurrendered) || CanMove(l.typ, StatusArrested, StatusGranted) {
			t.Errorf("%s: not the arrest warrant's order of statuses", l.typ)
		}
	}
	if _, _, ok := MissedLimit(InstrumentEIO, ClockEIORecognition); ok {
		t.Error("a missed EIO limit is recorded")
	}
	if InstrumentExtradition.ArrestWarrant() || !InstrumentExtradition.ConcernsPerson() || InstrumentMLA.ConcernsPerson() {
		t.Error("extradition and MLA are not what they are")
	}
}

// TestSurrenderAgreementValidate: an arrest warrant under an agreement
// records arrest, consent and surrender like a European Arrest Warrant.
func TestSurrenderAgreementValidate(t *testing.T) {
	for _, typ := range []InstrumentType{InstrumentSurrenderNOIS, InstrumentSurrenderUK} {
		in := Instrument{Type: typ, Reference: "W-1", IssuingCountry: "DE", ExecutingCountry: "NO", IssuedOn: d("2025-01-10"),
			ArrestOn: d("2025-02-01"), ConsentOn: d("2025-02-02"), DecisionOn: d("2025-02-05"), SurrenderOn: d("2025-02-10"), Status: StatusSurrendered}
		if err := in.Validate(d("2025-06-01")); err != nil {
			t.Errorf("%s: %v", typ, err)
		}
		in.ConsentOn, in.Status = Date{}, StatusConsented
		if err := in.Validate(d("2025-06-01")); ErrorField(err) != "consent_on" {
			t.Errorf("%s consented without consent: %v", typ, err)
		}
	}
	ex := Instrument{Type: InstrumentExtradition, Reference: "X-1", IssuingCountry: "DE", ExecutingCountry: "AL", IssuedOn: d("2025-01-10"),
		ArrestOn: d("2025-02-01"), ConsentOn: d("2025-02-02")}
	if err := ex.Validate(d("2025-06-01")); ErrorField(err) != "consent_on" {
		t.Errorf("consent on an extradition request: %v", err)
	}
	if got := Clocks(&Instrument{Type: InstrumentSurrenderUK, ArrestOn: d("2025-05-01")}, time.Now()); got[0].Label != "Final decision on surrender" || got[1].Label != "Surrender of the person" {
		t.Errorf("labels %q, %q", got[0].Label, got[1].Label)
	}
}
