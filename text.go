package crosscase

import (
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"
)

// CheckFileName validates the name a file is kept and offered under (a
// notice's attachment, a JIT's evidence file): text of at most 255
// characters, a name alone — no folder (/ or \), not "." or "..". It is
// the one rule for both, so that a name one refuses the other does not
// keep.
func CheckFileName(field, name string) error {
	if err := CheckText(field, name, 255, true); err != nil {
		return err
	}
	if strings.ContainsAny(name, `/\`) {
		return FieldErrorf(field, "A file name may not contain / or \\.")
	}
	if n := strings.TrimSpace(name); n == "." || n == ".." {
		return FieldErrorf(field, "%q names a folder, not a file.", n)
	}
	return nil
}

// CheckMediaType validates the media type a file is offered under
// (type/subtype, with parameters): what the download's Content-Type
// will say.
func CheckMediaType(field, contentType string) error {
	if mt, _, err := mime.ParseMediaType(contentType); err != nil || !strings.Contains(mt, "/") || len(contentType) > 200 {
		return FieldErrorf(field, "%q is not a media type.", Clip(contentType))
	}
	return nil
}

// CheckText validates a free-text field: valid UTF-8, at most max runes,
// no control characters (newlines and tabs allowed only when multiline),
// and present when required. Text that shows nothing (IsBlank: spaces,
// zero-width characters) is refused in an optional field as a required
// one refuses it: the field is left empty instead (README, "JSON API"). It
// returns an EINVALID error naming field.
func CheckText(field, s string, max int, required bool) error {
	return checkText(field, s, max, required, false)
}

// CheckMultiline is CheckText for text that may span lines: it allows
// newlines, carriage returns and tabs.
func CheckMultiline(field, s string, max int, required bool) error {
	return checkText(field, s, max, required, true)
}

// checkText is CheckText, or CheckMultiline when multiline: newlines,
// carriage returns and tabs then pass, and so do the Unicode line and
// paragraph separators (U+2028, U+2029), which one line refuses.
func checkText(field, s string, max int, required, multiline bool) error {
	if !utf8.ValidString(s) {
		return FieldErrorf(field, "Text is not valid UTF-8.")
	}
	if required && IsBlank(s) {
		return FieldErrorf(field, "This field is required.")
	}
	if s != "" && IsBlank(s) {
		return FieldErrorf(field, "The text shows nothing: leave the field empty or write something visible.")
	}
	if n := utf8.RuneCountInString(s); n > max {
		return FieldErrorf(field, "Text is %d characters long; the limit is %d.", n, max)
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || !multiline && (r == '\u2028' || r == '\u2029') || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069') {
			return FieldErrorf(field, "Text contains a control character (U+%04X).", r)
		}
		if isNoncharacter(r) {
			return FieldErrorf(field, "Text contains U+%04X, which is not a character.", r)
		}
	}
	return nil
}

// IsBlank reports whether s has no visible character.
func IsBlank(s string) bool {
	for _, r := range s {
		// A visible character: not a space, and not a format character
		// (zero-width space and joiners, U+200B–U+200D, the byte order
		// mark), a private-use or unassigned code point, which show
		// nothing.
		if !unicode.IsSpace(r) && unicode.IsGraphic(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// isNoncharacter reports whether r is one of the 66 code points Unicode
// keeps out of interchange (U+FDD0–U+FDEF and the last two of every
// plane, U+FFFE and U+FFFF among them).
func isNoncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
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

// CSVSafe defuses a cell of a CSV file that a spreadsheet would run as a
// formula (=, @, +, - followed by something other than a number, tab,
// CR) by prefixing an apostrophe; phone numbers such as "+39 080 …" and
// signed figures stay as they are. Every CSV the system writes passes
// its cells through it (README, JSON API, CSV files).
func CSVSafe(v string) string {
	if v == "" {
		return v
	}
	switch v[0] {
	case '=', '@', '\t', '\r':
		return "'" + v
	case '+', '-':
		if strings.Trim(v[1:], "0123456789 ()./-") != "" {
			return "'" + v
		}
	}
	return v
}
