package http

import (
	"net/http"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// The dashboard's Start here names the desk's JIT once: a JIT called
// "JIT Danube" is "Open your desk's JIT Danube", not "JIT JIT Danube".
func TestDashboardStartJITName(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	j := &crosscase.JIT{Name: "JIT Danube", SignedOn: crosscase.DateOf(time.Now()).AddDays(-100), DurationMonths: 36, Parties: jitParties(ts.prosecutions("IT", "HU"), "IT", "HU")}
	if err := ts.db.CreateJIT(userContext(it), j); err != nil {
		t.Fatal(err)
	}
	got := ts.pageSignIn(it).get("/").wantStatus(http.StatusOK).text("#start-jit a")
	if want := "Open your desk's JIT Danube"; got != want {
		t.Errorf("start here: %q, want %q", got, want)
	}
}
