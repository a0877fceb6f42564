package api

import (
	"net/http"

	"crosscase/http/server"

	"crosscase"
)

// meUpdate is what callers change of their own account through the API.
type meUpdate struct {
	// Language is the language of the pages: a tag of locale.Languages,
	// or "" to follow the browser's Accept-Language (README, "Languages").
	Language *string `json:"language"`
}

// handleAPIMeUpdate changes the caller's own account: its language.
func (s *Server) handleAPIMeUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var upd meUpdate
	if err := server.ReadJSON(r, &upd); err != nil {
		s.APIError(w, r, err)
		return
	}
	if upd.Language == nil {
		s.APIError(w, r, crosscase.FieldErrorf("language", "Give the language of the pages, or \"\" to follow the browser."))
		return
	}
	if err := s.Users.SetLanguage(ctx, *upd.Language); err != nil {
		s.APIError(w, r, err)
		return
	}
	u, err := s.Users.FindUserByID(ctx, crosscase.UserFromContext(ctx).ID)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, u)
}
