package http

import (
	"html/template"
	"net/http"
	"strings"
	"sync"
	"time"

	"crosscase"
	"crosscase/locale"
)

// The language of the pages (README, "Languages"): the user's own choice
// when they made one, else the browser's Accept-Language, else English.
// Each language has its own set of the page templates, parsed once, the
// first time a page is shown in it, with functions that write that
// language's words, dates and numbers.

// pageLocale chooses the language of a page for r's user u (nil before
// sign-in).
func pageLocale(r *http.Request, u *crosscase.User) *locale.Locale {
	lang := ""
	if u != nil {
		lang = u.Language
	}
	return locale.Choose(lang, r.Header.Get("Accept-Language"))
}

// localePages holds each language's parsed pages.
type localePages struct {
	mu     sync.Mutex
	byLang map[string]map[string]*template.Template
}

// page returns page name in language l, parsing l's pages the first time.
func (pt *pageTemplates) page(l *locale.Locale, name string) *template.Template {
	pt.lp.mu.Lock()
	defer pt.lp.mu.Unlock()
	if pt.lp.byLang == nil {
		pt.lp.byLang = map[string]map[string]*template.Template{}
	}
	set, ok := pt.lp.byLang[l.Code]
	if !ok {
		set = parsePages(pt.assets, l)
		pt.lp.byLang[l.Code] = set
	}
	return set[name]
}

// set parses the pages of l and keeps them.
func (lp *localePages) set(a *assets, l *locale.Locale) map[string]*template.Template {
	lp.mu.Lock()
	defer lp.mu.Unlock()
	if lp.byLang == nil {
		lp.byLang = map[string]map[string]*template.Template{}
	}
	set := parsePages(a, l)
	lp.byLang[l.Code] = set
	return set
}

// localeFuncs are the template functions that depend on the language:
// they replace the English ones of templateFuncs.
func localeFuncs(l *locale.Locale) template.FuncMap {
	lbl := func(prefix string, en func(string) string) func(string) string {
		return func(code string) string { return l.Label(prefix+code, en(code)) }
	}
	return template.FuncMap{
		// t writes message id with its name, value parameters.
		"t":    l.T,
		"lang": func() string { return l.Code },
		"languages": func() []*locale.Locale {
			return locale.All()
		},
		"date": func(d crosscase.Date) string {
			if d.IsZero() {
				return "—"
			}
			return l.Date(d.Time())
		},
		"datetime": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				return l.DateTime(v)
			case *time.Time:
				if v == nil {
					return "—"
				}
				return l.DateTime(*v)
			}
			return ""
		},
		"eur":   l.EUR,
		"num":   func(n int) string { return l.Number(int64(n)) },
		"num64": l.Number,
		"priority": func(p string) string {
			if p == "" {
				return l.T("priority.none")
			}
			return l.Label("priority."+p, priorityLabel(p))
		},
		"userRole": func(r crosscase.Role) string {
			return l.Label("role."+string(r), userRoleLabel(r))
		},
		"entityKind": func(k crosscase.EntityKind) string {
			return l.Label("entityKind."+string(k), entityKindLabel(k))
		},
		"valueLabel": func(k crosscase.EntityKind) string {
			return l.Label("valueLabel."+string(k), valueLabel(k))
		},
		"entityRole": func(r crosscase.EntityRole) string {
			return l.Label("entityRole."+string(r), entityRoleLabel(r))
		},
		"entityRoles": func(r crosscase.EntityRole) string {
			return l.Label("entityRoles."+string(r), entityRolePlural(r))
		},
		"standing": func(s crosscase.Standing) string {
			return l.Label("standing."+string(s), standingLabel(s))
		},
		"agreementKind": func(k crosscase.AgreementKind) string {
			return l.Label("agreementKind."+string(k), agreementKindLabel(k))
		},
		"authorityKind": func(k crosscase.AuthorityKind) string {
			return l.Label("authorityKind."+string(k), authorityKindLabel(k))
		},
		"hitMeaning": func(score int) string {
			return l.T("hitMeaning." + strings.TrimPrefix(hitScoreClass(score), "score-"))
		},
		"hitField": func(k crosscase.EntityKind, field string) string {
			if field == "value" {
				if l.Has("hitField.value." + string(k)) {
					return l.T("hitField.value." + string(k))
				}
			}
			return l.Label("hitField."+field, hitFieldLabel(k, field))
		},
		"hitHow":    lbl("hitHow.", hitHowLabel),
		"hitStatus": func(s crosscase.HitStatus) string { return l.Label("hitStatus."+string(s), hitStatusLabel(s)) },
		"timelineKind": func(k crosscase.TimelineKind) string {
			return l.Label("timelineKind."+string(k), timelineKindLabel(k))
		},
		"fieldLabel": lbl("field.", fieldLabel),
		// The legal clocks and instruments.
		"clock": func(k crosscase.ClockKind) string {
			return l.Label("clock."+string(k), crosscase.ClockLabel(k))
		},
		"clockState": func(s crosscase.ClockState) string {
			return l.Label("clockState."+string(s), strings.ReplaceAll(string(s), "_", " "))
		},
		"instrumentType": func(t crosscase.InstrumentType) string {
			return l.Label("instrumentType."+string(t), t.Label())
		},
		"instrumentStatus": func(s crosscase.InstrumentStatus) string {
			return l.Label("instrumentStatus."+string(s), s.Label())
		},
		"crimeType": func(code string) string {
			return l.Label("crimeType."+code, crosscase.CrimeTypeName(code))
		},
		// errorText writes a form's or a refusal's error in the language:
		// by its code and field when a message says it, else as the store
		// wrote it.
		"errorText": func(f *formState) string { return localError(l, f) },
	}
}

// flashText is flash message code in language l.
func flashText(l *locale.Locale, code string) string {
	if code == "" {
		return ""
	}
	if _, ok := flashMessages[code]; !ok {
		return ""
	}
	return l.Label("flash."+code, flashMessages[code])
}

// localError is the message of f's error in language l: the refusals of
// the partner rules and the other errors that have a message of their own
// ("error.<field>.<code>") are translated, other messages are the store's.
func localError(l *locale.Locale, f *formState) string {
	msg := f.Message()
	if msg == "" {
		return ""
	}
	code := crosscase.ErrorCode(f.Err)
	field := f.Field()
	if field != "" {
		if id := "error." + field + "." + code; l.Has(id) {
			return l.T(id)
		}
	}
	if id := "error." + code; l.Has(id) && field == "" {
		return l.T(id)
	}
	return msg
}
