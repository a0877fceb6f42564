// Package locale holds the languages of the interface: one message file
// per language in messages/ (English is the source), a lookup with
// parameters and plural forms, the choice of a language from a browser's
// Accept-Language, and the formatting of dates, numbers and euro amounts
// in each language's way.
//
// Adding a language is adding messages/<code>.json with every key of
// en.json: the file is embedded and the language is offered from then on.
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

//go:embed messages/*.json
var messageFS embed.FS

// Source is the language every other language translates.
const Source = "en"

// Missing wraps a message id that no language file has, so that a page
// showing one is caught by a test.
const missingOpen, missingClose = "⟦", "⟧"

// IsMissing reports whether s shows a missing message.
func IsMissing(s string) bool { return strings.Contains(s, missingOpen) }

// A message is one text, or plural forms keyed by CLDR category ("one",
// "few", "many", "other"...).
type msg struct {
	text  string
	forms map[string]string
}

func (m *msg) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '{' {
		return json.Unmarshal(b, &m.forms)
	}
	return json.Unmarshal(b, &m.text)
}

// Locale is one language of the interface.
type Locale struct {
	Code string // BCP 47, as on <html lang>
	Tag  language.Tag
	Name string // the language's own name for itself
	msgs map[string]*msg
	src  *Locale // English, for an id this language lacks
	p    *message.Printer
}

var (
	loadOnce sync.Once
	locales  map[string]*Locale
	codes    []string
	matcher  language.Matcher
	loadErr  error
)

func load() {
	names, err := fs.Glob(messageFS, "messages/*.json")
	if err != nil {
		loadErr = err
		return
	}
	locales = map[string]*Locale{}
	for _, n := range names {
		code := strings.TrimSuffix(strings.TrimPrefix(n, "messages/"), ".json")
		b, err := messageFS.ReadFile(n)
		if err != nil {
			loadErr = err
			return
		}
		m := map[string]*msg{}
		if err := json.Unmarshal(b, &m); err != nil {
			loadErr = fmt.Errorf("locale: %s: %w", n, err)
			return
		}
		tag := language.MustParse(code)
		l := &Locale{Code: code, Tag: tag, msgs: m, p: message.NewPrinter(tag)}
		if t, ok := m["language.name"]; ok {
			l.Name = t.text
		}
		locales[code] = l
		codes = append(codes, code)
	}
	sort.Strings(codes)
	// English first: the matcher falls back to its first tag.
	tags := []language.Tag{language.MustParse(Source)}
	ordered := []string{Source}
	for _, c := range codes {
		if c != Source {
			tags = append(tags, locales[c].Tag)
			ordered = append(ordered, c)
		}
	}
	codes = ordered
	src := locales[Source]
	if src == nil {
		loadErr = fmt.Errorf("locale: no messages/%s.json", Source)
		return
	}
	for _, l := range locales {
		if l != src {
			l.src = src
		}
	}
	matcher = language.NewMatcher(tags)
}

func mustLoad() {
	loadOnce.Do(load)
	if loadErr != nil {
		panic(loadErr)
	}
}

// Codes returns the codes of the supported languages, English first.
func Codes() []string { mustLoad(); return append([]string(nil), codes...) }

// All returns the supported languages, English first.
func All() []*Locale {
	mustLoad()
	out := make([]*Locale, len(codes))
	for i, c := range codes {
		out[i] = locales[c]
	}
	return out
}

// Get returns the language with code, or nil.
func Get(code string) *Locale { mustLoad(); return locales[code] }

// Supported reports whether code is a language of the interface.
func Supported(code string) bool { return Get(code) != nil }

// Default returns English.
func Default() *Locale { return Get(Source) }

// Match returns the language that best serves a browser's Accept-Language
// header, English when none does.
func Match(acceptLanguage string) *Locale {
	mustLoad()
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default()
	}
	_, i, conf := matcher.Match(tags...)
	if conf == language.No {
		return Default()
	}
	return locales[codes[i]]
}

// Choose returns the user's own language when it is set and supported,
// else the best match for the browser's Accept-Language.
func Choose(userLanguage, acceptLanguage string) *Locale {
	if l := Get(userLanguage); userLanguage != "" && l != nil {
		return l
	}
	return Match(acceptLanguage)
}

// Keys returns the message ids of the language, sorted.
func (l *Locale) Keys() []string {
	ks := make([]string, 0, len(l.msgs))
	for k := range l.msgs {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Has reports whether the language itself has message id.
func (l *Locale) Has(id string) bool { _, ok := l.msgs[id]; return ok }

// PluralForms returns the plural categories message id has, or nil when
// it is a plain text.
func (l *Locale) PluralForms(id string) []string {
	m := l.msgs[id]
	if m == nil || m.forms == nil {
		return nil
	}
	var fs []string
	for k := range m.forms {
		fs = append(fs, k)
	}
	sort.Strings(fs)
	return fs
}

func (l *Locale) lookup(id string) *msg {
	if m, ok := l.msgs[id]; ok {
		return m
	}
	if l.src != nil {
		return l.src.msgs[id]
	}
	return nil
}

// T returns message id with its parameters filled in. Parameters come in
// name, value pairs: "{name}" in the text is replaced by the value, a
// number formatted the language's way. A message with plural forms picks
// its form by the parameter named "n". An id no file has comes back as
// ⟦id⟧.
func (l *Locale) T(id string, args ...any) string {
	m := l.lookup(id)
	if m == nil {
		return missingOpen + id + missingClose
	}
	text := m.text
	if m.forms != nil {
		text = m.forms[l.pluralForm(args)]
		if text == "" {
			text = m.forms["other"]
		}
	}
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		name := fmt.Sprint(args[i])
		pairs = append(pairs, "{"+name+"}", l.param(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Label returns message id when a file has it, else fallback: the words
// for a code that no message names (an unknown value is shown as it is).
func (l *Locale) Label(id, fallback string) string {
	if l.lookup(id) == nil {
		return fallback
	}
	return l.T(id)
}

func (l *Locale) param(v any) string {
	switch n := v.(type) {
	case int:
		return l.Number(int64(n))
	case int64:
		return l.Number(n)
	case int32:
		return l.Number(int64(n))
	case fmt.Stringer:
		return n.String()
	}
	return fmt.Sprint(v)
}

func (l *Locale) pluralForm(args []any) string {
	for i := 0; i+1 < len(args); i += 2 {
		if fmt.Sprint(args[i]) != "n" {
			continue
		}
		var n int64
		switch v := args[i+1].(type) {
		case int:
			n = int64(v)
		case int64:
			n = v
		case int32:
			n = int64(v)
		default:
			n, _ = strconv.ParseInt(fmt.Sprint(v), 10, 64)
		}
		if n < 0 {
			n = -n
		}
		return formName(plural.Cardinal.MatchPlural(l.Tag, int(n%1000000), 0, 0, 0, 0))
	}
	return "other"
}

func formName(f plural.Form) string {
	switch f {
	case plural.Zero:
		return "zero"
	case plural.One:
		return "one"
	case plural.Two:
		return "two"
	case plural.Few:
		return "few"
	case plural.Many:
		return "many"
	}
	return "other"
}

// Number writes an integer with the language's digit grouping.
func (l *Locale) Number(n int64) string {
	return l.p.Sprint(number.Decimal(n))
}

// EUR writes a whole amount of euros the language's way ("format.eur").
func (l *Locale) EUR(n int64) string {
	return strings.ReplaceAll(l.T("format.eur"), "{amount}", l.Number(n))
}

// Date writes a calendar date with the language's layout ("format.date",
// a Go time layout), or a dash for the zero time.
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.Format(l.T("format.date"))
}

// DateTime writes a moment in UTC with the language's layout
// ("format.datetime").
func (l *Locale) DateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format(l.T("format.datetime"))
}
