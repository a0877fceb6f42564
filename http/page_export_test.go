package http

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestPageExportCSV(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.csv", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.csv", crosscase.RoleDeskMember, "DE")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Export", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-01")})
		ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Ștefan", FamilyName: "=HYPERLINK(\"x\")"})
		ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+39 080 555 0101"})

		page := ts.pageSignIn(it).get(fmt.Sprintf("/cases/%d", c.ID)).wantStatus(http.StatusOK)
		if page.first("#export-csv") == nil {
			t.Fatal("case page has no export link")
		}
		res := ts.pageSignIn(it).get(fmt.Sprintf("/cases/%d/export.csv", c.ID)).wantStatus(http.StatusOK)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Fatalf("Content-Type %q", ct)
		}
		rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("CSV: %v %q", err, res.Body)
		}
		byKind := map[string][]string{}
		for _, r := range rows[1:] {
			byKind[r[1]] = r
		}
		if got := byKind["person"][4]; got != `'=HYPERLINK("x")` {
			t.Errorf("formula not defused: %q", got)
		}
		if got := byKind["phone"][slices.Index(rows[0], "value")]; got != "+39 080 555 0101" {
			t.Errorf("phone changed: %q", got)
		}
		// Another desk cannot export it, and learns nothing.
		ts.pageSignIn(de).get(fmt.Sprintf("/cases/%d/export.csv", c.ID)).wantStatus(http.StatusNotFound)
		// The export is in the audit log.
		admin := ts.user("admin.csv", crosscase.RoleAdministrator, "")
		entries, _, err := db.FindAuditEntries(userContext(admin), crosscase.AuditFilter{CaseID: c.ID, Action: crosscase.ActionExport})
		if err != nil || len(entries) != 1 || entries[0].UserName != "it.csv" {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}
