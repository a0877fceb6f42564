package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPageRetentionDueMostPressingFirst: a desk with more cases due than
// the retention page shows sees the most pressing first — a deletion
// falling due before the reviews of its closed cases, whatever the order
// the cases were registered in — and a link to all of them.
func TestPageRetentionDueMostPressingFirst(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		const closed = 101
		for i := range closed {
			c := &crosscase.Case{Title: fmt.Sprintf("Closed case %d", i), CrimeTypes: []string{"drug_trafficking"},
				Status: crosscase.CaseClosed, OpenedOn: pageDate(t, "2020-01-10"), ClosedOn: pageDate(t, "2021-03-01")}
			if err := db.CreateCase(userContext(it), c); err != nil {
				t.Fatal(err)
			}
		}
		barred := ts.pageNewCase(it, &crosscase.Case{Title: "Time-barred soon", CrimeTypes: []string{"corruption"}, OpenedOn: pageDate(t, "2020-01-10")})
		soon := crosscase.DateOf(time.Now().UTC().AddDate(0, 0, 30))
		if _, err := db.SetRetentionDates(userContext(it), barred.ID, crosscase.RetentionDates{TimeBarredOn: soon}); err != nil {
			t.Fatal(err)
		}
		b := ts.pageSignIn(it)
		page := b.get("/retention").wantStatus(http.StatusOK)
		rows := page.all("#retention-due tr.retention-due")
		if len(rows) != 100 {
			t.Fatalf("%d cases shown, want 100", len(rows))
		}
		if got, want := pageAttr(rows[0], "id"), fmt.Sprintf("due-%d", barred.ID); got != want {
			t.Errorf("first row %s, want the deletion falling due (%s)", got, want)
		}
		if got := page.text("#retention-due-more"); !strings.HasPrefix(got, "2 more cases") {
			t.Errorf("more link %q", got)
		}
		all := b.get("/retention?all=1").wantStatus(http.StatusOK)
		if got := len(all.all("#retention-due tr.retention-due")); got != closed+1 {
			t.Errorf("all: %d cases, want %d", got, closed+1)
		}
		if len(all.all("#retention-due-more")) != 0 {
			t.Errorf("all: still a link to more")
		}
	})
}
