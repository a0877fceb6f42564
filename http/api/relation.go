package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// relationRequest is the body of POST /api/v1/cases/{id}/relations.
type relationRequest struct {
	FromID int64                  `json:"from_id"`
	ToID   int64                  `json:"to_id"`
	Kind   crosscase.RelationKind `json:"kind"`
}

// handleAPIRelationList returns the relations of a visible case.
func (s *Server) handleAPIRelationList(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Relations.FindRelations(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIRelationCreate relates two entities of a case of the caller's
// desk.
func (s *Server) handleAPIRelationCreate(w http.ResponseWriter, r *http.Request) {
	var req relationRequest
	id, ok := s.readChange(w, r, "Case", &req, nil)
	if !ok {
		return
	}
	rel := &crosscase.Relation{CaseID: id, FromID: req.FromID, ToID: req.ToID, Kind: req.Kind}
	if err := s.Relations.CreateRelation(r.Context(), rel); err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, rel)
}

// handleAPIRelationDelete removes a relation.
func (s *Server) handleAPIRelationDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Relation")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Relations.DeleteRelation(r.Context(), 0, id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
