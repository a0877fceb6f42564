package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestFailedSignInLogsNoPassword: a user who types their password in the
// name field leaves no trace of it in the audit log, which is kept for
// good and read by administrators; a failed sign-in to an account still
// names the account, in whatever case it was typed.
func TestFailedSignInLogsNoPassword(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		u := ts.user("it.typist", crosscase.RoleDeskMember, "IT")
		const secret = "my.secret-pass.2026"
		if status, _ := tryLogin(t, ts, secret, secret); status != http.StatusUnauthorized {
			t.Fatalf("password as the name: %d, want 401", status)
		}
		if status, _ := tryLogin(t, ts, "IT.Typist", "wrong password"); status != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d, want 401", status)
		}
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{Action: crosscase.ActionFailed, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		named := 0
		for _, e := range entries {
			if strings.Contains(e.UserName, "secret") || strings.Contains(e.Detail, "secret") {
				t.Errorf("audit entry %d records what was typed as the name: %q %q", e.Seq, e.UserName, e.Detail)
			}
			if strings.EqualFold(e.UserName, u.Name) {
				named++
			}
		}
		if len(entries) != 2 || named != 1 {
			t.Fatalf("%d failed sign-ins audited, %d naming %s; want 2 and 1", len(entries), named, u.Name)
		}
	})
}
