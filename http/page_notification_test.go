package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestNotificationJITName: a JIT whose name begins with "JIT" is not
// called "JIT JIT …" in the inbox.
func TestNotificationJITName(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20) // "JIT Lake", with a case of IT's
		res := js.ts.pageSignIn(js.it.User).get("/notifications").wantStatus(http.StatusOK)
		body := strings.Join(strings.Fields(res.text("main")), " ")
		if !strings.Contains(body, "linked to JIT Lake") || strings.Contains(body, "JIT JIT") {
			t.Fatalf("inbox: %q", body)
		}
	})
}
