package web

import (
	"crosscase"
	"crosscase/locale"
)

// timelineSingular are the titles of results counted once, by the
// plural title crosscase.Timeline gives them: "1 arrest", not "1 arrests".
var timelineSingular = map[string]string{
	"%d arrests in %s":        "%d arrest in %s",
	"%d searches in %s":       "%d search in %s",
	"%d interrogations in %s": "%d interrogation in %s",
	"%d surrenders in %s":     "%d surrender in %s",
}

// eventTitler returns the template function "eventTitle" of p's
// language: a timeline event's title written from its format, its values
// that are messages (an instrument's type, a clock's name) translated too.
// A seizure's type, substance and measure are codes (real_estate): they
// are written as their labels, as the results' form offers them.
func eventTitler(p *locale.Printer) func(e crosscase.TimelineEvent) string {
	return func(e crosscase.TimelineEvent) string {
		if e.TitleFormat == "" {
			return e.Title
		}
		format := e.TitleFormat
		if one, ok := timelineSingular[format]; ok && len(e.TitleArgs) > 0 && countOf(e.TitleArgs[0]) == 1 {
			format = one
		}
		args := make([]any, len(e.TitleArgs))
		for i, a := range e.TitleArgs {
			if s, ok := a.(string); ok && s != "" {
				if e.Kind == crosscase.TimelineResult && format == "%s %s in %s" && i < 2 {
					s = humanCode(s)
					a = s
				}
				if p.Has(s) {
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
