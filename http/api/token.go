package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// tokenCreateRequest is the body of POST /api/v1/tokens. UserID is the
// caller when 0; naming anyone else is refused (crosscase.CanCreateTokenFor).
type tokenCreateRequest struct {
	Label  string `json:"label"`
	UserID int64  `json:"user_id"`
}

// TokenCreateResponse carries the new token and its secret, which is
// shown this once and never again.
type TokenCreateResponse struct {
	Token  *crosscase.Token `json:"token"`
	Secret string           `json:"secret"`
}

// handleAPITokenList returns the caller's tokens, or ?user_id='s
// (administrators).
func (s *Server) handleAPITokenList(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "user_id")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	userID, err := q.ID("user_id")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	ctx := r.Context()
	if userID == 0 {
		userID = crosscase.UserFromContext(ctx).ID
	}
	list, err := s.Tokens.ListTokens(ctx, userID)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, ""))
}

// handleAPITokenCreate makes an API token and returns its secret once.
func (s *Server) handleAPITokenCreate(w http.ResponseWriter, r *http.Request) {
	var req tokenCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	if req.UserID < 0 {
		s.APIError(w, r, crosscase.FieldErrorf("user_id", "A user id is a positive number."))
		return
	}
	ctx := r.Context()
	if req.UserID == 0 {
		req.UserID = crosscase.UserFromContext(ctx).ID
	}
	t, secret, err := s.Tokens.CreateToken(ctx, req.UserID, req.Label)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/tokens/"+strconv.FormatInt(t.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, TokenCreateResponse{Token: t, Secret: secret})
}

// handleAPITokenDelete revokes a token (its owner or an administrator).
func (s *Server) handleAPITokenDelete(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Token")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := s.Tokens.RevokeToken(r.Context(), id); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
