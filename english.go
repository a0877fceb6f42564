package crosscase

import "fmt"

// englishOne are the English singulars of the messages that count
// something, each keyed by its plural: those the domain, the store and
// the command line write in English (the JSON API's text, a timeline
// event's Title, the verification of the audit log, the program's
// output). The pages write the forms of the reader's language, English's
// among them (locale/messages/en.json), which agree with these (README,
// "Languages").
var englishOne = map[string]string{
	// A press text's counts (WritePressText).
	"%s suspects were targeted":    "%s suspect was targeted",
	"%s people were arrested":      "%s person was arrested",
	"%s searches were carried out": "%s search was carried out",
	"%s tablets of %s":             "%s tablet of %s",
	"%s properties":                "%s property",
	"%s companies":                 "%s company",
	"%s vehicles":                  "%s vehicle",
	"%s devices":                   "%s device",
	"%s documents":                 "%s document",
	"%s weapons":                   "%s weapon",
	"%s other items":               "%s other item",
	// A result's title on the timeline (resultTitle).
	"%d arrests in %s":        "%d arrest in %s",
	"%d searches in %s":       "%d search in %s",
	"%d interrogations in %s": "%d interrogation in %s",
	"%d surrenders in %s":     "%d surrender in %s",
	// Counts a message writes as a value of its own (Count).
	"%d entries":               "%d entry",
	"%d names and identifiers": "%d name or identifier",
	"%d fields":                "%d field",
	"%d columns":               "%d column",
	// What the verification of the audit log could not check
	// (AuditProblem.Text).
	"%d checkpoints in files were not checked, for want of a public key": "%d checkpoint in a file was not checked, for want of a public key",
	"%d checkpoints signed by another key were not checked":              "%d checkpoint signed by another key was not checked",
	// A list's rows left out (package match).
	"%d more rows were left out.": "%d more row was left out.",
	// The command line's output.
	"%d entities":            "%d entity",
	"%d hits":                "%d hit",
	"%d relations":           "%d relation",
	"%d lines":               "%d line",
	"%d records":             "%d record",
	"%d rows cannot be read": "%d row cannot be read",
	"%d rows cannot be read and are left out": "%d row cannot be read and is left out",
	"%d records of the others are checked":    "%d record of the others is checked",
}

// CountInEnglish writes the message format, an English plural that
// counts n ("%d arrests in %s"), with args in English: in its singular
// for a count of one ("1 arrest in IT"). Without args, n is the only
// value. A format that has no singular in englishOne is written as it
// is.
func CountInEnglish(format string, n int64, args ...any) string {
	if one, ok := englishOne[format]; ok && n == 1 {
		format = one
	}
	if len(args) == 0 {
		args = []any{n}
	}
	return fmt.Sprintf(format, args...)
}

// CountsInEnglish returns the English singulars of the messages that
// count (englishOne), plural to singular, for the pages to agree with.
func CountsInEnglish() map[string]string {
	out := make(map[string]string, len(englishOne))
	for k, v := range englishOne {
		out[k] = v
	}
	return out
}

// Count is a count that a message writes as a value of its own, in the
// form its number takes: Format is its English plural ("%d entries"), N
// the count. It is written in English as a value of fmt ("1 entry",
// "12 entries"); a page writes it in the reader's language, from the
// plural forms of Format (README, "Languages"). A message that counts two
// things so counts each in its own form: "The row has %s; the header
// names %s."
type Count struct {
	Format string
	N      int64
}

// String writes the count in English.
func (c Count) String() string { return CountInEnglish(c.Format, c.N) }
