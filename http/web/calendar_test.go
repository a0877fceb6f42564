package web

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"crosscase"
)

// A long summary is folded into lines of at most 75 octets without
// splitting a character.
func TestICSFolding(t *testing.T) {
	long := strings.Repeat("é", 100) // 200 octets
	out := string(icsFeed([]*crosscase.Deadline{{InstrumentID: 1, Type: crosscase.InstrumentEIO, Reference: long, Clock: crosscase.ClockEIORecognition,
		Label: "Decision on recognition", Due: crosscase.Date{Year: 2025, Month: 6, Day: 30}}}, time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)))
	for _, l := range strings.Split(out, "\r\n") {
		if len(l) > 75 {
			t.Fatalf("line of %d octets", len(l))
		}
		if !utf8.ValidString(l) {
			t.Fatalf("folding split a character: %q", l)
		}
	}
	// Unfolded (RFC 5545, 3.1), the summary and the dates are whole; the
	// whole-server test of the feed checks the rest of the framing.
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.Contains(unfolded, "SUMMARY:") || !strings.Contains(unfolded, long) {
		t.Fatalf("folded summary lost characters: %q", unfolded)
	}
	if !strings.Contains(unfolded, "DTSTART;VALUE=DATE:20250630\r\n") || !strings.Contains(unfolded, "DTEND;VALUE=DATE:20250701\r\n") {
		t.Fatalf("dates: %q", unfolded)
	}
}
