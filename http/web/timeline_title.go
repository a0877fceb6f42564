package web

import (
	"crosscase"
	"crosscase/locale"
)

// eventTitler returns the template function "eventTitle" of p's
// language: a timeline event's title written from its format, its values
// that are messages (an instrument's type, a clock's name) translated too.
func eventTitler(p *locale.Printer) func(e crosscase.TimelineEvent) string {
	return func(e crosscase.TimelineEvent) string {
		if e.TitleFormat == "" {
			return e.Title
		}
		args := make([]any, len(e.TitleArgs))
		for i, a := range e.TitleArgs {
			if s, ok := a.(string); ok && s != "" && p.Has(s) {
				a = p.T(s)
			}
			args[i] = a
		}
		return p.T(e.TitleFormat, args...)
	}
}
