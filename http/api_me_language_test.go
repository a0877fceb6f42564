package http

import (
	"net/http"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// A caller sets the language of their own pages through the API, and
// reads it back; an unknown language or none at all is refused naming
// the field, and "" goes back to the browser's.
func TestAPIMeLanguage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		de := ts.apiUser("de.lang", crosscase.RoleDeskMember, "DE")
		var u crosscase.User
		de.patch("/api/v1/me", map[string]any{"language": "fr"}).decode(t, http.StatusOK, &u)
		if u.Language != "fr" || u.ID != de.User.ID {
			t.Fatalf("after PATCH: %+v", u)
		}
		de.get("/api/v1/me").decode(t, http.StatusOK, &u)
		if u.Language != "fr" {
			t.Fatalf("GET /me: language %q", u.Language)
		}
		de.patch("/api/v1/me", map[string]any{"language": "xx"}).wantProblem(t, http.StatusUnprocessableEntity, "language")
		de.patch("/api/v1/me", map[string]any{}).wantProblem(t, http.StatusUnprocessableEntity, "language")
		de.patch("/api/v1/me", map[string]any{"language": "fr", "role": "administrator"}).wantProblem(t, http.StatusBadRequest, "role")
		de.patch("/api/v1/me", map[string]any{"language": ""}).decode(t, http.StatusOK, &u)
		if u.Language != "" || u.Role != crosscase.RoleDeskMember {
			t.Fatalf("back to the browser's: %+v", u)
		}
	})
}
