// Package locale speaks the user's language: the languages the interface
// is written in, their messages, and how each writes dates, numbers and
// amounts in euros (README, "Languages").
//
// Messages are keyed by their English text, as the pages and the domain
// write it (a fmt format where it takes values: "%d more — show all"), so
// that English needs no file of its own and a page reads as it renders.
// Each other language has one file, messages/<tag>.json, mapping every
// key to its translation; adding a language is adding a file and its tag
// to Languages.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Languages are the interface's languages, English first: the default,
// and the language of the keys.
var Languages = []Language{
	{Tag: "en", Name: "English"},
	{Tag: "fr", Name: "Français"},
	{Tag: "de", Name: "Deutsch"},
	{Tag: "it", Name: "Italiano"},
}

// Language is one language of the interface: its BCP 47 tag and its name
// in itself.
type Language struct {
	Tag  string
	Name string
}

//go:embed messages/*.json
var messageFS embed.FS

// Catalog holds every language's messages. It is built once and only
// read afterwards.
type Catalog struct {
	printers map[string]*Printer
	matcher  language.Matcher
}

// Load reads the message files of every language. A file that is missing
// or does not parse is an error.
func Load() (*Catalog, error) {
	c := &Catalog{printers: map[string]*Printer{}}
	var tags []language.Tag
	for _, l := range Languages {
		p := &Printer{Lang: l.Tag}
		if l.Tag != "en" {
			b, err := messageFS.ReadFile("messages/" + l.Tag + ".json")
			if err != nil {
				return nil, fmt.Errorf("locale %s: %w", l.Tag, err)
			}
			if err := json.Unmarshal(b, &p.messages); err != nil {
				return nil, fmt.Errorf("locale %s: %w", l.Tag, err)
			}
		}
		c.printers[l.Tag] = p
		tags = append(tags, language.MustParse(l.Tag))
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// Printer returns the printer of tag, or English's for a tag not
// supported.
func (c *Catalog) Printer(tag string) *Printer {
	if p := c.printers[tag]; p != nil {
		return p
	}
	return c.printers["en"]
}

// Match picks the supported language closest to an Accept-Language
// header ("" or nothing supported: English).
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return "en"
	}
	_, i, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return "en"
	}
	return Languages[i].Tag
}

// Supported reports whether tag is one of Languages.
func Supported(tag string) bool {
	for _, l := range Languages {
		if l.Tag == tag {
			return true
		}
	}
	return false
}

// Keys returns the keys of language tag's file (none for English).
func (c *Catalog) Keys(tag string) []string {
	p := c.printers[tag]
	if p == nil {
		return nil
	}
	out := make([]string, 0, len(p.messages))
	for k := range p.messages {
		out = append(out, k)
	}
	return out
}

// Printer writes messages, dates and numbers in one language.
type Printer struct {
	Lang     string
	messages map[string]string
}

// Has reports whether the printer's language translates key; English
// has every key.
func (p *Printer) Has(key string) bool {
	if p.Lang == "en" {
		return true
	}
	_, ok := p.messages[key]
	return ok
}

// T returns the message of key in the printer's language, formatted with
// args as fmt does; a key without translation is written in English.
func (p *Printer) T(key string, args ...any) string {
	msg := key
	if m, ok := p.messages[key]; ok && m != "" {
		msg = m
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// LabelSeparator is what the language writes between a label and what
// it labels ("Title: required"): the translation of the message "%s: %s"
// without its values, so ": " in English, German and Italian and a
// no-break space, then ": ", in French.
func (p *Printer) LabelSeparator() string {
	return p.separator(LabelFormat)
}

// ListSeparator is what the language writes between the items of a list
// that hold commas or labels themselves ("cocaine: 2 kg; cash"): the
// translation of the message "%s; %s" without its values, as
// LabelSeparator, so "; " but in French, where a no-break space comes
// before the semicolon.
func (p *Printer) ListSeparator() string {
	return p.separator(ListFormat)
}

// JoinList writes xs as a list separated by ListSeparator.
func (p *Printer) JoinList(xs []string) string {
	return strings.Join(xs, p.ListSeparator())
}

// The messages whose translations, without their values, are the
// separators of a label (LabelSeparator) and of a list's items
// (ListSeparator).
const (
	LabelFormat = "%s: %s"
	ListFormat  = "%s; %s"
)

// separator is the translation of format, a message of two values with
// what the language writes between them, without its values.
func (p *Printer) separator(format string) string {
	return p.T(format, "", "")
}

// Date writes d, a date with year, month and day: ISO 8601 in English
// (the agency's working convention), else as the language writes it.
func (p *Printer) Date(year int, month time.Month, day int) string {
	switch p.Lang {
	case "fr", "it":
		return fmt.Sprintf("%02d/%02d/%04d", day, month, year)
	case "de":
		return fmt.Sprintf("%02d.%02d.%04d", day, month, year)
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// monthNames are the names of the months in each language but English,
// January first, as they begin a heading.
var monthNames = map[string][12]string{
	"fr": {"Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre"},
	"de": {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
	"it": {"Gennaio", "Febbraio", "Marzo", "Aprile", "Maggio", "Giugno", "Luglio", "Agosto", "Settembre", "Ottobre", "Novembre", "Dicembre"},
}

// Month writes a month of a year, as a calendar's heading: December
// 2026, Décembre 2026, Dezember 2026, Dicembre 2026.
func (p *Printer) Month(year int, month time.Month) string {
	if names, ok := monthNames[p.Lang]; ok && month >= time.January && month <= time.December {
		return names[month-1] + " " + strconv.Itoa(year)
	}
	return month.String() + " " + strconv.Itoa(year)
}

// LongDate writes a date in words, as a text for the public reads it:
// 27 May 2025, 27 mai 2025, 27. Mai 2025, 27 maggio 2025.
func (p *Printer) LongDate(year int, month time.Month, day int) string {
	names, ok := monthNames[p.Lang]
	if !ok || month < time.January || month > time.December {
		return fmt.Sprintf("%d %s %d", day, month, year)
	}
	switch p.Lang {
	case "de":
		return fmt.Sprintf("%d. %s %d", day, names[month-1], year)
	case "fr":
		if day == 1 {
			return fmt.Sprintf("1er %s %d", strings.ToLower(names[month-1]), year)
		}
	}
	return fmt.Sprintf("%d %s %d", day, strings.ToLower(names[month-1]), year)
}

// DateTime writes t in UTC, to the minute, saying so.
func (p *Printer) DateTime(t time.Time) string {
	return p.DateTimeInUTC(t) + " UTC"
}

// DateTimeInUTC writes t in UTC, to the minute, without saying so: for
// a column whose header says the times are UTC.
func (p *Printer) DateTimeInUTC(t time.Time) string {
	t = t.UTC()
	return p.Date(t.Year(), t.Month(), t.Day()) + " " + t.Format("15:04")
}

// Int writes n with the language's thousands separator: 1,234 (English),
// 1 234 (French, a narrow no-break space), 1.234 (German, Italian).
func (p *Printer) Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := map[string]string{"fr": "\u202f", "de": ".", "it": "."}[p.Lang]
	if sep == "" {
		sep = ","
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// EUR writes an amount in euros: EUR 1,234 in English, 1 234 € elsewhere.
func (p *Printer) EUR(n int64) string {
	if p.Lang == "en" {
		return "EUR " + p.Int(n)
	}
	return p.Int(n) + "\u00a0€"
}
