package crosscase

import (
	"strings"
	"testing"
	"time"
)

// TestDelayReasonsBreach: a statement of delay reasons is about a missed
// limit recorded on the instrument; any other clock is 422 naming clock.
func TestDelayReasonsBreach(t *testing.T) {
	missed := &Breach{ID: 7, Clock: ClockEAWDecision}
	voided := &Breach{ID: 8, Clock: ClockEAWSurrender, VoidedAt: time.Now()}
	in := &Instrument{Type: InstrumentEAW, Breaches: []*Breach{missed, voided}}
	if b, err := DelayReasonsBreach(in, ClockEAWDecision); err != nil || b != missed {
		t.Errorf("missed decision limit: %v %v", b, err)
	}
	for _, k := range []ClockKind{"", " ", ClockEAWSurrender, ClockEIORecognition, "bogus", "EAW_DECISION", ClockKind(strings.Repeat("x", 1000))} {
		_, err := DelayReasonsBreach(in, k)
		if ErrorCode(err) != EINVALID || ErrorField(err) != "clock" || len(ErrorMessage(err)) > 200 {
			t.Errorf("clock %.20q: %v, want EINVALID naming clock", k, err)
		}
	}
}

// TestCheckClearReason: the reason is required to clear a date, and
// checked as text whenever given.
func TestCheckClearReason(t *testing.T) {
	for _, tc := range []struct {
		reason  string
		cleared []string
		ok      bool
	}{
		{"", nil, true},
		{"Entered on the wrong instrument.", nil, true},
		{"Entered on the wrong instrument.", []string{"arrest_on"}, true},
		{"", []string{"arrest_on"}, false},
		{"  ", []string{"arrest_on"}, false},
		{strings.Repeat("x", 201), nil, false},
		{"a\x00b", nil, false},
		{"a\u202eb", nil, false},
		{"a\nb", []string{"arrest_on"}, false},
	} {
		err := CheckClearReason(tc.reason, tc.cleared)
		if tc.ok != (err == nil) || (err != nil && (ErrorCode(err) != EINVALID || ErrorField(err) != "clear_reason")) {
			t.Errorf("%.20q %v: %v", tc.reason, tc.cleared, err)
		}
	}
}

// TestInstrumentMomentsNamed: a moment out of range or in the future is
// refused naming the moment, not the date it would fill.
func TestInstrumentMomentsNamed(t *testing.T) {
	today := parseTestDate(t, "2025-06-10")
	for _, at := range []string{"0000-01-01T00:00:00Z", "1000-01-01T00:00:00Z", "2300-01-01T00:00:00Z", "2025-06-20T10:00:00Z"} {
		m, err := time.Parse(time.RFC3339, at)
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{"received_at", "decided_at", "executed_at"} {
			in := &Instrument{Type: InstrumentEIO, Reference: "R", IssuingCountry: "IT", ExecutingCountry: "FR", IssuedOn: parseTestDate(t, "2025-01-10")}
			switch field {
			case "received_at":
				in.ReceivedAt = m
			case "decided_at":
				in.DecidedAt = m
			default:
				in.ExecutedAt = m
			}
			if err := in.Validate(today); ErrorCode(err) != EINVALID || ErrorField(err) != field {
				t.Errorf("%s %s: %v, want EINVALID naming it", field, at, err)
			}
		}
	}
}

// TestAuditFilterCodes: the audit filter takes the actions and object
// types the log records, nothing else.
func TestAuditFilterCodes(t *testing.T) {
	for _, f := range []AuditFilter{{Action: ActionLogin}, {ObjectType: "case"}, {}} {
		if err := f.Validate(); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
	for _, tc := range []struct {
		f     AuditFilter
		field string
	}{
		{AuditFilter{Action: "bogus"}, "action"}, {AuditFilter{Action: "a\x00b"}, "action"}, {AuditFilter{Action: "LOGIN"}, "action"},
		{AuditFilter{ObjectType: "spaceship"}, "object_type"}, {AuditFilter{ObjectType: strings.Repeat("x", 100_000)}, "object_type"},
	} {
		if err := tc.f.Validate(); ErrorCode(err) != EINVALID || ErrorField(err) != tc.field {
			t.Errorf("%.30q/%.30q: %v, want EINVALID naming %s", tc.f.Action, tc.f.ObjectType, err, tc.field)
		}
	}
}

func parseTestDate(t *testing.T, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
