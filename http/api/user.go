package api

import (
	"net/http"
	"strconv"

	"crosscase/http/server"

	"crosscase"
)

// userCreateRequest is the body of POST /api/v1/users. The password is
// hashed by the store and never returned.
type userCreateRequest struct {
	Name        string         `json:"name"`
	DisplayName string         `json:"display_name"`
	DeskID      int64          `json:"desk_id"`
	Role        crosscase.Role `json:"role"`
	Password    string         `json:"password"`
	CountryCode string         `json:"country_code"` // JIT-only accounts: the country of their authority
}

// toUser returns the user the request describes, without the password.
func (req *userCreateRequest) toUser() *crosscase.User {
	return &crosscase.User{Name: req.Name, DisplayName: req.DisplayName, DeskID: req.DeskID, Role: req.Role, CountryCode: req.CountryCode, MustChangePassword: true}
}

// handleAPIUserList returns every user (administrators).
func (s *Server) handleAPIUserList(w http.ResponseWriter, r *http.Request) {
	if _, err := server.ReadQuery(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	users, err := s.Users.ListUsers(r.Context())
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(users, ""))
}

// handleAPIUserCreate adds a user (administrators).
func (s *Server) handleAPIUserCreate(w http.ResponseWriter, r *http.Request) {
	var req userCreateRequest
	if err := server.ReadJSON(r, &req); err != nil {
		s.APIError(w, r, err)
		return
	}
	u := req.toUser()
	if err := s.Users.CreateUser(r.Context(), u, req.Password); err != nil {
		s.APIError(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	s.WriteJSON(w, r, http.StatusCreated, u)
}

// handleAPIUserGet returns a user: oneself, or anyone for administrators.
func (s *Server) handleAPIUserGet(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "User")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	u, err := s.Users.FindUserByID(r.Context(), id)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, u)
}

// handleAPIUserUpdate changes a user (administrators).
func (s *Server) handleAPIUserUpdate(w http.ResponseWriter, r *http.Request) {
	var upd crosscase.UserUpdate
	id, ok := s.readChange(w, r, "User", &upd, &upd.Version)
	if !ok {
		return
	}
	u, err := s.Users.UpdateUser(r.Context(), id, upd)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, u)
}
