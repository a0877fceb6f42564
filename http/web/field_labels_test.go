package web

import (
	"regexp"
	"testing"

	"crosscase"
)

// fieldNameRE matches the name of a form control a user fills in: an
// input that is not hidden, a select or a textarea, named literally.
var fieldNameRE = regexp.MustCompile(`<(?:input|select|textarea)\b[^>]*?\bname="([a-z_]+)"[^>]*>`)

// hiddenInputRE matches a hidden input or a button-like one.
var hiddenInputRE = regexp.MustCompile(`\btype="(?:hidden|submit|button)"`)

// unlabelledFields are the controls no refusal names: list orders and
// filters, and the fields a page fills in itself.
var unlabelledFields = map[string]bool{
	"sort": true, "isort": true, "rsort": true, "rkind": true, "rcountry": true, "filter": true,
	"format": true, "language": true, "disabled": true, "credential": true, "data": true,
	"next": true, "back": true, "cancel": true, "viewport": true,
}

// TestEveryFieldHasALabel: the message at the top of a refused form names
// its field by a label, never by the field's code (issued_on,
// applied_eur), for every control a user fills in on a page, and for the
// dates recorded on an instrument of each type.
func TestEveryFieldHasALabel(t *testing.T) {
	for n, text := range templateTexts(t) {
		for _, m := range fieldNameRE.FindAllStringSubmatch(text, -1) {
			if hiddenInputRE.MatchString(m[0]) || unlabelledFields[m[1]] {
				continue
			}
			if _, ok := fieldLabels[m[1]]; !ok {
				t.Errorf("%s: field %q has no label in fieldLabels", n, m[1])
			}
		}
	}
	for _, it := range crosscase.InstrumentTypes() {
		for _, d := range recordDates(&crosscase.Instrument{Type: it, Urgent: true}) {
			for _, name := range []string{d.Name, d.Moment} {
				if _, ok := fieldLabels[name]; name != "" && !ok {
					t.Errorf("%s: recorded date %q has no label in fieldLabels", it, name)
				}
			}
		}
	}
}
