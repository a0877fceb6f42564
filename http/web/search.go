package web

import (
	"net/http"
	"net/url"
	"strings"

	"crosscase"
)

// searchPage shows one page of what a search found, grouped by kind,
// with a link to the next page of the cases and of the entities.
type searchPage struct {
	pageBase
	Form            *formState
	Results         *crosscase.SearchResults
	People          []*crosscase.EntityMatch
	Named           []*crosscase.EntityMatch // companies and groups
	Values          []*crosscase.EntityMatch // phones, accounts, documents, …
	FirstURL        string                   // the first page, on a later one
	NextCasesURL    string
	NextEntitiesURL string
	ShowsCases      bool
	ShowsEntities   bool
}

// handleSearchPage runs the search of the header's box: the first page,
// or the next page of its cases or of its entities (cursor).
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	cursor := strings.TrimSpace(r.URL.Query().Get("cursor"))
	p := &searchPage{pageBase: pageBase{Title: "Search", Nav: "search"}, Form: newForm(url.Values{"q": {q}}, nil)}
	if q == "" {
		s.render(w, r, http.StatusOK, "search.html", p)
		return
	}
	res, err := s.Search.Search(r.Context(), q, cursor)
	if err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		p.Form.Err = err
		s.render(w, r, formStatus(err), "search.html", p)
		return
	}
	p.Results = res
	p.ShowsCases, p.ShowsEntities = res.Cases != nil, res.Entities != nil
	page := func(c string) string { return "/search?" + url.Values{"q": {q}, "cursor": {c}}.Encode() }
	if cursor != "" {
		p.FirstURL = "/search?" + url.Values{"q": {q}}.Encode()
	}
	if res.CasesNextCursor != "" {
		p.NextCasesURL = page(res.CasesNextCursor)
	}
	if res.EntitiesNextCursor != "" {
		p.NextEntitiesURL = page(res.EntitiesNextCursor)
	}
	for _, m := range res.Entities {
		switch {
		case m.Entity.Kind == crosscase.KindPerson:
			p.People = append(p.People, m)
		case m.Entity.Kind.IsNamed():
			p.Named = append(p.Named, m)
		default:
			p.Values = append(p.Values, m)
		}
	}
	s.render(w, r, http.StatusOK, "search.html", p)
}
