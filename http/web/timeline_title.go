package web

import (
	"crosscase"
	"crosscase/locale"
)

// measureTimelineFormats are the titles of seizures by what was done,
// which crosscase.Timeline writes "%s %s in %s" (what, measure,
// country): one format per measure, so that each language writes the
// measure as it agrees with what was seized.
var measureTimelineFormats = map[string]string{
	"seized": "%s seized in %s", "frozen": "%s frozen in %s", "confiscated": "%s confiscated in %s",
}

// assetsReturnedFormat is the title of assets returned, the amount
// written as the reader's language writes euros.
const assetsReturnedFormat = "Assets worth %s returned in %s"

// eventTitler returns the template function "eventTitle" of p's
// language: a timeline event's title written from its format, its values
// that are messages (an instrument's type, a clock's name, a retention
// review's decision) translated too and its dates written as the
// language writes them.
// A seizure's type, substance and measure are codes (real_estate): they
// are written as their labels, as the results' form offers them.
func eventTitler(p *locale.Printer) func(e crosscase.TimelineEvent) string {
	return func(e crosscase.TimelineEvent) string {
		if e.TitleFormat == "" {
			return e.Title
		}
		format := e.TitleFormat
		in := e.TitleArgs
		if e.Kind == crosscase.TimelineResult && format == "%s %s in %s" && len(in) == 3 {
			if m, ok := in[1].(string); ok && measureTimelineFormats[m] != "" {
				format, in = measureTimelineFormats[m], []any{in[0], in[2]}
			}
		}
		if format == "Assets worth EUR %d returned in %s" && len(in) == 2 && countOf(in[0]) >= 0 {
			format, in = assetsReturnedFormat, []any{p.EUR(countOf(in[0])), in[1]}
		}
		name := countryNamer(p)
		args := make([]any, len(in))
		for i, a := range in {
			switch v := a.(type) {
			case crosscase.Date: // a JIT's new end
				args[i] = p.Date(v.Year, v.Month, v.Day)
				continue
			case crosscase.ReviewDecision:
				args[i] = p.T(reviewDecisionLabel(v))
				continue
			}
			if s, ok := a.(string); ok && s != "" {
				if e.Kind == crosscase.TimelineResult && i == 0 && format != assetsReturnedFormat {
					s = humanCode(s) // a seizure's type or substance, a code
					a = s
				}
				if _, ok := referenceCountryNames()[s]; ok && len(s) == 2 {
					a = name(s)
				} else if p.Has(s) {
					a = p.T(s)
				}
			}
			args[i] = a
		}
		return p.T(format, args...)
	}
}

// countOf is a title's count value, whichever integer type it has.
func countOf(v any) int64 {
	switch n := v.(type) {
	case int:
		return int64(n)
	case int64:
		return n
	}
	return -1
}
