package api

import (
	"fmt"
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// caseCreateRequest is the body of POST /api/v1/cases: the fields a desk
// sets. The owner, reference, version and times are the server's.
type caseCreateRequest struct {
	Title              string               `json:"title"`
	Summary            string               `json:"summary"`
	AskedCountries     []string             `json:"asked_countries"`
	CrimeTypes         []string             `json:"crime_types"`
	AuthorityIDs       []int64              `json:"authority_ids"`
	Priority           string               `json:"priority"`
	Status             crosscase.CaseStatus `json:"status"`
	OpenedOn           crosscase.Date       `json:"opened_on"`
	ClosedOn           crosscase.Date       `json:"closed_on"`
	Victims            int                  `json:"victims"`
	FinancialDamageEUR int64                `json:"financial_damage_eur"`
}

// toCase returns the case the request describes.
func (req *caseCreateRequest) toCase() *crosscase.Case {
	return &crosscase.Case{
		Title: req.Title, Summary: req.Summary,
		AskedCountries: req.AskedCountries, CrimeTypes: req.CrimeTypes, AuthorityIDs: req.AuthorityIDs,
		Priority: req.Priority, Status: req.Status, OpenedOn: req.OpenedOn, ClosedOn: req.ClosedOn,
		Victims: req.Victims, FinancialDamageEUR: req.FinancialDamageEUR,
	}
}

// grantRequest is the body of POST /api/v1/cases/{id}/grants.
type grantRequest struct {
	DeskID int64 `json:"desk_id"`
}

// apiCase prepares c for the API: lists are [] rather than null.
func apiCase(c *crosscase.Case) *crosscase.Case {
	if c.AskedCountries == nil {
		c.AskedCountries = []string{}
	}
	if c.CrimeTypes == nil {
		c.CrimeTypes = []string{}
	}
	if c.AuthorityIDs == nil {
		c.AuthorityIDs = []int64{}
	}
	return c
}

func caseLocation(id int64) string { return "/api/v1/cases/" + strconv.FormatInt(id, 10) }

// caseFilterFromAPIQuery builds the case list filter from the query
// string; the filter's own Validate checks the values.
func caseFilterFromAPIQuery(r *http.Request) (crosscase.CaseFilter, error) {
	q, err := server.ReadQuery(r, "scope", "country", "crime_type", "status", "priority", "opened_from", "opened_to", "q", "cursor", "limit")
	if err != nil {
		return crosscase.CaseFilter{}, err
	}
	limit, err := q.Limit(200)
	if err != nil {
		return crosscase.CaseFilter{}, err
	}
	f, err := server.CaseFilterFromQuery(q.Values, limit)
	if err != nil {
		// A query parameter that cannot be read, as in every list: 400.
		return f, server.BadRequest(crosscase.ErrorField(err), "Query parameter %s: %s", crosscase.ErrorField(err), crosscase.ErrorMessage(err))
	}
	return f, f.Validate()
}

// handleAPICaseList returns one page of the cases the caller may see.
func (s *Server) handleAPICaseList(w http.ResponseWriter, r *http.Request) {
	f, err := caseFilterFromAPIQuery(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	cases, next, err := s.Cases.FindCases(r.Context(), f)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	for _, c := range cases {
		apiCase(c)
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(cases, next))
}

// handleAPICaseCreate registers a case for the caller's desk.
func (s *Server) handleAPICaseCreate(w http.ResponseWriter, r *http.Request) {
	var req caseCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	c := req.toCase()
	if err := s.Cases.CreateCase(r.Context(), c); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", caseLocation(c.ID))
	s.WriteJSON(w, r, http.StatusCreated, apiCase(c))
}

// handleAPICaseGet returns a case the caller may see.
func (s *Server) handleAPICaseGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	c, err := s.Cases.FindCaseByID(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, apiCase(c))
}

// handleAPICaseUpdate changes a case of the caller's desk.
func (s *Server) handleAPICaseUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.CaseUpdate
	id, ok := s.readChange(w, r, "Case", &upd, &upd.Version)
	if !ok {
		return
	}
	c, err := s.Cases.UpdateCase(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, apiCase(c))
}

// handleAPIGrantList returns the desks the owner granted access to a case.
func (s *Server) handleAPIGrantList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	grants, err := s.Cases.ListCaseGrants(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(grants, ""))
}

// handleAPIGrantCreate lets a desk see a case of the caller's desk.
func (s *Server) handleAPIGrantCreate(w http.ResponseWriter, r *http.Request) {
	var req grantRequest
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	if req.DeskID <= 0 {
		s.APIError(w, r, crosscase.FieldErrorf("desk_id", "Give the id of the desk to grant access to."))
		return
	}
	ctx := r.Context()
	if err := s.Cases.GrantCase(ctx, id, req.DeskID); err != nil {
		s.APIError(w, r, err)
		return
	}
	grants, err := s.Cases.ListCaseGrants(ctx, id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	for _, g := range grants {
		if g.DeskID == req.DeskID {
			w.Header().Set("Location", caseLocation(id)+"/grants/"+strconv.FormatInt(g.DeskID, 10))
			s.WriteJSON(w, r, http.StatusCreated, g)
			return
		}
	}
	s.APIError(w, r, fmt.Errorf("grant of case %d to desk %d not listed after granting", id, req.DeskID))
}

// handleAPIGrantDelete revokes a desk's grant.
func (s *Server) handleAPIGrantDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	deskID, err := server.APIPathID(r, "desk_id", "Grant")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Cases.RevokeCaseGrant(r.Context(), id, deskID); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// handleAPIActivity returns recent changes on the cases the caller sees.
func (s *Server) handleAPIActivity(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	limit, err := q.Limit(100)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if limit == 0 {
		limit = 20
	}
	items, err := s.Activity.RecentActivity(r.Context(), limit)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(items, ""))
}

// handleAPICaseExport returns a visible case with all its entities; the
// store audits it as an export.
func (s *Server) handleAPICaseExport(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	b, err := s.Cases.ExportCase(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	b.Case = apiCase(b.Case)
	s.WriteJSON(w, r, http.StatusOK, b)
}
