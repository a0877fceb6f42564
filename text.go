package crosscase

import (
	"unicode"
	"unicode/utf8"
)

// CheckText validates a free-text field: valid UTF-8, at most max runes,
// no control characters (newlines and tabs allowed only when multiline),
// and present when required. It returns an EINVALID error naming field.
func CheckText(field, s string, max int, required bool) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(field, "Text is not valid UTF-8.")
	}
	if required && IsBlank(s) {
		return FieldErrorf(field, "This field is required.")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "Text is %d characters long; the limit is %d.", n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return FieldErrorf(field, "Text contains a control character (U+%04X).", r)
		}
	}
	return nil
}

// CheckMultiline is CheckText for text that may span lines: it allows
// newlines, carriage returns and tabs.
func CheckMultiline(field, s string, max int, required bool) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(field, "Text is not valid UTF-8.")
	}
	if required && IsBlank(s) {
		return FieldErrorf(field, "This field is required.")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "Text is %d characters long; the limit is %d.", n, max)
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' {
			continue
		}
		if unicode.IsControl(r) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return FieldErrorf(field, "Text contains a control character (U+%04X).", r)
		}
	}
	return nil
}

// IsBlank reports whether s has no visible character.
func IsBlank(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// Clip shortens s to 40 characters for a message, marking the cut with an
// ellipsis.
func Clip(s string) string {
	for i := range s {
		if i >= 40 {
			return s[:i] + "…"
		}
	}
	return s
}
