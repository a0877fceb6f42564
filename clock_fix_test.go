package crosscase

import (
	"testing"
	"time"
)

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
