package crosscase

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PressWords writes the words and numbers of a press text in one
// language: its messages (keyed by their English text, as a fmt format
// where they take values), whole numbers, quantities and amounts of money
// with the language's separators, a date in words and a list ("a, b and
// c"). README, Coordination centres (action day, live).
type PressWords interface {
	T(key string, args ...any) string
	// N is the message of key in the plural form of the count n in the
	// language (README, "Languages"), formatted with args.
	N(key string, n int64, args ...any) string
	// Word is the message of key, without values.
	Word(key string) string
	Int(n int64) string
	Quantity(q float64) string
	EUR(n int64) string
	// Money writes an amount q in the currency of ISO 4217 code.
	Money(q float64, code string) string
	LongDate(year int, month time.Month, day int) string
	And(xs []string) string
}

// The sentences and phrases of a press text. A count is a message with
// plural forms ("1 search was carried out", "3 searches were carried
// out"); a figure that is zero is not known and not written.
const (
	pressCountries = "On %s, a coordinated action day took place in the following countries: %s. It was supported by a coordination centre set up by the agency."
	pressNoCountry = "On %s, a coordinated action day took place, supported by a coordination centre set up by the agency."
	pressFrozen    = "Assets worth %s were frozen."
	pressAuthority = "The following authorities took part: %s."
	// pressCountryAuthorities names a country and its authorities.
	pressCountryAuthorities = "%s: %s"
	// pressListSeparator is, without its values, what the language
	// writes between the countries of the closing list (a no-break
	// space before the semicolon in French).
	pressListSeparator = "%s; %s"
	pressSeizedOne     = "%s was seized."
	pressSeized        = "%s were seized."
	pressCash          = "%s in cash"
	pressCrypto        = "%s in crypto-assets"
	// PressDrugFormat writes a quantity of a drug: quantity, unit, drug.
	PressDrugFormat = "%s %s of %s"
)

// pressCounts are the formats of a count, by what is counted: messages
// with plural forms, keyed by their English plural (README, "Languages").
var pressCounts = map[string]string{
	"targeted": "%s suspects were targeted",
	"arrested": "%s people were arrested",
	"searches": "%s searches were carried out",
	"tablets":  "%s tablets of %s",
	// Seizures counted in items.
	"real_estate": "%s properties",
	"companies":   "%s companies",
	"vehicles":    "%s vehicles",
	"devices":     "%s devices",
	"documents":   "%s documents",
	"weapons":     "%s weapons",
	"other":       "%s other items",
}

// pressNames name a seizure whose quantity is not known where its code
// alone does not ("other" → "other property"), and whether the name is
// singular in English ("real estate was seized", "vehicles were seized").
var pressNames = map[string]string{"crypto": "crypto-assets", "other": "other property", "drugs/other": "other drugs"}
var pressSingular = map[string]bool{"real_estate": true, "cash": true, "drugs": true, "other": true}

// PressTextFormats returns every message a press text is written with.
func PressTextFormats() []string {
	out := []string{pressCountries, pressNoCountry, pressFrozen, pressAuthority, pressCountryAuthorities, pressListSeparator, pressSeizedOne, pressSeized, pressCash, pressCrypto, PressDrugFormat}
	for _, k := range []string{"targeted", "arrested", "searches", "tablets", "real_estate", "companies", "vehicles", "devices", "documents", "weapons", "other"} {
		out = append(out, pressCounts[k])
	}
	for _, k := range []string{"crypto", "other", "drugs/other"} {
		out = append(out, pressNames[k])
	}
	return out
}

// PressText is the paragraph a press release states about an action day,
// in English: figures and the countries, authorities and partners that
// took part, never a person's name.
func PressText(p *PressSummary) string { return WritePressText(p, p.Countries, englishWords{}) }

// WritePressText writes the paragraph of p in w's language, naming
// countries (p's countries in that language). It states only what is
// known: a count of zero, or a seizure's quantity of zero, is not
// written; a seizure recorded without a quantity is named without a
// number ("real estate, companies and cash were seized"), except cash
// recorded by its value in euros, which is that amount ("EUR 5,000 in
// cash").
func WritePressText(p *PressSummary, countries []string, w PressWords) string {
	var b strings.Builder
	day := w.LongDate(p.ActionDate.Year, p.ActionDate.Month, p.ActionDate.Day)
	if len(countries) > 0 {
		b.WriteString(w.T(pressCountries, day, w.And(countries)))
	} else {
		b.WriteString(w.T(pressNoCountry, day))
	}
	count := func(kind string, n int64) string {
		return w.N(pressCounts[kind], n, w.Int(n))
	}
	var clauses []string
	for _, c := range []struct {
		kind string
		n    int64
	}{{"targeted", int64(p.Targeted)}, {"arrested", p.Arrested}, {"searches", int64(p.Searches)}} {
		if c.n > 0 {
			clauses = append(clauses, count(c.kind, c.n))
		}
	}
	if len(clauses) > 0 {
		b.WriteString(" " + w.And(clauses) + ".")
	}
	var items []string
	singular := true
	for _, s := range p.Seizures {
		item, one := pressSeizure(w, s)
		items = append(items, item)
		singular = singular && one
	}
	if len(items) > 0 {
		f := pressSeized
		if len(items) == 1 && singular {
			f = pressSeizedOne
		}
		list := w.And(items)
		if f := w.Word(f); strings.HasPrefix(f, "%s") {
			list = capitalizeFirst(list)
		}
		b.WriteString(" " + w.T(f, list))
	}
	if p.FrozenEUR > 0 {
		b.WriteString(" " + w.T(pressFrozen, w.EUR(p.FrozenEUR)))
	}
	if list := pressAuthorities(p, countries, w); len(list) > 0 {
		b.WriteString("\n\n" + w.T(pressAuthority, strings.Join(list, w.T(pressListSeparator, "", ""))))
	}
	return b.String()
}

// pressAuthorities lists the authorities and partners that took part as
// a press release ends: each country (in w's language: countries are p's
// countries written in it) with its authorities ("Germany: A and B"),
// then the partners. A summary without the grouping names each
// authority with its country's code.
func pressAuthorities(p *PressSummary, countries []string, w PressWords) []string {
	var list []string
	if len(p.AuthoritiesByCountry) == 0 {
		list = append(list, p.Authorities...)
	}
	for _, g := range p.AuthoritiesByCountry {
		name := g.Country
		for i, c := range p.Countries {
			if c == g.Country && i < len(countries) {
				name = countries[i]
			}
		}
		list = append(list, w.T(pressCountryAuthorities, name, w.And(g.Authorities)))
	}
	return append(list, p.Partners...)
}

// pressSeizure names seizure s in w's language, with its quantity where
// it is known, and reports whether it is singular in English.
func pressSeizure(w PressWords, s SeizureTally) (string, bool) {
	code := func(c string) string { return strings.ReplaceAll(c, "_", " ") }
	name := w.Word(code(s.Type))
	if n, ok := pressNames[s.Type]; ok {
		name = w.Word(n)
	}
	if s.Type == "drugs" {
		name = w.Word(code(s.Substance))
		if s.Substance == "other" {
			name = w.Word(pressNames["drugs/other"])
		}
	}
	if s.Type == "cash" && s.Quantity <= 0 && s.ValueEUR > 0 {
		// Cash recorded by its value alone: that value is the amount.
		return w.T(pressCash, w.EUR(s.ValueEUR)), true
	}
	if s.Quantity <= 0 {
		return name, pressSingular[s.Type]
	}
	q := w.Quantity(s.Quantity)
	switch s.Type {
	case "cash":
		return w.T(pressCash, w.Money(s.Quantity, s.Unit)), true
	case "crypto":
		return w.T(pressCrypto, q+" "+s.Unit), true
	case "drugs":
		if s.Unit == "tablets" {
			return pressCount(w, pressCounts["tablets"], s.Quantity, q, name), s.Quantity == 1
		}
		return w.T(PressDrugFormat, q, w.Word(s.Unit), name), true
	}
	f, ok := pressCounts[s.Type]
	if !ok {
		return q + " " + name, false
	}
	return pressCount(w, f, s.Quantity, q), s.Quantity == 1
}

// pressCount writes a count of items, quantity q, with the message f in
// the plural form of q, a whole number ("1 vehicle"); a quantity that is
// not whole in the plural.
func pressCount(w PressWords, f string, q float64, args ...any) string {
	if q == float64(int64(q)) {
		return w.N(f, int64(q), args...)
	}
	return w.T(f, args...)
}

// capitalizeFirst writes s with its first letter in capitals.
func capitalizeFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// englishWords writes a press text in English, as the API gives it.
type englishWords struct{}

func (englishWords) T(key string, args ...any) string { return fmt.Sprintf(key, args...) }

// N writes a count in English: its singular for one (CountInEnglish).
func (englishWords) N(key string, n int64, args ...any) string {
	return CountInEnglish(key, n, args...)
}

func (englishWords) Word(key string) string { return key }

func (englishWords) Int(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func (w englishWords) Quantity(q float64) string {
	if q == float64(int64(q)) {
		return w.Int(int64(q))
	}
	return strconv.FormatFloat(q, 'f', -1, 64)
}

func (w englishWords) EUR(n int64) string { return "EUR " + w.Int(n) }

func (w englishWords) Money(q float64, code string) string { return code + " " + w.Quantity(q) }

func (englishWords) LongDate(year int, month time.Month, day int) string {
	return fmt.Sprintf("%d %s %d", day, month, year)
}

func (englishWords) And(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}
