package web

import (
	"net/http"
	"net/url"

	"crosscase/http/server"

	"crosscase"
)

type authorityListPage struct {
	pageBase
	Country     string // filter
	Authorities []*crosscase.Authority
	Countries   *countryIndex
	Kinds       []crosscase.AuthorityKind
	Form        *formState
}

func (s *Server) renderAuthorities(w http.ResponseWriter, r *http.Request, status int, country string, form *formState) {
	ctx := r.Context()
	data := &authorityListPage{
		pageBase: pageBase{Title: "Authorities", Nav: "authorities"},
		Country:  country,
		Kinds: []crosscase.AuthorityKind{crosscase.AuthorityProsecution, crosscase.AuthorityPolice, crosscase.AuthorityCourt,
			crosscase.AuthorityBorderGuard, crosscase.AuthorityCustoms, crosscase.AuthorityOther},
		Form: form,
	}
	var err error
	if data.Countries, err = s.loadCountries(ctx); err != nil {
		s.Error(w, r, err)
		return
	}
	if country != "" && !crosscase.ValidCountryCode(country) {
		s.Error(w, r, crosscase.FieldErrorf("country", "%q is not an ISO 3166-1 alpha-2 country code.", country))
		return
	}
	if data.Authorities, err = s.Authorities.ListAuthorities(ctx, country); err != nil {
		s.Error(w, r, err)
		return
	}
	s.render(w, r, status, "authorities.html", data)
}

// handleAuthorityListPage lists the national competent authorities of a
// country (all when none is chosen), with a form to add one.
func (s *Server) handleAuthorityListPage(w http.ResponseWriter, r *http.Request) {
	country := r.URL.Query().Get("country")
	v := url.Values{}
	v.Set("country_code", country)
	s.renderAuthorities(w, r, http.StatusOK, country, newForm(v, nil))
}

// handleAuthorityCreatePage adds an authority.
func (s *Server) handleAuthorityCreatePage(w http.ResponseWriter, r *http.Request) {
	v, err := parseForm(r)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	a := &crosscase.Authority{
		CountryCode: server.FormText(v, "country_code"),
		Name:        server.FormText(v, "name"),
		Kind:        crosscase.AuthorityKind(server.FormText(v, "kind")),
		City:        server.FormText(v, "city"),
	}
	if err := s.Authorities.CreateAuthority(r.Context(), a); err != nil {
		if isFormError(err) {
			country := ""
			if crosscase.ValidCountryCode(a.CountryCode) {
				country = a.CountryCode
			}
			s.renderAuthorities(w, r, formStatus(err), country, newForm(v, err))
			return
		}
		s.Error(w, r, err)
		return
	}
	s.redirectFlash(w, r, "/authorities?country="+url.QueryEscape(a.CountryCode), "authority_created")
}
