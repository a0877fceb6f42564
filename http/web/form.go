package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// pathID returns the positive integer path parameter name. Anything else
// is a page that does not exist.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s { // as the API: +7 and 007 name nothing
		return 0, crosscase.Errorf(crosscase.ENOTFOUND, "Page not found.")
	}
	return id, nil
}

// parseForm reads a POSTed form (already size-limited by requirePageUser).
// An edit form's hidden version that is not a version number is refused
// naming version (formVersion) before anything is done: read as 0 it was
// a conflict with a change nobody made.
func parseForm(r *http.Request) (url.Values, error) {
	if err := r.ParseForm(); err != nil {
		return nil, crosscase.Errorf(crosscase.EINVALID, "The form could not be read.")
	}
	if _, ok := r.PostForm["version"]; ok {
		if _, err := formVersion(r.PostForm); err != nil {
			return nil, err
		}
	}
	return r.PostForm, nil
}

// formCaseID reads the hidden case_id of a form that removes a record of
// a case (a relation, a result, a person on an acquittal): the case the
// page leads back to. It must be a case id written as ids are (pathID),
// and the store removes the record only when it is one of that case (as
// one the caller cannot see otherwise), so that a value sent in its place
// is refused and changes nothing (README, JSON API: bad input), instead
// of the record being removed and the browser sent to a page that does
// not exist.
func formCaseID(v url.Values) (int64, error) {
	s := v.Get("case_id")
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, crosscase.FieldErrorf("case_id", "%q is not a case.", crosscase.Clip(s))
	}
	return id, nil
}

// formInt parses field as a whole number; empty is 0.
func formInt(v url.Values, field string) (int64, error) {
	s := strings.ReplaceAll(server.FormText(v, field), " ", "")
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, crosscase.FieldErrorf(field, "Enter a whole number, without separators.")
	}
	return n, nil
}

// formVersion reads the hidden version field of an edit form: the one
// version number the page wrote, spaces around it ignored. A form without
// it, with it twice, or with anything else is refused naming version, so
// that it is never read as 0, a conflict with a change nobody made.
func formVersion(v url.Values) (int, error) {
	vs := v["version"]
	if len(vs) == 1 {
		if n, err := strconv.Atoi(strings.TrimSpace(vs[0])); err == nil && n > 0 {
			return n, nil
		}
	}
	return 0, crosscase.FieldErrorf("version", "This form's version is not one the page wrote: reload the page and make your change again.")
}

// formValues returns the non-empty, trimmed values of a multi-valued field.
func formValues(v url.Values, field string) []string {
	var out []string
	for _, s := range v[field] {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// isFormError reports whether err is one to show next to the form
// (bad input, a stale version) rather than on the error page.
func isFormError(err error) bool {
	c := crosscase.ErrorCode(err)
	return c == crosscase.EINVALID || c == crosscase.ECONFLICT
}

// recordReason moves an error about the reason a record carries (the
// store's field "reason") to the form's field that holds it: on a page
// the field reason is the audit log's (README, "Who sees what"), so a form
// names the record's own reason otherwise (extension_reason,
// review_reason). The message keeps its translation.
func recordReason(err error, field string) error {
	return moveFieldError(err, "reason", field)
}

// moveFieldError moves an error about the store's field from to the
// form's field to, which holds it on a page under its own label. The
// message keeps its translation.
func moveFieldError(err error, from, to string) error {
	var e *crosscase.Error
	if !errors.As(err, &e) || e.Field != from {
		return err
	}
	moved := *e
	moved.Field = to
	return &moved
}

// formStatus is the status of a form shown again after err.
func formStatus(err error) int { return server.StatusOf(crosscase.ErrorCode(err)) }

// countryIndex is the reference list of countries with lookups for pages.
type countryIndex struct {
	All    []*crosscase.Country
	byCode map[string]*crosscase.Country
}

// countryGroup is a labelled group of countries for a select's optgroup.
type countryGroup struct {
	Label     string
	Countries []*crosscase.Country
}

func (s *Server) loadCountries(ctx context.Context) (*countryIndex, error) {
	memo, _ := ctx.Value(pageMemoKey{}).(*pageMemo)
	if memo != nil && memo.countries != nil {
		return memo.countries, nil
	}
	list, err := s.Countries.ListCountries(ctx)
	if err != nil {
		return nil, err
	}
	ci := &countryIndex{All: list, byCode: make(map[string]*crosscase.Country, len(list))}
	for _, c := range list {
		ci.byCode[c.Code] = c
	}
	if memo != nil {
		memo.countries = ci
	}
	return ci, nil
}

// pageMemo keeps the reference lists one page needs in several places
// (countries, desks), so that a page reads each once.
type pageMemo struct {
	countries *countryIndex
	desks     []*crosscase.Desk
}

type pageMemoKey struct{}

// withPageMemo returns ctx with an empty pageMemo.
func withPageMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, pageMemoKey{}, &pageMemo{})
}

// listDesks returns every desk, read once per page when ctx has a memo.
func (s *Server) listDesks(ctx context.Context) ([]*crosscase.Desk, error) {
	memo, _ := ctx.Value(pageMemoKey{}).(*pageMemo)
	if memo != nil && memo.desks != nil {
		return memo.desks, nil
	}
	desks, err := s.Desks.ListDesks(ctx)
	if err == nil && memo != nil {
		memo.desks = desks
	}
	return desks, err
}

// deskNames returns every desk's name by id, from the request's desks
// (listDesks).
func (s *Server) deskNames(ctx context.Context) (map[int64]string, error) {
	desks, err := s.listDesks(ctx)
	if err != nil {
		return nil, err
	}
	return deskNamesByID(desks), nil
}

// deskNamesByID returns the names of desks by their ids.
func deskNamesByID(desks []*crosscase.Desk) map[int64]string {
	names := make(map[int64]string, len(desks))
	for _, d := range desks {
		names[d.ID] = d.Name
	}
	return names
}

// Name returns the name of country code, or the code when unknown.
func (ci *countryIndex) Name(code string) string {
	if ci == nil {
		return code
	}
	if c := ci.byCode[code]; c != nil {
		return c.Name
	}
	return code
}

// Groups returns the countries grouped by standing, member states first.
func (ci *countryIndex) Groups() []countryGroup {
	order := []crosscase.Standing{crosscase.StandingMember, crosscase.StandingLiaison, crosscase.StandingContactPoint, crosscase.StandingNone}
	labels := map[crosscase.Standing]string{
		crosscase.StandingMember:       "Member states",
		crosscase.StandingLiaison:      "Third countries with a liaison prosecutor",
		crosscase.StandingContactPoint: "Third countries with a contact point",
		crosscase.StandingNone:         "Other countries",
	}
	var out []countryGroup
	for _, st := range order {
		g := countryGroup{Label: labels[st]}
		for _, c := range ci.All {
			if c.Standing == st || (st == crosscase.StandingNone && !c.Standing.Valid()) {
				g.Countries = append(g.Countries, c)
			}
		}
		if len(g.Countries) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// pathForm reads the id in the path and the posted form of a page
// request; on failure it has answered with the error and ok is false.
func (s *Server) pathForm(w http.ResponseWriter, r *http.Request) (id int64, v url.Values, ok bool) {
	id, err := pathID(r, "id")
	if err == nil {
		v, err = parseForm(r)
	}
	if err != nil {
		s.Error(w, r, err)
		return 0, nil, false
	}
	return id, v, true
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		for _, s := range vs {
			if s != "" {
				out.Add(k, s)
			}
		}
	}
	return out
}

// authorityGroup is the authorities of one country, for an optgroup.
type authorityGroup struct {
	Code        string // the country's ISO 3166-1 code
	Country     string
	Authorities []*crosscase.Authority
}

func groupAuthorities(list []*crosscase.Authority, ci *countryIndex) []authorityGroup {
	by := map[string][]*crosscase.Authority{}
	var codes []string
	for _, a := range list {
		if by[a.CountryCode] == nil {
			codes = append(codes, a.CountryCode)
		}
		by[a.CountryCode] = append(by[a.CountryCode], a)
	}
	sort.Slice(codes, func(i, j int) bool { return ci.Name(codes[i]) < ci.Name(codes[j]) })
	out := make([]authorityGroup, 0, len(codes))
	for _, code := range codes {
		out = append(out, authorityGroup{Code: code, Country: ci.Name(code), Authorities: by[code]})
	}
	return out
}

// findWritableCase returns the case of the path if the caller may change
// it (crosscase.CanWriteCase, the rule the store enforces): ENOTFOUND for
// a case the caller does not see, EFORBIDDEN for one they only read.
func (s *Server) findWritableCase(r *http.Request) (*crosscase.Case, error) {
	if c, ok := r.Context().Value(writableCaseKey{}).(*crosscase.Case); ok {
		return c, nil // found by writableCaseFirst, before the body was read
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	c, err := s.Cases.FindCaseByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !crosscase.CanWriteCase(crosscase.UserFromContext(r.Context()), c) {
		return nil, crosscase.Errorf(crosscase.EFORBIDDEN, "Only the desk that owns this case can change it.")
	}
	return c, nil
}

// writableCaseKey keys the case writableCaseFirst found in a request's
// context.
type writableCaseKey struct{}

// writableCaseFirst is findWritableCase before the body of a route taking
// a file or a list is read (server.AuthorizeFirst): a case the caller
// does not see, or only reads, is refused without reading what they
// sent; the case found goes on to the handler, which reads it once.
func (s *Server) writableCaseFirst(r *http.Request) (*http.Request, error) {
	c, err := s.findWritableCase(r)
	if err != nil {
		return r, err
	}
	return r.WithContext(context.WithValue(r.Context(), writableCaseKey{}, c)), nil
}

// checkListFirst is crosscase.CanCheckList before the body of a list to
// check is read (server.AuthorizeFirst).
func checkListFirst(r *http.Request) (*http.Request, error) {
	return r, crosscase.CanCheckList(crosscase.UserFromContext(r.Context()))
}

// option is a value and its label for a select.
type option struct{ Value, Label string }

func options(codes []string) []option {
	out := make([]option, 0, len(codes))
	for _, c := range codes {
		out = append(out, option{c, humanCode(c)})
	}
	return out
}

func caseAnchor(id int64, anchor string) string {
	return "/cases/" + strconv.FormatInt(id, 10) + "#" + anchor
}
