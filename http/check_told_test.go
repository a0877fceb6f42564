package http

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPICheckTellsTheOwnerDesk: a bulk check's hit on a case the
// checker may not see is told to the owner desk, which reads when, which
// desk checked, its case and entity, the score and the fields — never the
// row; the checker is told so; nobody else reads it.
func TestAPICheckTellsTheOwnerDesk(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		var res server.CheckResult
		w.de.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if len(res.Hits) == 0 || res.OwnersTold != len(res.Hits) {
			t.Fatalf("DE check: %+v", res)
		}
		for _, h := range res.Hits {
			if !h.OwnerTold || h.OwnerCountry != "IT" {
				t.Errorf("DE's hit does not say Italy was told: %+v", h)
			}
		}
		// The CSV answer says so too.
		out := w.de.do("POST", checkPath("&format=csv"), checkList, "Content-Type: text/csv")
		if lines := strings.Split(strings.TrimSpace(string(out.Body)), "\n"); out.Status != 200 || !strings.HasSuffix(lines[0], ",owner_told") || !strings.HasSuffix(lines[1], ",true") {
			t.Fatalf("CSV: %s", out.Body)
		}
		// Italy's own check of its own case tells nobody.
		var own server.CheckResult
		w.it.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &own)
		if len(own.Hits) == 0 || own.OwnersTold != 0 || own.Hits[0].OwnerTold {
			t.Fatalf("IT's own check: %+v", own)
		}

		var told struct {
			Items      []*crosscase.ListCheckHit `json:"items"`
			NextCursor string                    `json:"next_cursor"`
		}
		for _, c := range []*apiClient{w.it, w.ts.apiUser("it.analyst.told", crosscase.RoleAnalyst, "IT")} {
			c.get("/api/v1/check-hits").decode(t, http.StatusOK, &told)
			if len(told.Items) != 2*len(res.Hits) {
				t.Fatalf("%s reads %d list check hits, want %d", c.User.Name, len(told.Items), 2*len(res.Hits))
			}
			for _, h := range told.Items {
				if h.CheckerCountry != "DE" || h.CaseID != w.itCase.ID || h.CaseRef != w.itCase.Reference || h.EntityID == 0 || h.Score == 0 || len(h.Fields) == 0 || h.CheckedAt.IsZero() {
					t.Errorf("%s reads %+v", c.User.Name, h)
				}
			}
		}
		// The row is never kept: the answer holds the entity's own data,
		// not the checker's id or spelling.
		raw := string(w.it.get("/api/v1/check-hits").Body)
		if strings.Contains(raw, "N-7") || strings.Contains(raw, "Arben CELA") || strings.Contains(raw, "de.check") {
			t.Fatalf("the notice holds the checked row or the checker: %s", raw)
		}
		// Nobody else: the checker, another desk, statistics, administrators.
		for _, c := range []*apiClient{w.de, w.ts.apiUser("fr.told", crosscase.RoleDeskMember, "FR"), w.stats, w.ts.apiUser("admin.told", crosscase.RoleAdministrator, "")} {
			c.get("/api/v1/check-hits").decode(t, http.StatusOK, &told)
			if len(told.Items) != 0 {
				t.Errorf("%s reads %d list check hits", c.User.Name, len(told.Items))
			}
		}
		// Bad input names what is wrong.
		w.it.get("/api/v1/check-hits?limit=500").wantProblem(t, http.StatusBadRequest, "limit")
		w.it.get("/api/v1/check-hits?cursor=zz").wantProblem(t, http.StatusUnprocessableEntity, "cursor")
		w.it.get("/api/v1/check-hits?status=new").wantProblem(t, http.StatusBadRequest, "status")
		// The reads are audited as hit reads are.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{ObjectType: "list_check_hit", Action: "list"})
		if err != nil || len(entries) < 2 {
			t.Fatalf("audit of the reads: %d %v", len(entries), err)
		}

		// The pages: the German result says Italy was told; Italy's list
		// names the checking desk's country, its case and entity.
		deb := w.ts.pageSignIn(w.de.User)
		run := url.Values{"separator": {";"}, "data": {base64.StdEncoding.EncodeToString([]byte(checkList))}, "col0": {"id"}, "col1": {"full_name"}, "col2": {"birth_date"}, "col3": {"phone"}}
		result := deb.postCSRF("/checks/run", run).wantStatus(http.StatusOK)
		result.one("#owners-told")
		if got := result.texts("#check-hits .owner-told"); len(got) != len(res.Hits) {
			t.Errorf("hits marked as told: %q", got)
		}
		itb := w.ts.pageSignIn(w.itUser)
		itb.get("/hits").wantStatus(http.StatusOK).one("#check-hits-link")
		itb.get("/").wantStatus(http.StatusOK).one("#dashboard-check-hits")
		page := itb.get("/check-hits").wantStatus(http.StatusOK)
		rows := page.all("#check-hits tbody tr")
		if len(rows) != 3*len(res.Hits) {
			t.Fatalf("Italy's page lists %d list check hits: %q", len(rows), page.texts("#check-hits tbody tr"))
		}
		if text := pageText(rows[len(rows)-1]); !strings.Contains(text, "Germany") || !strings.Contains(text, w.itCase.Reference) || !strings.Contains(text, "ÇELA, Arben") || !strings.Contains(text, "date of birth — exact") {
			t.Errorf("Italy's page row: %q", text)
		}
		for _, b := range []*pageBrowser{deb, w.ts.pageSignIn(w.stats.User)} {
			if r := b.get("/check-hits"); r.Status == http.StatusOK && len(r.all("#check-hits tbody tr")) != 0 {
				t.Errorf("%s reads Italy's list check hits", r.summary())
			}
		}
	})
}

// TestAPICheckQuota: a user checks at most CheckRowsPerDay names and
// identifiers a day, page and API together (a row counts once for each
// it checks); the check that would exceed it answers 429 naming the body
// and what is left, checks nothing and counts nothing.
func TestAPICheckQuota(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db, func(s *server.Server) { s.CheckRowsPerDay = 4 })
		var res server.CheckResult
		w.de.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res) // 2 rows, 3 records
		p := w.de.do("POST", checkPath(""), checkList, "Content-Type: text/csv").wantProblem(t, http.StatusTooManyRequests, "body")
		if !strings.Contains(p.Detail, "The list checks 3 names and identifiers and you may check 1 more today") {
			t.Errorf("refusal: %+v", p)
		}
		var told struct {
			Items []*crosscase.ListCheckHit `json:"items"`
		}
		w.it.get("/api/v1/check-hits").decode(t, http.StatusOK, &told)
		if len(told.Items) != len(res.Hits) {
			t.Fatalf("the refused check told Italy: %d list check hits, want %d", len(told.Items), len(res.Hits))
		}
		// The page shares the count and keeps the mapping.
		deb := w.ts.pageSignIn(w.de.User)
		run := url.Values{"separator": {";"}, "data": {base64.StdEncoding.EncodeToString([]byte(checkList))}, "col0": {"id"}, "col1": {"full_name"}, "col2": {"birth_date"}, "col3": {"phone"}}
		page := deb.postCSRF("/checks/run", run).wantStatus(http.StatusTooManyRequests)
		if !strings.Contains(page.text("#form-error"), "1 more today") || page.first("#check-map") == nil {
			t.Errorf("the page's refusal: %q", page.text("#form-error"))
		}
		// One row is left, for this user only.
		one := "id;name;dob;tel\nN-9;Arben CELA;12.07.1984;\n"
		w.de.do("POST", checkPath(""), one, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		w.de.do("POST", checkPath(""), one, "Content-Type: text/csv").wantProblem(t, http.StatusTooManyRequests, "body")
		w.it.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res)

		// A row of many phone columns is not one row's worth: each
		// number it checks counts.
		var head, row, mapping []string
		for i := range 5 {
			head, row = append(head, fmt.Sprintf("t%d", i)), append(row, fmt.Sprintf("0039 06 555 010%d", i))
			mapping = append(mapping, fmt.Sprintf("t%d=phone", i))
		}
		wide := strings.Join(head, ";") + "\n" + strings.Join(row, ";") + "\n"
		q := url.Values{"map": {strings.Join(mapping, ",")}, "separator": {";"}}
		p = w.ts.apiUser("it.wide", crosscase.RoleDeskMember, "IT").do("POST", "/api/v1/checks?"+q.Encode(), wide, "Content-Type: text/csv").wantProblem(t, http.StatusTooManyRequests, "body")
		if !strings.Contains(p.Detail, "The list checks 5 names and identifiers and you may check 4 more today") {
			t.Errorf("a row of five phones: %+v", p)
		}
	})
}
