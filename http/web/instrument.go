package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"time"

	"crosscase/http/server"

	"crosscase"
)

// instrumentRow is an instrument of the case page with its next deadline.
type instrumentRow struct {
	In   *crosscase.Instrument
	Next *crosscase.Clock
}

// instrumentSorts are the orders the case page offers for its
// instruments: as recorded, the next deadline first, the newest issued
// first, by type.
var instrumentSorts = []option{{"", "As recorded"}, {"deadline", "Next deadline"}, {"issued", "Newest issued"}, {"type", "Type"}}

// sortInstruments orders rows by the instrumentSorts value by; stable.
func sortInstruments(rows []instrumentRow, by string) {
	switch by {
	case "deadline":
		due := func(r instrumentRow) time.Time {
			if r.Next == nil {
				return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
			}
			return r.Next.DueAt
		}
		sort.SliceStable(rows, func(i, j int) bool { return due(rows[i]).Before(due(rows[j])) })
	case "issued":
		sort.SliceStable(rows, func(i, j int) bool { return rows[j].In.IssuedOn.Before(rows[i].In.IssuedOn) })
	case "type":
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].In.Type.Label() < rows[j].In.Type.Label() })
	}
}

// caseInstruments returns the instruments of case id for the case page.
func (s *Server) caseInstruments(r *http.Request, id int64) ([]instrumentRow, error) {
	if s.Instruments == nil {
		return nil, nil
	}
	list, err := s.Instruments.FindInstruments(r.Context(), id)
	if err != nil {
		return nil, err
	}
	now := s.Clock()
	out := make([]instrumentRow, 0, len(list))
	for _, in := range list {
		out = append(out, instrumentRow{In: in, Next: crosscase.NextDeadline(in, now)})
	}
	return out, nil
}

// dateField is one date input of the record form.
type dateField struct {
	Name, Label string
	Value       crosscase.Date
	// Moment is the name of the matching time input of an urgent
	// freezing certificate ("" for none), MomentValue its value.
	Moment, MomentValue string
}

type instrumentPage struct {
	pageBase
	In          *crosscase.Instrument
	Case        *crosscase.Case
	Countries   *countryIndex
	Authorities map[int64]*crosscase.Authority
	EntityLabel string
	// EntityWithheld: the person concerned is not available to the reader.
	EntityWithheld bool
	Dates          []dateField
	Statuses       []crosscase.InstrumentStatus
	// CanRecord: the owner desk or the executing desk may record dates,
	// status, extensions and delay reasons; CanIssue: the owner desk.
	CanRecord bool
	CanIssue  bool
	// CanClear: the owner desk may empty a recorded date, giving the
	// reason the store asks for.
	CanClear  bool
	Extend    []crosscase.Clock // clocks that can be extended now
	Form      *formState        // the record form
	ExtForm   *formState
	DelayForm *formState
}

// clearReasonFormat is the store's refusal of a recorded date cleared
// without a reason (sqldb, UpdateInstrument).
const clearReasonFormat = "Give the reason for clearing %s: a recorded date starts or stops a legal time limit."

// clearOwnerOnly is the record form's refusal of a recorded date emptied
// by a desk other than the owner (the store refuses it, naming the date
// by its code).
const clearOwnerOnly = "Only the desk that owns the case clears a recorded date; correct it with another date instead."

// momentLayout is how a datetime-local input writes a moment (in UTC here).
const momentLayout = "2006-01-02T15:04"

// recordDates returns the date inputs an instrument of type t has.
func recordDates(in *crosscase.Instrument) []dateField {
	moment := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(momentLayout)
	}
	urgent := in.Type == crosscase.InstrumentFreezing && in.Urgent
	out := []dateField{{Name: "received_on", Label: "Received", Value: in.ReceivedOn}}
	if urgent {
		out[0].Moment, out[0].MomentValue = "received_at", moment(in.ReceivedAt)
	}
	if in.Type == crosscase.InstrumentEIO {
		out = append(out, dateField{Name: "acknowledged_on", Label: "Receipt acknowledged", Value: in.AcknowledgedOn})
	}
	if in.Type.ConcernsPerson() {
		out = append(out, dateField{Name: "arrest_on", Label: "Arrest", Value: in.ArrestOn})
	}
	// Consent to surrender on an arrest warrant: European, or under a
	// surrender agreement (FD 2002/584/JHA Art. 17(2); EU–Norway/Iceland
	// Surrender Agreement Art. 20(2); Trade and Cooperation Agreement
	// Art. 615(2)).
	if in.Type.ArrestWarrant() {
		out = append(out, dateField{Name: "consent_on", Label: "Consent to surrender", Value: in.ConsentOn})
	}
	dec := dateField{Name: "decision_on", Label: "Decision", Value: in.DecisionOn}
	if urgent {
		dec.Moment, dec.MomentValue = "decided_at", moment(in.DecidedAt)
	}
	out = append(out, dec)
	if in.Type.ConcernsPerson() {
		out = append(out, dateField{Name: "surrender_on", Label: "Surrender", Value: in.SurrenderOn})
	} else {
		ex := dateField{Name: "execution_on", Label: "Execution", Value: in.ExecutionOn}
		if urgent {
			ex.Moment, ex.MomentValue = "executed_at", moment(in.ExecutedAt)
		}
		out = append(out, ex)
	}
	return out
}

// handleInstrumentPage shows an instrument with its dates, status,
// clocks, extensions and missed limits, and the forms to record them.
func (s *Server) handleInstrumentPage(w http.ResponseWriter, r *http.Request) {
	s.renderInstrument(w, r, http.StatusOK, nil, nil, nil)
}

func (s *Server) renderInstrument(w http.ResponseWriter, r *http.Request, status int, form, ext, delay *formState) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := s.Instruments.FindInstrumentByID(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := s.Cases.FindCaseByID(ctx, in.CaseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	u := crosscase.UserFromContext(ctx)
	data := &instrumentPage{
		pageBase:    pageBase{Title: "%s %s", TitleArgs: []any{titleMessage(in.Type.Label()), in.Reference}, Nav: "deadlines"},
		In:          in,
		Case:        c,
		Authorities: map[int64]*crosscase.Authority{},
		Dates:       recordDates(in),
		CanIssue:    crosscase.CanWriteCase(u, c),
		Form:        form,
		ExtForm:     ext,
		DelayForm:   delay,
	}
	data.CanRecord = data.CanIssue || crosscase.CanExecuteInstrument(u, u.DeskCountry, c, in)
	for _, st := range crosscase.Statuses(in.Type) {
		if crosscase.CanMove(in.Type, in.Status, st) && (!st.IssuingSideOnly() || data.CanIssue || in.Status == st) {
			data.Statuses = append(data.Statuses, st)
		}
	}
	for _, cl := range in.Clocks {
		if cl.ExtensionDaysLeft() > 0 {
			data.Extend = append(data.Extend, cl)
		}
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	for _, aid := range []int64{in.IssuingAuthorityID, in.ExecutingAuthorityID} {
		if aid == 0 {
			continue
		}
		if a, err := s.Authorities.FindAuthority(ctx, aid); err == nil {
			data.Authorities[aid] = a
		}
	}
	// The person concerned may be withheld under the partner data rule
	// (Regulation (EU) 2018/1727, Art. 56): the page then says "not
	// available" rather than failing whole.
	data.EntityWithheld = slices.Contains(in.Withheld, "entity_id")
	if in.EntityID != 0 {
		if e, err := s.Entities.FindEntityByID(ctx, in.EntityID); err == nil {
			data.EntityLabel = e.Label()
		} else if code := crosscase.ErrorCode(err); code == crosscase.EFORBIDDEN {
			data.EntityWithheld = true
		} else if code != crosscase.ENOTFOUND {
			s.Error(w, r, err)
			return
		}
	}
	for _, d := range data.Dates {
		if data.CanIssue && (!d.Value.IsZero() || d.MomentValue != "") {
			data.CanClear = true
		}
	}
	if data.Form == nil {
		v := url.Values{"version": {strconv.Itoa(in.Version)}, "status": {string(in.Status)}}
		for _, d := range data.Dates {
			v.Set(d.Name, d.Value.String())
			if d.Moment != "" {
				v.Set(d.Moment, d.MomentValue)
			}
		}
		data.Form = newForm(v, nil)
	}
	if data.ExtForm == nil {
		data.ExtForm = newForm(url.Values{"days": {"30"}}, nil)
	}
	if data.DelayForm == nil {
		data.DelayForm = newForm(nil, nil)
	}
	s.render(w, r, status, "instrument.html", data)
}

// formMoment parses a datetime-local field as a UTC moment; empty is zero.
func formMoment(v url.Values, field string) (time.Time, error) {
	s := server.FormText(v, field)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation(momentLayout, s, time.UTC)
	if err != nil {
		return time.Time{}, crosscase.FieldErrorf(field, "Enter a date and time as YYYY-MM-DDTHH:MM (UTC).")
	}
	return t, nil
}

// handleInstrumentRecordPage records dates and a status change. Only the
// fields that differ from the stored instrument are sent, so that the
// executing desk's form never touches the issuing side.
func (s *Server) handleInstrumentRecordPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := s.Instruments.FindInstrumentByID(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	dates := map[string]bool{}
	for _, df := range recordDates(in) {
		dates[df.Name], dates[df.Moment] = true, df.Moment != ""
	}
	fail := func(err error) {
		var e *crosscase.Error
		if errors.As(err, &e) && e.Code == crosscase.EFORBIDDEN && dates[e.Field] {
			// A desk other than the owner emptied a recorded date: the
			// form stays, with what was typed, and says so in words.
			err = &crosscase.Error{Code: crosscase.EFORBIDDEN, Field: e.Field, Message: clearOwnerOnly, Format: clearOwnerOnly}
		} else if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		if errors.As(err, &e) && e.Format == clearReasonFormat {
			// The store names the dates cleared by their codes; the form
			// marks the field and says why in words.
			err = crosscase.FieldErrorf("clear_reason", "Give the reason for clearing a recorded date: it starts or stops a legal time limit.")
		}
		s.renderInstrument(w, r, formStatus(err), newForm(v, err), nil, nil)
	}
	upd := crosscase.InstrumentUpdate{Version: version, ClearReason: server.FormText(v, "clear_reason")}
	for _, df := range recordDates(in) {
		d, err := server.FormDate(v, df.Name)
		if err != nil {
			fail(err)
			return
		}
		if d != df.Value {
			d := d
			switch df.Name {
			case "received_on":
				upd.ReceivedOn = &d
			case "acknowledged_on":
				upd.AcknowledgedOn = &d
			case "arrest_on":
				upd.ArrestOn = &d
			case "consent_on":
				upd.ConsentOn = &d
			case "decision_on":
				upd.DecisionOn = &d
			case "execution_on":
				upd.ExecutionOn = &d
			case "surrender_on":
				upd.SurrenderOn = &d
			}
		}
		if df.Moment != "" {
			t, err := formMoment(v, df.Moment)
			if err != nil {
				fail(err)
				return
			}
			if t.Format(momentLayout) != df.MomentValue && !(t.IsZero() && df.MomentValue == "") {
				switch df.Moment {
				case "received_at":
					upd.ReceivedAt = &t
				case "decided_at":
					upd.DecidedAt = &t
				case "executed_at":
					upd.ExecutedAt = &t
				}
			}
		}
	}
	if st := crosscase.InstrumentStatus(server.FormText(v, "status")); st != "" && st != in.Status {
		upd.Status = &st
	}
	if _, err := s.Instruments.UpdateInstrument(ctx, id, upd); err != nil {
		fail(err)
		return
	}
	s.redirectFlash(w, r, "/instruments/"+strconv.FormatInt(id, 10), "instrument_saved")
}

// handleInstrumentExtendPage extends one clock, with its reason.
func (s *Server) handleInstrumentExtendPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	days, err := formInt(v, "days")
	if err == nil {
		_, err = s.Instruments.ExtendInstrument(r.Context(), id, crosscase.ExtensionRequest{
			Clock: crosscase.ClockKind(server.FormText(v, "clock")), Days: int(days), Reason: server.FormText(v, "extension_reason")})
	}
	// The form's field is extension_reason: its reason, several lines
	// long, goes to the issuing side; the field reason is the audit log's.
	err = recordReason(err, "extension_reason")
	if err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderInstrument(w, r, formStatus(err), nil, newForm(v, err), nil)
		return
	}
	s.redirectFlash(w, r, "/instruments/"+strconv.FormatInt(id, 10), "instrument_extended")
}

// handleInstrumentDelayPage records the reasons for a missed time limit.
func (s *Server) handleInstrumentDelayPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := s.Instruments.RecordDelayReasons(r.Context(), id, version, crosscase.ClockKind(server.FormText(v, "clock")), server.FormText(v, "reasons")); err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderInstrument(w, r, formStatus(err), nil, nil, newForm(v, err))
		return
	}
	s.redirectFlash(w, r, "/instruments/"+strconv.FormatInt(id, 10), "instrument_delay_recorded")
}

// New instrument -------------------------------------------------------

type instrumentFormPage struct {
	pageBase
	Form        *formState
	Case        *crosscase.Case
	Countries   *countryIndex
	CaseCodes   []string // the case's countries: owner first, then asked
	Types       []crosscase.InstrumentType
	Authorities []authorityGroup
	Entities    []*crosscase.Entity
	// Scope lists, for each pair of the case's countries, the types
	// that run between them (crosscase.CheckInstrumentScope).
	Scope []pairScope
}

// pairScope is a pair of countries and the instrument types the law
// allows between them (either way: the scope is the same).
type pairScope struct {
	A, B  string
	Types []crosscase.InstrumentType
}

// defaultInstrumentType is the type the new-instrument form starts on:
// the first of crosscase.InstrumentTypes (a European Arrest Warrant first)
// that runs between owner and another of the case's countries, so that
// the form as offered can be sent; an EAW when no pair is known.
func defaultInstrumentType(owner string, scope []pairScope) crosscase.InstrumentType {
	for _, t := range crosscase.InstrumentTypes() {
		for _, ps := range scope {
			if (ps.A == owner || ps.B == owner) && slices.Contains(ps.Types, t) {
				return t
			}
		}
	}
	return crosscase.InstrumentEAW
}

// casePairScopes returns the types allowed between each pair of codes,
// in the order of codes; codes without a country are left out.
func casePairScopes(codes []string, countries *countryIndex) []pairScope {
	var out []pairScope
	for i, a := range codes {
		for _, b := range codes[i+1:] {
			ca, cb := countries.byCode[a], countries.byCode[b]
			if ca == nil || cb == nil {
				continue
			}
			out = append(out, pairScope{A: a, B: b, Types: crosscase.InstrumentTypesBetween(ca, cb)})
		}
	}
	return out
}

func (s *Server) renderInstrumentForm(w http.ResponseWriter, r *http.Request, status int, form *formState) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := s.Cases.FindCaseByID(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if !crosscase.CanWriteCase(crosscase.UserFromContext(ctx), c) {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) adds instruments to this case.", c.OwnerCountry))
		return
	}
	data := &instrumentFormPage{
		pageBase:  pageBase{Title: "New instrument · %s", TitleArgs: []any{c.Reference}, Nav: "cases"},
		Form:      form,
		Case:      c,
		CaseCodes: append([]string{c.OwnerCountry}, c.AskedCountries...),
		Types:     crosscase.InstrumentTypes(),
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	data.Scope = casePairScopes(data.CaseCodes, data.Countries)
	var auths []*crosscase.Authority
	for _, cc := range data.CaseCodes {
		list, err := s.Authorities.ListAuthorities(ctx, cc)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		auths = append(auths, list...)
	}
	data.Authorities = groupAuthorities(auths, data.Countries)
	if data.Entities, err = s.Entities.FindEntities(ctx, id); err != nil {
		s.Error(w, r, err)
		return
	}
	if data.Form == nil {
		data.Form = newForm(url.Values{"type": {string(defaultInstrumentType(c.OwnerCountry, data.Scope))}, "issuing_country": {c.OwnerCountry}}, nil)
	}
	s.render(w, r, status, "instrument_form.html", data)
}

// handleInstrumentNewPage shows the form to add an instrument to a case.
func (s *Server) handleInstrumentNewPage(w http.ResponseWriter, r *http.Request) {
	s.renderInstrumentForm(w, r, http.StatusOK, nil)
}

// handleInstrumentCreatePage adds an instrument to a case of the caller's desk.
func (s *Server) handleInstrumentCreatePage(w http.ResponseWriter, r *http.Request) {
	caseID, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := instrumentFromForm(caseID, v)
	if err == nil {
		err = s.Instruments.CreateInstrument(r.Context(), in)
	}
	if err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.renderInstrumentForm(w, r, formStatus(err), newForm(v, err))
		return
	}
	s.redirectFlash(w, r, "/instruments/"+strconv.FormatInt(in.ID, 10), "instrument_created")
}

func instrumentFromForm(caseID int64, v url.Values) (*crosscase.Instrument, error) {
	in := &crosscase.Instrument{CaseID: caseID, Type: crosscase.InstrumentType(server.FormText(v, "type")), Reference: server.FormText(v, "reference"),
		IssuingCountry: server.FormText(v, "issuing_country"), ExecutingCountry: server.FormText(v, "executing_country"), Urgent: v.Get("urgent") != ""}
	// The form's choices are countries: none chosen is said as such,
	// not as an empty code.
	if in.IssuingCountry == "" {
		return nil, crosscase.FieldErrorf("issuing_country", "Choose the issuing country.")
	}
	if in.ExecutingCountry == "" {
		return nil, crosscase.FieldErrorf("executing_country", "Choose the executing country.")
	}
	var err error
	for _, p := range []struct {
		name string
		to   *int64
	}{{"issuing_authority_id", &in.IssuingAuthorityID}, {"executing_authority_id", &in.ExecutingAuthorityID}, {"entity_id", &in.EntityID}} {
		if *p.to, err = formInt(v, p.name); err != nil {
			return nil, err
		}
	}
	if in.IssuedOn, err = server.FormDate(v, "issued_on"); err != nil {
		return nil, err
	}
	if in.ReceivedOn, err = server.FormDate(v, "received_on"); err != nil {
		return nil, err
	}
	if in.ReceivedAt, err = formMoment(v, "received_at"); err != nil {
		return nil, err
	}
	if !in.ReceivedOn.IsZero() || !in.ReceivedAt.IsZero() {
		in.Status = crosscase.StatusReceived
	}
	return in, nil
}

// Deadlines view ---------------------------------------------------------

type deadlinesPage struct {
	pageBase
	Types     []crosscase.InstrumentType
	Type      string
	Days      int
	List      *crosscase.DeadlineList
	Countries *countryIndex
	Form      *formState
	Today     crosscase.Date
	// View is "list", "month" or "week"; for the calendar views, Weeks
	// holds the days from Monday to Sunday, Start the first day shown
	// and Prev and Next the neighbouring months or weeks.
	View              string
	Weeks             [][]calendarDay
	CalendarEmpty     bool // no deadline falls on a day the calendar shows
	Start, Prev, Next crosscase.Date
	// HasNext says whether the next month or week is still within the
	// coming year the calendar shows (calendarDays).
	HasNext bool
	// Overdue and DueSoon are the rows the list shows: the first
	// deadlinesShown of each unless ?all=1, with MoreOverdue and
	// MoreDueSoon the rows beyond them and AllURL the page with all.
	Overdue, DueSoon         []*crosscase.Deadline
	MoreOverdue, MoreDueSoon int
	AllURL                   string
}

// deadlinesShown is how many rows of each list the deadlines page shows
// before a link to all of them: a desk with the annual corpus has
// hundreds of limits missed long ago.
const deadlinesShown = 50

// handleDeadlinesPage shows the deadlines of the caller's desk: overdue,
// and due within the horizon (7 days unless chosen), by type.
func (s *Server) handleDeadlinesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	data := &deadlinesPage{pageBase: pageBase{Title: "Deadlines", Nav: "deadlines"}, Types: crosscase.InstrumentTypes(), Type: server.FormText(q, "type")}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	f := crosscase.DeadlineFilter{Type: crosscase.InstrumentType(data.Type)}
	data.Today = crosscase.DateOf(s.Clock().UTC())
	data.View = server.FormText(q, "view")
	days, err := formInt(q, "days")
	switch data.View {
	case "", "list":
		data.View = "list"
	case "month", "week":
		// The calendar shows what falls due up to the end of the month or
		// week asked for (from the current one, at most a year ahead);
		// overdue limits stay on their days.
		data.Start, err = server.FormDate(q, "start")
		if err == nil {
			data.Start, data.Prev, data.Next = calendarSpan(data.View, data.Start, data.Today)
			days = calendarDays(data.Next, data.Today)
			if days > maxCalendarDays {
				err = crosscase.FieldErrorf("start", "The calendar shows the deadlines of the coming year only.")
			}
			_, _, after := calendarSpan(data.View, data.Next, data.Today)
			data.HasNext = calendarDays(after, data.Today) <= maxCalendarDays
		}
	default:
		err = crosscase.FieldErrorf("view", "The view is list, month or week.")
	}
	if err == nil {
		f.Days, f.Limit = int(days), 500
		data.List, err = s.Instruments.FindDeadlines(ctx, f)
	}
	data.Form = newForm(q, err)
	if err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		s.render(w, r, formStatus(err), "deadlines.html", data)
		return
	}
	if data.View != "list" {
		data.Weeks = monthWeeks(data.Start, data.View == "week", append(append([]*crosscase.Deadline{}, data.List.Overdue...), data.List.DueSoon...), data.Today)
		data.CalendarEmpty = true
		for _, w := range data.Weeks {
			for _, d := range w {
				if len(d.Deadlines) > 0 {
					data.CalendarEmpty = false
				}
			}
		}
	}
	data.Days = data.List.Days
	data.Overdue, data.DueSoon = data.List.Overdue, data.List.DueSoon
	if q.Get("all") != "1" {
		data.Overdue, data.MoreOverdue = firstShown(data.Overdue, deadlinesShown, false)
		data.DueSoon, data.MoreDueSoon = firstShown(data.DueSoon, deadlinesShown, false)
		all := url.Values{"all": {"1"}, "days": {strconv.Itoa(data.Days)}}
		if data.Type != "" {
			all.Set("type", data.Type)
		}
		data.AllURL = "/deadlines?" + all.Encode()
	}
	s.render(w, r, http.StatusOK, "deadlines.html", data)
}

// maxCalendarDays is how far ahead the calendar looks: the coming year.
const maxCalendarDays = 366

// calendarDays is how many days from today (at least 1) the deadlines of
// a month or week view must cover, that view ending the day before next.
func calendarDays(next, today crosscase.Date) int64 {
	days := int64(next.AddDays(-1).Time().Sub(today.Time())/(24*time.Hour)) + 1
	return max(days, 1)
}

// calendarSpan returns the first day shown by a month or week view
// starting at start (the current month or week when zero) and the first
// days of the previous and next months or weeks.
func calendarSpan(view string, start, today crosscase.Date) (first, prev, next crosscase.Date) {
	if start.IsZero() {
		start = today
	}
	if view == "week" {
		for start.Time().Weekday() != time.Monday {
			start = start.AddDays(-1)
		}
		return start, start.AddDays(-7), start.AddDays(7)
	}
	first = crosscase.Date{Year: start.Year, Month: start.Month, Day: 1}
	return first, crosscase.DateOf(first.Time().AddDate(0, -1, 0)), crosscase.DateOf(first.Time().AddDate(0, 1, 0))
}

// Calendar tokens on the account page ------------------------------------

// handleCalendarTokenCreatePage makes a feed token and shows its address once.
func (s *Server) handleCalendarTokenCreatePage(w http.ResponseWriter, r *http.Request) {
	_, plain, err := s.Calendar.CreateCalendarToken(r.Context())
	if err != nil {
		s.Error(w, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil || s.SecureCookies {
		scheme = "https"
	}
	s.renderAccount(w, r, http.StatusOK, &accountPage{NewCalendarURL: scheme + "://" + r.Host + "/calendar/" + plain + ".ics"})
}

// handleCalendarTokenRevokePage revokes one of the caller's feed tokens.
func (s *Server) handleCalendarTokenRevokePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Calendar.RevokeCalendarToken(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/account#calendar", http.StatusSeeOther)
}
