package web

import (
	"net/http"
	"net/url"
	"strings"

	"crosscase"
)

// searchPage shows what a search found, grouped by kind.
type searchPage struct {
	pageBase
	Form    *formState
	Results *crosscase.SearchResults
	People  []*crosscase.EntityMatch
	Named   []*crosscase.EntityMatch // companies and groups
	Values  []*crosscase.EntityMatch // phones, accounts, documents, …
}

// handleSearchPage runs the search of the header's box.
func (s *Server) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := &searchPage{pageBase: pageBase{Title: "Search", Nav: "search"}, Form: newForm(url.Values{"q": {q}}, nil)}
	if q == "" {
		s.render(w, r, http.StatusOK, "search.html", p)
		return
	}
	res, err := s.Search.Search(r.Context(), q)
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
