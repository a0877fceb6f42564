package crosscase

import (
	"testing"
	"time"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestClocks(t *testing.T) {
	now := at("2025-06-01T12:00:00Z")
	tests := []struct {
		name    string
		article string // the rule the case checks
		in      Instrument
		clock   ClockKind
		due     string // last day, "" for none
		dueAt   string // RFC 3339 first overdue moment, for hour clocks
		state   ClockState
	}{
		{"EAW decision 60 days after arrest", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01")}, ClockEAWDecision, "2025-06-30", "", ClockRunning},
		{"EAW decision after arrest, overdue the day after day 60", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-04-01")}, ClockEAWDecision, "2025-05-31", "", ClockOverdue},
		{"EAW decision on day 60 is in time", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), DecisionOn: d("2025-04-30")}, ClockEAWDecision, "2025-04-30", "", ClockMet},
		{"EAW decision on day 61 is late", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), DecisionOn: d("2025-05-01")}, ClockEAWDecision, "2025-04-30", "", ClockMetLate},
		{"EAW decision 10 days after consent", "FD 2002/584/JHA Art. 17(2)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-20"), ConsentOn: d("2025-05-25")}, ClockEAWDecision, "2025-06-04", "", ClockRunning},
		{"EAW decision extended by 30 days", "FD 2002/584/JHA Art. 17(4)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-04-01"), Extensions: []*Extension{{Clock: ClockEAWDecision, Days: 30}}}, ClockEAWDecision, "2025-06-30", "", ClockRunning},
		{"EAW consent clock extended by 30 days", "FD 2002/584/JHA Art. 17(4)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01"), ConsentOn: d("2025-05-02"), Extensions: []*Extension{{Clock: ClockEAWDecision, Days: 30}}}, ClockEAWDecision, "2025-06-11", "", ClockRunning},
		{"EAW decision not started before arrest", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW}, ClockEAWDecision, "", "", ClockPending},
		{"EAW surrender 10 days after the final decision", "FD 2002/584/JHA Art. 23(2)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-28")}, ClockEAWSurrender, "2025-06-07", "", ClockRunning},
		{"EAW surrender met", "FD 2002/584/JHA Art. 23(2)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"), SurrenderOn: d("2025-05-20")}, ClockEAWSurrender, "2025-05-20", "", ClockMet},
		{"EAW refused: no surrender clock", "FD 2002/584/JHA Art. 23(2)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01"), DecisionOn: d("2025-05-10"), Status: StatusRefused}, ClockEAWSurrender, "2025-05-20", "", ClockStopped},
		{"EAW withdrawn stops the decision clock", "FD 2002/584/JHA Art. 17(3)",
			Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), Status: StatusWithdrawn}, ClockEAWDecision, "2025-04-30", "", ClockStopped},
		{"EIO acknowledge within 7 days", "Directive 2014/41/EU Art. 16(1), Annex B",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-05-28")}, ClockEIOAcknowledge, "2025-06-04", "", ClockRunning},
		{"EIO acknowledge late", "Directive 2014/41/EU Art. 16(1), Annex B",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-05-01"), AcknowledgedOn: d("2025-05-09")}, ClockEIOAcknowledge, "2025-05-08", "", ClockMetLate},
		{"EIO recognition within 30 days of receipt", "Directive 2014/41/EU Art. 12(3)",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-05-10")}, ClockEIORecognition, "2025-06-09", "", ClockRunning},
		{"EIO recognition postponed by 30 days", "Directive 2014/41/EU Art. 12(5)",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-04-10"), Extensions: []*Extension{{Clock: ClockEIORecognition, Days: 30}}}, ClockEIORecognition, "2025-06-09", "", ClockRunning},
		{"EIO recognition overdue", "Directive 2014/41/EU Art. 12(3)",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-04-10")}, ClockEIORecognition, "2025-05-10", "", ClockOverdue},
		{"EIO measure within 90 days of the decision", "Directive 2014/41/EU Art. 12(4)",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-03-01"), DecisionOn: d("2025-03-20")}, ClockEIOExecution, "2025-06-18", "", ClockRunning},
		{"EIO measure carried out", "Directive 2014/41/EU Art. 12(4)",
			Instrument{Type: InstrumentEIO, ReceivedOn: d("2025-03-01"), DecisionOn: d("2025-03-20"), ExecutionOn: d("2025-05-01")}, ClockEIOExecution, "2025-06-18", "", ClockMet},
		{"Urgent freezing: decision within 48 hours of receipt", "Regulation (EU) 2018/1805 Art. 9(2)",
			Instrument{Type: InstrumentFreezing, Urgent: true, ReceivedAt: at("2025-05-31T15:30:00Z")}, ClockFreezingDecision, "2025-06-02", "2025-06-02T15:30:00Z", ClockRunning},
		{"Urgent freezing: decision overdue after 48 hours", "Regulation (EU) 2018/1805 Art. 9(2)",
			Instrument{Type: InstrumentFreezing, Urgent: true, ReceivedAt: at("2025-05-30T09:00:00Z")}, ClockFreezingDecision, "2025-06-01", "2025-06-01T09:00:00Z", ClockOverdue},
		{"Urgent freezing: decision at 47 hours is in time", "Regulation (EU) 2018/1805 Art. 9(2)",
			Instrument{Type: InstrumentFreezing, Urgent: true, ReceivedAt: at("2025-05-20T09:00:00Z"), DecidedAt: at("2025-05-22T08:00:00Z")}, ClockFreezingDecision, "2025-05-22", "2025-05-22T09:00:00Z", ClockMet},
		{"Urgent freezing: execution within 48 hours of the decision", "Regulation (EU) 2018/1805 Art. 9(3)",
			Instrument{Type: InstrumentFreezing, Urgent: true, ReceivedAt: at("2025-05-31T08:00:00Z"), DecidedAt: at("2025-06-01T10:00:00Z")}, ClockFreezingExecution, "2025-06-03", "2025-06-03T10:00:00Z", ClockRunning},
		{"Urgent freezing: execution late", "Regulation (EU) 2018/1805 Art. 9(3)",
			Instrument{Type: InstrumentFreezing, Urgent: true, ReceivedAt: at("2025-05-01T08:00:00Z"), DecidedAt: at("2025-05-01T10:00:00Z"), ExecutedAt: at("2025-05-03T10:00:01Z")}, ClockFreezingExecution, "2025-05-03", "2025-05-03T10:00:00Z", ClockMetLate},
		{"Freezing without urgency: without delay, no due date", "Regulation (EU) 2018/1805 Art. 9(1)",
			Instrument{Type: InstrumentFreezing, ReceivedOn: d("2025-01-01")}, ClockFreezingDecision, "", "", ClockNoLimit},
		{"Confiscation: decision within 45 days of receipt", "Regulation (EU) 2018/1805 Art. 20(1)",
			Instrument{Type: InstrumentConfiscation, ReceivedOn: d("2025-05-01")}, ClockConfiscationDecision, "2025-06-15", "", ClockRunning},
		{"Confiscation: overdue on day 46", "Regulation (EU) 2018/1805 Art. 20(1)",
			Instrument{Type: InstrumentConfiscation, ReceivedOn: d("2025-04-16")}, ClockConfiscationDecision, "2025-05-31", "", ClockOverdue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *Clock
			for _, c := range Clocks(&tt.in, now) {
				if c.Kind == tt.clock {
					c := c
					got = &c
				}
			}
			if got == nil {
				t.Fatalf("%s: no clock %s", tt.article, tt.clock)
			}
			if got.Due.String() != tt.due {
				t.Errorf("%s: due %q, want %q", tt.article, got.Due, tt.due)
			}
			if tt.dueAt != "" && !got.DueAt.Equal(at(tt.dueAt)) {
				t.Errorf("%s: due at %s, want %s", tt.article, got.DueAt, tt.dueAt)
			}
			if got.State != tt.state {
				t.Errorf("%s: state %s, want %s", tt.article, got.State, tt.state)
			}
			if got.Article == "" {
				t.Errorf("%s: clock names no article", tt.article)
			}
		})
	}
}

func TestClocksNoTimeLimit(t *testing.T) {
	// MLA, extradition and transfer of proceedings: no EU time limit.
	for _, typ := range []InstrumentType{InstrumentMLA, InstrumentExtradition, InstrumentTransfer} {
		in := &Instrument{Type: typ, IssuedOn: d("2025-01-01"), ReceivedOn: d("2025-01-02"), DecisionOn: d("2025-01-03")}
		if c := Clocks(in, time.Now()); len(c) != 0 {
			t.Errorf("%s has clocks %v", typ, c)
		}
	}
}

func TestMaxExtension(t *testing.T) {
	tests := []struct {
		article string
		clock   ClockKind
		want    int
	}{
		{"FD 2002/584/JHA Art. 17(4)", ClockEAWDecision, 30},
		{"FD 2002/584/JHA Art. 23(2): no extension in this system", ClockEAWSurrender, 0},
		{"Directive 2014/41/EU Art. 12(5)", ClockEIORecognition, 30},
		{"Directive 2014/41/EU Art. 12(4): not extendable", ClockEIOExecution, 0},
		{"Regulation (EU) 2018/1805 Art. 20(1)", ClockConfiscationDecision, 0},
	}
	for _, tt := range tests {
		if got := MaxExtension(tt.clock); got != tt.want {
			t.Errorf("%s: MaxExtension(%s) = %d, want %d", tt.article, tt.clock, got, tt.want)
		}
	}
}

func TestClockExtensionDaysLeft(t *testing.T) {
	for _, tt := range []struct {
		name string
		c    Clock
		want int
	}{
		{"running, none granted", Clock{State: ClockRunning, MaxExtensionDays: 30}, 30},
		{"running, some granted", Clock{State: ClockRunning, MaxExtensionDays: 30, ExtendedDays: 12}, 18},
		{"running, all granted", Clock{State: ClockRunning, MaxExtensionDays: 30, ExtendedDays: 30}, 0},
		{"running, not extendable", Clock{State: ClockRunning}, 0},
		{"overdue: a missed limit, not one to extend", Clock{State: ClockOverdue, MaxExtensionDays: 30}, 0},
		{"met", Clock{State: ClockMet, MaxExtensionDays: 30}, 0},
		{"pending", Clock{State: ClockPending, MaxExtensionDays: 30}, 0},
	} {
		if got := tt.c.ExtensionDaysLeft(); got != tt.want {
			t.Errorf("%s: ExtensionDaysLeft() = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestCanMove(t *testing.T) {
	tests := []struct {
		typ      InstrumentType
		from, to InstrumentStatus
		want     bool
	}{
		{InstrumentEAW, StatusIssued, StatusReceived, true},
		{InstrumentEAW, StatusIssued, StatusArrested, true},
		{InstrumentEAW, StatusArrested, StatusSurrendered, true},
		{InstrumentEAW, StatusSurrendered, StatusArrested, false},
		{InstrumentEAW, StatusRefused, StatusSurrenderOrdered, false},
		{InstrumentEAW, StatusArrested, StatusReceived, false},
		{InstrumentEAW, StatusArrested, StatusWithdrawn, true},
		{InstrumentEAW, StatusWithdrawn, StatusIssued, false},
		{InstrumentEIO, StatusIssued, StatusArrested, false},
		{InstrumentEIO, StatusRecognised, StatusRefused, false},
		{InstrumentEIO, StatusAcknowledged, StatusExecuted, true},
		{InstrumentMLA, StatusReceived, StatusExecuted, true},
		{InstrumentTransfer, StatusReceived, StatusAccepted, true},
		{InstrumentTransfer, StatusAccepted, StatusRefused, false},
	}
	for _, tt := range tests {
		if got := CanMove(tt.typ, tt.from, tt.to); got != tt.want {
			t.Errorf("CanMove(%s, %s → %s) = %v, want %v", tt.typ, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestInstrumentValidateDates(t *testing.T) {
	today := d("2025-06-01")
	base := func() Instrument {
		return Instrument{Type: InstrumentEAW, Reference: "EAW-1", IssuingCountry: "DE", ExecutingCountry: "PL", IssuedOn: d("2025-01-10")}
	}
	tests := []struct {
		name  string
		edit  func(*Instrument)
		field string
	}{
		{"ok", func(in *Instrument) { in.ArrestOn = d("2025-02-01"); in.DecisionOn = d("2025-03-01") }, ""},
		{"decision before arrest", func(in *Instrument) {
			in.ReceivedOn = d("2025-01-11")
			in.ArrestOn = d("2025-02-01")
			in.DecisionOn = d("2025-01-20")
		}, "decision_on"},
		{"receipt before issue", func(in *Instrument) { in.ReceivedOn = d("2025-01-01") }, "received_on"},
		{"surrender before decision", func(in *Instrument) {
			in.ArrestOn = d("2025-02-01")
			in.DecisionOn = d("2025-02-10")
			in.SurrenderOn = d("2025-02-09")
		}, "surrender_on"},
		{"surrender without decision", func(in *Instrument) { in.SurrenderOn = d("2025-02-09") }, "surrender_on"},
		{"future date", func(in *Instrument) { in.ArrestOn = d("2025-07-01") }, "arrest_on"},
		{"same countries", func(in *Instrument) { in.ExecutingCountry = "DE" }, "executing_country"},
		{"bad country", func(in *Instrument) { in.IssuingCountry = "de" }, "issuing_country"},
		{"status needs its date", func(in *Instrument) { in.Status = StatusArrested }, "arrest_on"},
		{"unknown status", func(in *Instrument) { in.Status = "executed" }, "status"},
		{"urgent only for freezing", func(in *Instrument) { in.Urgent = true }, "urgent"},
		{"no issue date", func(in *Instrument) { in.IssuedOn = Date{} }, "issued_on"},
		{"arrest on an EIO", func(in *Instrument) { in.Type = InstrumentEIO; in.ArrestOn = d("2025-02-01") }, "arrest_on"},
		{"urgent freezing without time of receipt", func(in *Instrument) {
			in.Type, in.Urgent, in.ReceivedOn = InstrumentFreezing, true, d("2025-02-01")
		}, "received_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := base()
			tt.edit(&in)
			err := in.Validate(today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if ErrorField(err) != tt.field {
				t.Fatalf("error %v, want one naming %s", err, tt.field)
			}
		})
	}
}

// TestClockBoundary: one rule for the limit: an event exactly at DueAt
// is met, and now == DueAt is not yet overdue.
func TestClockBoundary(t *testing.T) {
	rec := time.Date(2025, 6, 1, 9, 30, 0, 0, time.UTC)
	in := &Instrument{Type: InstrumentFreezing, Urgent: true, Status: StatusReceived, ReceivedAt: rec, ReceivedOn: DateOf(rec)}
	due := rec.Add(48 * time.Hour)
	if c := Clocks(in, due)[0]; c.State != ClockRunning {
		t.Fatalf("at DueAt: %s", c.State)
	}
	if c := Clocks(in, due.Add(time.Second))[0]; c.State != ClockOverdue {
		t.Fatalf("after DueAt: %s", c.State)
	}
	in.DecidedAt, in.DecisionOn = due, DateOf(due)
	if c := Clocks(in, due.Add(time.Hour))[0]; c.State != ClockMet {
		t.Fatalf("decided at DueAt: %s", c.State)
	}
	// Day clocks: an event on the last day is met, the day after late.
	eio := &Instrument{Type: InstrumentEIO, Status: StatusReceived, ReceivedOn: d("2025-05-01")}
	c := Clocks(eio, rec)[0]
	if c.Due.String() != "2025-05-08" {
		t.Fatalf("due %s", c.Due)
	}
	if c := Clocks(eio, c.DueAt)[0]; c.State != ClockRunning {
		t.Fatalf("day clock at DueAt: %s", c.State)
	}
	eio.AcknowledgedOn = c.Due
	if c := Clocks(eio, rec)[0]; c.State != ClockMet {
		t.Fatalf("on the last day: %s", c.State)
	}
	eio.AcknowledgedOn = c.Due.AddDays(1)
	if c := Clocks(eio, rec)[0]; c.State != ClockMetLate {
		t.Fatalf("the day after: %s", c.State)
	}
}

// TestNegativeIDsNameTheirField: a negative authority id is reported on
// its own field, not on entity_id.
func TestNegativeIDsNameTheirField(t *testing.T) {
	for field, in := range map[string]*Instrument{
		"issuing_authority_id":   {IssuingAuthorityID: -1},
		"executing_authority_id": {ExecutingAuthorityID: -3},
		"entity_id":              {EntityID: -2},
	} {
		in.Type, in.Reference, in.IssuingCountry, in.ExecutingCountry, in.IssuedOn = InstrumentMLA, "MLA-1", "IT", "DE", d("2025-01-02")
		if err := in.Validate(d("2025-06-01")); ErrorField(err) != field {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestLimitOutcomeOf(t *testing.T) {
	now := at("2025-06-01T12:00:00Z")
	tests := []struct {
		name string
		in   Instrument
		want LimitOutcome
	}{
		{"decision limit still running", Instrument{Type: InstrumentEAW, ArrestOn: d("2025-05-01")}, LimitRunning},
		{"overdue but not yet recorded: still open", Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01")}, LimitRunning},
		{"decided and surrendered in time", Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), DecisionOn: d("2025-04-01"), SurrenderOn: d("2025-04-05")}, LimitMet},
		{"a breach recorded", Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), Breaches: []*Breach{{Clock: ClockEAWDecision}}}, LimitMissed},
		{"a breach recorded, then voided", Instrument{Type: InstrumentEAW, ArrestOn: d("2025-03-01"), DecisionOn: d("2025-04-01"), SurrenderOn: d("2025-04-05"),
			Breaches: []*Breach{{Clock: ClockEAWDecision, VoidedAt: now}}}, LimitMet},
		{"no time limit", Instrument{Type: InstrumentMLA, IssuedOn: d("2025-01-01")}, LimitMet},
	}
	for _, tt := range tests {
		if got := LimitOutcomeOf(&tt.in, Clocks(&tt.in, now)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// Every article a clock names is one of ClockArticles, which the pages
// translate: for every type, with and without consent, urgent or not,
// with a new surrender date on either ground.
func TestClockArticlesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, a := range ClockArticles() {
		listed[a] = true
	}
	on := func(n int) Date { return DateOf(time.Date(2025, 1, n, 0, 0, 0, 0, time.UTC)) }
	at := func(n int) time.Time { return time.Date(2025, 1, n, 9, 0, 0, 0, time.UTC) }
	for _, it := range InstrumentTypes() {
		for _, consent := range []bool{false, true} {
			for _, urgent := range []bool{false, true} {
				for _, ground := range []string{"", GroundForceMajeure, GroundHumanitarian} {
					in := &Instrument{Type: it, Urgent: urgent, IssuedOn: on(1), ReceivedOn: on(2), AcknowledgedOn: on(3), ArrestOn: on(2), DecisionOn: on(5),
						ReceivedAt: at(2), DecidedAt: at(3)}
					if consent {
						in.ConsentOn = on(3)
					}
					if ground != "" {
						in.SurrenderDates = []*SurrenderDate{{AgreedOn: on(10), Ground: ground}}
					}
					for _, c := range Clocks(in, at(20)) {
						if !listed[c.Article] {
							t.Errorf("%s: clock %s names %q, which ClockArticles does not list", it, c.Kind, c.Article)
						}
					}
				}
			}
		}
	}
}
