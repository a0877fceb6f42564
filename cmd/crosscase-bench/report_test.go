package main

import (
	"regexp"
	"strconv"
	"testing"
)

// TestBenchReportCorpus: the report's corpus holds instruments of the
// year, some met, some missed and some running, which the measured report
// reads (README, "Statistics and the annual report", Figures).
func TestBenchReportCorpus(t *testing.T) {
	out, err := run(t, "report", "--data", t.TempDir(), "--cases", "2000", "--runs", "2")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := regexp.MustCompile(`handled (\d+), .* instruments (\d+) \((\d+) missed, (\d+) running\); 2 runs: p50`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no report line:\n%s", out)
	}
	n := func(i int) int { v, _ := strconv.Atoi(m[i]); return v }
	handled, issued, missed, running := n(1), n(2), n(3), n(4)
	if handled < 500 || issued < handled/4 || issued > 2*handled || missed == 0 || running == 0 || missed+running >= issued {
		t.Fatalf("handled %d, instruments %d, missed %d, running %d:\n%s", handled, issued, missed, running, out)
	}
}
