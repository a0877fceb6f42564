package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// entityCreateRequest is the body of POST /api/v1/cases/{id}/entities.
// The case comes from the path; id, version and times are the server's.
type entityCreateRequest struct {
	Kind        crosscase.EntityKind `json:"kind"`
	Role        crosscase.EntityRole `json:"role"`
	GivenName   string               `json:"given_name"`
	FamilyName  string               `json:"family_name"`
	Name        string               `json:"name"`
	BirthDate   crosscase.Date       `json:"birth_date"`
	Nationality string               `json:"nationality"`
	IDNumber    string               `json:"id_number"`
	Address     string               `json:"address"`
	Value       string               `json:"value"`
	Country     string               `json:"country"`
	Notes       string               `json:"notes"`
	ExternalRef string               `json:"external_ref"`
}

// toEntity returns the entity the request describes, in case caseID.
func (req *entityCreateRequest) toEntity(caseID int64) *crosscase.Entity {
	return &crosscase.Entity{
		CaseID: caseID, Kind: req.Kind, Role: req.Role,
		GivenName: req.GivenName, FamilyName: req.FamilyName, Name: req.Name,
		BirthDate: req.BirthDate, Nationality: req.Nationality,
		IDNumber: req.IDNumber, Address: req.Address,
		Value: req.Value, Country: req.Country, Notes: req.Notes, ExternalRef: req.ExternalRef,
	}
}

func entityLocation(id int64) string { return "/api/v1/entities/" + strconv.FormatInt(id, 10) }

// handleAPIEntityList returns the entities of a case the caller may see.
func (s *Server) handleAPIEntityList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Entities.FindEntities(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIEntityCreate adds an entity to a case of the caller's desk.
func (s *Server) handleAPIEntityCreate(w http.ResponseWriter, r *http.Request) {
	var req entityCreateRequest
	caseID, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	e := req.toEntity(caseID)
	if err := s.Entities.CreateEntity(r.Context(), e); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", entityLocation(e.ID))
	s.WriteJSON(w, r, http.StatusCreated, e)
}

// handleAPIEntityGet returns an entity of a case the caller may see.
func (s *Server) handleAPIEntityGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Entity")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	e, err := s.Entities.FindEntityByID(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}

// handleAPIEntityUpdate changes an entity of a case of the caller's desk.
func (s *Server) handleAPIEntityUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.EntityUpdate
	id, ok := s.readChange(w, r, "Entity", &upd, &upd.Version)
	if !ok {
		return
	}
	e, err := s.Entities.UpdateEntity(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, e)
}

// handleAPIEntityDelete removes an entity; its audit record remains.
func (s *Server) handleAPIEntityDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Entity")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Entities.DeleteEntity(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
