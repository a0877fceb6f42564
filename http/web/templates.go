package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"crosscase"
	"crosscase/evidence"
	"crosscase/locale"
	"crosscase/match"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageTemplates holds the parsed page templates, one set per language
// of the interface, and the static assets. Both are built once, in
// NewServer, and only read afterwards.
type pageTemplates struct {
	pages   map[string]map[string]*template.Template // language → page → template
	assets  *assets
	catalog *locale.Catalog
}

// mustParseTemplates parses every page of templates/ together with the
// shared layout, once per language, each set with the functions that
// write in its language (README, "Languages"). A template that does not
// parse is a programming error.
func mustParseTemplates() *pageTemplates {
	a := mustLoadAssets()
	catalog, err := locale.Load()
	if err != nil {
		panic(err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pt := &pageTemplates{pages: map[string]map[string]*template.Template{}, assets: a, catalog: catalog}
	for _, l := range locale.Languages {
		funcs := templateFuncs(a, catalog.Printer(l.Tag))
		set := map[string]*template.Template{}
		for _, n := range names {
			base := strings.TrimPrefix(n, "templates/")
			if base == "layout.html" || base == partialsFile {
				continue
			}
			set[base] = template.Must(template.New(base).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+partialsFile, n))
		}
		pt.pages[l.Tag] = set
	}
	return pt
}

// language picks the language of a page for r: the user's own choice,
// else the closest to the browser's Accept-Language, else English.
func (pt *pageTemplates) language(r *http.Request, u *crosscase.User) string {
	if u != nil && locale.Supported(u.Language) {
		return u.Language
	}
	return pt.catalog.Match(r.Header.Get("Accept-Language"))
}

// partialsFile holds templates shared by several pages (forms shown on
// the case page and again on their own page with an error).
const partialsFile = "partials.html"

// pageBase is what the layout of every page needs. Page data structs
// embed it.
type pageBase struct {
	Title    string
	Nav      string // the active section of the header
	User     *crosscase.User
	DeskName string
	CSRF     string
	Flash    string
	// FlashArgs are the counts Flash writes, when it is a format.
	FlashArgs []any
	// ShowHits says the user works on hits (a case-working role of a
	// desk); NewHits is how many of the desk's hits are new.
	ShowHits bool
	NewHits  int
	// Unread is how many notifications of the user's desk are unread.
	Unread int
	// TitleArgs are the values of Title when it is a format ("Timeline ·
	// %s"), so that the title is written in the page's language; a value
	// that is itself a message (an instrument type's label) is given as a
	// titleMessage and translated too.
	TitleArgs []any
	// Lang is the page's language (README, "Languages").
	Lang string
}

func (b *pageBase) base() *pageBase { return b }

// titleMessage is a value of a page title that is a message of the
// catalog, written in the page's language (README, "Languages").
type titleMessage string

// pageTitle writes a page's title in p's language: its format and the
// values of it that are messages.
func pageTitle(p *locale.Printer, title string, args []any) string {
	if len(args) == 0 {
		return p.T(title)
	}
	vals := make([]any, len(args))
	for i, a := range args {
		if m, ok := a.(titleMessage); ok {
			a = p.T(string(m))
		}
		vals[i] = a
	}
	return p.T(title, vals...)
}

// pageData is implemented by every page's data through pageBase.
type pageData interface{ base() *pageBase }

// render executes page name with data and writes it with status. Pages
// carry personal data: they are never cached.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data pageData) {
	b := data.base()
	ctx := r.Context()
	b.User = crosscase.UserFromContext(ctx)
	b.CSRF = csrfToken(r)
	if b.User != nil && b.User.DeskID != 0 && b.DeskName == "" {
		if d, err := s.Desks.FindDesk(ctx, b.User.DeskID); err == nil {
			b.DeskName = d.Name
		} else {
			b.DeskName = b.User.DeskCountry
		}
	}
	if b.Flash == "" {
		b.Flash, b.FlashArgs = takeFlash(w, r)
	}
	if crosscase.CanSeeHits(b.User) {
		b.ShowHits = true
		n, err := s.Hits.CountNewHits(ctx)
		if err != nil {
			s.Logger.Error("count new hits", "err", err)
		}
		b.NewHits = n
	}
	if crosscase.CanReadNotices(b.User) && s.Notifications != nil {
		n, err := s.Notifications.CountUnreadNotifications(ctx)
		if err != nil {
			s.Logger.Error("count unread notifications", "err", err)
		}
		b.Unread = n
	}
	b.Lang = s.pages.language(r, b.User)
	t := s.pages.pages[b.Lang][name]
	if t == nil {
		s.Logger.Error("render: no such page", "page", name)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		s.Logger.Error("render", "page", name, "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

type errorPage struct {
	pageBase
	Status     int
	StatusText string
	Message    string
}

// renderError shows the error page: the status and a message that is safe
// for the user, nothing else.
// renderErrorPage writes err as an error page with status, in the
// reader's language, the message too where it has been translated
// (README, "Languages"); a field's error names the field, as a problem does.
func (s *Server) renderErrorPage(w http.ResponseWriter, r *http.Request, status int, err error) {
	p := s.pages.catalog.Printer(s.pages.language(r, crosscase.UserFromContext(r.Context())))
	msg := errorText(p, err)
	if f := crosscase.ErrorField(err); f != "" {
		msg = p.T(fieldLabel(f)) + ": " + msg
	}
	s.renderError(w, r, status, msg)
}

// printer is the printer of the language of r's page (README,
// "Languages"), for texts a handler writes.
func (s *Server) printer(r *http.Request) *locale.Printer {
	return s.pages.catalog.Printer(s.pages.language(r, crosscase.UserFromContext(r.Context())))
}

func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error.html", &errorPage{
		pageBase:   pageBase{Title: http.StatusText(status)},
		Status:     status,
		StatusText: http.StatusText(status),
		Message:    msg,
	})
}

// Flash messages survive one redirect in a short-lived cookie holding a
// code; the text comes from this table, never from the cookie.
const flashCookie = "crosscase_flash"

var flashMessages = map[string]string{
	"signed_out":     "You have signed out.",
	"case_created":   "The case has been registered.",
	"case_saved":     "The case has been saved.",
	"grant_added":    "The desk can now see this case.",
	"grant_revoked":  "The desk's access has been revoked.",
	"entity_added":   "The entity has been added.",
	"entity_saved":   "The entity has been saved.",
	"entity_deleted": "The entity has been deleted.",
	// An import of entities (importFlash): the first count is of the
	// entities, the others are written by flashPhrases.
	"entities_imported": "%d entities imported from %s; no relations: record them on the link chart.", // counts: entities, lines
	// Relations drawn between the entities of a line (crosscase.LineRelations).
	"entities_imported_related": "%d entities imported from %s, with %s: see the link chart.", // counts: entities, lines, relations
	"password_changed":          "Your password has been changed.",
	"token_revoked":             "The token has been revoked.",
	"passkey_added":             "The passkey has been added: it can give the second step of your next sign-in.",
	"passkey_removed":           "The passkey has been removed.",
	"two_step_off":              "Two-step sign-in is off.",
	"two_step_reset":            "The user's two-step sign-in has been reset: they set it up again when they next need it.",
	"user_created":              "The user has been created.",
	"user_saved":                "The user has been saved.",
	"desk_confirmed":            "The user's place on the desk is confirmed: they now read the desk's cases.",
	"desk_created":              "The desk has been created.",
	"desk_saved":                "The desk has been saved.",
	"country_saved":             "The country's standing has been saved.",
	"agreement_created":         "The agreement has been recorded.",
	"agreement_saved":           "The agreement has been saved.",
	"agreement_deleted":         "The agreement has been deleted.",
	"authority_created":         "The authority has been added.",
	"hit_disclosed":             "The hit has been disclosed: the other desk can now see both entities.",
	"hit_restricted":            "The hit has been restricted: the other desk sees that it exists, nothing more.",
	"hit_dismissed":             "The hit has been dismissed as a false match.",
	// JITs.
	"jit_created":        "The JIT has been set up; the parties' desks have been told.",
	"jit_extended":       "The JIT has been extended.",
	"jit_case_linked":    "The case has been linked to the JIT.",
	"jit_funding_added":  "The funding application has been recorded.",
	"jit_funding_saved":  "The funding record has been saved.",
	"jit_member_added":   "The member has been added.",
	"jit_member_removed": "The member has been removed.",
	"jit_case_unlinked":  "The case has been unlinked.",
	"jit_message_posted": "The message has been posted.",
	"evidence_uploaded":  "The file has been uploaded and stored with its SHA-256.",
	// Coordination meetings, case results and notices.
	"meeting_created":     "The meeting has been scheduled.",
	"meeting_saved":       "The meeting has been saved.",
	"meeting_deleted":     "The meeting has been removed.",
	"action_created":      "The action has been added.",
	"result_created":      "The result has been recorded.",
	"result_deleted":      "The result has been removed.",
	"notice_sent":         "The notice has been sent.",
	"notice_acknowledged": "You have acknowledged the notice for your desk.",
	// Recipients added to a sent notice.
	"notice_recipients_added": "The notice was sent to the added desks; they have been notified.",
	// Retention and review.
	"retention_dates_saved": "The retention dates have been saved.",
	"retention_kept":        "The review has been recorded: the data are kept until the next review.",
	"retention_erased":      "The review has been recorded and the case's personal data deleted.",
	"acquittal_recorded":    "The acquittal has been recorded and the person's data deleted.",
	"relation_created":      "The relation has been recorded.",
	"relation_deleted":      "The relation has been removed.",
	// Coordination centres.
	"centre_created":  "The coordination centre is open: plan its measures.",
	"measure_planned": "The measure has been planned.",
	"measure_moved":   "The measure has been updated on every participant's board.",
	"decision_raised": "The instrument has been created in the case.",
	"language_saved":  "Your pages are now in the language you chose.",
	// Instruments.
	"instrument_created":        "The instrument has been recorded; its legal clocks are running.",
	"instrument_saved":          "The instrument has been saved.",
	"instrument_extended":       "The time limit has been extended.",
	"instrument_delay_recorded": "The reasons for the delay have been recorded.",
	"centre_message":            "The message is in the log.",
	"centre_closed":             "The centre is closed: its board and log are read-only.",
}

// flashPhrases are, for a flash message with more than one count, the
// messages that write its counts after the first, each in the plural form
// of its own count ("%d lines of the file"); "" for a count the message
// writes itself.
var flashPhrases = map[string][]string{
	"entities_imported":         {"", "%d lines of the file"},
	"entities_imported_related": {"", "%d lines of the file", "%d relations between a person or company and the identifiers of its line"},
}

// countPhrase is a count of a flash message that a message of its own
// writes (flashPhrases), in the plural form of the count.
type countPhrase struct {
	Format string
	N      int
}

// flashText writes a flash message in p's language: its format in the
// plural form of its first count, its other counts by their phrases.
func flashText(p *locale.Printer, format string, args []any) string {
	out := make([]any, len(args))
	for i, a := range args {
		if c, ok := a.(countPhrase); ok {
			a = p.N(c.Format, int64(c.N))
		}
		out[i] = a
	}
	return p.T(format, out...)
}

// redirectFlash redirects to target (303) with a flash message code and
// the counts its message writes ("entities_imported:12:7").
func (s *Server) redirectFlash(w http.ResponseWriter, r *http.Request, target, code string, counts ...int) {
	value := code
	for _, n := range counts {
		value += ":" + strconv.Itoa(n)
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: value, Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// takeFlash returns the flash message of the request's cookie, and
// clears it: the message's format from flashMessages, and its counts.
// A cookie whose counts are not as many whole numbers as the format
// writes gives no message.
func takeFlash(w http.ResponseWriter, r *http.Request) (string, []any) {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return "", nil
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	code, rest, _ := strings.Cut(c.Value, ":")
	msg := flashMessages[code]
	var counts []any
	if rest != "" {
		for i, f := range strings.Split(rest, ":") {
			n, err := strconv.Atoi(f)
			if err != nil || n < 0 {
				return "", nil
			}
			if phrases := flashPhrases[code]; i < len(phrases) && phrases[i] != "" {
				counts = append(counts, countPhrase{phrases[i], n})
			} else {
				counts = append(counts, n)
			}
		}
	}
	if strings.Count(msg, "%d")+strings.Count(msg, "%s") != len(counts) {
		return "", nil
	}
	return msg, counts
}

// formState is a form's input and the error it produced, so that a form
// is shown again with what the user typed and the message next to the
// offending field.
type formState struct {
	Values url.Values
	Err    error
}

func newForm(v url.Values, err error) *formState {
	if v == nil {
		v = url.Values{}
	}
	return &formState{Values: v, Err: err}
}

// Get returns the value of field name.
func (f *formState) Get(name string) string {
	if f == nil {
		return ""
	}
	return f.Values.Get(name)
}

// Has reports whether field name (a multi-select or checkboxes) has value.
func (f *formState) Has(name, value string) bool {
	if f == nil {
		return false
	}
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// ErrorFor returns the error message when the error names field (with or
// without an index, as in "asked_countries[2]").
func (f *formState) ErrorFor(field string) string {
	if f == nil || f.Err == nil {
		return ""
	}
	ef := crosscase.ErrorField(f.Err)
	if i := strings.IndexByte(ef, '['); i >= 0 {
		ef = ef[:i]
	}
	if ef == field {
		return crosscase.ErrorMessage(f.Err)
	}
	return ""
}

// Message returns the user-safe message of the form's error, or "".
func (f *formState) Message() string {
	if f == nil || f.Err == nil {
		return ""
	}
	return crosscase.ErrorMessage(f.Err)
}

// Field returns the form field the error names, without an index.
func (f *formState) Field() string {
	if f == nil || f.Err == nil {
		return ""
	}
	ef := crosscase.ErrorField(f.Err)
	if i := strings.IndexByte(ef, '['); i >= 0 {
		ef = ef[:i]
	}
	return ef
}

// Conflict reports whether the form failed on a stale version.
func (f *formState) Conflict() bool {
	return f != nil && crosscase.ErrorCode(f.Err) == crosscase.ECONFLICT
}

// templateFuncs are the functions of the templates of one language, p's:
// "t" writes a message (its English text is the key), "tn" a message that
// counts in the plural form of its count (locale.Printer.N: {{tn `%d more
// cases — show all` .More}}), the labels of the system's codes go through
// the same messages, and dates, numbers and euros are written as p's
// language writes them.
func templateFuncs(a *assets, p *locale.Printer) template.FuncMap {
	tr := func(s string) string { return p.T(s) }
	return template.FuncMap{
		"t":             p.T,
		"tn":            func(key string, n any, args ...any) string { return p.N(key, countOf(n), args...) },
		"tArgs":         func(format string, args []any) string { return p.T(format, args...) },
		"flash":         func(format string, args []any) string { return flashText(p, format, args) },
		"lang":          func() string { return p.Lang },
		"countryName":   countryNamer(p),
		"byCountryName": countrySorter(p),
		"eventTitle":    eventTitler(p),
		"pageTitle":     func(title string, args []any) string { return pageTitle(p, title, args) },
		"static":        a.url,
		"date": func(d crosscase.Date) string {
			if d.IsZero() {
				return "—"
			}
			return p.Date(d.Year, d.Month, d.Day)
		},
		"datetime": func(t any) string {
			if s := fmtDateTime(t); s == "—" {
				return s
			}
			switch v := t.(type) {
			case time.Time:
				return p.DateTime(v)
			case *time.Time:
				return p.DateTime(*v)
			}
			return fmtDateTime(t)
		},
		// utcTime is datetime in a column whose header says UTC.
		"utcTime": func(t time.Time) string {
			if t.IsZero() {
				return "—"
			}
			return p.DateTimeInUTC(t)
		},
		"notificationSubject": func(n *crosscase.Notification) string { return notificationSubject(p, n) },
		"month":               func(d crosscase.Date) string { return p.Month(d.Year, d.Month) },
		"centreTexts":         func() string { return centreScriptTexts(p) },
		"statCell":            func(v string) string { return statisticsCell(p, v) },
		"eur":                 p.EUR,
		"num":                 func(n int) string { return p.Int(int64(n)) },
		"list":                func(s ...string) []string { return s },
		"crimeType":           func(code string) string { return tr(crosscase.CrimeTypeName(code)) },
		"priority":            func(s string) string { return tr(priorityLabel(s)) },
		"userRole":            func(r crosscase.Role) string { return tr(userRoleLabel(r)) },
		"entityKind":          func(k crosscase.EntityKind) string { return tr(entityKindLabel(k)) },
		"entityRole":          func(r crosscase.EntityRole) string { return tr(entityRoleLabel(r)) },
		"entityRoles":         func(r crosscase.EntityRole) string { return tr(entityRolePlural(r)) },
		"standing":            func(s crosscase.Standing) string { return tr(standingLabel(s)) },
		"agreementKind":       func(k crosscase.AgreementKind) string { return tr(agreementKindLabel(k)) },
		"authorityKind":       func(k crosscase.AuthorityKind) string { return tr(authorityKindLabel(k)) },
		"valueLabel":          func(k crosscase.EntityKind) string { return tr(valueLabel(k)) },
		"fieldError":          func(f *formState, field string) template.HTML { return fieldError(p, f, field) },
		"fieldLabel":          func(name string) string { return tr(fieldLabel(name)) },
		"labelSep":            p.LabelSeparator,
		"listSep":             p.ListSeparator,
		"rowError":            func(e match.RowError) string { return rowErrorText(p, e) },
		"errorText":           func(err error) string { return errorText(p, err) },
		"auditProblem":        func(pr crosscase.AuditProblem) string { return auditProblemText(p, pr) },
		"auditNotice":         func(n crosscase.AuditProblem) string { return p.T(n.Format, localArgs(p, n.Args)...) },
		"auditSource":         func(s crosscase.AuditSource) string { return auditSourceText(p, s) },
		"formMessage": func(f *formState) string {
			if f == nil || f.Err == nil {
				return ""
			}
			return errorText(p, f.Err)
		},
		"invalid":       func(f *formState, field string) bool { return f.ErrorFor(field) != "" },
		"str":           func(v any) string { return fmt.Sprint(v) },
		"eq64":          func(a, b int64) bool { return a == b },
		"dict":          dict,
		"hitMeaning":    func(score int) string { return tr(hitMeaning(score)) },
		"hitScoreClass": hitScoreClass,
		"hitField":      func(k crosscase.EntityKind, f string) string { return tr(hitFieldLabel(k, f)) },
		"hitHow":        func(how string) string { return tr(hitHowLabel(how)) },
		"hitDisagrees":  hitDisagrees,
		"activity":      func(a *crosscase.Activity) string { return activityText(p, a.Action, a.ObjectType) },
		"clockState":    func(st crosscase.ClockState) string { return tr(clockStateLabel(st)) },
		"clockLabel":    func(k crosscase.ClockKind) string { return tr(crosscase.ClockLabel(k)) },
		"alike":         func(score float64) string { return p.T("%d %% alike", int(score*100+0.5)) },
		"hitStatus":     func(st crosscase.HitStatus) string { return tr(hitStatusLabel(st)) },
		"caseStatus":    func(st crosscase.CaseStatus) string { return tr(caseStatusLabel(st)) },
		"caseAccess":    func(a crosscase.Access) string { return tr(caseAccessLabel(a)) },

		// A JIT's funding and a retention review.
		"fundingStatus":   func(st crosscase.FundingStatus) string { return tr(fundingStatusLabel(st)) },
		"evidenceDeleted": func(reason string) string { return tr(evidenceDeletedLabel(reason)) },
		"reviewDecision":  func(d crosscase.ReviewDecision) string { return tr(reviewDecisionLabel(d)) },

		// The rules that show or hide a control, as the store applies them.
		"canRegisterCase": crosscase.CanRegisterCase,
		"canSearch":       crosscase.CanSearch,
		"timelineKind":    func(k crosscase.TimelineKind) string { return tr(timelineKindLabel(k)) },
		"humanCode":       humanCode,
		"neg":             func(n int) int { return -n },
		"inc":             func(n int) int { return n + 1 },
		// cell is field i of a row of an uploaded list, "" for a row
		// shorter than its header.
		"cell": func(row []string, i int) string {
			if i < 0 || i >= len(row) {
				return ""
			}
			return row[i]
		},
		"canSeeReport": func(u *crosscase.User) bool {
			_, ok := crosscase.ReportScope(u, u.DeskCountry)
			return ok
		},
		"canReadNotices":       crosscase.CanReadNotices,
		"periodsInWholeMonths": crosscase.PeriodsInWholeMonths,
		"isSystemName":         crosscase.IsSystemName,
		// Why caller may not confirm u's place on their desk, "" when they may.
		"deskConfirmRefusal": func(caller, u *crosscase.User) string { return errorText(p, crosscase.CanConfirmDesk(caller, u)) },
		"canAddAuthority":    crosscase.CanAddAuthority,
		// Coordination centres.
		"measureState": func(st crosscase.MeasureState) string { return tr(measureStateLabel(st)) },
		"centreEvent":  func(ev *crosscase.CentreEvent) string { return centreEventText(p, ev) },
		// JITs.
		"num64": p.Int,
		// jitName is a JIT's name after "Open your desk's JIT": without
		// a "JIT " it starts with, which the sentence already says.
		"jitName": func(name string) string { return strings.TrimPrefix(name, "JIT ") },
		"size":    func(n int64) string { return fileSize(p, n) },
		"short": func(s string, n int) string {
			if len(s) <= n {
				return s
			}
			return s[:n] + "…"
		},
	}
}

// dict builds a map from alternating keys and values, to pass several
// values to a nested template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// fieldError returns the message paragraph for field, or nothing. Its id
// is what the input's aria-describedby names.
func fieldError(p *locale.Printer, f *formState, field string) template.HTML {
	if f.ErrorFor(field) == "" {
		return ""
	}
	msg := errorText(p, f.Err)
	return template.HTML(`<p class="field-error" id="err-` + html.EscapeString(field) + `">` + html.EscapeString(msg) + `</p>`)
}

// errorText is err's message for a page in p's language: written from
// its format when the language has it, else the language's translation
// of the whole message (a refusal, "Case not found."), else as the store
// wrote it.
func errorText(p *locale.Printer, err error) string {
	var e *crosscase.Error
	if errors.As(err, &e) && e.Format != "" && (p.Lang != "en" || namesRole(e.Args) || p.Forms(e.Format) != nil) {
		if format, args := specialiseFormat(e.Format, e.Args); p.Lang == "en" || p.Has(format) {
			args = localArgs(p, args)
			if amountFormats[format] {
				for i, a := range args {
					if n, ok := a.(int64); ok {
						args[i] = localNumber(p.Int(n))
					}
				}
			}
			return p.T(format, args...)
		}
	}
	msg := crosscase.ErrorMessage(err)
	if p.Lang != "en" && p.Has(msg) {
		return p.T(msg)
	}
	return msg
}

// errorPhrases are the English phrases the domain and the store put into
// a message's format as a value, to say what a date dates ("The %s (%s)
// cannot be in the future", "The %s (%s) cannot be before the %s (%s)"):
// a language translates the format with the phrase written into it,
// which lets it put the article and agreement the phrase needs.
var errorPhrases = map[string]bool{
	"opening date": true, "closing date": true, "signature of the JIT agreement": true, "signature of the agreement": true,
	"agreement to extend the JIT": true, "application": true, "decision": true,
	"action": true, "result": true,
	"issue": true, "receipt": true, "acknowledgement": true, "arrest": true, "consent": true,
	"execution": true, "surrender": true,
	"final decision": true, "end of coordination": true, "transmission": true, "acquittal": true, "date of birth": true,
}

// specialiseFormat writes each value of args that is one of errorPhrases
// into format in place of its verb, and returns that format with the
// other values; format and args as they are when no value is a phrase.
func specialiseFormat(format string, args []any) (string, []any) {
	var b strings.Builder
	var rest []any
	n, changed := 0, false
	for i := 0; i < len(format); i++ {
		if format[i] != '%' || i+1 == len(format) {
			b.WriteByte(format[i])
			continue
		}
		if format[i+1] == '%' {
			b.WriteString("%%")
			i++
			continue
		}
		j := i + 1
		for j < len(format) && !('a' <= format[j] && format[j] <= 'z' || 'A' <= format[j] && format[j] <= 'Z') {
			j++
		}
		if j == len(format) {
			b.WriteString(format[i:])
			break
		}
		if n < len(args) {
			if s, ok := args[n].(string); ok && format[j] == 's' && errorPhrases[s] {
				b.WriteString(s)
				changed = true
			} else {
				b.WriteString(format[i : j+1])
				rest = append(rest, args[n])
			}
		} else {
			b.WriteString(format[i : j+1])
		}
		n++
		i = j
	}
	if !changed {
		return format, args
	}
	return b.String(), rest
}

// amountFormats are the refusals whose whole numbers are amounts of
// euros, written as the reader's language groups digits (45 000, 45.000);
// other numbers of a refusal (an id, a line) stay as they are.
var amountFormats = map[string]bool{
	"The grant must be between 1 and the %d euros applied for.": true,
}

// localNumber is a number already written in the reader's language,
// printed as it is by a %d verb.
type localNumber string

// Format writes n as it is, whatever the verb.
func (n localNumber) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(n)) }

// localArgs returns args with each date and moment written as p's
// language writes them (13/05/2025, 13.05.2025), and each value that
// names one of the system's codes (an instrument's status, a clock's
// state, a kind of entity, a role, a crosscase.Label) by its label in p's
// language, and each crosscase.Count in the plural form of its number.
func localArgs(p *locale.Printer, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case crosscase.Date:
			if !v.IsZero() {
				a = p.Date(v.Year, v.Month, v.Day)
			}
		case crosscase.InstrumentStatus:
			a = p.T(v.Label())
		case crosscase.Label:
			a = p.T(string(v))
		case crosscase.CountryLabel:
			if name := countryNamer(p)(v.Code); name != v.Code {
				v.Name = name
			}
			a = v.String()
		case crosscase.Moment:
			a = p.DateTime(time.Time(v))
		case crosscase.AuditSource:
			a = auditSourceText(p, v)
		case crosscase.ClockState:
			a = p.T(clockStateLabel(v))
		case crosscase.EntityKind:
			a = p.T(entityKindLabel(v))
		case crosscase.Role:
			a = roleInSentence(p, v)
		case crosscase.Count:
			a = p.N(v.Format, v.N)
		}
		out[i] = a
	}
	return out
}

// auditSourceText writes where a verification found a checkpoint in p's
// language: "FILE, note 2", "recorded at entry 12".
func auditSourceText(p *locale.Printer, s crosscase.AuditSource) string {
	if s.File == "" {
		return p.T("recorded at entry %d", s.Entry)
	}
	return p.T("%s, note %d", s.File, s.Note)
}

// auditProblemText writes a problem of the audit log's verification in
// p's language as a sentence of its own: capital first, full stop last.
func auditProblemText(p *locale.Printer, pr crosscase.AuditProblem) string {
	s := p.T(pr.Format, localArgs(p, pr.Args)...)
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:] + "."
}

// namesRole reports whether a message's values name a role, which the
// pages write as its label, never as its code (desk_member).
func namesRole(args []any) bool {
	for _, a := range args {
		if _, ok := a.(crosscase.Role); ok {
			return true
		}
	}
	return false
}

// roleInSentence writes role's label within a sentence of p's language:
// lower-case ("desk member", "membre de bureau") but in German, whose
// nouns keep their capital, and in an abbreviation ("JIT member").
func roleInSentence(p *locale.Printer, role crosscase.Role) string {
	l := p.T(userRoleLabel(role))
	r := []rune(l)
	if p.CapitalNouns() || len(r) < 2 || unicode.IsUpper(r[1]) {
		return l
	}
	return string(unicode.ToLower(r[0])) + string(r[1:])
}

// fieldLabels name the form fields in messages at the top of a form.
var fieldLabels = map[string]string{
	"title": "Title", "summary": "Summary", "asked_countries": "Countries asked to help",
	"crime_types": "Crime types", "authority_ids": "Authorities", "priority": "Priority",
	"status": "Status", "opened_on": "Opened on", "closed_on": "Closed on", "victims": "Victims",
	"financial_damage_eur": "Financial damage", "kind": "Kind", "role": "Role", "extension_reason": "Reason", "reason": "Reason for the audit log",
	"family_name": "Family name", "given_name": "Given names", "name": "Name",
	"birth_date": "Date of birth", "nationality": "Nationality", "value": "Value",
	"id_number": "Identity number", "address": "Address",
	"country": "Country", "country_code": "Country", "notes": "Notes", "external_ref": "Reference",
	"organisation": "Organisation", "signed_on": "Signed on", "display_name": "Full name",
	"desk_id": "Desk", "password": "Password", "label": "Label", "city": "City",
	"current_password": "Current password", "new_password": "New password",
	"confirm_password": "New password again", "q": "Text", "scope": "Scope",
	"crime_type": "Crime type", "opened_from": "Opened from", "opened_to": "Opened to",
	"from": "From", "to": "To", "start": "Start", "view": "View", "case_id": "Case id", "version": "Version", "user_id": "User", "action": "Action",
	"object_type": "Object", "cursor": "Page", "limit": "Page size",
	// Coordination meetings, case results and notices.
	"starts_at": "Date and time", "desk_ids": "Desks", "partners": "Partner agencies", "agenda": "Agenda",
	"outcome": "Outcome", "date": "Date", "action_id": "Action day", "count": "How many", "seizure_type": "Seizure type",
	"substance": "Substance", "quantity": "Quantity", "unit": "Unit", "measure": "Measure", "value_eur": "Value (EUR)",
	"subject": "Subject", "body": "Text", "recipient_desk_ids": "Recipients", "personal_data": "Personal data",
	"attachments": "Attachments", "to_all": "Recipients",
	// Retention and review.
	"time_barred_on": "Time-barred in every Member State", "final_decision_on": "Last final judicial decision",
	"coordination_ended_on": "Coordination no longer needed", "transmitted_on": "Transmitted under Art. 21(6) or (7)",
	"from_id": "From", "to_id": "To",
	"decision": "Decision", "review_reason": "Reasons", "keep_until": "Next review", "final_on": "Acquittal final on",
	// Coordination centres.
	"action_date": "Action day", "zones": "Time zones", "member_ids": "Invited JIT members", "place": "Place",
	"owner_country": "Reported by", "entity_id": "Person or account", "instrument_id": "Instrument", "planned_at": "Planned time",
	"state": "State", "text": "Message", "type": "Type", "executing_country": "Executing country", "reference": "Reference",
	// JITs: the parties are the countries of the authorities chosen.
	"parties": "Authorities of the parties", "new_ends_on": "New end", "agreed_on": "Agreed on",
	"duration_months": "Duration (months)", "ends_on": "Ends on", "case_ids": "Linked cases", "link_case_id": "Link a case", "authority_id": "Authority",
	"applied_eur": "Amount applied for (EUR)", "applied_on": "Applied on", "granted_eur": "Granted EUR", "decided_on": "Decided on",
	"recipient_ids": "Mark for", "file": "File", "attachment": "Attachments", "recipients": "Recipients", "parent_id": "In reply to",
	// Instruments: the new instrument's form and the dates recorded on it
	// (a moment in UTC is named as its date is).
	"issuing_country": "Issuing country", "issuing_authority_id": "Issuing authority",
	"executing_authority_id": "Executing authority", "issued_on": "Issued on",
	"received_on": "Received", "received_at": "Received", "acknowledged_on": "Receipt acknowledged",
	"arrest_on": "Arrest", "consent_on": "Consent to surrender", "decision_on": "Decision", "decided_at": "Decision",
	"surrender_on": "Surrender", "execution_on": "Execution", "executed_at": "Execution",
	"clock": "Clock", "days": "Days", "reasons": "Reasons", "urgent": "Urgent", "clear_reason": "Reason for clearing a date",
	// A coordination centre's measure done.
	"arrests": "Further arrests", "frozen_eur": "Value frozen (EUR)", "seizures": "Seized",
	// Account, statistics, administration, check a list.
	"code": "Code", "year": "Year", "standing": "Standing", "separator": "Columns separated by", "threshold": "Score",
}

// fieldLabel returns the label of form field name; a field of a list
// (parties[1].authority_ids) is named by its list's label, a field of a
// group (outcome.arrests) by its own.
func fieldLabel(name string) string {
	if i := strings.IndexByte(name, '['); i > 0 {
		name = name[:i]
	} else if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if l, ok := fieldLabels[name]; ok {
		return l
	}
	return name
}

// fileSize writes a file's size as p's language does: binary units as
// evidence.FormatSize gives them, with the language's decimal comma, and
// a size under 1 KiB in its word for bytes ("180 octets", "180 Bytes").
func fileSize(p *locale.Printer, n int64) string {
	switch {
	case n < 1<<10:
		return p.N("%s bytes", n, p.Int(n))
	}
	return p.Decimal(evidence.FormatSize(n))
}

// pager is what the "pager" partial of a list page reads: the next
// page's address, and the first page's once the reader has paged on.
type pager struct {
	NextURL  string
	FirstURL string
	Paged    bool // not the first page
}

// firstShown is the first n of list that a page shows before a link to
// all of them, and how many that leaves out; the whole list when all is
// set (?all=1) or list has no more than n.
func firstShown[T any](list []T, n int, all bool) ([]T, int) {
	if all || len(list) <= n {
		return list, 0
	}
	return list[:n], len(list) - n
}
