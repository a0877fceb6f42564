package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/locale"
)

// The pages of coordination centres (README, Coordination centres
// (action day, live)): the list, the plan form, the live board, the log
// and the press summary. Controls are shown with the crosscase.Can*
// rules the store applies; the board receives its updates from the
// centre's event stream (static/centre.js) without reloading.

// centreListPage lists centres: a case's, or all the caller takes part in.
type centreListPage struct {
	pageBase
	Case    *crosscase.Case // nil: every centre of the caller
	Centres []*crosscase.Centre
	CanPlan bool
	Form    *formState
	// What the plan form offers.
	Desks       []*crosscase.Desk
	Authorities []authorityGroup
	Partners    []crosscase.PartnerAgency
	// Invitees are the JIT-only members the centre may invite
	// (crosscase.CentreInvitees), offered by name.
	Invitees []*crosscase.JITMember
}

// centrePage is the live board.
type centrePage struct {
	pageBase
	Board     *crosscase.CentreBoard
	Countries []centreCountry
	Tally     []centreTallyRow
	Seizures  []string
	Log       []*crosscase.CentreEvent
	Projector bool
	Open      bool
	CanPlan   bool
	CanDecide bool
	CanPost   bool
	// Plan form.
	Kinds       []option
	Zones       []centreZone
	Persons     []*crosscase.Entity
	Accounts    []*crosscase.Entity // the case's IBANs and crypto wallets, that a freezing names
	Instruments []*crosscase.Instrument
	Form        *formState // the plan, message or close form that failed
	FormName    string
	MoveForm    *formState // a state change that failed
	MoveID      int64
	SeizureKind []option
	Substances  []option
}

// centreCountry is one country's column of the board: Zone is the IANA
// name, Offset its offset from UTC on the action day, which people read
// (crosscase.Centre.ZoneOffset).
type centreCountry struct {
	Code, Name, Zone, Offset string
	Measures                 []centreMeasureRow
}

// centreZone is a country the plan form offers, with its zone's IANA
// name and its offset from UTC on the action day.
type centreZone struct {
	Country, Zone, Offset string
}

// centreMeasureRow is a measure with its labels and controls.
type centreMeasureRow struct {
	M         *crosscase.Measure
	Kind      string
	Planned   string // local time in the country's zone
	CanUpdate bool
	// Who says who changed the measure last and when (measureWhoFormat).
	Who string
	// DecideTo and DecideTypes are what the form of a decision in the
	// room offers (decisionChoices): the country the instrument is sent
	// to, empty when the measure's country cannot be, and its types.
	DecideTo    string
	DecideTypes []option
}

// decisionTypeLabels are the names of the decisions in the room as the
// board's form writes them.
var decisionTypeLabels = map[crosscase.InstrumentType]string{crosscase.InstrumentEAW: "EAW", crosscase.InstrumentEIO: "EIO",
	crosscase.InstrumentFreezing: "Freezing certificate", crosscase.InstrumentExtradition: "Extradition request", crosscase.InstrumentMLA: "Mutual legal assistance request"}

// decisionChoices is what the form of a decision on a measure in country
// measure offers the owner desk of country owner: the measure's country
// as the country the instrument is sent to, with the decisions that may
// run there (crosscase.DecisionTypesBetween); when none may (the owner's
// own country, or one no decision reaches), no country, for the owner to
// name one, with every decision.
func decisionChoices(owner, measure *crosscase.Country) (to string, types []option) {
	list := crosscase.DecisionTypesBetween(owner, measure)
	if len(list) > 0 {
		to = measure.Code
	} else {
		list = crosscase.DecisionTypes()
	}
	for _, t := range list {
		types = append(types, option{string(t), decisionTypeLabels[t]})
	}
	return to, types
}

// handleCentreListPage lists every centre the caller takes part in.
func (s *Server) handleCentreListPage(w http.ResponseWriter, r *http.Request) {
	list, err := s.Centres.FindCentres(r.Context(), 0)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "centres.html", &centreListPage{pageBase: pageBase{Title: "Coordination centres", Nav: "centres"}, Centres: list})
}

// handleCaseCentresPage lists a case's centres, with the plan form for
// the owner desk.
func (s *Server) handleCaseCentresPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCaseCentres(w, r, http.StatusOK, id, nil)
}

func (s *Server) renderCaseCentres(w http.ResponseWriter, r *http.Request, status int, caseID int64, form *formState) {
	ctx := r.Context()
	c, err := s.Cases.FindCaseByID(ctx, caseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	list, err := s.Centres.FindCentres(ctx, caseID)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p := &centreListPage{pageBase: pageBase{Title: "Coordination centres · %s", TitleArgs: []any{c.Reference}, Nav: "cases"}, Case: c, Centres: list,
		CanPlan: crosscase.CanPlanCentre(crosscase.UserFromContext(ctx), c, nil), Form: form, Partners: crosscase.PartnerAgencies()}
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	if p.CanPlan {
		desks, err := s.listDesks(ctx)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		inCase := map[string]bool{}
		for _, cc := range c.AskedCountries {
			inCase[cc] = true
		}
		for _, d := range desks {
			if d.ID != c.OwnerDeskID && d.Kind != crosscase.DeskContactPoint && inCase[d.CountryCode] {
				p.Desks = append(p.Desks, d)
			}
		}
		auths, err := s.Authorities.ListAuthorities(ctx, "")
		if err != nil {
			s.Error(w, r, err)
			return
		}
		countries, err := s.loadCountries(ctx)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Authorities = groupAuthorities(auths, countries)
		jits, err := s.CaseJITs(ctx, caseID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		p.Invitees = crosscase.CentreInvitees(jits, caseID, crosscase.DateOf(s.Clock().UTC()))
	}
	s.render(w, r, status, "centres.html", p)
}

// centreFromForm reads the plan form of a centre. Zones are lines of
// "CC Zone/Name".
func centreFromForm(v url.Values) (*crosscase.Centre, error) {
	c := &crosscase.Centre{Name: server.FormText(v, "name"), Partners: formValues(v, "partners")}
	d, err := server.FormDate(v, "action_date")
	if err != nil {
		return nil, err
	}
	c.ActionDate = d
	for i, line := range strings.Split(v.Get("zones"), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if len(f) != 2 {
			return nil, crosscase.FieldErrorf("zones", "Line %d: give a country code and a time zone, e.g. BE Europe/Brussels.", i+1)
		}
		c.Zones = append(c.Zones, crosscase.CentreZone{Country: strings.ToUpper(f[0]), Zone: f[1]})
	}
	for _, f := range []string{"desk_ids", "authority_ids", "member_ids"} {
		var ids []int64
		for _, s := range formValues(v, f) {
			id, err := strconv.ParseInt(s, 10, 64)
			if err != nil || id <= 0 {
				return nil, crosscase.FieldErrorf(f, "Give ids (whole numbers).")
			}
			ids = append(ids, id)
		}
		switch f {
		case "desk_ids":
			c.DeskIDs = ids
		case "authority_ids":
			c.AuthorityIDs = ids
		default:
			c.MemberIDs = ids
		}
	}
	return c, nil
}

// handleCentreCreatePage opens a centre from the plan form.
func (s *Server) handleCentreCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	c, err := centreFromForm(v)
	if err == nil {
		c.CaseID = id
		err = s.Centres.CreateCentre(r.Context(), c)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCaseCentres(w, r, formStatus(err), id, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/centres/"+strconv.FormatInt(c.ID, 10), "centre_created")
}

// handleCentrePage shows the live board.
func (s *Server) handleCentrePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCentre(w, r, http.StatusOK, id, "", nil, 0)
}

// renderCentre shows centre id's board; form (named formName, or the
// state change of measure moveID) failed when not nil.
func (s *Server) renderCentre(w http.ResponseWriter, r *http.Request, status int, id int64, formName string, form *formState, moveID int64) {
	ctx := r.Context()
	u := crosscase.UserFromContext(ctx)
	b, err := s.Centres.FindCentre(ctx, id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c := b.Centre
	cs := &crosscase.Case{ID: c.CaseID, OwnerDeskID: c.OwnerDeskID, OwnerCountry: c.OwnerCountry, Reference: c.CaseReference}
	p := &centrePage{pageBase: pageBase{Title: c.Name, Nav: "centres"}, Board: b, Open: c.IsOpen(),
		Projector: r.URL.Query().Get("view") == "projector", CanPlan: crosscase.CanPlanCentre(u, cs, c), CanDecide: crosscase.CanDecideInCentre(u, cs, c),
		CanPost: crosscase.CanPostCentreMessage(u, c), SeizureKind: options(crosscase.SeizureTypes()), Substances: options(crosscase.Substances())}
	if formName != "" {
		p.Form, p.FormName = form, formName
	} else if moveID != 0 {
		p.MoveForm, p.MoveID = form, moveID
	}
	if p.Form == nil {
		p.Form = newForm(nil, nil)
	}
	for _, k := range crosscase.MeasureKinds() {
		p.Kinds = append(p.Kinds, option{string(k), measureKindLabels[k]})
	}
	countries, err := s.loadCountries(ctx)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	pr := s.printer(r)
	byCountry := map[string]*centreCountry{}
	var codes []string
	for _, z := range c.Zones {
		byCountry[z.Country] = &centreCountry{Code: z.Country, Name: countries.Name(z.Country), Zone: z.Zone, Offset: c.ZoneOffset(z.Country)}
		p.Zones = append(p.Zones, centreZone{Country: z.Country, Zone: z.Zone, Offset: c.ZoneOffset(z.Country)})
		codes = append(codes, z.Country)
	}
	for _, m := range b.Measures {
		col := byCountry[m.Country]
		if col == nil { // a zone removed since: still shown
			col = &centreCountry{Code: m.Country, Name: countries.Name(m.Country)}
			byCountry[m.Country] = col
			codes = append(codes, m.Country)
		}
		row := centreMeasureRow{M: m, Kind: measureKindLabels[m.Kind], CanUpdate: crosscase.CanUpdateMeasure(u, c, m),
			Who: pr.T(measureWhoFormat, m.ChangedBy, pr.DateTime(m.ChangedAt))}
		if p.CanDecide {
			row.DecideTo, row.DecideTypes = decisionChoices(countries.byCode[c.OwnerCountry], countries.byCode[m.Country])
		}
		if loc := c.Zone(m.Country); loc != nil {
			row.Planned = m.PlannedAt.In(loc).Format("15:04")
		} else {
			row.Planned = m.PlannedAt.UTC().Format("15:04 UTC")
		}
		col.Measures = append(col.Measures, row)
	}
	sort.Strings(codes)
	for _, cc := range codes {
		p.Countries = append(p.Countries, *byCountry[cc])
	}
	p.Tally = centreTally(s.printer(r), b.Tally)
	p.Seizures = seizureLines(s.printer(r), b.Tally.Seizures)
	log, err := s.Centres.CentreEvents(ctx, id, max(0, b.LastSeq-30), 30)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	for i := len(log) - 1; i >= 0; i-- { // newest first
		p.Log = append(p.Log, log[i])
	}
	if p.CanPlan {
		// What the plan form may name: the case's persons (an arrest),
		// accounts (a freezing) and instruments (an execution).
		ents, err := s.Entities.FindEntities(ctx, c.CaseID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, e := range ents {
			switch e.Kind {
			case crosscase.KindPerson:
				p.Persons = append(p.Persons, e)
			case crosscase.KindIBAN, crosscase.KindCryptoWallet:
				p.Accounts = append(p.Accounts, e)
			}
		}
		ins, err := s.Instruments.FindInstruments(ctx, c.CaseID)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, in := range ins {
			if in.Type.ArrestWarrant() || in.Type == crosscase.InstrumentEIO {
				p.Instruments = append(p.Instruments, in)
			}
		}
	}
	s.render(w, r, status, "centre.html", p)
}

// centreTallyRow is one figure of the board's tally; ID is what the
// live updates of static/centre.js address.
type centreTallyRow struct{ ID, Label, Value string }

// centreTally is the board's running count as lines, in p's language.
func centreTally(p *locale.Printer, t crosscase.CentreTally) []centreTallyRow {
	return []centreTallyRow{
		{"tally-targeted", "Suspects targeted", p.Int(int64(t.Targeted))},
		{"tally-arrested", "Arrests", p.Int(t.Arrested)},
		{"tally-searches", "Searches done", p.Int(int64(t.Searches))},
		{"tally-seized", "Seized (EUR)", p.EUR(t.SeizedEUR)},
		{"tally-frozen", "Frozen (EUR)", p.EUR(t.FrozenEUR)},
	}
}

// centreEventFormats are the formats of centreEventText, for their
// translations.
var centreEventFormats = []string{"Centre opened: %s", "Planned: %s in %s (#%d)", "%s #%d in %s: %s → %s",
	"Decision on #%d: %s (instrument %d)", "Centre closed: the board is read-only."}

// seizureLines describes seizures by type and quantity, in p's language.
func seizureLines(p *locale.Printer, list []crosscase.SeizureTally) []string {
	var out []string
	for _, s := range list {
		what := p.T(humanCode(s.Type))
		if s.Substance != "" {
			what += " (" + p.T(humanCode(s.Substance)) + ")"
		}
		if s.Quantity <= 0 {
			out = append(out, what) // recorded, quantity not known
			continue
		}
		q := fmtQuantity(p, s.Quantity)
		if s.Unit != "" && s.Unit != "items" {
			q += " " + p.T(s.Unit)
		}
		out = append(out, p.T("%s: %s", what, q))
	}
	return out
}

// measureFromForm reads the plan form of a measure; planned_at is a
// local time (HH:MM) on the action day in the country's zone.
func measureFromForm(v url.Values, c *crosscase.Centre) (*crosscase.Measure, error) {
	m := &crosscase.Measure{Kind: crosscase.MeasureKind(server.FormText(v, "kind")), Country: strings.ToUpper(server.FormText(v, "country")),
		Place: server.FormText(v, "place"), OwnerCountry: strings.ToUpper(server.FormText(v, "owner_country")), Note: v.Get("note")}
	var err error
	if m.EntityID, err = formInt(v, "entity_id"); err != nil {
		return nil, err
	}
	if m.InstrumentID, err = formInt(v, "instrument_id"); err != nil {
		return nil, err
	}
	hm := server.FormText(v, "planned_at")
	t, err := time.Parse("15:04", hm)
	if err != nil {
		return nil, crosscase.FieldErrorf("planned_at", "Give the local time as HH:MM.")
	}
	loc := c.Zone(m.Country)
	if loc == nil {
		return nil, crosscase.FieldErrorf("country", "The centre gives no time zone for %q.", m.Country)
	}
	d := c.ActionDate
	m.PlannedAt = time.Date(d.Year, d.Month, d.Day, t.Hour(), t.Minute(), 0, 0, loc)
	return m, nil
}

// handleMeasureCreatePage plans a measure from the board's form.
func (s *Server) handleMeasureCreatePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	b, err := s.Centres.FindCentre(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	m, err := measureFromForm(v, b.Centre)
	if err == nil {
		m.CentreID = id
		err = s.Centres.CreateMeasure(r.Context(), m)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCentre(w, r, formStatus(err), id, "plan", newForm(v, err), 0)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, fmt.Sprintf("/centres/%d#measure-%d", id, m.ID), "measure_planned")
}

// outcomeFromForm reads a done measure's outcome: arrests, one seizure
// line, the value frozen.
func outcomeFromForm(v url.Values) (crosscase.MeasureOutcome, error) {
	var o crosscase.MeasureOutcome
	var err error
	if o.Arrests, err = formInt(v, "arrests"); err != nil {
		return o, crosscase.FieldErrorf("outcome.arrests", "Enter a whole number.")
	}
	if o.FrozenEUR, err = formInt(v, "frozen_eur"); err != nil {
		return o, crosscase.FieldErrorf("outcome.frozen_eur", "Enter a whole number of euros.")
	}
	if t := server.FormText(v, "seizure_type"); t != "" {
		sz := crosscase.Seizure{Type: t, Substance: server.FormText(v, "substance"), Unit: server.FormText(v, "unit")}
		if q := server.FormText(v, "quantity"); q != "" {
			if sz.Quantity, err = strconv.ParseFloat(q, 64); err != nil {
				return o, crosscase.FieldErrorf("outcome.seizures[0].quantity", "Enter a number.")
			}
		}
		if sz.ValueEUR, err = formInt(v, "value_eur"); err != nil {
			return o, crosscase.FieldErrorf("outcome.seizures[0].value_eur", "Enter a whole number of euros.")
		}
		o.Seizures = []crosscase.Seizure{sz}
	}
	return o, nil
}

// handleMeasureMovePage changes a measure's state from the board.
func (s *Server) handleMeasureMovePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	centreID, _ := strconv.ParseInt(v.Get("centre_id"), 10, 64)
	mv := crosscase.MeasureMove{Version: version, State: crosscase.MeasureState(server.FormText(v, "state"))}
	if mv.State.HasOutcome() {
		mv.Outcome, err = outcomeFromForm(v)
	}
	var m *crosscase.Measure
	if err == nil {
		m, err = s.Centres.MoveMeasure(r.Context(), id, mv)
	}
	if err != nil {
		if isFormError(err) && centreID > 0 {
			s.renderCentre(w, r, formStatus(err), centreID, "", newForm(v, err), id)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, fmt.Sprintf("/centres/%d#measure-%d", m.CentreID, m.ID), "measure_moved")
}

// handleDecisionPage raises an instrument from a measure.
func (s *Server) handleDecisionPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	centreID, _ := strconv.ParseInt(v.Get("centre_id"), 10, 64)
	d := &crosscase.Decision{Type: crosscase.InstrumentType(server.FormText(v, "type")), Reference: server.FormText(v, "reference"),
		ExecutingCountry: strings.ToUpper(server.FormText(v, "executing_country"))}
	_, err := s.Centres.RaiseDecision(r.Context(), id, d)
	if err != nil {
		if isFormError(err) && centreID > 0 {
			s.renderCentre(w, r, formStatus(err), centreID, "", newForm(v, err), id)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, fmt.Sprintf("/centres/%d#measure-%d", centreID, id), "decision_raised")
}

// handleCentreMessagePage writes a message in the log.
func (s *Server) handleCentreMessagePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	if _, err := s.Centres.PostCentreMessage(r.Context(), id, crosscase.CentreMessage{Text: v.Get("text")}); err != nil {
		if isFormError(err) {
			s.renderCentre(w, r, formStatus(err), id, "message", newForm(v, err), 0)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, fmt.Sprintf("/centres/%d#log", id), "centre_message")
}

// handleCentreClosePage closes the centre.
func (s *Server) handleCentreClosePage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	version, err := formVersion(v)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := s.Centres.CloseCentre(r.Context(), id, crosscase.CentreClose{Version: version}); err != nil {
		if isFormError(err) {
			s.renderCentre(w, r, formStatus(err), id, "close", newForm(v, err), 0)
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, fmt.Sprintf("/centres/%d", id), "centre_closed")
}

// centreLogPage is the log of the day.
type centreLogPage struct {
	pageBase
	Centre *crosscase.Centre
	Events []*crosscase.CentreEvent
}

// handleCentreLogPage shows the whole log of a centre.
func (s *Server) handleCentreLogPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	b, err := s.Centres.FindCentre(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	evs, err := s.Centres.CentreEvents(r.Context(), id, 0, 5000)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "centre_log.html", &centreLogPage{pageBase: pageBase{Title: "Log · %s", TitleArgs: []any{b.Centre.Name}, Nav: "centres"}, Centre: b.Centre, Events: evs})
}

// centrePressPage is the press summary.
type centrePressPage struct {
	pageBase
	CentreID int64
	Press    *crosscase.PressSummary
	Seizures []string
	// Countries are the press summary's countries, named in the
	// reader's language, and Text its paragraph for the press.
	Countries []string
	Text      string
	// Authorities are the press summary's authorities by country, the
	// country named in the reader's language.
	Authorities []crosscase.PressAuthorities
}

// handleCentrePressPage shows what a press release states, without
// personal data.
func (s *Server) handleCentrePressPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	p, err := s.Centres.PressSummary(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	lp := s.printer(r)
	page := &centrePressPage{pageBase: pageBase{Title: "Press summary", Nav: "centres"}, CentreID: id, Press: p, Seizures: seizureLines(lp, p.Seizures)}
	for _, name := range p.Countries {
		page.Countries = append(page.Countries, localCountryName(lp, name))
	}
	for _, g := range p.AuthoritiesByCountry {
		page.Authorities = append(page.Authorities, crosscase.PressAuthorities{Country: localCountryName(lp, g.Country), Authorities: g.Authorities})
	}
	page.Text = pressText(lp, p, page.Countries)
	s.render(w, r, http.StatusOK, "centre_press.html", page)
}

// pressTextFormats are the sentences and phrases of a press release's
// text, which a page writes in the reader's language (the API gives it in
// English: crosscase.PressText).
var pressTextFormats = append(crosscase.PressTextFormats(), "%s and %s")

// pressText is the paragraph a press release states about an action day,
// in p's language, with its numbers and amounts as p writes them.
func pressText(p *locale.Printer, ps *crosscase.PressSummary, countries []string) string {
	return crosscase.WritePressText(ps, countries, pressWords{p})
}

// pressWords writes a press text's words and numbers with a page's
// printer.
type pressWords struct{ p *locale.Printer }

func (w pressWords) T(key string, args ...any) string {
	s := w.p.T(key, args...)
	if key == crosscase.PressDrugFormat {
		s = w.p.Elide(s) // French "12 kg d'héroïne" (locale.Language.Elide)
	}
	return s
}

// N writes a count in the plural form of the reader's language.
func (w pressWords) N(key string, n int64, args ...any) string { return w.p.N(key, n, args...) }

func (w pressWords) Word(key string) string                     { return w.p.T(key) }
func (w pressWords) Int(n int64) string                         { return w.p.Int(n) }
func (w pressWords) Quantity(q float64) string                  { return fmtQuantity(w.p, q) }
func (w pressWords) EUR(n int64) string                         { return w.p.EUR(n) }
func (w pressWords) And(xs []string) string                     { return w.p.JoinAnd(xs) }
func (w pressWords) LongDate(y int, m time.Month, d int) string { return w.p.LongDate(y, m, d) }

// Money writes an amount of a currency as p writes euros: EUR 1,234 and
// USD 1,234 in English, 1 234 € and 1 234 USD elsewhere.
func (w pressWords) Money(q float64, code string) string {
	if code == "EUR" && q == float64(int64(q)) {
		return w.p.EUR(int64(q))
	}
	return w.p.Money(fmtQuantity(w.p, q), code)
}

// centreScriptMessages are the texts static/centre.js writes when the
// board changes live, by the names the script knows them by.
var centreScriptMessages = map[string]string{
	"live": "● live", "reconnecting": "reconnecting…", "noneYet": "none yet", "closed": "Closed",
	"withheld": "(reload the board for the name)", "instrument": "instrument %d", "pair": "%s: %s",
	"opened": "Centre opened: %s", "planned": "Planned: %s in %s (#%d)", "moved": "%s #%d in %s: %s → %s",
	"decision": "Decision on #%d: %s (instrument %d)", "centreClosed": "Centre closed: the board is read-only.",
	"who": measureWhoFormat,
}

// measureWhoFormat is the line of a measure on the board saying who
// changed it last and when, as the page draws it (centreMeasureRow.Who)
// and static/centre.js writes it live, from the same fields.
const measureWhoFormat = "%s · %s"

// centreScriptTexts are the texts, labels and number formats of the live
// board in p's language, as JSON for static/centre.js: the board reads
// as the page was written when it changes.
func centreScriptTexts(p *locale.Printer) string {
	texts := map[string]any{}
	messages := map[string]string{}
	for name, m := range centreScriptMessages {
		messages[name] = p.T(m)
	}
	texts["messages"] = messages
	states := map[string]string{}
	for _, st := range crosscase.MeasureStates() {
		states[string(st)] = p.T(measureStateLabel(st))
	}
	texts["states"] = states
	kinds := map[string]string{}
	for k, l := range measureKindLabels {
		kinds[string(k)] = p.T(l)
	}
	texts["kinds"] = kinds
	codes := map[string]string{}
	for _, list := range [][]string{crosscase.SeizureTypes(), crosscase.Substances(), crosscase.DrugUnits()} {
		for _, c := range list {
			codes[c] = p.T(humanCode(c))
		}
	}
	texts["codes"] = codes
	// The thousands separator, and whether euros come first (EUR 1,234)
	// or last (1 234 €).
	texts["separator"] = strings.TrimSuffix(strings.TrimPrefix(p.Int(1000), "1"), "000")
	texts["euro"] = strings.Replace(p.EUR(1), "1", "{}", 1)
	texts["listSeparator"] = p.ListSeparator()     // between the seizures of the tally
	texts["date"] = p.Date(2001, time.February, 3) // the script puts a day's year, month and day in its place
	texts["decimal"] = p.Language().Decimal
	b, err := json.Marshal(texts)
	if err != nil {
		return "{}"
	}
	return string(b)
}
