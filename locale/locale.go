// Package locale speaks the user's language: the languages the interface
// is written in, their messages, and how each writes dates, numbers and
// amounts in euros (README, "Languages").
//
// Messages are keyed by their English text, as the pages and the domain
// write it (a fmt format where it takes values: "%d more — show all"), so
// that English needs no file of its own but for its plural forms and a
// page reads as it renders. Each other language has one file,
// messages/<tag>.json, mapping every key to its translation; how a
// language writes dates, numbers, amounts and lists is its entry in
// Languages. Adding a language is adding its file and its entry.
//
// A message that counts something has plural forms: its translation is
// an object of the CLDR plural categories the language has for whole
// numbers ({"one": "…", "other": "…"}, and "few", "many", "two" or
// "zero" where the language has them), the key being the English "other"
// form; English's own forms are in messages/en.json, which holds only
// such messages. The form is chosen by the language's CLDR cardinal rule
// from the count: Printer.N names it, Printer.T takes the first whole
// number among its values (README, "Languages").
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Languages are the interface's languages, English first: the default,
// and the language of the keys. Each entry says how its language writes
// dates, numbers, amounts and lists; a language's messages are in its
// file, messages/<tag>.json (README, "Languages").
var Languages = []Language{
	{
		Tag: "en", Name: "English",
		Months:       [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		MonthHeading: "%[1]s %[2]d",
		DateFormat:   "%04[1]d-%02[2]d-%02[3]d", // ISO 8601, the agency's working convention
		LongDate:     "%[1]d %[2]s %[3]d",
		Thousands:    ",", Decimal: ".",
		Euro:     "EUR %s",
		Currency: "%[2]s %[1]s",
	},
	{
		Tag: "fr", Name: "Français",
		Months:       [12]string{"Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre"},
		MonthHeading: "%[1]s %[2]d",
		DateFormat:   "%02[3]d/%02[2]d/%04[1]d",
		LongDate:     "%[1]d %[2]s %[3]d", FirstOfMonth: "1er %[2]s %[3]d", LowerMonthInDate: true,
		Thousands: "\u202f", Decimal: ",",
		Euro:     "%s\u00a0€",
		Currency: "%[1]s\u00a0%[2]s",
		Elide:    elideDe,
	},
	{
		Tag: "de", Name: "Deutsch",
		Months:       [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		MonthHeading: "%[1]s %[2]d",
		DateFormat:   "%02[3]d.%02[2]d.%04[1]d",
		LongDate:     "%[1]d. %[2]s %[3]d",
		Thousands:    ".", Decimal: ",",
		Euro:         "%s\u00a0€",
		Currency:     "%[1]s\u00a0%[2]s",
		CapitalNouns: true,
	},
	{
		Tag: "it", Name: "Italiano",
		Months:       [12]string{"Gennaio", "Febbraio", "Marzo", "Aprile", "Maggio", "Giugno", "Luglio", "Agosto", "Settembre", "Ottobre", "Novembre", "Dicembre"},
		MonthHeading: "%[1]s %[2]d",
		DateFormat:   "%02[3]d/%02[2]d/%04[1]d",
		LongDate:     "%[1]d %[2]s %[3]d", LowerMonthInDate: true,
		Thousands: ".", Decimal: ",",
		Euro:     "%s\u00a0€",
		Currency: "%[1]s\u00a0%[2]s",
		And:      italianAnd,
	},
	{
		Tag: "es", Name: "Español",
		Months:       [12]string{"Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre"},
		MonthHeading: "%[1]s de %[2]d",
		DateFormat:   "%02[3]d/%02[2]d/%04[1]d",
		LongDate:     "%[1]d de %[2]s de %[3]d", LowerMonthInDate: true,
		Thousands: ".", Decimal: ",",
		Euro:     "%s\u00a0€",
		Currency: "%[1]s\u00a0%[2]s",
		And:      spanishAnd,
	},
	{
		Tag: "pl", Name: "Polski",
		Months:       [12]string{"Styczeń", "Luty", "Marzec", "Kwiecień", "Maj", "Czerwiec", "Lipiec", "Sierpień", "Wrzesień", "Październik", "Listopad", "Grudzień"},
		MonthsInDate: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		MonthHeading: "%[1]s %[2]d",
		DateFormat:   "%02[3]d.%02[2]d.%04[1]d",
		LongDate:     "%[1]d %[2]s %[3]d",
		Thousands:    "\u00a0", Decimal: ",",
		Euro:     "%s\u00a0€",
		Currency: "%[1]s\u00a0%[2]s",
	},
}

// Language is one language of the interface: its BCP 47 tag, its name
// in itself, and how it writes dates, numbers, amounts and lists.
type Language struct {
	Tag  string
	Name string

	// Months are the names of the months, January first, as they begin
	// a heading.
	Months [12]string
	// MonthsInDate, if set, are the names of the months as a date in
	// words writes them, where the language declines them there (Polish
	// "13 maja 2025", the genitive of "Maj").
	MonthsInDate [12]string
	// MonthHeading writes a month of a year as a calendar's heading, from
	// the month's name (%[1]s) and the year (%[2]d): "December 2026".
	MonthHeading string
	// DateFormat writes a date in figures from its year (%[1]d), month
	// (%[2]d) and day (%[3]d): "2025-05-13", "13/05/2025".
	DateFormat string
	// LongDate writes a date in words, as a text for the public reads it,
	// from its day (%[1]d), the month's name (%[2]s) and the year (%[3]d):
	// "27 May 2025"; FirstOfMonth, if set, writes the first day of a
	// month ("1er mai 2025"). LowerMonthInDate writes the month's name in
	// lower case there ("27 mai 2025").
	LongDate         string
	FirstOfMonth     string
	LowerMonthInDate bool
	// Thousands separates the groups of three digits of a number (a
	// narrow no-break space in French), and Decimal is the decimal mark.
	Thousands string
	Decimal   string
	// Euro writes an amount of euros from the number written with
	// Thousands: "EUR %s" (English) or "%s\u00a0€"; Currency writes an
	// amount of another currency from the amount (%[1]s) and the
	// currency's code (%[2]s).
	Euro     string
	Currency string
	// CapitalNouns says the language's nouns keep their capital within a
	// sentence (German), so a label is not lowered there.
	CapitalNouns bool
	// And, if set, joins the last item of a list to the others where the
	// word for "and" changes with the sound that follows it (Italian "ed"
	// before a vowel); it answers "" to leave it to the message
	// "%s and %s".
	And func(head, last string) string
	// Elide, if set, elides the words of a phrase of the press text that
	// the language elides before a vowel (French "de" as "d'").
	Elide func(string) string
}

// languageOf is the Language of tag, English's for a tag not supported.
func languageOf(tag string) *Language {
	for i := range Languages {
		if Languages[i].Tag == tag {
			return &Languages[i]
		}
	}
	return &Languages[0]
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
	for i, l := range Languages {
		b, err := messageFS.ReadFile("messages/" + l.Tag + ".json")
		if err != nil {
			return nil, fmt.Errorf("locale %s: %w", l.Tag, err)
		}
		p, err := NewPrinter(&Languages[i], b)
		if err != nil {
			return nil, err
		}
		c.printers[l.Tag] = p
		tags = append(tags, p.tag)
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

// Keys returns the keys of language tag's file (for English, its
// messages with plural forms).
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
	lang     *Language
	tag      language.Tag
	messages map[string]message
}

// message is a translation: a text, or the forms of a message that
// counts, by CLDR plural category ("one", "few", "many", "other"…):
// those the language's rule gives whole numbers.
type message struct {
	text  string
	forms map[string]string
}

// UnmarshalJSON reads a message of a language's file: a string is its
// text, an object its plural forms by category (README, "Languages"); an
// object without a form is refused.
func (m *message) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &m.text); err == nil {
		return nil
	}
	if err := json.Unmarshal(b, &m.forms); err != nil {
		return fmt.Errorf("a message is a text or an object of plural forms: %w", err)
	}
	if len(m.forms) == 0 {
		return fmt.Errorf("plural forms without a form")
	}
	return nil
}

// form is the message's form of plural category c, or its uncounted
// form if it lacks that one (TestPluralFormsInEveryLanguage fails then).
func (m message) form(c string) string {
	if f, ok := m.forms[c]; ok {
		return f
	}
	return m.uncounted()
}

// uncounted is the form of a message written without a count: "other",
// or "many" in a language whose whole numbers are never "other"
// (Polish).
func (m message) uncounted() string {
	if f, ok := m.forms["other"]; ok {
		return f
	}
	return m.forms["many"]
}

// NewPrinter returns the printer of language l with its messages, file
// the content of a message file (README, "Languages").
func NewPrinter(l *Language, file []byte) (*Printer, error) {
	tag, err := language.Parse(l.Tag)
	if err != nil {
		return nil, fmt.Errorf("locale %s: %w", l.Tag, err)
	}
	p := &Printer{Lang: l.Tag, lang: l, tag: tag}
	if err := json.Unmarshal(file, &p.messages); err != nil {
		return nil, fmt.Errorf("locale %s: %w", l.Tag, err)
	}
	return p, nil
}

// Language is how the printer's language writes (English for a tag not
// among Languages).
func (p *Printer) Language() *Language {
	if p.lang != nil {
		return p.lang
	}
	return languageOf(p.Lang)
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
// args as fmt does; a key without translation is written in English. A
// message with plural forms is written in the form of its count, the
// first whole number among args (without one, "other", or "many" where
// whole numbers are never "other").
func (p *Printer) T(key string, args ...any) string {
	m := p.messages[key]
	if m.forms != nil {
		for _, a := range args {
			if n, ok := count(a); ok {
				return format(m.form(p.Category(n)), args)
			}
		}
		return format(m.uncounted(), args)
	}
	msg := key
	if m.text != "" {
		msg = m.text
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}

// N returns the message of key in the form the printer's language gives
// the count n, formatted with args, or with n alone if there are no
// args: N("%d more cases — show all", 1) is "1 more case — show all", and
// N("%s bytes", n, p.Int(n)) counts n but writes it with its thousands
// separator. A form may leave out the count: "The one entry is intact."
// for "All %d entries are intact.", or "by the one signed checkpoint,
// recorded as entry %[3]d" where other values follow it (fmt's explicit
// indexes). A message without plural forms is T's.
func (p *Printer) N(key string, n int64, args ...any) string {
	if len(args) == 0 {
		args = []any{n}
	}
	m := p.messages[key]
	if m.forms != nil {
		return format(m.form(p.Category(n)), args)
	}
	if m.text != "" {
		return format(m.text, args)
	}
	return format(key, args)
}

// Category is the CLDR plural category of the whole number n in the
// printer's language: "one" for 1 in English, for 0 and 1 in French;
// "few" for 2 to 4 and 22 in Polish, "many" for 5 and 25.
func (p *Printer) Category(n int64) string {
	if n < 0 {
		n = -n
	}
	return categoryNames[plural.Cardinal.MatchPlural(p.tag, int(n), 0, 0, 0, 0)]
}

// Forms returns the plural forms of key in the printer's language by
// category, nil for a message without them.
func (p *Printer) Forms(key string) map[string]string {
	return p.messages[key].forms
}

// categoryNames are the names of the CLDR plural categories, as message
// files write them.
var categoryNames = map[plural.Form]string{
	plural.Other: "other", plural.Zero: "zero", plural.One: "one",
	plural.Two: "two", plural.Few: "few", plural.Many: "many",
}

// count is v as a whole number, if it is one.
func count(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case int32:
		return int64(n), true
	case uint:
		return int64(n), true
	case uint64:
		return int64(n), true
	}
	return 0, false
}

// format formats a message with args; one that writes none of them (the
// plural form "The one entry is intact.") is its text.
func format(form string, args []any) string {
	if strings.Count(form, "%") == 2*strings.Count(form, "%%") {
		return strings.ReplaceAll(form, "%%", "%")
	}
	return fmt.Sprintf(form, args...)
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

// Date writes d, a date with year, month and day, as the language writes
// it in figures (Language.DateFormat): ISO 8601 in English (the agency's
// working convention).
func (p *Printer) Date(year int, month time.Month, day int) string {
	return fmt.Sprintf(p.Language().DateFormat, year, int(month), day)
}

// Month writes a month of a year, as a calendar's heading: December
// 2026, Décembre 2026, Dezember 2026, Dicembre 2026, Diciembre de 2026,
// Grudzień 2026.
func (p *Printer) Month(year int, month time.Month) string {
	if month < time.January || month > time.December {
		return month.String() + " " + strconv.Itoa(year)
	}
	l := p.Language()
	return fmt.Sprintf(l.MonthHeading, l.Months[month-1], year)
}

// LongDate writes a date in words, as a text for the public reads it:
// 27 May 2025, 27 mai 2025, 27. Mai 2025, 27 maggio 2025, 27 de mayo de
// 2025, 27 maja 2025.
func (p *Printer) LongDate(year int, month time.Month, day int) string {
	if month < time.January || month > time.December {
		return fmt.Sprintf("%d %s %d", day, month, year)
	}
	l := p.Language()
	name, format := l.Months[month-1], l.LongDate
	if l.MonthsInDate[month-1] != "" {
		name = l.MonthsInDate[month-1]
	}
	if l.LowerMonthInDate {
		name = strings.ToLower(name)
	}
	if day == 1 && l.FirstOfMonth != "" {
		format = l.FirstOfMonth
	}
	return fmt.Sprintf(format, day, name, year)
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
// 1 234 (French, a narrow no-break space), 1.234 (German, Italian,
// Spanish), 1 234 (Polish, a no-break space).
func (p *Printer) Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := p.Language().Thousands
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

// Decimal writes s, a number written with a point for its decimal mark
// ("1.4"), with the language's decimal mark ("1,4").
func (p *Printer) Decimal(s string) string {
	return strings.Replace(s, ".", p.Language().Decimal, 1)
}

// EUR writes an amount in euros: EUR 1,234 in English, 1 234 € elsewhere.
func (p *Printer) EUR(n int64) string {
	return fmt.Sprintf(p.Language().Euro, p.Int(n))
}

// Money writes an amount, already written as the language writes
// numbers, of the currency with ISO 4217 code: USD 1,234.5 in English,
// 1 234,5 USD elsewhere.
func (p *Printer) Money(amount, code string) string {
	return fmt.Sprintf(p.Language().Currency, amount, code)
}

// CapitalNouns reports whether the language's nouns keep their capital
// within a sentence (German).
func (p *Printer) CapitalNouns() bool {
	return p.Language().CapitalNouns
}

// JoinAnd joins xs as a sentence lists them: "a, b and c", with the
// language's word for "and" (the message "%s and %s", or Language.And
// where the word changes with the sound after it: "cocaina ed eroina").
func (p *Printer) JoinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	head, last := strings.Join(xs[:len(xs)-1], ", "), xs[len(xs)-1]
	if and := p.Language().And; and != nil {
		if s := and(head, last); s != "" {
			return s
		}
	}
	return p.T("%s and %s", head, last)
}

// Elide elides in s, a phrase of the press text, what the language
// elides before a vowel (Language.Elide); s as it is where it elides
// nothing.
func (p *Printer) Elide(s string) string {
	if e := p.Language().Elide; e != nil {
		return e(s)
	}
	return s
}

// italianAnd writes "ed" before a word that begins with a vowel
// ("cocaina ed eroina").
func italianAnd(head, last string) string {
	if startsWithVowel(last) {
		return head + " ed " + last
	}
	return ""
}

// spanishAnd writes "e" instead of "y" before a word that begins with
// the sound i ("Francia e Italia"), but not before a diphthong ("cobre y
// hierro").
func spanishAnd(head, last string) string {
	l := strings.ToLower(last)
	for _, p := range []string{"i", "í", "hi", "hí"} {
		if strings.HasPrefix(l, p) && !strings.HasPrefix(l, "hie") && !strings.HasPrefix(l, "hia") {
			return head + " e " + last
		}
	}
	return ""
}

// elideDe writes French "de" as "d'" before a vowel or a mute h
// ("12 kg d'héroïne").
func elideDe(s string) string {
	i := strings.LastIndex(s, " de ")
	if i < 0 || !startsWithVowel(s[i+4:]) && !strings.HasPrefix(s[i+4:], "h") {
		return s
	}
	return s[:i] + " d'" + s[i+4:]
}

// startsWithVowel reports whether s begins with a vowel, accented or not.
func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("aeiouàáâäèéêëìíîïòóôöùúûüAEIOUÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ", r)
}
