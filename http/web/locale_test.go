package web

import (
	"io/fs"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// templateKeyRE finds the messages the templates write: {{t `…`}} and
// {{t "…"}}.
var templateKeyRE = regexp.MustCompile("\\{\\{-?\\s*t\\s+(`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\")")

// messageKeys returns every message the pages write in the reader's
// language: the templates' texts, the labels of the system's codes, the
// names of the legal clocks and instruments, the flash messages, the
// field names and the refusals of the partner data rule.
func messageKeys(t *testing.T) []string {
	t.Helper()
	keys := map[string]bool{}
	add := func(s string) {
		if s != "" {
			keys[s] = true
		}
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		b, err := templateFS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range templateKeyRE.FindAllStringSubmatch(string(b), -1) {
			k := m[1]
			if strings.HasPrefix(k, "`") {
				add(strings.Trim(k, "`"))
			} else {
				s, err := strconv.Unquote(k)
				if err != nil {
					t.Fatalf("%s: %s: %v", n, k, err)
				}
				add(s)
			}
		}
	}
	for _, r := range crosscase.Roles() {
		add(userRoleLabel(r))
	}
	for _, p := range append(crosscase.Priorities(), "") {
		add(priorityLabel(p))
	}
	for _, k := range crosscase.EntityKinds() {
		add(entityKindLabel(k))
		add(valueLabel(k))
		for _, f := range []string{"family_name", "given_name", "birth_date", "id_number", "name", "name_rarity", "full_name", "value", "nationality", "address"} {
			add(hitFieldLabel(k, f))
		}
	}
	for _, r := range crosscase.EntityRoles() {
		add(entityRoleLabel(r))
		add(entityRolePlural(r))
	}
	for _, s := range []crosscase.Standing{crosscase.StandingMember, crosscase.StandingLiaison, crosscase.StandingContactPoint, crosscase.StandingNone} {
		add(standingLabel(s))
	}
	for _, k := range []crosscase.AgreementKind{crosscase.AgreementCooperation, crosscase.AgreementWorkingArrangement} {
		add(agreementKindLabel(k))
	}
	for _, k := range []crosscase.AuthorityKind{crosscase.AuthorityProsecution, crosscase.AuthorityPolice, crosscase.AuthorityCourt, crosscase.AuthorityBorderGuard, crosscase.AuthorityCustoms, crosscase.AuthorityOther} {
		add(authorityKindLabel(k))
	}
	for _, score := range []int{95, 80, 50} {
		add(hitMeaning(score))
	}
	for _, l := range hitHowLabels {
		add(l)
	}
	for _, st := range []crosscase.ClockState{crosscase.ClockPending, crosscase.ClockRunning, crosscase.ClockOverdue, crosscase.ClockMet, crosscase.ClockMetLate, crosscase.ClockStopped, crosscase.ClockNoLimit} {
		add(clockStateLabel(st))
	}
	for _, st := range []crosscase.HitStatus{crosscase.HitNew, crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed} {
		add(hitStatusLabel(st))
	}
	for _, k := range crosscase.TimelineKinds() {
		add(timelineKindLabel(k))
	}
	for _, st := range crosscase.MeasureStates() {
		add(measureStateLabel(st))
	}
	for _, l := range measureKindLabels {
		add(l)
	}
	for _, l := range resultKindLabels {
		add(l)
	}
	for _, ct := range crosscase.CrimeTypes() {
		add(ct.Name)
	}
	for _, it := range crosscase.InstrumentTypes() {
		add(it.Label())
	}
	for _, st := range []crosscase.InstrumentStatus{crosscase.StatusIssued, crosscase.StatusReceived, crosscase.StatusAcknowledged, crosscase.StatusArrested,
		crosscase.StatusConsented, crosscase.StatusSurrenderOrdered, crosscase.StatusGranted, crosscase.StatusRecognised, crosscase.StatusAccepted,
		crosscase.StatusExecuted, crosscase.StatusSurrendered, crosscase.StatusRefused, crosscase.StatusWithdrawn} {
		add(st.Label())
	}
	for _, k := range []crosscase.ClockKind{crosscase.ClockEAWDecision, crosscase.ClockEAWSurrender, crosscase.ClockEIOAcknowledge, crosscase.ClockEIORecognition,
		crosscase.ClockEIOExecution, crosscase.ClockFreezingDecision, crosscase.ClockFreezingExecution, crosscase.ClockConfiscationDecision,
		crosscase.ClockNOISDecision, crosscase.ClockNOISSurrender, crosscase.ClockUKDecision, crosscase.ClockUKSurrender} {
		add(crosscase.ClockLabel(k))
	}
	for _, k := range crosscase.RelationKinds() {
		add(k.Label())
	}
	for _, o := range append(append([]option{}, entitySorts...), instrumentSorts...) {
		add(o.Label)
	}
	for _, m := range flashMessages {
		add(m)
	}
	for _, l := range fieldLabels {
		add(l)
	}
	for _, f := range partnerRuleFormats {
		add(f)
	}
	for _, m := range pageRefusals {
		add(m)
	}
	add(evidenceTooLargeFormat)
	for _, l := range bulkFieldLabels {
		add(l) // the fields of a checked list's columns
	}
	for _, tb := range (&crosscase.Report{}).Tables() {
		add(tb.Title)
	}
	for _, l := range []string{"Last known address", "Registered or last known address"} {
		add(l) // the address field's labels (entity_form.html)
	}
	for _, w := range []string{"found by the matcher", "contains the text"} {
		add(w) // why the search found an entity (sqldb/search.go)
	}
	for _, a := range append(crosscase.AuditActions(), crosscase.AuditObjectTypes()...) {
		add(humanCode(a)) // the dashboard's recent activity
	}
	for _, st := range []string{"new", "disclosed", "restricted", "dismissed", "open", "closed"} {
		add(st) // hit and centre states on the timeline
	}
	for _, codes := range [][]string{crosscase.SeizureTypes(), crosscase.Substances(), crosscase.Measures()} {
		for _, o := range options(codes) {
			add(o.Label) // the choices of a seizure
		}
	}
	for _, f := range formErrorFormats {
		add(f)
	}
	for _, f := range centreEventFormats {
		add(f)
	}
	for _, f := range pageTitleFormats {
		add(f)
	}
	for _, m := range statisticsChartTexts {
		add(m)
	}
	for _, f := range crosscase.TimelineTitleFormats() {
		add(f)
	}
	for _, f := range measureTimelineFormats {
		add(f)
	}
	add(assetsReturnedFormat)
	for _, f := range timelineSingular {
		add(f)
	}
	for _, status := range errorPageStatuses {
		add(http.StatusText(status))
	}
	for _, g := range []string{"National desks", "Liaison prosecutors", "Contact points"} {
		add(g) // the groups of desks a notice goes to (notice.go)
	}
	for _, l := range []string{"Seized (EUR)", "Frozen (EUR)", "Confiscated (EUR)", "Returned to victim countries (EUR)"} {
		add(l) // the money totals of a case's results (coordination.go)
	}
	for _, tb := range hitTabs {
		add(tb.label) // the tabs of the list of hits
		add(tb.empty)
	}
	for _, st := range []crosscase.CaseStatus{crosscase.CaseOpen, crosscase.CaseClosed} {
		add(caseStatusLabel(st))
	}
	for _, a := range []crosscase.Access{crosscase.AccessOwner, crosscase.AccessAsked, crosscase.AccessGranted} {
		add(caseAccessLabel(a))
	}
	for _, p := range []*casePage{{Coord: &caseCoordination{}, ShowLinked: true}, {EntitiesWithheld: true}} {
		for _, sec := range p.Sections() {
			add(sec.Label) // the case page's section bar
		}
	}
	for _, m := range []map[string]string{measureTotalFormats, measureDetailFormats} {
		for _, f := range m {
			add(f) // a seizure by what was done with it (coordination.go)
		}
	}
	for _, u := range crosscase.DrugUnits() {
		add(u) // the units of a seizure's quantity
	}
	for _, it := range crosscase.InstrumentTypes() {
		for _, urgent := range []bool{false, true} {
			for _, d := range recordDates(&crosscase.Instrument{Type: it, Urgent: urgent}) {
				add(d.Label) // an instrument's dates
			}
		}
	}
	en, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range centreTally(en.Printer("en"), crosscase.CentreTally{}) {
		add(row.Label) // the coordination centre's tally
	}
	for _, l := range statisticsLabels {
		add(l) // the statistics tables' columns and figures
	}
	for _, f := range crosscase.NotificationSubjects() {
		add(f)
	}
	admin := &crosscase.User{ID: 1, Role: crosscase.RoleAdministrator}
	for _, err := range []error{crosscase.CanResetPassword(admin, admin), crosscase.CanResetSecondFactor(admin, admin),
		crosscase.CanResetPassword(admin, &crosscase.User{ID: 2, SecondFactorResetBy: 1}), crosscase.CanResetSecondFactor(admin, &crosscase.User{ID: 2, PasswordResetBy: 1})} {
		add(crosscase.ErrorMessage(err)) // why a reset is not offered (admin_user.html)
	}
	for _, n := range crosscase.MissedLimitNotes() {
		add(n) // what follows from a missed limit (instrument page, notifications)
	}
	for _, g := range crosscase.RetentionGrounds() {
		add(g.Describe()) // a deletion's ground (retention page, notifications)
	}
	for _, f := range []string{"A case of %s", "hit %d", "Link chart of %s"} {
		add(f) // the link chart's other cases, hits and title (link_chart.go)
	}
	add("%s recorded, quantity not known")
	add("%s: %s") // a seizure and its quantity (centre.go)
	for _, f := range pressTextFormats {
		add(f) // the text for the press (centre.go)
	}
	for _, m := range centreScriptMessages {
		add(m) // the live board's texts (static/centre.js)
	}
	for _, st := range crosscase.FundingStatuses() {
		add(fundingStatusLabel(st)) // a JIT's funding applications
	}
	for _, d := range []crosscase.ReviewDecision{crosscase.ReviewKeep, crosscase.ReviewDelete} {
		add(reviewDecisionLabel(d)) // the retention reviews
	}
	add("items") // the unit of seized objects (statistics, results)
	for _, f := range coordinationFormTitles {
		add(f) // the titles of the coordination forms
	}
	add("to %s") // assets returned to a country
	add("%d %% alike")
	add("1 byte") // a file's size (fileSize)
	add("%s bytes")
	out := make([]string, 0, len(keys))
	for k := range keys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// formErrorFormats are the most common refusals of a form, which pages
// write in the reader's language (errorText).
var formErrorFormats = []string{
	"This field is required.",
	"Text is %d characters long; the limit is %d.",
	"Text is not valid UTF-8.",
	"Text contains a control character (U+%04X).",
	"Enter a real date as YYYY-MM-DD, between 1900 and 2200.",
	"Enter a whole number, without separators.",
	"Enter a number, such as 12.5.",
	"Enter a date and time as YYYY-MM-DDTHH:MM (UTC).",
	"Enter a real date and time (YYYY-MM-DD HH:MM, UTC).",
	"The end of the date range is before its start.",
	"Choose a desk.",
	"Choose the issuing country.",
	"Choose the executing country.",
	"Choose authorities from the list.",
	"Choose desks from the list.",
	"Choose members from the list.",
	"Choose what kind of entity to add.",
	"Choose a file to upload.",
	"The two new passwords differ.",
	"A password has at least %d characters.",
	"Choose a password of your own, not the one you were given.",
	"Give the date and time of the meeting.",
	"Opening date is required.",
	"The date of issue is required.",
	"The executing country must differ from the issuing country.",
	"Only persons have a date of birth.",
	"The calendar shows the deadlines of the coming year only.",
	"The view is list, month or week.",
	"Search for at least two characters.",
	"Status must be new, disclosed, restricted or dismissed.",
}

// pageTitleFormats are the titles of pages that name a case, a user or a
// centre (pageBase.TitleArgs).
var pageTitleFormats = []string{"User %s", "Coordination centres · %s", "Log · %s", "Link chart · %s", "Add an entity to %s",
	"Hit on %s", "New instrument · %s", "Retention · %s", "Timeline · %s", "Edit %s", "Edit entity of %s", "Hits of %s"}

// statisticsChartTexts are the titles, descriptions and series of the
// statistics page's charts (statistics.go).
var statisticsChartTexts = []string{"Cases handled by crime type",
	"Cases handled from %s to %s by crime type, most first; the table below gives the same figures.",
	"Third countries by participation",
	"Cases handled in which each third country owns or is asked, the fifteen most involved; the table below gives them all.",
	"Member states: cases owned and asked in",
	"Cases handled per member state, owned and asked in together; the table below splits them.",
	"Year on year",
	"Cases handled, new cases, coordination meetings and JITs supported in each of the five years to %d; the table below gives the same figures.",
	"Cases handled", "New cases", "Meetings", "JITs supported"}

// errorPageStatuses are the statuses an error page can show, named in
// the reader's language.
var errorPageStatuses = []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound,
	http.StatusMethodNotAllowed, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType,
	http.StatusUnprocessableEntity, http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusNotImplemented,
	http.StatusServiceUnavailable}

// partnerRuleFormats are the refusals of the partner data rule, which
// pages write in the reader's language (README, "Partner data rule").
var partnerRuleFormats = []string{
	"Personal data may not be sent to an unknown country.",
	"Refused (%s): %s (%s) has only a working arrangement with the agency (signed %s), and operational personal data may go to a third country only under a cooperation agreement (Regulation (EU) 2018/1727, Art. 56).",
	"Refused (%s): %s (%s) has no cooperation agreement with the agency, and operational personal data may go to a third country only under one (Regulation (EU) 2018/1727, Art. 56).",
}

// Every message the pages write is in every language's file, and no file
// holds a message the pages no longer write. With CROSSCASE_DUMP_KEYS set
// to a file name, the messages are written there, one per line, for
// translators.
func TestMessagesInEveryLanguage(t *testing.T) {
	keys := messageKeys(t)
	if path := os.Getenv("CROSSCASE_DUMP_KEYS"); path != "" {
		if err := os.WriteFile(path, []byte(strings.Join(keys, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range locale.Languages[1:] {
		p := c.Printer(l.Tag)
		var missing []string
		for _, k := range keys {
			if !p.Has(k) {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks %d of %d messages, first %q", l.Tag, len(missing), len(keys), missing[:min(5, len(missing))])
		}
		for _, k := range c.Keys(l.Tag) {
			if !slices.Contains(keys, k) {
				t.Errorf("%s translates %q, which no page writes", l.Tag, k)
			}
			if strings.Count(k, "%")-strings.Count(k, "%%")*2 != strings.Count(p.T(k), "%")-strings.Count(p.T(k), "%%")*2 {
				t.Errorf("%s: %q and its translation %q take different values", l.Tag, k, p.T(k))
			}
		}
	}
}

// pageRefusals are the refusals and not-found messages the pages show
// most (a role that does not reach a page, a case or JIT of another
// desk), which the error page and the forms write in the reader's
// language (errorText).
var pageRefusals = []string{
	"A JIT member's account reaches only the JITs it is a member of.",
	"A contact point's account reaches only its desk's notices.",
	"Your role does not search case content.",
	"Only administrators may do this.",
	"Only desk members and liaison prosecutors send notices.",
	"Only desk members and liaison prosecutors register cases.",
	"Only desk members, liaison prosecutors and analysts check lists against the cases.",
	"Only the desk that owns this case can change its entities.",
	"Only statistics users, and the users of a desk for its own figures, see the statistics.",
	"Page not found.", "Case not found.", "Entity not found.", "Hit not found.", "Instrument not found.", "JIT not found.",
	"Centre not found.", "Notice not found.", "Meeting not found.", "Evidence not found.",
}

// The refusals of the partner data rule are written in the reader's
// language, with their values.
func TestPartnerRuleRefusalTranslated(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	err = crosscase.CheckTransfer(&crosscase.Country{Code: "KR", Name: "Republic of Korea", Standing: crosscase.StandingContactPoint}, nil, crosscase.Date{Year: 2025, Month: 5, Day: 1}, "JIT space")
	for tag, want := range map[string]string{"en": "Refused (JIT space): Republic of Korea (KR) has no cooperation agreement", "fr": "Refusé (JIT space) : Republic of Korea (KR) n'a pas d'accord de coopération",
		"de": "Abgelehnt (JIT space): Republic of Korea (KR) hat kein Kooperationsabkommen", "it": "Rifiutato (JIT space): Republic of Korea (KR) non ha un accordo di cooperazione"} {
		if got := errorText(c.Printer(tag), err); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want %q…", tag, got, want)
		}
	}
}

// A notification is written wholly in the reader's language, the legal
// consequence and the ground of a deletion included, from the format and
// values the store kept.
func TestNotificationSubjectTranslated(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	law, _ := crosscase.SurrenderLawOf(crosscase.InstrumentEAW)
	expired := crosscase.Notification{}.Saying(crosscase.SubjectSurrenderExpired, crosscase.InstrumentEAW.Label(), "EAW-1", "2025-05-13", law.ReleaseNote)
	deleted := crosscase.Notification{}.Saying(crosscase.SubjectDataDeleted, "IT/2025/1", crosscase.GroundAcquitted.Describe(), string(crosscase.GroundAcquitted))
	for _, tc := range []struct {
		n         crosscase.Notification
		tag, want string
	}{
		{expired, "fr", "Si la personne est toujours en détention, elle est remise en liberté (décision-cadre 2002/584/JAI, art. 23, par. 5)."},
		{expired, "de", "Befindet sich die Person noch in Haft, wird sie freigelassen"},
		{deleted, "it", "la persona è stata definitivamente assolta"},
		{deleted, "en", "the person was finally acquitted"},
	} {
		if got := notificationSubject(c.Printer(tc.tag), &tc.n); !strings.Contains(got, tc.want) {
			t.Errorf("%s: %q does not hold %q", tc.tag, got, tc.want)
		}
	}
}
