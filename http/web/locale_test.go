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
	"crosscase/match"
)

// templateKeyRE finds the messages the templates write: {{t `…`}} and
// {{t "…"}}, and (t `…`) as the value of another call, and those that
// count: {{tn `…` .N}}.
var templateKeyRE = regexp.MustCompile("(?:\\{\\{-?|\\()\\s*tn?\\s+(`[^`]*`|\"(?:[^\"\\\\]|\\\\.)*\")")

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
	for n, text := range templateTexts(t) {
		for _, m := range templateKeyRE.FindAllStringSubmatch(text, -1) {
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
	for _, l := range evidenceDeletedLabels {
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
	for _, l := range decisionTypeLabels {
		add(l)
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
	for _, phrases := range flashPhrases {
		for _, m := range phrases {
			add(m)
		}
	}
	for _, l := range fieldLabels {
		add(l)
	}
	for _, list := range [][]string{partnerRuleFormats, pageRefusals, storeRefusals, storeFieldErrors} {
		for _, m := range list {
			add(m)
		}
	}
	for _, l := range crosscase.TransferLabels() {
		add(l) // what the partner data rule refused
	}
	for _, f := range partnerRuleFormats {
		for _, s := range []string{crosscase.NoticeNotSent, crosscase.NoDeskAdded} {
			add(f + " " + s) // a notice refused by the rule (Error.WithSentence)
		}
	}
	add(evidenceTooLargeFormat)
	for _, l := range bulkFieldLabels {
		add(l) // the fields of a checked list's columns
	}
	for _, tb := range (&crosscase.Report{}).Tables() {
		add(tb.Title)
	}
	add(crosscase.WithheldCountText) // a statistics table's withheld count (statisticsCell)
	for _, l := range []string{"Last known address", "Registered or last known address"} {
		add(l) // the address field's labels (entity_form.html)
	}
	for _, w := range []string{"found by the matcher", "contains the text"} {
		add(w) // why the search found an entity (sqldb/search.go)
	}
	for _, a := range append(crosscase.AuditActions(), crosscase.AuditObjectTypes()...) {
		add(humanCode(a)) // the audit log's filters; recent activity without a phrase of its own
	}
	for _, l := range activityLabels {
		add(l) // the dashboard's recent activity
	}
	add(activityFallbackFormat)
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
	for _, f := range auditVerifyFormats {
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
	for _, err := range []error{crosscase.CanResetPassword(admin, admin), crosscase.CanResetSecondFactor(admin, admin, true),
		crosscase.CanResetPassword(admin, &crosscase.User{ID: 2, SecondFactorResetBy: 1}), crosscase.CanResetSecondFactor(admin, &crosscase.User{ID: 2, PasswordResetBy: 1}, true),
		crosscase.CanResetSecondFactor(admin, &crosscase.User{ID: 2}, false)} {
		add(crosscase.ErrorMessage(err)) // why a reset is not offered (admin_user.html)
	}
	for _, a := range crosscase.ClockArticles() {
		add(a) // the article that sets a clock's limit (instrument.html)
	}
	for _, ph := range crosscase.ScopePhrases() {
		add(ph) // the values of an instrument's scope refusals
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
	add("%s: %s") // a label and what it labels (LabelSeparator); a seizure and its quantity (centre.go)
	add("%s; %s") // the items of a list (ListSeparator)
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
	for _, f := range rowErrorFormats {
		add(f) // why a row of a checked list could not be read (check.go)
	}
	for _, f := range countValueFormats {
		add(f) // a count a message writes as a value (crosscase.Count)
	}
	add("Line %d: %s")
	add("Line %d, column %s: %s")
	add(noRowReadable)
	add("%s bytes") // a file's size (fileSize)
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
	"This form's version is not one the page wrote: reload the page and make your change again.",
	"Enter a number, such as 12.5.",
	"Enter a date and time as YYYY-MM-DDTHH:MM (UTC).",
	"Enter a real date and time (YYYY-MM-DD HH:MM, UTC).",
	"The end of the date range is before its start.",
	"Choose a desk.",
	"Choose a case.",
	"Choose the person to add.",
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
	"Hit on %s", "New instrument · %s", "Retention · %s", "Timeline · %s", "Edit %s", "Edit entity of %s", "Hits of %s",
	"Import entities into %s"}

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
	"Refused (%s): %s has only a working arrangement with the agency (signed %s), and operational personal data may go to a third country only under a cooperation agreement (Regulation (EU) 2018/1727, Art. 56).",
	"Refused (%s): %s has no cooperation agreement with the agency, and operational personal data may go to a third country only under one (Regulation (EU) 2018/1727, Art. 56).",
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
			if values(k) != values(p.T(k)) {
				t.Errorf("%s: %q and its translation %q take different values", l.Tag, k, p.T(k))
			}
			// A plural form may leave out the count ("The one entry is
			// intact."), no other value.
			for c, f := range p.Forms(k) {
				if values(f) > values(k) || values(f) < values(k)-1 {
					t.Errorf("%s: %q and its %q form %q take different values", l.Tag, k, c, f)
				}
			}
		}
	}
}

// values is the number of values the message format s takes.
func values(s string) int {
	return strings.Count(s, "%") - strings.Count(s, "%%")*2
}

// countValueFormats are the counts that the domain, the store and the
// matcher write as values of their messages (crosscase.Count), which a
// page writes in the plural form of their number: the entries of a
// signed checkpoint (sqldb/audit_checkpoint.go), a list's names and
// identifiers over the quota (crosscase.ListCheckQuota), a row's fields
// and its header's columns (match.RowFieldCount).
var countValueFormats = []string{"%d entries", "%d names and identifiers", "%d fields", "%d columns"}

// pageRefusals are the refusals and not-found messages the pages show
// most (a role that does not reach a page, a case or JIT of another
// desk), which the error page and the forms write in the reader's
// language (errorText).
var pageRefusals = []string{
	"The address is longer than 8192 characters: shorten the search or the filters.", // server.withAddressLimit
	// What each role reaches, the refusal of a route it does not
	// (crosscase.Role.Reach).
	"A JIT member's account reaches only the JITs it is a member of, the coordination centres it is invited to, and its own account.",
	"A contact point's account reaches only its desk's notices and inbox, the directory of authorities, and its own account.",
	"A statistics account sees no case: it reaches the statistics, the directory of authorities, and its own account.",
	"An administrator's account sees no case: it reaches the administration, the JITs' records, the directory of authorities, and its own account.",
	"Your role does not reach this page.",
	"Your role does not search case content.",
	"Only administrators may do this.",
	"Only desk members and liaison prosecutors send notices.",
	"Only desk members and liaison prosecutors register cases.",
	"Only desk members, liaison prosecutors and analysts check lists against the cases.",
	"Only the desk that owns this case can change its entities.",
	"Only statistics users, and the users of a desk for its own figures, see the statistics.",
	"This page does not take %s; it takes %s.",
	"Page not found.", "Case not found.", "Entity not found.", "Hit not found.", "Instrument not found.", "JIT not found.",
	"Centre not found.", "Notice not found.", "Meeting not found.", "Evidence not found.",
	"The login name %s is taken.",
	// The pages' own refusals (http/web).
	"Choose your own password on the Account page first.",
	"Evidence is downloaded from its JIT page on this site, not through a link from elsewhere.",
	"Give the code of your second factor first.",
	"Only the desk that owns this case can change it.",
	"Only the owner desk (%s) adds instruments to this case.",
	"Passkeys answer only at %s.",
	"Set up two-step sign-in on the Account page first.",
	"The form could not be read.",
	"The form did not come from this site.",
	"The server is reading other long lists at this moment: send this one again in a few seconds.",
	"The form has expired or did not come from this site. Reload the page and try again.",
	"The sign-in form could not be read.",
	"This account has no passkey: give a code.",
	"This page is for administrators.",
	"Your account must keep two-step sign-in.",
	"Your current password is not correct.",
	// Signing in and its second step.
	"The sign-in form has expired or did not come from this site. Your browser must accept cookies from this site; please try again.",
	"Too many failed sign-ins for this account or from this address. Try again in %d seconds.",
	"That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.",
	"That code has been used already. Wait for the next one your app shows, or type one of your recovery codes.",
	"That code has been used already: wait for the next one your app shows, or type a recovery code.",
	"The passkey did not answer for this account. Try again, or give a code from your app.",
	"Give the reason for clearing a recorded date: it starts or stops a legal time limit.",
	"Only the desk that owns the case clears a recorded date; correct it with another date instead.",
	"The form could not be read: send it again from the page.",
	"The upload could not be read.",
	"Send the file with the page's upload form.",
	// A coordination centre's forms.
	"Line %d: give a country code and a time zone, e.g. BE Europe/Brussels.",
	"Give the local time as HH:MM.",
	"The centre gives no time zone for %q.",
	"Enter a whole number.",
	"Enter a whole number of euros.",
	"Give ids (whole numbers).",
	// Passkeys (passkey.go).
	"The passkey's question has expired or did not come from this session: try again.",
	"The browser's answer could not be read: try again.",
	"The passkey's answer did not check out: try again.",
	// A page's address or form not as the page wrote it.
	"%q is not an order of the entities.",
	"%q is not an order of the instruments.",
	"%q is not a kind of entity.",
	"%q is not a kind of result.",
	"%q is not an order of the results.",
	"Choose from the list.",
	"Enter a number.",
	"Choice %d is not an authority.",
	"%q is not a case.",
	"Send the form as multipart/form-data.",
	"The file could not be read, or is larger than 25 MiB.",
	"%s is larger than the limit of 25 MiB for one file.",
	// The shared server's (http/server).
	"Give one reason.",
	"Unknown query parameter %q; known: %s.",
	"Query parameter %q is given %d times.",
	"Query parameter %q is not valid UTF-8.",
	"The query string could not be read.",
	"The format is csv or json, not %q.",
	"There is no table %q in the report.",
	"%q is not a kind of timeline event.",
	"The request is larger than the limit of %s (%d bytes): send fewer or smaller files.",
}

// storeRefusals are the other refusals, conflicts and not-found messages
// the store returns (crosscase.Errorf in sqldb), which the error page
// and the forms write in the reader's language (errorText): from their
// format when they take values, else whole. A not-found message is
// listed whole ("User not found."): its format, "%s not found.", would
// leave the English name of what is missing in the sentence.
var storeRefusals = []string{
	"The file is larger than the limit of %d MiB; check larger lists with the command line.",                    // server.ReadCheckRows
	"The file is UTF-16 text; save it as UTF-8 (in a spreadsheet: CSV UTF-8) and send it again.",                // match.CheckEncoding
	"The header is read as one column, %q: its columns seem separated by %s, not by %s; choose that separator.", // match.CheckSeparator
	"%s's place on the desk is confirmed already.",
	"%s has not chosen their own password yet: confirm them once they have signed in and chosen it, so that the account is theirs.",
	"Someone else confirms your place on the desk: a colleague of the desk or an administrator.",
	"You made this change: a colleague of the desk or another administrator confirms it, so that no one administrator opens a desk's cases alone.",
	"Only a colleague of the desk or an administrator confirms a place on it.",
	"Agreement not found.",
	"Attachment not found.",
	"Authority not found.",
	"Calendar not found.",
	"Calendar token not found.",
	"Country not found.",
	"Desk not found.",
	"Funding record not found.",
	"Grant not found.",
	"Linked case not found.",
	"Measure not found.",
	"Member not found.",
	"Notification not found.",
	"Passkey not found.",
	"Relation not found.",
	"Result not found.",
	"Token not found.",
	"User not found.",
	"A referenced record does not exist.",
	"%s has a desk already.",
	"%s has an authority of that name already.",
	"%s is already a member of this JIT.",
	"Only the owner desk (%s) may link case %s to a JIT: linking opens it to the JIT's members. Ask the owner desk to link it.",
	"%s was added to the JIT for %s but now works for %q: a party desk member adds them again for their real country.",
	"Your desk reports the results of its own country (%s) in this case; the owner desk (%s) reports the others.",
	"The files of a notice hold at most %d bytes (64 MiB) together; these hold %d.",
	"%s is %d bytes; the limit for one file is %d bytes (25 MiB).",
	"Administrators administer JITs; their messages and evidence are for members and the parties' desks.",
	"An API token acts as the user it belongs to, so only that user makes it, from their Account page; an administrator may revoke it.",
	"An account keeps at most %d passkeys: remove one first.",
	"Analysts read the centre's log; those who work the case write in it.",
	"Begin setting up two-step sign-in first.",
	"Desk members, liaison prosecutors and contact points acknowledge notices for their desk.",
	"JIT %s ended on %s: its space is read-only (no new messages, evidence, members or cases). Extend it to carry on.",
	"Measure %d was changed by %s at %s: it is now %s (version %d; you saw version %d). Reload the board and decide again.",
	"Measure %d was changed by someone else. Reload the board and decide again.",
	"No missed time limit %q is recorded for this instrument.",
	"Only administrators and desk members of the JIT's parties (%s) may add members.",
	"Only case workers of a desk have a deadlines calendar.",
	"Only desk members and liaison prosecutors decide on hits.",
	"Only desk members and liaison prosecutors report results.",
	"Only desk members and liaison prosecutors set up JITs.",
	"Only desk members of the JIT's parties (%s) may do this.",
	"Only desk members, liaison prosecutors and administrators add authorities.",
	"Only statistics users and administrators see these figures.",
	"Only the desk that sent a notice adds recipients to it.",
	"Only the desk whose entity was found decides whether to disclose it.",
	"Only the owner desk (%s) and the executing country's desk (%s) may change this instrument.",
	"Only the owner desk (%s) closes this centre.",
	"Only the owner desk (%s) may add instruments to this case.",
	"Only the owner desk (%s) may change this case.",
	"Only the owner desk (%s) opens a coordination centre for this case.",
	"Only the owner desk (%s) plans the measures of this centre.",
	"Only the owner desk (%s) reviews the retention of this case's personal data.",
	"Only the owner desk or the desk that reported a result may delete it.",
	"Set up two-step sign-in with an authenticator app first: it and its recovery codes are the way back when a passkey is lost.",
	"Sign in first.",
	"That code is not right.",
	"The agreement was changed by someone else. Reload it and apply your change again.",
	"The case was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.",
	"The case was changed by someone else. Reload it and apply your change again.",
	"The centre was closed on %s: it is read-only.",
	"The centre was changed by someone else (version %d, you saw version %d). Reload it.",
	"The centre was changed by someone else. Reload it.",
	"The desk was changed by someone else. Reload it and apply your change again.",
	"The entity was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.",
	"The entity was changed by someone else. Reload it and apply your change again.",
	"The executing desk records the executing side only; the issuing side is for the owner desk (%s).",
	"The instrument was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.",
	"The instrument was changed by someone else. Reload it and apply your change again.",
	"The instrument was changed by someone else. Reload it and try again.",
	"The list checks %s and you may check %d more today (at most %d a day, a row counting once for each name or identifier it checks); nothing was checked. Check a shorter list, or try again tomorrow.",
	"The meeting was changed by someone else (version %d, you edited version %d). Reload it and apply your change again.",
	"The meeting was changed by someone else. Reload it and apply your change again.",
	"The owner desk (%s) raises the instruments of this case.",
	"The owner desk and the participants of %s report this measure.",
	"The store cannot be reached just now; nothing was changed. Try again in a few seconds.",
	"The user was changed by someone else. Reload and apply your change again.",
	"These two entities are already related so.",
	"This already exists.",
	"This evidence file expired on %s, 4 weeks after its upload (Regulation (EU) 2023/969, Art. 21); it is deleted. Its record and audit trail remain.",
	"This evidence file was deleted on %s: %s. Its record and audit trail remain.",
	"This file is marked for other members; only they and its uploader download it.",
	"This hit was dismissed as a false match.",
	"This server keeps no evidence files (no evidence folder configured).",
	"Two-step sign-in is already on for this account.",
	"Wrong login name or password.",
	"You cannot change your own role or desk: another administrator must, so that no administrator gives themself access to case content.",
	"You cannot disable your own account: another administrator must.",
	"%s is the last active administrator: make another account an administrator first.",
	"Your session has ended. Please sign in again.",
}

// storeFieldErrors are the validation messages of the domain and the
// store (crosscase.FieldErrorf) that a form can show, written in the
// reader's language from their format (errorText).
var storeFieldErrors = []string{
	// A file's name and type (crosscase.CheckFileName, CheckMediaType):
	// an evidence file uploaded on its JIT's page.
	"A file name may not contain / or \\.",
	"%q names a folder, not a file.",
	"%q is not a media type.",
	"The text shows nothing: leave the field empty or write something visible.",
	"%s has no time zone of its own: leave it out.",
	"%s is not a time zone of %s: give one of %s.",
	"Say why: a hit is restricted or dismissed only with a reason, recorded in the audit log.",
	"The login name %s is the command line's, which the audit log and the pages name so: choose another.",
	"Your figures are of whole months: a period starts on the first day of a month.",
	"Your figures are of whole months: a period ends on the last day of a month.",
	"Your figures are of months that are over: a period ends on %s at the latest.",
	"The figures of %d start once its first month is over.",
	// Formats with the phrase that says what a date dates written in
	// (errorPhrases, specialiseFormat).
	"The opening date (%s) cannot be in the future: record it once it has happened.",
	"The closing date (%s) cannot be in the future: record it once it has happened.",
	"The signature of the JIT agreement (%s) cannot be in the future: record it once it has happened.",
	"The signature of the agreement (%s) cannot be in the future: record it once it has happened.",
	"The agreement to extend the JIT (%s) cannot be in the future: record it once it has happened.",
	"The application (%s) cannot be in the future: record it once it has happened.",
	"The decision (%s) cannot be in the future: record it once it has happened.",
	"The action (%s) cannot be in the future: record it once it has happened.",
	"The result (%s) cannot be in the future: record it once it has happened.",
	"The issue (%s) cannot be in the future: record it once it has happened.",
	"The receipt (%s) cannot be in the future: record it once it has happened.",
	"The acknowledgement (%s) cannot be in the future: record it once it has happened.",
	"The arrest (%s) cannot be in the future: record it once it has happened.",
	"The consent (%s) cannot be in the future: record it once it has happened.",
	"The execution (%s) cannot be in the future: record it once it has happened.",
	"The surrender (%s) cannot be in the future: record it once it has happened.",
	"The final decision (%s) cannot be in the future: record it once it has happened.",
	"The end of coordination (%s) cannot be in the future: record it once it has happened.",
	"The transmission (%s) cannot be in the future: record it once it has happened.",
	"The acquittal (%s) cannot be in the future: record it once it has happened.",
	"The date of birth (%s) cannot be in the future: record it once it has happened.",
	"The action (%s) cannot be before the case opened (%s).",
	"The result (%s) cannot be before the case opened (%s).",
	"The receipt (%s) cannot be before the issue (%s).",
	"The acknowledgement (%s) cannot be before the receipt (%s).",
	"The arrest (%s) cannot be before the issue (%s).",
	"The consent (%s) cannot be before the arrest (%s).",
	"Record the issue date first: receipt cannot come before it.",
	"Record the receipt date first: acknowledgement cannot come before it.",
	"Record the issue date first: arrest cannot come before it.",
	"Record the arrest date first: consent cannot come before it.",
	"The decision (%s) cannot be before the arrest (%s).",
	"The decision (%s) cannot be before the receipt (%s).",
	"The decision (%s) cannot be before the consent (%s).",
	"The execution (%s) cannot be before the decision (%s).",
	"The surrender (%s) cannot be before the decision (%s).",
	"Record the arrest date first: decision cannot come before it.",
	"Record the receipt date first: decision cannot come before it.",
	"Record the decision date first: execution cannot come before it.",
	"Record the decision date first: surrender cannot come before it.",
	// Check a list: the page's own refusals and the list's (package match
	// and the shared server).
	"Choose a CSV file to check (at most %d MiB).",
	"The file could not be read.",
	"The file has no header line naming its columns.",
	"The form sent %d files; send one list at a time.",
	"The form sent more than one file; send one at a time.", // the evidence form
	"The file has %d columns, more than the %d this page maps: leave out those you do not need, or send it through the API or the command line.",
	"Upload the file again.",
	"The mapping names no column.",
	"Say which column holds which field.",
	"Column %q is mapped twice, to %s and to %s: a column holds one field.",
	"Columns %q and %q are both mapped to %s; only %s may be given to several columns.",
	"The header has two columns called %q.",
	"The file has no rows to check.",
	"The threshold is a score from 0 to 100.",
	"The file has more than %d rows; split it.",
	"The separator is ',', ';' or 'tab'.",
	"Line %d is longer than %d bytes.",
	"%d is listed twice.",
	// Import entities into a case: the page's own refusals and the
	// store's (sqldb.ImportEntities).
	"Choose a CSV file to import (at most %d MiB).",
	"Correct these lines of the file and import it again.",
	"The reference %q is given to two %s entities (lines %d and %d): each needs its own.",
	"Line %d gives the reference %q to two %s entities: each needs its own.",
	"The reference %q is already entity %d's in this case, of the same kind: each needs its own.",
	"%q is %s: only a running clock, before its limit, can be extended.",
	// The scope of an instrument type (crosscase.CheckInstrumentScope),
	// its phrases written in (crosscase.ScopePhrases).
	"%s runs only between %s; %s %s: use %s.",
	"%s is not used where a surrender procedure applies: between EU Member States the European Arrest Warrant replaces it (Framework Decision 2002/584/JHA, Art. 31(1)); %s and %s are both Member States: use %s.",
	"%s is not used where a surrender procedure applies: between the EU Member States and %s surrender runs under %s: use a surrender under that agreement (%s).",
	"%s runs only between %s; %s and %s are both Member States: use %s.",
	"%s runs only between %s; %s is not a party to it: use %s.",
	"%s runs only between %s; neither %s nor %s is a Member State: use %s.",
	"%q is not a country of the reference data.",
	"Unknown action %q.",
	"Unknown object type %q.",
	"The ground is force_majeure (%s) or humanitarian (%s).",
	// A choice among the system's codes, which a page's form offers as a
	// list: met only when a form is sent otherwise.
	"Status must be open or closed.",
	"Scope must be owned, asked or empty.",
	"Kind must be one of search, arrest, execution, freezing, seizure.",
	"Kind must be cooperation_agreement or working_arrangement.",
	"Kind must be national_desk, liaison_prosecutor or contact_point.",
	"Role must be suspect, victim, witness or other.",
	"%q is not a kind of relation: member_of, director_of, uses_phone, holds_account, lives_at, owns or associate_of.",
	"Kind must be one of arrest, search, interrogation, surrender, seizure, asset_return.",
	"Seizure type must be one of cash, drugs, real_estate, companies, vehicles, crypto, devices, documents, weapons, other.",
	"Measure must be seized, frozen or confiscated.",
	"A drug seizure names its substance: one of cocaine, heroin, cannabis, amphetamine, methamphetamine, mdma, synthetic_opioids, new_psychoactive_substances, precursors, other.",
	"A drug seizure gives its unit: kg, g, l or tablets.",
	"State must be one of planned, under_way, done, not_found, failed, postponed.",
	"Status must be one of applied, granted, rejected, paid.",
	"Standing must be member_state, liaison_prosecutor, contact_point or none.",
	"%q is not a crime type of the taxonomy.",
	"%q is not a known priority.",
	"%q is not a known time zone (IANA names such as Europe/Brussels).",
	"%q is not a language of the interface.",
	"%q is not a partner agency of the list.",
	"%q is not a party of this JIT (%s).",
	"%q is not a status of a %s.",
	"%q is not a valid IBAN (country, check digits and length).",
	"%q is not a year.",
	"%q is not an ISO 3166-1 alpha-2 code.",
	"%q is not an ISO 3166-1 alpha-2 country code.",
	"%q is not an ISO 3166-1 country.",
	"%q is not an e-mail address.",
	"%s are counted in items.",
	"%s has two time zones; give one.",
	"%s is %s in %s, outside the action day (%s).",
	"%s is a member state: the agency's agreements are with third countries and bodies.",
	"%s owns the case; it cannot also be asked.",
	"%s takes no part in case %s: add it to the case's asked countries first.",
	"%s takes no part in case %s: ask it in the case first.",
	"%s takes no part in this centre: add its time zone to the centre first.",
	"%s works at the desk of %s, which is not a party of this JIT (%s).",
	"%s works for %s, not %q: a member's country is their desk's, or the one set on their account.",
	"An account with the role %s cannot be a JIT member.",
	"A %s cannot go from %s to %s.",
	"A %s concerns a person.",
	"A %s has no clock %q.",
	"A %s is described by its name only.",
	"A %s is described by its value only.",
	"An account with the role %s must belong to a desk.",
	"A %s needs a name.",
	"A %s needs a value.",
	"A JIT is set up by at least two countries: give two parties or more.",
	"A JIT lasts 1 to %d months: from %s it ends on %s at the latest, not %s.",
	"A JIT lasts at most %d months with its extensions: signed on %s, it ends on %s at the latest.",
	"A JIT member works for a national authority, not at a desk: leave the desk empty.",
	"A JIT member's account needs the country of the authority they work for.",
	"A case cannot close (%s) before it opened (%s).",
	"A case with a closing date must have status closed.",
	"A change is logged after the centre's latest entry (%s) and not in the future.",
	"A closed case needs its closing date.",
	"A contact point receives notices and requests, never case files.",
	"A contact point works at a contact point's desk, not at a member state's national desk.",
	"A contact point's desk receives notices, never case files: an account with the role %s cannot work there.",
	"A count has no value in euros.",
	"A decision in the centre is an EAW, an EIO, a freezing certificate, an extradition request or a request for mutual legal assistance.",
	"A decision to delete keeps nothing; leave the next review empty.",
	"A desk does not send a notice to itself.",
	"A duration of %d months from %s ends on %s, not %s: give one of the two.",
	"A funding record that is %s cannot become %s (applied → granted or rejected; granted → paid).",
	"A hit is disclosed, restricted or dismissed.",
	"A hit links two entities with a score of 0 to 100.",
	"A measure that is %s becomes %s next, not %s: no state is skipped.",
	"A new %s cannot start as %s.",
	"A new date comes after the date agreed before (%s).",
	"A new funding record is an application (status applied); record the decision afterwards.",
	"A new surrender date is agreed only for an arrest warrant whose surrender limit runs or ran out (FD 2002/584/JHA Art. 23(3); EU–Norway/Iceland Surrender Agreement Art. 23(3); Trade and Cooperation Agreement Art. 621(3)).",
	"A notice carries at most %d files; this one has %d.",
	"A password is valid UTF-8 of at most 1024 bytes.",
	"A period is at most ten years long.",
	"A person needs a family name or a given name.",
	"A phone number has 5 to 17 digits.",
	"A phone number has only digits, spaces and + - ( ) . /",
	"A seizure has a quantity, not a count.",
	"Action %d is not an action of this case on %s.",
	"Action %d is not an action of this case.",
	"Action ids are positive numbers.",
	"Add at most 500 desks at once.",
	"An arrest names the person of the case to arrest.",
	"An asset return has a value, not a count.",
	"An entity is not related to itself.",
	"An execution names the EAW or EIO of the case it executes.",
	"An extension must end later (%s) than the JIT's current end (%s).",
	"An identity number has at least one letter or digit.",
	"An identity number has only printable characters (U+%04X is not).",
	"An urgent freezing certificate needs the time of receipt: the decision is due within 48 hours (Regulation (EU) 2018/1805, Art. 9(2)).",
	"An urgent freezing certificate needs the time of the decision: execution is due within 48 hours (Regulation (EU) 2018/1805, Art. 9(3)).",
	"Arrests must be between 0 and 10000.",
	"At most 50 kinds of seizure per measure.",
	"Authority %d does not exist.",
	"Authority %d is an authority of %s, not of %s.",
	"Authority %d is in %s, not in %s.",
	"Authority %d is listed twice.",
	"Authority %d is of %s, which takes no part in case %s.",
	"Case %s is already linked to this JIT.",
	"Case %d is not a case id, or is listed twice.",
	"Cash is counted in a currency: give its ISO 4217 code (EUR, USD, …).",
	"Choose the desks to add.",
	"Choose the recipient desks, or send to all desks.",
	"Country %s is listed twice.",
	"Crime type %s is listed twice.",
	"Crypto-assets are counted in a coin: give its code (BTC, ETH, USDT, …).",
	"Data may be kept for at most three years before the next review (by %s).",
	"Days must be between 1 and 366.",
	"Decide keep or delete.",
	"Desk %d (%s) takes no part in case %s: ask its country in the case, or grant it the case, first.",
	"Desk %d does not exist.",
	"Desk %d does not exist: an administrator registers a country with no one at the agency as a contact-point desk first.",
	"Desk %d has already received this notice.",
	"Desk %d is listed twice.",
	"Desk ids are positive numbers.",
	"Entity %d is a %s, not a person: only a person of the case is arrested.",
	"Entity %d is a %s, not an account: a freezing names the account of the case it freezes (an IBAN or a crypto wallet).",
	"Entity %d is not an entity of this case.",
	"This kind of relation does not start from an entity of this kind (a phone does not use a person).",
	"This kind of relation does not go to an entity of this kind (a person uses a phone, holds an account, lives at an address).",
	"Financial damage must be zero or more euros, and plausible.",
	"Funding is applied for by a JIT set up by a signed agreement: the application (%s) cannot come before the signature (%s).",
	"Give a year or a period from–to, not both.",
	"Give an IANA time zone name such as Europe/Brussels.",
	"Give at least one crime type.",
	"Give either a country code or an organisation, not both.",
	"Choose a country, or give an organisation.",
	"Choose a country.",
	"Give how many (1 to 1000000).",
	"Give the date of the action day.",
	"Give the date of the action.",
	"Give the date of the result.",
	"Give the date the acquittal became final.",
	"Give the end date or the duration in months.",
	"Give the entity the relation goes to.",
	"Give the entity the relation starts from.",
	"Give the first day of the period.",
	"Give the id of the user to add.",
	"Give the last day of the period.",
	"Give the planned time.",
	"Give the reason for the extension: it is told to the issuing authority.",
	"Give the reason the authorities agreed a new date.",
	"Give the time zone of at least one country taking part.",
	"Give the value returned, in euros.",
	"Ids are positive numbers (0 for none).",
	"Ids are positive numbers.",
	"Instrument %d is a %s: an action day executes arrest warrants and EIOs.",
	"Instrument %d is not an instrument of this case.",
	"Limit must be between 1 and %d.",
	"Login names are 2 to 63 characters: lower-case letters, digits, '.', '_' or '-'.",
	"Look ahead between 0 and 1098 days.",
	"Mark the file for at least one member who must download it.",
	"Message %d is not a message of this JIT.",
	"Name at least one authority of %s.",
	"Only JIT members' accounts have a country of their own; an account with the role %s takes the country of its desk.",
	"Only a done measure has an outcome.",
	"Only a drug seizure names a substance.",
	"Only a freezing freezes a value.",
	"Only a person is acquitted; this entity is a %s.",
	"Only a seizure has a quantity.",
	"Only an arrest warrant (European, or under a surrender agreement) records the person's consent to surrender.",
	"Only an execution names an instrument.",
	"Only arrest warrants and extradition requests have a surrender date.",
	"Only arrest warrants and extradition requests have an arrest date.",
	"Only freezing certificates are marked urgent (Regulation (EU) 2018/1805, Art. 9(2)).",
	"Only persons have an identity number; a document of its own is an entity of kind document.",
	"Only persons, companies and groups have an address; an address of its own is an entity of kind address.",
	"Partner %s is listed twice.",
	"Recipient %d is not a user id, or is listed twice.",
	"Send either to all desks or to a list of desks, not both.",
	"Signing date is required.",
	"Status %s comes after %s: record its date too.",
	"Status %s needs this date.",
	"Text contains U+%04X, which is not a character.",
	"That code is not right: type the 6 digits your app shows now, or a recovery code.",
	"That code is not right: type the 6 digits your app shows now.",
	"The JIT cannot end (%s) on or before the day its agreement was signed (%s).",
	"The account of %s has no country: an administrator sets it first.",
	"The acquittal (%s) cannot be final before the case opened (%s).",
	"The action day (%s) has not come yet: a measure is done on the day.",
	"The action day must be between the years 2000 and 2200.",
	"The amount applied for must be between 1 and 1000000000 euros.",
	"The box is inbox or outbox.",
	"The case holds an action or a result of %s, so it cannot have opened later (%s).",
	"The centre gives no time zone for %s: add the country to the centre's zones first.",
	"The country is unknown.",
	"The date of the application is required.",
	"The date of the decision is required.",
	"The date the JIT agreement was signed is required.",
	"The date the parties agreed the extension is required.",
	"The decision (%s) cannot come before the application (%s).",
	"The decision cannot be before the receipt.",
	"The duration must be between 1 and 120 months.",
	"The end of the period (%s) is before its start (%s).",
	"The execution cannot be before the decision.",
	"The extension cannot have been agreed (%s) before the JIT agreement was signed (%s).",
	"The extension must have been agreed by the JIT's current end (%s), not after it (%s): a JIT that has run out is not extended.",
	"The grant must be between 1 and the %d euros applied for.",
	"The law allows at most %d days of extension for %q in all (%d already granted): give between 1 and %d days.",
	"The law allows no extension of %q.",
	"The measure is %s: that is final.",
	"The meeting has not taken place yet (it starts %s): record its outcome afterwards.",
	"The meeting's date must be between the years 1900 and 2200.",
	"The moment %s is not on the date %s.",
	"The moment %s is outside the years 1900 to 2200.",
	"The new end date is required.",
	"The new surrender date is required and cannot be before the decision (%s).",
	"The next review must be after today.",
	"The owner desk always takes part: do not list it.",
	"The owner desk sees its case already.",
	"The passkey's answer is missing or too large: try again.",
	"The person of this measure was arrested already (%s #%d in %s, done by %s at %s): mark this one not found.",
	"The quantity must be zero (not known) or a positive number up to %g.",
	"The result (%s) cannot be before the date of its action (%s).",
	"The value frozen must be zero or more euros, and plausible.",
	"The value must be zero or more euros, and plausible.",
	"The year must be between 1900 and 2200.",
	"There is no other desk to send to.",
	"This date (%s) is before the case opened (%s).",
	"Unknown authority kind %q.",
	"Unknown country %q.",
	"Unknown entity kind %q.",
	"Unknown instrument type %q.",
	"Unknown role %q.",
	"User %d does not exist.",
	"User %d is not a JIT-only member: invite JIT members; desk users take part through their desk.",
	"User %d is not a member of a running JIT linked to case %s.",
	"User %d is not a member of this JIT.",
	"User %s is disabled.",
	"Victims must be between 0 and 100000000.",
	"You already have a passkey of that name.",
	"Your desk's country (%s) must be a party of the JIT you set up.",
}

// The refusals of the partner data rule are written in the reader's
// language, with their values: what was refused, and the country by its
// name in that language.
func TestPartnerRuleRefusalTranslated(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	err = crosscase.CheckTransfer(&crosscase.Country{Code: "KR", Name: "Republic of Korea", Standing: crosscase.StandingContactPoint}, nil, crosscase.Date{Year: 2025, Month: 5, Day: 1}, crosscase.TransferJITSpace)
	for tag, want := range map[string]string{"en": "Refused (JIT space): Republic of Korea (KR) has no cooperation agreement", "fr": "Refusé (espace de l'ECE)\u00a0: Corée du Sud (KR) n'a pas d'accord de coopération",
		"de": "Abgelehnt (Bereich der GEG): Südkorea (KR) hat kein Kooperationsabkommen", "it": "Rifiutato (spazio della SIC): Corea del Sud (KR) non ha un accordo di cooperazione"} {
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

// templateTexts returns the text of every page template by its name.
func templateTexts(t *testing.T) map[string]string {
	t.Helper()
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]string, len(names))
	for _, n := range names {
		b, err := templateFS.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		out[n] = string(b)
	}
	return out
}

// frenchSpaceRE finds a colon, semicolon, question or exclamation mark in
// French text that is not set off by a no-break space: written straight
// after a letter or digit, or after an ordinary space (where a line may
// break before it). A mark between letters or digits is not punctuation
// (HH:MM, 12:30, https://), nor is one named alone in brackets ("( ; )").
var frenchSpaceRE = regexp.MustCompile(`[\p{L}\p{N}][:;!?]([^\p{L}\p{N}/]|$)|[\p{L}\p{N})»"'%.…] [:;!?]`)

// French sets a colon, a semicolon, a question mark and an exclamation
// mark off from the word before with a no-break space (U+00A0), which
// keeps them on its line; every French message does so, and so does the
// separator of a label and what it labels (LabelSeparator).
func TestFrenchPunctuationSpaces(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := c.Printer("fr")
	for _, k := range c.Keys("fr") {
		if m := frenchSpaceRE.FindString(p.T(k)); m != "" {
			t.Errorf("%q: %q has %q", k, p.T(k), m)
		}
		for _, f := range p.Forms(k) {
			if m := frenchSpaceRE.FindString(f); m != "" {
				t.Errorf("%q: %q has %q", k, f, m)
			}
		}
	}
	for _, tc := range []struct{ lang, want string }{{"en", ": "}, {"fr", "\u00a0: "}, {"de", ": "}, {"it", ": "}, {"es", ": "}, {"pl", ": "}} {
		if got := c.Printer(tc.lang).LabelSeparator(); got != tc.want {
			t.Errorf("%s: label separator %q, want %q", tc.lang, got, tc.want)
		}
	}
	for _, tc := range []struct{ lang, want string }{{"en", "; "}, {"fr", "\u00a0; "}, {"de", "; "}, {"it", "; "}, {"es", "; "}, {"pl", "; "}} {
		if got := c.Printer(tc.lang).ListSeparator(); got != tc.want {
			t.Errorf("%s: list separator %q, want %q", tc.lang, got, tc.want)
		}
	}
	for _, s := range []string{"Nom: requis", "Nom : requis", "Pourquoi ?", "a ; b", "Fin!"} {
		if !frenchSpaceRE.MatchString(s) {
			t.Errorf("%q is not found", s)
		}
	}
	for _, s := range []string{"Nom\u00a0: requis", "HH:MM", "à 12:30", "https://example.org", "point-virgule ( ; )", "Le séparateur est ',', ';' ou 'tab'."} {
		if frenchSpaceRE.MatchString(s) {
			t.Errorf("%q is found", s)
		}
	}
}

// Every reason a row of a list cannot be read has a message the page
// writes in the reader's language, but a text the store's rule refuses,
// which is written as that refusal.
func TestRowErrorKindsHavePageMessages(t *testing.T) {
	for _, k := range match.RowErrorKinds() {
		if _, ok := rowErrorFormats[k]; !ok && k != match.RowText {
			t.Errorf("row error kind %s has no page message", k)
		}
	}
}

// A file's name refused on a page (crosscase.CheckFileName: an evidence
// file's upload) is written in the reader's language, with the name.
func TestFileNameRefusalTranslated(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		want map[string]string
	}{
		{"..", map[string]string{"en": `".." names a folder, not a file.`, "fr": `".." désigne un dossier, non un fichier.`, "de": `".." bezeichnet einen Ordner, keine Datei.`,
			"it": `".." indica una cartella, non un file.`, "es": `".." designa una carpeta, no un archivo.`}},
		{"a/b.txt", map[string]string{"en": `A file name may not contain / or \.`, "fr": `Un nom de fichier ne peut contenir ni / ni \.`,
			"de": `Ein Dateiname darf weder / noch \ enthalten.`, "it": `Un nome di file non può contenere / o \.`, "es": `Un nombre de archivo no puede contener / ni \.`}},
	} {
		err := crosscase.CheckFileName("filename", tc.name)
		for tag, want := range tc.want {
			if got := errorText(c.Printer(tag), err); got != want {
				t.Errorf("%s %q: %q, want %q", tag, tc.name, got, want)
			}
		}
	}
}
