package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestNoImpersonation: nobody, administrators included, obtains a token
// that acts as someone else; an administrator revokes another user's
// token and disables the account; the audit log names whose token it was;
// revoking twice is one event.
func TestNoImpersonation(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.owner", crosscase.RoleDeskMember, "IT")
		c := createCase(t, it, caseBody("Operation Mirror", nil))
		admin := ts.apiUser("root.imp", crosscase.RoleAdministrator, "")
		deskAdmin := ts.apiUser("it.admin", crosscase.RoleAdministrator, "IT")
		other := ts.apiUser("it.colleague", crosscase.RoleDeskMember, "IT")

		for _, caller := range []*apiClient{admin, deskAdmin, other} {
			res := caller.post("/api/v1/tokens", map[string]any{"user_id": it.User.ID, "label": "borrowed"})
			res.wantProblem(t, http.StatusForbidden, "")
			if strings.Contains(string(res.Body), "cct_") {
				t.Fatalf("%s got a token secret: %s", caller.User.Name, res.Body)
			}
		}
		// Their own: yes, and it acts as them, not as the desk member.
		var own api.TokenCreateResponse
		admin.post("/api/v1/tokens", map[string]any{"label": "mine"}).decode(t, http.StatusCreated, &own)
		mine := &apiClient{ts: ts, User: admin.User, Token: own.Secret, Header: http.Header{}}
		mine.get(fmt.Sprintf("/api/v1/cases/%d", c.ID)).wantProblem(t, http.StatusNotFound, "")

		// The administrator revokes the desk member's token: once.
		var list server.List[*crosscase.Token]
		admin.get(fmt.Sprintf("/api/v1/tokens?user_id=%d", it.User.ID)).decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Fatalf("the desk member's tokens as listed to the administrator: %+v", list.Items)
		}
		path := fmt.Sprintf("/api/v1/tokens/%d", list.Items[0].ID)
		for range 2 {
			if res := admin.del(path); res.Status != http.StatusNoContent {
				t.Fatalf("revoke: %v", res)
			}
		}
		it.get("/api/v1/me").wantProblem(t, http.StatusUnauthorized, "")

		var log server.List[*crosscase.AuditEntry]
		admin.get("/api/v1/audit?limit=500").decode(t, http.StatusOK, &log)
		revokes, refusals, creates := 0, 0, 0
		for _, e := range log.Items {
			switch {
			case e.ObjectType == "token" && e.Action == crosscase.ActionRevoke:
				revokes++
				if !strings.Contains(e.Detail, "owner=it.owner") {
					t.Errorf("revoke entry does not name the owner: %+v", e)
				}
			case e.ObjectType == "token" && e.Action == crosscase.ActionRefuse:
				refusals++
				if !strings.Contains(e.Detail, "owner_id=") {
					t.Errorf("refusal entry does not name whose token was asked for: %+v", e)
				}
			case e.ObjectType == "token" && e.Action == crosscase.ActionCreate && e.UserName == "root.imp":
				creates++
				if !strings.Contains(e.Detail, "owner=root.imp") {
					t.Errorf("create entry does not name the owner: %+v", e)
				}
			}
		}
		if revokes != 1 || refusals != 3 || creates != 2 {
			t.Errorf("audit: %d revokes (want 1), %d refusals (want 3), %d tokens of the administrator made by them (want 2: the harness's and mine)", revokes, refusals, creates)
		}
	})
}

// TestMustChangePasswordBlocksTokens: a user whose password someone else
// chose reaches nothing through a token either, until they choose their
// own; GET /api/v1/me tells them so.
func TestMustChangePasswordBlocksTokens(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := &crosscase.User{Name: "it.fresh", DisplayName: "Fresh", Role: crosscase.RoleDeskMember, DeskID: ts.desk("IT", crosscase.DeskNational).ID, MustChangePassword: true}
		if err := db.CreateUser(systemContext(), u, testPassword); err != nil {
			t.Fatal(err)
		}
		_, plain, err := db.CreateToken(systemContext(), u.ID, "from the command line")
		if err != nil {
			t.Fatal(err)
		}
		c := &apiClient{ts: ts, Token: plain, Header: http.Header{}}
		c.get("/api/v1/cases").wantProblem(t, http.StatusForbidden, "")
		c.post("/api/v1/cases", caseBody("Before choosing a password", nil)).wantProblem(t, http.StatusForbidden, "")
		if res := c.get("/api/v1/me"); res.Status != http.StatusOK {
			t.Fatalf("GET /api/v1/me: %v", res)
		}
	})
}

// TestTokensMadeWithATokenAreRevokedWithIt: a token made through the API
// with a token is that token's child; revoking the parent (leaked, say)
// revokes the successors it made, so none outlives it.
func TestTokensMadeWithATokenAreRevokedWithIt(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.leaky", crosscase.RoleDeskMember, "IT")
		var made api.TokenCreateResponse
		it.post("/api/v1/tokens", map[string]any{"label": "successor"}).decode(t, http.StatusCreated, &made)
		if made.Token.ParentID == 0 {
			t.Fatalf("a token made with a token names no parent: %+v", made.Token)
		}
		successor := &apiClient{ts: ts, User: it.User, Token: made.Secret, Header: http.Header{}}
		successor.get("/api/v1/me").decode(t, http.StatusOK, &crosscase.User{})
		if res := it.del(fmt.Sprintf("/api/v1/tokens/%d", made.Token.ParentID)); res.Status != http.StatusNoContent {
			t.Fatalf("revoke the parent: %v", res)
		}
		successor.get("/api/v1/me").wantProblem(t, http.StatusUnauthorized, "")
	})
}
