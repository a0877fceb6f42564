package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"crosscase/http/server"
	"crosscase/locale"

	"crosscase"
)

// caseCoordination is the meetings and results sections of a case page,
// and the forms to add to them.
type caseCoordination struct {
	Case        *crosscase.Case
	CanWrite    bool   // the owner desk's case worker: meetings and actions
	CanReport   bool   // may report results (own country unless owner)
	OwnCountry  string // the caller's desk's country
	Meetings    []meetingRow
	Actions     []*crosscase.Action
	Results     []resultRow
	Totals      []totalRow
	Desks       []*crosscase.Desk
	Authorities []authorityGroup
	Partners    []crosscase.PartnerAgency
	Countries   *countryIndex
	Kinds       []option
	Types       []option
	Substances  []option
	Measures    []option
	// Forms hold what was typed when a form failed (nil otherwise).
	MeetingForm *formState
	ActionForm  *formState
	ResultForm  *formState
	CSRF        string

	// On the case page, Results are the rows of the results table that
	// pass ResultFilter, at most resultPage unless all are asked for;
	// ResultCount counts every result of the case, MoreResults those the
	// filter keeps that are not shown.
	ResultCount     int
	MoreResults     int
	ResultFilter    resultFilter
	ResultCountries []string // the countries of the case's results, for the filter
	ResultSorts     []option
}

// meetingRow is a meeting with its participants named.
type meetingRow struct {
	Meeting     *crosscase.Meeting
	Desks       []string
	Authorities []string
	Partners    []string
	Held        bool
}

// resultRow is a result with its labels.
type resultRow struct {
	Result    *crosscase.Result
	Kind      string
	Detail    string
	Action    string
	Desk      string
	CanDelete bool
}

// resultPage is how many results the case page shows before "show all".
const resultPage = 50

// resultFilter is the case page's filter of its results table: a kind, a
// country, an order (resultSorts) and all rather than the first page.
type resultFilter struct {
	Kind    crosscase.ResultKind
	Country string
	Sort    string
	All     bool
}

// resultSorts are the orders the case page offers for its results: by
// date, oldest first (the store's order), or newest first.
var resultSorts = []option{{"", "Oldest first"}, {"newest", "Newest first"}}

// readResultFilter reads the results' filter from the case page's query
// (rkind, rcountry, rsort, rall); an unknown kind or order is refused
// naming its parameter.
func readResultFilter(q url.Values) (resultFilter, error) {
	f := resultFilter{Kind: crosscase.ResultKind(q.Get("rkind")), Country: strings.ToUpper(strings.TrimSpace(q.Get("rcountry"))), Sort: q.Get("rsort"), All: q.Get("rall") == "1"}
	if f.Kind != "" && !f.Kind.Valid() {
		return f, crosscase.FieldErrorf("rkind", "%q is not a kind of result.", crosscase.Clip(string(f.Kind)))
	}
	if !slices.ContainsFunc(resultSorts, func(o option) bool { return o.Value == f.Sort }) {
		return f, crosscase.FieldErrorf("rsort", "%q is not an order of the results.", crosscase.Clip(f.Sort))
	}
	return f, nil
}

// keep reports whether res passes f.
func (f resultFilter) keep(res *crosscase.Result) bool {
	return (f.Kind == "" || res.Kind == f.Kind) && (f.Country == "" || res.Country == f.Country)
}

// totalRow is one line of a case's results summary.
type totalRow struct{ Label, Value string }

var resultKindLabels = map[crosscase.ResultKind]string{
	crosscase.ResultArrest: "Arrests", crosscase.ResultSearch: "Searches", crosscase.ResultInterrogation: "Interrogations",
	crosscase.ResultSurrender: "Surrenders", crosscase.ResultSeizure: "Seizure", crosscase.ResultAssetReturn: "Assets returned",
}

// measureTotalFormats name a total of the seizures of one kind by what
// was done with it ("Cash (seized)"), and measureDetailFormats a seizure
// in the table of results ("cash, seized"): formats, so that each
// language writes the measure so that it agrees with what was seized.
var measureTotalFormats = map[string]string{"seized": "%s (seized)", "frozen": "%s (frozen)", "confiscated": "%s (confiscated)"}
var measureDetailFormats = map[string]string{"seized": "%s, seized", "frozen": "%s, frozen", "confiscated": "%s, confiscated"}

// fmtQuantity writes a quantity as p's language writes numbers: whole
// numbers with its thousands separator, fractions with its decimal mark.
func fmtQuantity(p *locale.Printer, q float64) string {
	if q == float64(int64(q)) {
		return p.Int(int64(q))
	}
	return p.Decimal(strconv.FormatFloat(q, 'f', -1, 64))
}

// capitalize writes s with its first letter in capitals.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// loadCaseCoordination reads the meetings, actions and results of visible
// case c, with what the forms need. forms, when not nil, keeps a failed
// form's input.
func (s *Server) loadCaseCoordination(r *http.Request, c *crosscase.Case, forms *caseCoordination) (*caseCoordination, error) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	p := s.printer(r)
	cc := &caseCoordination{Case: c, CSRF: csrfToken(r), Partners: crosscase.PartnerAgencies(), Kinds: []option{},
		Types: options(crosscase.SeizureTypes()), Substances: options(crosscase.Substances()), Measures: options(crosscase.Measures())}
	for _, k := range crosscase.ResultKinds() {
		cc.Kinds = append(cc.Kinds, option{string(k), resultKindLabels[k]})
	}
	if forms != nil {
		cc.MeetingForm, cc.ActionForm, cc.ResultForm = forms.MeetingForm, forms.ActionForm, forms.ResultForm
	}
	cc.CanWrite = crosscase.CanWriteCase(u, c)
	cc.CanReport = crosscase.CanRecordResults(u)
	var err error
	if cc.Countries, err = s.loadCountries(ctx); err != nil {
		return nil, err
	}
	desks, err := s.listDesks(ctx)
	if err != nil {
		return nil, err
	}
	deskName := deskNamesByID(desks)
	for _, d := range desks {
		if d.ID == u.DeskID {
			cc.OwnCountry = d.CountryCode
		}
		if d.Kind != crosscase.DeskContactPoint {
			cc.Desks = append(cc.Desks, d)
		}
	}
	auths, err := s.Authorities.ListAuthorities(ctx, "")
	if err != nil {
		return nil, err
	}
	authName := map[int64]string{}
	for _, a := range auths {
		authName[a.ID] = a.Name
	}
	cc.Authorities = groupAuthorities(auths, cc.Countries)
	meetings, err := s.Meetings.FindMeetings(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	now := s.Clock()
	for _, m := range meetings {
		row := meetingRow{Meeting: m, Held: !m.StartsAt.After(now)}
		for _, id := range m.DeskIDs {
			row.Desks = append(row.Desks, deskName[id])
		}
		for _, id := range m.AuthorityIDs {
			row.Authorities = append(row.Authorities, authName[id])
		}
		for _, p := range m.Partners {
			row.Partners = append(row.Partners, crosscase.PartnerAgencyName(p))
		}
		cc.Meetings = append(cc.Meetings, row)
	}
	if cc.Actions, err = s.Results.FindActions(ctx, c.ID); err != nil {
		return nil, err
	}
	actionName := map[int64]string{}
	for _, a := range cc.Actions {
		actionName[a.ID] = p.Date(a.Date.Year, a.Date.Month, a.Date.Day) + " " + a.Name
	}
	results, err := s.Results.FindResults(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	var counts [4]int64
	var seized, frozen, confiscated, returned int64
	// Seizures add up by what was taken and its unit: kilograms of each
	// drug, items of each kind; those of no recorded quantity are counted.
	type seizureKey struct{ kind, substance, unit, measure string }
	quantities := map[seizureKey]float64{}
	var seizureKeys []seizureKey
	for _, res := range results {
		if res.Kind != crosscase.ResultSeizure {
			continue
		}
		k := seizureKey{res.SeizureType, res.Substance, res.Unit, res.Measure}
		if res.Quantity <= 0 {
			k.unit = ""
		}
		if _, ok := quantities[k]; !ok {
			seizureKeys = append(seizureKeys, k)
		}
		if res.Quantity > 0 {
			quantities[k] += res.Quantity
		} else {
			quantities[k]++
		}
	}
	for _, res := range results {
		row := resultRow{Result: res, Kind: resultKindLabels[res.Kind], Action: actionName[res.ActionID], Desk: deskName[res.DeskID],
			CanDelete: crosscase.CanDeleteResult(u, c, res)}
		switch res.Kind {
		case crosscase.ResultArrest, crosscase.ResultSearch, crosscase.ResultInterrogation, crosscase.ResultSurrender:
			row.Detail = p.Int(res.Count)
			for i, k := range crosscase.ResultKinds()[:4] {
				if k == res.Kind {
					counts[i] += res.Count
				}
			}
		case crosscase.ResultSeizure:
			what := p.T(humanCode(res.SeizureType))
			if res.Substance != "" {
				what += " (" + p.T(humanCode(res.Substance)) + ")"
			}
			if res.Quantity > 0 {
				what = p.T("%s: %s", what, fmtQuantity(p, res.Quantity)+" "+p.T(res.Unit))
			}
			row.Detail = what
			if f, ok := measureDetailFormats[res.Measure]; ok {
				row.Detail = p.T(f, what)
			}
			switch res.Measure {
			case "seized":
				seized += res.ValueEUR
			case "frozen":
				frozen += res.ValueEUR
			case "confiscated":
				confiscated += res.ValueEUR
			}
		case crosscase.ResultAssetReturn:
			row.Detail = p.T("to %s", countryNamer(p)(res.Country))
			returned += res.ValueEUR
		}
		cc.Results = append(cc.Results, row)
	}
	cc.ResultCount = len(cc.Results)
	if forms == nil {
		if err := cc.filterResults(r.URL.Query()); err != nil {
			return nil, err
		}
	}
	for i, k := range crosscase.ResultKinds()[:4] {
		cc.Totals = append(cc.Totals, totalRow{p.T(resultKindLabels[k]), p.Int(counts[i])})
	}
	sort.SliceStable(seizureKeys, func(i, j int) bool {
		a, b := seizureKeys[i], seizureKeys[j]
		return a.kind+"\x00"+a.substance+"\x00"+a.measure < b.kind+"\x00"+b.substance+"\x00"+b.measure
	})
	for _, k := range seizureKeys {
		what := capitalize(p.T(humanCode(k.kind)))
		if k.substance != "" {
			what += ", " + p.T(humanCode(k.substance))
		}
		label := what
		if f, ok := measureTotalFormats[k.measure]; ok {
			label = p.T(f, what)
		}
		value := fmtQuantity(p, quantities[k]) + " " + p.T(k.unit)
		if k.unit == "" {
			value = p.T("%s recorded, quantity not known", p.Int(int64(quantities[k])))
		}
		cc.Totals = append(cc.Totals, totalRow{label, value})
	}
	cc.Totals = append(cc.Totals, totalRow{p.T("Seized (EUR)"), p.EUR(seized)}, totalRow{p.T("Frozen (EUR)"), p.EUR(frozen)},
		totalRow{p.T("Confiscated (EUR)"), p.EUR(confiscated)}, totalRow{p.T("Returned to victim countries (EUR)"), p.EUR(returned)})
	return cc, nil
}

// filterResults keeps the rows of the results table that the case page's
// query asks for, in its order, and the first resultPage of them unless
// all are asked for.
func (cc *caseCoordination) filterResults(q url.Values) error {
	f, err := readResultFilter(q)
	if err != nil {
		return err
	}
	cc.ResultFilter, cc.ResultSorts = f, resultSorts
	var kept []resultRow
	for _, row := range cc.Results {
		if !slices.Contains(cc.ResultCountries, row.Result.Country) {
			cc.ResultCountries = append(cc.ResultCountries, row.Result.Country)
		}
		if f.keep(row.Result) {
			kept = append(kept, row)
		}
	}
	sort.Strings(cc.ResultCountries)
	if f.Sort == "newest" {
		slices.Reverse(kept) // the store gives them by date, oldest first
	}
	if !f.All && len(kept) > resultPage {
		cc.MoreResults = len(kept) - resultPage
		kept = kept[:resultPage]
	}
	cc.Results = kept
	return nil
}

// coordinationFormPage shows one of the case page's forms on its own,
// with the error that made it fail.
type coordinationFormPage struct {
	pageBase
	Coord   *caseCoordination
	Which   string             // meeting, action, result, edit-meeting
	Meeting *crosscase.Meeting // the meeting being edited
}

// renderCoordinationForm shows form which of case caseID again.
func (s *Server) renderCoordinationForm(w http.ResponseWriter, r *http.Request, status int, caseID int64, which string, form *formState, m *crosscase.Meeting) {
	c, err := s.Cases.FindCaseByID(r.Context(), caseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	forms := &caseCoordination{}
	switch which {
	case "meeting", "edit-meeting":
		forms.MeetingForm = form
	case "action":
		forms.ActionForm = form
	default:
		forms.ResultForm = form
	}
	cc, err := s.loadCaseCoordination(r, c, forms)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "coordination_form.html", &coordinationFormPage{
		pageBase: pageBase{Title: coordinationFormTitles[which], TitleArgs: []any{c.Reference}, Nav: "cases"}, Coord: cc, Which: which, Meeting: m})
}

// coordinationFormTitles are the titles of the coordination forms shown
// on their own page, by form, formats of the case's reference.
var coordinationFormTitles = map[string]string{"meeting": "Schedule a meeting · %s", "edit-meeting": "Meeting · %s",
	"action": "Add an action day · %s", "result": "Report a result · %s"}

// meetingFromForm reads the meeting form.
func meetingFromForm(v url.Values) (*crosscase.Meeting, error) {
	m := &crosscase.Meeting{Agenda: v.Get("agenda"), Outcome: v.Get("outcome"), Partners: formValues(v, "partners")}
	s := server.FormText(v, "starts_at")
	if s == "" {
		return nil, crosscase.FieldErrorf("starts_at", "Give the date and time of the meeting.")
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, time.UTC)
	if err != nil {
		return nil, crosscase.FieldErrorf("starts_at", "Enter a real date and time (YYYY-MM-DD HH:MM, UTC).")
	}
	m.StartsAt = t
	for _, f := range []string{"desk_ids", "authority_ids"} {
		for _, s := range formValues(v, f) {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				return nil, crosscase.FieldErrorf(f, "Choose from the list.")
			}
			if f == "desk_ids" {
				m.DeskIDs = append(m.DeskIDs, id)
			} else {
				m.AuthorityIDs = append(m.AuthorityIDs, id)
			}
		}
	}
	return m, nil
}

// meetingValues fills the meeting form from a stored meeting.
func meetingValues(m *crosscase.Meeting) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(m.Version))
	v.Set("starts_at", m.StartsAt.UTC().Format("2006-01-02T15:04"))
	for _, id := range m.DeskIDs {
		v.Add("desk_ids", strconv.FormatInt(id, 10))
	}
	for _, id := range m.AuthorityIDs {
		v.Add("authority_ids", strconv.FormatInt(id, 10))
	}
	v["partners"] = append([]string(nil), m.Partners...)
	v.Set("agenda", m.Agenda)
	v.Set("outcome", m.Outcome)
	return v
}

// handleMeetingNewPage shows the form to schedule a meeting.
func (s *Server) handleMeetingNewPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCoordinationForm(w, r, http.StatusOK, id, "meeting", newForm(nil, nil), nil)
}

// handleMeetingCreatePage schedules a meeting of a case of the caller's desk.
func (s *Server) handleMeetingCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	m, err := meetingFromForm(v)
	if err == nil {
		m.CaseID = id
		err = s.Meetings.CreateMeeting(r.Context(), m)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCoordinationForm(w, r, formStatus(err), id, "meeting", newForm(v, err), nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(id, "meetings"), "meeting_created")
}

// handleMeetingEditPage shows a meeting's form, where the owner desk
// records the outcome.
func (s *Server) handleMeetingEditPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCoordinationForm(w, r, http.StatusOK, m.CaseID, "edit-meeting", newForm(meetingValues(m), nil), m)
}

// handleMeetingUpdatePage saves a meeting's form.
func (s *Server) handleMeetingUpdatePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	old, err := s.Meetings.FindMeeting(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	in, err := meetingFromForm(v)
	if err == nil {
		if in.DeskIDs == nil {
			in.DeskIDs = []int64{}
		}
		if in.AuthorityIDs == nil {
			in.AuthorityIDs = []int64{}
		}
		if in.Partners == nil {
			in.Partners = []string{}
		}
		_, err = s.Meetings.UpdateMeeting(r.Context(), id, crosscase.MeetingUpdate{Version: version, StartsAt: &in.StartsAt,
			DeskIDs: &in.DeskIDs, AuthorityIDs: &in.AuthorityIDs, Partners: &in.Partners, Agenda: &in.Agenda, Outcome: &in.Outcome})
	}
	if err != nil {
		if isFormError(err) {
			s.renderCoordinationForm(w, r, formStatus(err), old.CaseID, "edit-meeting", newForm(v, err), old)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(old.CaseID, "meetings"), "meeting_saved")
}

// handleMeetingDeletePage removes a meeting.
func (s *Server) handleMeetingDeletePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := s.Meetings.FindMeeting(r.Context(), id)
	if err == nil {
		err = s.Meetings.DeleteMeeting(r.Context(), id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(m.CaseID, "meetings"), "meeting_deleted")
}

// handleResultNewPage shows the forms to add an action or a result.
func (s *Server) handleResultNewPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCoordinationForm(w, r, http.StatusOK, id, "result", newForm(nil, nil), nil)
}

// handleActionCreatePage adds an action day to a case of the caller's desk.
func (s *Server) handleActionCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	var err error
	a := &crosscase.Action{CaseID: id, Name: server.FormText(v, "name")}
	if a.Date, err = server.FormDate(v, "date"); err == nil {
		err = s.Results.CreateAction(r.Context(), a)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCoordinationForm(w, r, formStatus(err), id, "action", newForm(v, err), nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(id, "results"), "action_created")
}

// resultFromForm reads the result form.
func resultFromForm(v url.Values) (*crosscase.Result, error) {
	res := &crosscase.Result{Kind: crosscase.ResultKind(server.FormText(v, "kind")), Country: server.FormText(v, "country"),
		SeizureType: server.FormText(v, "seizure_type"), Substance: server.FormText(v, "substance"), Unit: server.FormText(v, "unit"),
		Measure: server.FormText(v, "measure"), Notes: v.Get("notes")}
	var err error
	if res.Date, err = server.FormDate(v, "date"); err != nil {
		return nil, err
	}
	if res.ActionID, err = formInt(v, "action_id"); err != nil {
		return nil, err
	}
	if res.Count, err = formInt(v, "count"); err != nil {
		return nil, err
	}
	if res.ValueEUR, err = formInt(v, "value_eur"); err != nil {
		return nil, err
	}
	if q := strings.ReplaceAll(server.FormText(v, "quantity"), ",", "."); q != "" {
		if res.Quantity, err = strconv.ParseFloat(q, 64); err != nil {
			return nil, crosscase.FieldErrorf("quantity", "Enter a number, such as 12.5.")
		}
	}
	// The form shows every field; those of other kinds are ignored.
	if res.Kind != crosscase.ResultSeizure {
		res.SeizureType, res.Substance, res.Unit, res.Measure, res.Quantity = "", "", "", "", 0
	} else if res.SeizureType != "drugs" {
		res.Substance = ""
	}
	if !res.Kind.IsCount() {
		res.Count = 0
	}
	return res, nil
}

// handleResultCreatePage records a result of a case.
func (s *Server) handleResultCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	res, err := resultFromForm(v)
	if err == nil {
		res.CaseID = id
		err = s.Results.CreateResult(r.Context(), res)
	}
	if err != nil {
		if isFormError(err) || crosscase.ErrorField(err) != "" {
			s.renderCoordinationForm(w, r, formStatus(err), id, "result", newForm(v, err), nil)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(id, "results"), "result_created")
}

// handleResultDeletePage removes a result.
func (s *Server) handleResultDeletePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	caseID, err := formCaseID(v)
	if err == nil {
		err = s.Results.DeleteResult(r.Context(), caseID, id)
	}
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, caseAnchor(caseID, "results"), "result_deleted")
}
