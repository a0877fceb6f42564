package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// countryCode returns the {code} path value: an ISO 3166-1 alpha-2 code,
// or ENOTFOUND.
func countryCode(r *http.Request) (string, error) {
	code := r.PathValue("code")
	if !crosscase.ValidCountryCode(code) {
		return "", crosscase.Errorf(crosscase.ENOTFOUND, "Country not found.")
	}
	return code, nil
}

// handleAPICountryList returns every country and its standing.
func (s *Server) handleAPICountryList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Countries.ListCountries(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPICountryGet returns one country.
func (s *Server) handleAPICountryGet(w http.ResponseWriter, r *http.Request) {
	code, err := countryCode(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	c, err := s.Countries.FindCountry(r.Context(), code)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}

// handleAPICountryUpdate changes a country's standing (administrators).
func (s *Server) handleAPICountryUpdate(w http.ResponseWriter, r *http.Request) {
	code, err := countryCode(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	var upd crosscase.CountryUpdate
	if err := server.ReadJSON(r, &upd); err != nil {
		s.APIError(w, r, err)
		return
	}
	c, err := s.Countries.UpdateCountry(r.Context(), code, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, c)
}

// handleAPICrimeTypes returns the agency's crime-type taxonomy.
func (s *Server) handleAPICrimeTypes(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(crosscase.CrimeTypes(), ""))
}
