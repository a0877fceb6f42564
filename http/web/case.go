package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// Case list --------------------------------------------------------------

type caseListPage struct {
	pageBase
	Form       *formState
	Countries  *countryIndex
	CrimeTypes []crosscase.CrimeType
	Priorities []string
	Cases      []*crosscase.Case
	pager
}

// handleCaseListPage lists the visible cases matching a GET filter form,
// one page at a time.
func (s *Server) handleCaseListPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	data := &caseListPage{
		pageBase:   pageBase{Title: "Cases", Nav: "cases"},
		CrimeTypes: crosscase.CrimeTypes(),
		Priorities: crosscase.Priorities(),
	}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	f, err := server.CaseFilterFromQuery(q, 50)
	if err == nil {
		var next string
		data.Cases, next, err = s.Cases.FindCases(ctx, f)
		if next != "" {
			nq := cloneValues(q)
			nq.Set("cursor", next)
			data.NextURL = "/cases?" + nq.Encode()
		}
	}
	data.Form = newForm(q, err)
	if err != nil {
		if crosscase.ErrorCode(err) != crosscase.EINVALID {
			s.Error(w, r, err)
			return
		}
		s.render(w, r, formStatus(err), "cases.html", data)
		return
	}
	if q.Get("cursor") != "" {
		data.Paged = true
		fq := cloneValues(q)
		fq.Del("cursor")
		data.FirstURL = "/cases?" + fq.Encode()
	}
	s.render(w, r, http.StatusOK, "cases.html", data)
}

// Case page --------------------------------------------------------------

type casePage struct {
	pageBase
	Case        *crosscase.Case
	Owner       bool // the caller's desk owns the case
	CanWrite    bool // the caller changes it (crosscase.CanWriteCase): the controls to edit are shown
	OwnerDesk   string
	Countries   *countryIndex
	Authorities []*crosscase.Authority
	Roles       []roleGroup
	Grants      []grantRow
	GrantDesks  []*crosscase.Desk
	// Linked are the hits of the case, shown to the owner desk's case
	// workers (hits belong to the two owning desks only).
	ShowLinked bool
	Linked     []linkedCase
	MoreLinked bool
	// Coord holds the coordination meetings and results sections.
	Coord *caseCoordination
	// Instruments of the case with their next deadline.
	Instruments []instrumentRow
	// JITs linked to the case that the caller sees.
	JITs []*crosscase.JIT
	// Filter is the entities' filter; Kinds the kinds it offers.
	Filter entityFilter
	// The orders offered for the entities and the instruments, and the
	// instruments' chosen one.
	EntitySorts, InstrumentSorts []option
	InstrumentSort               string
	Kinds                        []crosscase.EntityKind
	// Entities counts the case's entities by the sections of the page.
	People, Named, Contacts, Other int
	// EntitiesWithheld: the partner data rule keeps the case's entities
	// from the reader's desk (a third country asked in the case without a
	// cooperation agreement); the page shows the case without them, nor
	// their number, nor the pages made of them.
	EntitiesWithheld bool
}

// caseSection is an entry of the case page's section bar; NoCount
// leaves out a count the reader may not know.
type caseSection struct {
	Href, Label string
	Count       int
	NoCount     bool
}

// Sections lists the case page's sections with their counts, for the bar
// at the top of the page.
func (p *casePage) Sections() []caseSection {
	out := []caseSection{
		{Href: "#entities", Label: "People", Count: p.People}, {Href: "#entities", Label: "Companies and groups", Count: p.Named},
		{Href: "#entities", Label: "Phones, e-mails, accounts, wallets", Count: p.Contacts}, {Href: "#entities", Label: "Vehicles, addresses, documents", Count: p.Other},
	}
	if p.EntitiesWithheld {
		out = []caseSection{{Href: "#entities", Label: "Entities", NoCount: true}}
	}
	out = append(out, caseSection{Href: "#instruments", Label: "Instruments", Count: len(p.Instruments)}, caseSection{Href: "#jits", Label: "JITs", Count: len(p.JITs)})
	if p.Coord != nil {
		out = append(out, caseSection{Href: "#meetings", Label: "Meetings", Count: len(p.Coord.Meetings)}, caseSection{Href: "#results", Label: "Results", Count: p.Coord.ResultCount})
	}
	if p.ShowLinked {
		out = append(out, caseSection{Href: "#linked-cases", Label: "Hits", Count: len(p.Linked)})
	}
	return out
}

// linkedCase is a hit of the case: our entity, the other side.
type linkedCase struct {
	Hit       *crosscase.Hit
	OurEntity string
	OtherDesk string
}

// roleGroup is the entities of one role, by kind.
type roleGroup struct {
	Role  crosscase.EntityRole
	Count int
	Kinds []kindGroup
}

// kindGroup is the entities of one kind within a role.
type kindGroup struct {
	Kind     crosscase.EntityKind
	Entities []*crosscase.Entity
	// More is how many entities of the group are not shown: a long
	// group shows its first entityPage unless all are asked for.
	More int
}

// entityPage is how many entities of one role and kind the case page
// shows before "show all".
const entityPage = 50

// entityFilter is the case page's filter of its entities: a kind, a text
// in their labels, values, identity numbers and references, all of a
// long group.
type entityFilter struct {
	Kind crosscase.EntityKind
	Text string
	All  bool
	// Sort orders each group: "" by name (the store's order), "newest"
	// or "oldest" recorded first, "born" by birth date (oldest first,
	// unknown last).
	Sort string
}

// entitySorts are the orders the case page offers for its entities.
var entitySorts = []option{{"", "Name"}, {"newest", "Newest first"}, {"oldest", "Oldest first"}, {"born", "Date of birth"}}

// sortEntities orders list as f.Sort says; the sort is stable, so that
// entities alike keep the store's order by name.
func (f entityFilter) sortEntities(list []*crosscase.Entity) {
	switch f.Sort {
	case "newest":
		sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.After(list[j].CreatedAt) })
	case "oldest":
		sort.SliceStable(list, func(i, j int) bool { return list[i].CreatedAt.Before(list[j].CreatedAt) })
	case "born":
		born := func(e *crosscase.Entity) crosscase.Date {
			if !e.BirthDate.IsZero() {
				return e.BirthDate
			}
			return crosscase.Date{Year: 9999, Month: 12, Day: 31}
		}
		sort.SliceStable(list, func(i, j int) bool { return born(list[i]).Before(born(list[j])) })
	}
}

// keep reports whether e passes f.
func (f entityFilter) keep(e *crosscase.Entity) bool {
	if f.Kind != "" && e.Kind != f.Kind {
		return false
	}
	if f.Text == "" {
		return true
	}
	t := strings.ToLower(f.Text)
	for _, v := range []string{e.Label(), e.GivenName + " " + e.FamilyName, e.Value, e.IDNumber, e.ExternalRef, e.Address} {
		if strings.Contains(strings.ToLower(v), t) {
			return true
		}
	}
	return false
}

type grantRow struct {
	Grant    *crosscase.CaseGrant
	DeskName string
}

// handleCasePage shows a visible case with its entities grouped by role
// and kind, its authorities and its grants.
func (s *Server) handleCasePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var data *casePage
	load := func(ctx context.Context) (err error) {
		data, err = s.loadCasePage(r.WithContext(withPageMemo(ctx)), id)
		return err
	}
	// The page's audited reads (the case, its entities, hits, instruments,
	// meetings) commit together, before the page is shown.
	err = s.Store.Batch(r.Context(), load)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case.html", data)
}

// loadCasePage reads everything the case page shows, with r's context.
func (s *Server) loadCasePage(r *http.Request, id int64) (*casePage, error) {
	ctx := r.Context()
	c, err := s.Cases.FindCaseByID(ctx, id)
	if err != nil {
		return nil, err
	}
	data := &casePage{
		pageBase: pageBase{Title: c.Reference + " " + c.Title, Nav: "cases"},
		Case:     c,
		Owner:    c.Access == crosscase.AccessOwner,
		CanWrite: crosscase.CanWriteCase(crosscase.UserFromContext(ctx), c),
	}
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		return nil, err
	}
	// The partner data rule may keep the entities from the reader's desk
	// (README, "Partner data rule"): the store refuses them (and audits
	// the refusal), and the page shows the rest of the case.
	entities, err := s.Entities.FindEntities(ctx, id)
	if crosscase.ErrorCode(err) == crosscase.EFORBIDDEN {
		data.EntitiesWithheld, entities = true, nil
	} else if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	data.Filter = entityFilter{Kind: crosscase.EntityKind(q.Get("kind")), Text: strings.TrimSpace(q.Get("q")), All: q.Get("all") == "1", Sort: q.Get("sort")}
	if !slices.ContainsFunc(entitySorts, func(o option) bool { return o.Value == data.Filter.Sort }) {
		return nil, crosscase.FieldErrorf("sort", "%q is not an order of the entities.", crosscase.Clip(data.Filter.Sort))
	}
	data.EntitySorts = entitySorts
	data.InstrumentSort = q.Get("isort")
	if !slices.ContainsFunc(instrumentSorts, func(o option) bool { return o.Value == data.InstrumentSort }) {
		return nil, crosscase.FieldErrorf("isort", "%q is not an order of the instruments.", crosscase.Clip(data.InstrumentSort))
	}
	data.InstrumentSorts = instrumentSorts
	if data.Filter.Kind != "" && !data.Filter.Kind.Valid() {
		return nil, crosscase.FieldErrorf("kind", "%q is not a kind of entity.", crosscase.Clip(string(data.Filter.Kind)))
	}
	data.Kinds = crosscase.EntityKinds()
	data.Roles = groupEntities(entities, data.Filter)
	for _, e := range entities {
		switch e.Kind {
		case crosscase.KindPerson:
			data.People++
		case crosscase.KindCompany, crosscase.KindOCG:
			data.Named++
		case crosscase.KindPhone, crosscase.KindEmail, crosscase.KindIBAN, crosscase.KindCryptoWallet:
			data.Contacts++
		default:
			data.Other++
		}
	}
	if data.JITs, err = s.CaseJITs(ctx, id); err != nil {
		return nil, err
	}
	if data.Authorities, err = s.findAuthorities(ctx, c.AuthorityIDs); err != nil {
		return nil, err
	}
	desks, err := s.listDesks(ctx)
	if err != nil {
		return nil, err
	}
	deskName := deskNamesByID(desks)
	data.OwnerDesk = deskName[c.OwnerDeskID]
	// Instruments of the case.
	if data.Instruments, err = s.caseInstruments(r, id); err != nil {
		return nil, err
	}
	sortInstruments(data.Instruments, data.InstrumentSort)
	if data.Owner && crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) {
		data.ShowLinked = true
		list, next, err := s.Hits.FindHits(ctx, crosscase.HitFilter{CaseID: id, Limit: 50})
		if err != nil {
			return nil, err
		}
		label := map[int64]string{}
		for _, e := range entities {
			label[e.ID] = e.Label()
		}
		for _, h := range list {
			data.Linked = append(data.Linked, linkedCase{Hit: h, OurEntity: label[h.EntityID], OtherDesk: deskName[h.OtherDeskID]})
		}
		data.MoreLinked = next != ""
	}
	grants, err := s.Cases.ListCaseGrants(ctx, id)
	if err != nil {
		return nil, err
	}
	granted := map[int64]bool{}
	for _, g := range grants {
		granted[g.DeskID] = true
		data.Grants = append(data.Grants, grantRow{Grant: g, DeskName: deskName[g.DeskID]})
	}
	if data.Owner {
		asked := map[string]bool{c.OwnerCountry: true}
		for _, code := range c.AskedCountries {
			asked[code] = true
		}
		for _, d := range desks {
			if crosscase.CheckGrant(c, d) == nil && !granted[d.ID] && !asked[d.CountryCode] {
				data.GrantDesks = append(data.GrantDesks, d)
			}
		}
	}
	// Coordination meetings and results.
	if data.Coord, err = s.loadCaseCoordination(r, c, nil); err != nil {
		return nil, err
	}
	return data, nil
}

// groupEntities groups entities by role (in display order, every role
// present even when empty) and within a role by kind.
func groupEntities(entities []*crosscase.Entity, f entityFilter) []roleGroup {
	var out []roleGroup
	for _, role := range crosscase.EntityRoles() {
		g := roleGroup{Role: role}
		for _, kind := range crosscase.EntityKinds() {
			kg := kindGroup{Kind: kind}
			for _, e := range entities {
				if e.Role == role && e.Kind == kind && f.keep(e) {
					kg.Entities = append(kg.Entities, e)
				}
			}
			if len(kg.Entities) > 0 {
				f.sortEntities(kg.Entities)
				g.Count += len(kg.Entities)
				if !f.All && len(kg.Entities) > entityPage {
					kg.More = len(kg.Entities) - entityPage
					kg.Entities = kg.Entities[:entityPage]
				}
				g.Kinds = append(g.Kinds, kg)
			}
		}
		out = append(out, g)
	}
	return out
}

func (s *Server) findAuthorities(ctx context.Context, ids []int64) ([]*crosscase.Authority, error) {
	var out []*crosscase.Authority
	for _, id := range ids {
		a, err := s.Authorities.FindAuthority(ctx, id)
		if crosscase.ErrorCode(err) == crosscase.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// Case forms -------------------------------------------------------------

type caseFormPage struct {
	pageBase
	Form        *formState
	Case        *crosscase.Case // nil for a new case
	Countries   *countryIndex
	CrimeTypes  []crosscase.CrimeType
	Priorities  []string
	Authorities []authorityGroup
}

func (s *Server) renderCaseForm(w http.ResponseWriter, r *http.Request, status int, c *crosscase.Case, form *formState) {
	ctx := r.Context()
	data := &caseFormPage{
		pageBase:   pageBase{Title: "Register a case", Nav: "new"},
		Form:       form,
		Case:       c,
		CrimeTypes: crosscase.CrimeTypes(),
		Priorities: crosscase.Priorities(),
	}
	if c != nil {
		data.Title, data.TitleArgs = "Edit %s", []any{c.Reference}
		data.Nav = "cases"
	}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	auths, err := s.Authorities.ListAuthorities(ctx, "")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	data.Authorities = groupAuthorities(auths, data.Countries)
	s.render(w, r, status, "case_form.html", data)
}

// handleCaseNewPage shows the form to register a case.
func (s *Server) handleCaseNewPage(w http.ResponseWriter, r *http.Request) {
	if u := crosscase.UserFromContext(r.Context()); !crosscase.CanRegisterCase(u) {
		s.Error(w, r, crosscase.Errorf(crosscase.EFORBIDDEN, "Only desk members and liaison prosecutors register cases."))
		return
	}
	v := url.Values{}
	v.Set("status", string(crosscase.CaseOpen))
	v.Set("opened_on", crosscase.DateOf(s.Clock().UTC()).String())
	s.renderCaseForm(w, r, http.StatusOK, nil, newForm(v, nil))
}

// handleCaseCreatePage registers a case for the caller's desk.
func (s *Server) handleCaseCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	c, err := caseFromForm(v)
	if err == nil {
		err = s.Cases.CreateCase(r.Context(), c)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCaseForm(w, r, formStatus(err), nil, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(c.ID, 10), "case_created")
}

// handleCaseEditPage shows the edit form of a case of the caller's desk.
func (s *Server) handleCaseEditPage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.renderCaseForm(w, r, http.StatusOK, c, newForm(caseValues(c), nil))
}

// handleCaseUpdatePage saves the edit form. The hidden version makes a
// concurrent change fail with a conflict instead of being overwritten.
func (s *Server) handleCaseUpdatePage(w http.ResponseWriter, r *http.Request) {
	c, err := s.findWritableCase(r)
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
	in, err := caseFromForm(v)
	if err == nil {
		upd := crosscase.CaseUpdate{
			Version:            version,
			Title:              &in.Title,
			Summary:            &in.Summary,
			AskedCountries:     &in.AskedCountries,
			CrimeTypes:         &in.CrimeTypes,
			AuthorityIDs:       &in.AuthorityIDs,
			Priority:           &in.Priority,
			Status:             &in.Status,
			OpenedOn:           &in.OpenedOn,
			ClosedOn:           &in.ClosedOn,
			Victims:            &in.Victims,
			FinancialDamageEUR: &in.FinancialDamageEUR,
		}
		_, err = s.Cases.UpdateCase(r.Context(), c.ID, upd)
	}
	if err != nil {
		if isFormError(err) {
			s.renderCaseForm(w, r, formStatus(err), c, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(c.ID, 10), "case_saved")
}

// caseFromForm reads the case form. Bad numbers and dates are reported
// against their field; everything else is the service's to check.
func caseFromForm(v url.Values) (*crosscase.Case, error) {
	c := &crosscase.Case{
		Title:          server.FormText(v, "title"),
		Summary:        v.Get("summary"),
		AskedCountries: formValues(v, "asked_countries"),
		CrimeTypes:     formValues(v, "crime_types"),
		Priority:       server.FormText(v, "priority"),
		Status:         crosscase.CaseStatus(server.FormText(v, "status")),
	}
	for _, s := range formValues(v, "authority_ids") {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return nil, crosscase.FieldErrorf("authority_ids", "Choose authorities from the list.")
		}
		c.AuthorityIDs = append(c.AuthorityIDs, id)
	}
	if c.AskedCountries == nil {
		c.AskedCountries = []string{}
	}
	if c.AuthorityIDs == nil {
		c.AuthorityIDs = []int64{}
	}
	var err error
	if c.OpenedOn, err = server.FormDate(v, "opened_on"); err != nil {
		return nil, err
	}
	if c.ClosedOn, err = server.FormDate(v, "closed_on"); err != nil {
		return nil, err
	}
	n, err := formInt(v, "victims")
	if err != nil {
		return nil, err
	}
	if n < 0 || n > 100_000_000 {
		return nil, crosscase.FieldErrorf("victims", "Victims must be between 0 and 100000000.")
	}
	c.Victims = int(n)
	if c.FinancialDamageEUR, err = formInt(v, "financial_damage_eur"); err != nil {
		return nil, err
	}
	return c, nil
}

// caseValues fills the case form from a stored case.
func caseValues(c *crosscase.Case) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(c.Version))
	v.Set("title", c.Title)
	v.Set("summary", c.Summary)
	v["asked_countries"] = append([]string(nil), c.AskedCountries...)
	v["crime_types"] = append([]string(nil), c.CrimeTypes...)
	for _, id := range c.AuthorityIDs {
		v.Add("authority_ids", strconv.FormatInt(id, 10))
	}
	v.Set("priority", c.Priority)
	v.Set("status", string(c.Status))
	v.Set("opened_on", c.OpenedOn.String())
	v.Set("closed_on", c.ClosedOn.String())
	v.Set("victims", strconv.Itoa(c.Victims))
	v.Set("financial_damage_eur", strconv.FormatInt(c.FinancialDamageEUR, 10))
	return v
}

// Grants -----------------------------------------------------------------

// handleCaseGrantPage lets another desk see a case of the caller's desk.
func (s *Server) handleCaseGrantPage(w http.ResponseWriter, r *http.Request) {
	id, v, ok := s.pathForm(w, r)
	if !ok {
		return
	}
	deskID, err := strconv.ParseInt(v.Get("desk_id"), 10, 64)
	if err != nil || deskID <= 0 {
		s.Error(w, r, crosscase.FieldErrorf("desk_id", "Choose a desk."))
		return
	}
	if err := s.Cases.GrantCase(r.Context(), id, deskID); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(id, 10)+"#grants", "grant_added")
}

// handleCaseRevokePage removes a desk's grant.
func (s *Server) handleCaseRevokePage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	deskID, err := pathID(r, "desk")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if err := s.Cases.RevokeCaseGrant(r.Context(), id, deskID); err != nil {
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/cases/"+strconv.FormatInt(id, 10)+"#grants", "grant_revoked")
}
