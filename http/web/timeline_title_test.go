package web

import (
	"slices"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/locale"
)

// TestEventTitleDatesAndDecisions: a JIT's extension on the timeline
// gives its new end as the reader's language writes dates, and a
// retention review its decision in words, not its code ("keep").
func TestEventTitleDatesAndDecisions(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	ends := crosscase.Date{Year: 2024, Month: time.June, Day: 1}
	jit := &crosscase.JIT{ID: 1, Name: "JIT Harbour", SignedOn: crosscase.Date{Year: 2020, Month: time.June, Day: 1}, EndsOn: ends, CurrentEndsOn: ends,
		Extensions: []crosscase.JITExtension{{NewEndsOn: ends, AgreedOn: crosscase.Date{Year: 2022, Month: time.May, Day: 10}}}}
	retention := &crosscase.CaseRetention{Reviews: []*crosscase.RetentionReview{{Decision: crosscase.ReviewKeep, DecidedAt: time.Date(2025, time.March, 3, 9, 0, 0, 0, time.UTC)}}}
	events := crosscase.Timeline(crosscase.TimelineParts{Case: &crosscase.Case{ID: 7}, JITs: []*crosscase.JIT{jit}, Retention: retention},
		[]crosscase.TimelineKind{crosscase.TimelineJIT, crosscase.TimelineRetention})
	want := map[string][2]string{
		"en": {"JIT extended to 2024-06-01: JIT Harbour", "Retention review: Keep the data"},
		"fr": {"ECE prolongée jusqu'au 01/06/2024\u00a0: JIT Harbour", "Examen de conservation\u00a0: Conserver les données"},
		"de": {"GEG verlängert bis 01.06.2024: JIT Harbour", ""},
		"it": {"SIC prorogata fino al 01/06/2024: JIT Harbour", "Riesame della conservazione: Conservare i dati"},
	}
	for lang, w := range want {
		title := eventTitler(c.Printer(lang))
		var extended, reviewed string
		for _, e := range events {
			switch e.TitleFormat {
			case "JIT extended to %s: %s":
				extended = title(e)
			case "Retention review: %s":
				reviewed = title(e)
			}
		}
		if extended != w[0] {
			t.Errorf("%s: extension %q, want %q", lang, extended, w[0])
		}
		if w[1] != "" && reviewed != w[1] {
			t.Errorf("%s: review %q, want %q", lang, reviewed, w[1])
		}
		if reviewed == "" || slices.Contains(strings.Fields(reviewed), "keep") {
			t.Errorf("%s: review %q shows the decision's code", lang, reviewed)
		}
	}
}
