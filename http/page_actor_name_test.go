package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageActivityNamesTheCommandLine: what the command line did (the
// demo's loading, an import) reads as "the command line" in the reader's
// language, not as the login name "system", which no account may take.
func TestPageActivityNamesTheCommandLine(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	ts := newTestServer(t, db)
	ts.loadDemo()
	b := ts.pageSignIn(ts.user("it.reader", crosscase.RoleDeskMember, "IT"))
	b.acceptLanguage = "fr"
	who := b.get("/").wantStatus(http.StatusOK).texts("#activity td")
	joined := strings.Join(who, "|")
	if !strings.Contains(joined, "la ligne de commande") || strings.Contains("|"+joined+"|", "|system|") {
		t.Errorf("recent activity names the command line as %q", joined)
	}
}
