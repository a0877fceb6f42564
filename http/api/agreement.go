package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// agreementCreateRequest is the body of POST /api/v1/agreements.
type agreementCreateRequest struct {
	CountryCode  string                  `json:"country_code"`
	Organisation string                  `json:"organisation"`
	Kind         crosscase.AgreementKind `json:"kind"`
	SignedOn     crosscase.Date          `json:"signed_on"`
	Title        string                  `json:"title"`
}

// toAgreement returns the agreement the request describes.
func (req *agreementCreateRequest) toAgreement() *crosscase.Agreement {
	return &crosscase.Agreement{CountryCode: req.CountryCode, Organisation: req.Organisation,
		Kind: req.Kind, SignedOn: req.SignedOn, Title: req.Title}
}

// handleAPIAgreementList returns every agreement, newest first.
func (s *Server) handleAPIAgreementList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	list, err := s.Agreements.ListAgreements(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPIAgreementCreate records an agreement (administrators).
func (s *Server) handleAPIAgreementCreate(w http.ResponseWriter, r *http.Request) {
	var req agreementCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	a := req.toAgreement()
	if err := s.Agreements.CreateAgreement(r.Context(), a); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/agreements/"+strconv.FormatInt(a.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, a)
}

// handleAPIAgreementGet returns one agreement.
func (s *Server) handleAPIAgreementGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Agreement")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	a, err := s.Agreements.FindAgreement(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, a)
}

// handleAPIAgreementUpdate changes an agreement (administrators).
func (s *Server) handleAPIAgreementUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.AgreementUpdate
	id, ok := s.readChange(w, r, "Agreement", &upd, &upd.Version)
	if !ok {
		return
	}
	a, err := s.Agreements.UpdateAgreement(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, a)
}

// handleAPIAgreementDelete removes an agreement (administrators).
func (s *Server) handleAPIAgreementDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Agreement")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Agreements.DeleteAgreement(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
