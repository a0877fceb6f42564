package http

import (
	"encoding/json"
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

// newHitServer is newTestServer, whose entity writes are checked against
// every other case before they return.
func newHitServer(t *testing.T, db *sqldb.DB) *testServer {
	t.Helper()
	return newTestServer(t, db)
}

// sharedIBAN is the bank account both desks record in the hit tests, as
// typed and as stored.
const (
	sharedIBAN       = "DE89 3704 0044 0532 0130 00"
	sharedIBANStored = "DE89370400440532013000"
)

// hitPath is the API path of hit id.
func hitPath(id int64) string { return fmt.Sprintf("/api/v1/hits/%d", id) }

// listHits returns the hits c's desk sees for the query q ("" or "?…").
func listHits(t *testing.T, c *apiClient, q string) []*crosscase.Hit {
	t.Helper()
	var list server.List[*crosscase.Hit]
	c.get("/api/v1/hits"+q).decode(t, http.StatusOK, &list)
	return list.Items
}

// newHits returns c's count of new hits.
func newHits(t *testing.T, c *apiClient) int {
	t.Helper()
	var n api.HitCountResponse
	c.get("/api/v1/hits/count").decode(t, http.StatusOK, &n)
	return n.New
}

// getHit reads hit id as c, with its raw JSON.
func getHit(t *testing.T, c *apiClient, id int64) (*crosscase.Hit, string) {
	t.Helper()
	var h crosscase.Hit
	res := c.get(hitPath(id))
	res.decode(t, http.StatusOK, &h)
	return &h, string(res.Body)
}

// decide posts a decision on hit id as c.
func decide(c *apiClient, id int64, status crosscase.HitStatus) *apiResponse {
	c.ts.t.Helper()
	return c.post(hitPath(id)+"/decision", map[string]any{"status": status, "reason": "Compared with the file."})
}

func TestAPIHits(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newHitServer(t, db)
		it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
		de := ts.apiUser("de.member", crosscase.RoleDeskMember, "DE")
		itAnalyst := ts.apiUser("it.analyst", crosscase.RoleAnalyst, "IT")
		outsiders := []*apiClient{
			ts.apiUser("fr.member", crosscase.RoleDeskMember, "FR"),
			ts.apiUser("it.statistics", crosscase.RoleStatistics, "IT"),
			ts.apiUser("de.administrator", crosscase.RoleAdministrator, "DE"),
			ts.apiUser("root", crosscase.RoleAdministrator, ""),
		}
		itCase := createCase(t, it, caseBody("Operation Ledger", map[string]any{"summary": "Proceeds moved through Frankfurt."}))
		deCase := createCase(t, de, caseBody("Operation Kontor", map[string]any{"asked_countries": []string{"FR"}}))

		// IT records the account first: nothing to find yet.
		itIBAN := createEntity(t, it, itCase.ID, map[string]any{"kind": "iban", "role": "suspect", "value": sharedIBAN, "notes": "Account of the shell company."})
		createEntity(t, it, itCase.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": "Arben", "family_name": "Zeqiri"})
		if n := newHits(t, it); n != 0 {
			t.Fatalf("IT has %d new hits before DE recorded anything", n)
		}
		// DE records the same account: the check runs before the answer.
		deIBAN := createEntity(t, de, deCase.ID, map[string]any{"kind": "iban", "role": "other", "value": sharedIBAN})
		createEntity(t, de, deCase.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": "Hannelore", "family_name": "Brückner"})
		if a, b := newHits(t, it), newHits(t, de); a != 1 || b != 1 {
			t.Fatalf("new hits: IT %d, DE %d; want 1 and 1", a, b)
		}

		// Both desks see the hit: the score, which fields agreed, the
		// other side's desk and country, and nothing of the other case.
		deList := listHits(t, de, "")
		if len(deList) != 1 {
			t.Fatalf("DE lists %d hits", len(deList))
		}
		hitID := deList[0].ID
		dh, deRaw := getHit(t, de, hitID)
		ih, itRaw := getHit(t, it, hitID)
		itDesk, deDesk := ts.desk("IT", crosscase.DeskNational), ts.desk("DE", crosscase.DeskNational)
		if dh.Side != "checked" || dh.Score < 90 || dh.Kind != crosscase.KindIBAN || dh.Status != crosscase.HitNew ||
			dh.CaseID != deCase.ID || dh.EntityID != deIBAN.ID || dh.CaseRef != deCase.Reference ||
			dh.OtherCountry != "IT" || dh.OtherDeskID != itDesk.ID || dh.CanDecide {
			t.Fatalf("DE sees %+v", dh)
		}
		if ih.Side != "found" || ih.Score != dh.Score || ih.CaseID != itCase.ID || ih.EntityID != itIBAN.ID ||
			ih.OtherCountry != "DE" || ih.OtherDeskID != deDesk.ID || !ih.CanDecide {
			t.Fatalf("IT sees %+v", ih)
		}
		if len(dh.Fields) == 0 || dh.Fields[0].Field != "value" || dh.Fields[0].How == "" || dh.Fields[0].Score <= 0 {
			t.Fatalf("fields %+v", dh.Fields)
		}
		for who, raw := range map[string]string{"DE": deRaw, "IT": itRaw} {
			var m map[string]any
			if err := json.Unmarshal([]byte(raw), &m); err != nil {
				t.Fatal(err)
			}
			for _, k := range []string{"other_case_id", "other_case_reference", "other_entity_id"} {
				if _, ok := m[k]; ok {
					t.Errorf("%s sees %s before disclosure: %s", who, k, raw)
				}
			}
			for _, secret := range []string{sharedIBANStored, "0532", "shell company", "Zeqiri", "Brückner", itCase.Title, deCase.Title} {
				if strings.Contains(raw, secret) {
					t.Errorf("%s's hit shows %q: %s", who, secret, raw)
				}
			}
		}
		if strings.Contains(deRaw, itCase.Reference) || strings.Contains(itRaw, deCase.Reference) {
			t.Errorf("a hit shows the other case's reference before disclosure:\n%s\n%s", deRaw, itRaw)
		}
		de.get(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID)).wantProblem(t, http.StatusNotFound, "")
		it.get(fmt.Sprintf("/api/v1/entities/%d", deIBAN.ID)).wantProblem(t, http.StatusNotFound, "")

		// Filters.
		for q, want := range map[string]int{
			"?status=new": 1, "?status=disclosed": 0, "?status=dismissed": 0,
			fmt.Sprintf("?case_id=%d", itCase.ID): 1, fmt.Sprintf("?case_id=%d", deCase.ID): 0,
			fmt.Sprintf("?case_id=%d&status=new&limit=1", itCase.ID): 1,
		} {
			if got := listHits(t, it, q); len(got) != want {
				t.Errorf("IT %s: %d hits, want %d", q, len(got), want)
			}
		}
		// A status or a case id that cannot be read is refused with 400
		// naming it, as the page names it (server.HitFilterFromQuery).
		for q, field := range map[string]string{
			"?status=pending": "status", "?case_id=x": "case_id", "?case_id=-1": "case_id",
		} {
			it.get("/api/v1/hits"+q).wantProblem(t, http.StatusBadRequest, field)
		}
		for q, field := range map[string]string{
			"?status=pending": "status", "?limit=0": "limit", "?limit=201": "limit", "?case_id=x": "case_id",
			"?cursor=x": "cursor", "?kind=iban": "kind", "?status=new&status=dismissed": "status",
		} {
			res := it.get("/api/v1/hits" + q)
			if res.Status != http.StatusBadRequest && res.Status != http.StatusUnprocessableEntity {
				t.Errorf("%s: %v", q, res)
				continue
			}
			if p := res.problem(t); p.Field != field {
				t.Errorf("%s names %q, want %q", q, p.Field, field)
			}
		}
		it.get("/api/v1/hits/count?desk=1").wantProblem(t, http.StatusBadRequest, "desk")

		// Other desks, statistics users and administrators: no hit at
		// all, the same 404 as for a hit that does not exist.
		for _, o := range outsiders {
			missing := o.get(hitPath(987654)).wantProblem(t, http.StatusNotFound, "")
			if p := o.get(hitPath(hitID)).wantProblem(t, http.StatusNotFound, ""); p != missing {
				t.Errorf("%s: %+v differs from the answer for a missing hit %+v", o.User.Name, p, missing)
			}
			if p := decide(o, hitID, crosscase.HitDismissed).wantProblem(t, http.StatusNotFound, ""); p.Code != crosscase.ENOTFOUND {
				t.Errorf("%s dismisses: %+v", o.User.Name, p)
			}
			if got := listHits(t, o, ""); len(got) != 0 {
				t.Errorf("%s lists %d hits", o.User.Name, len(got))
			}
			if n := newHits(t, o); n != 0 {
				t.Errorf("%s counts %d new hits", o.User.Name, n)
			}
			o.get(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID)).wantProblem(t, http.StatusNotFound, "")
		}

		// Bad decisions are refused, naming the field, and change nothing.
		for _, tc := range []struct {
			body   string
			ct     string
			status int
			field  string
		}{
			{`{"status":"new"}`, "", 422, "status"},
			{`{"status":"confirmed"}`, "", 422, "status"},
			{`{}`, "", 422, "status"},
			{`{"status":1}`, "", 400, "status"},
			{`{"Status":"disclosed"}`, "", 400, "Status"},
			{`{"status":"restricted"}`, "", 422, "reason"},
			{`{"status":"dismissed","reason":"  "}`, "", 422, "reason"},
			{`{"status":"dismissed","reason":"\u200b\u2060\ufeff"}`, "", 422, "reason"}, // characters that show nothing
			{`{"status":"restricted","reason":" \u200d "}`, "", 422, "reason"},
			{`{"status":"dismissed","reason":7}`, "", 400, "reason"},
			{`{"status":"dismissed","reason":"` + strings.Repeat("x", 501) + `"}`, "", 422, "reason"},
			{`{"status":"dismissed","reason":"Not the same holder."}`, "", 400, "reason"}, // a reason in the header too
			{`{"status":"disclosed","status":"dismissed"}`, "", 400, "status"},
			{`{"status":"disclosed"} {}`, "", 400, "body"},
			{`status=disclosed`, "application/x-www-form-urlencoded", 415, "Content-Type"},
		} {
			headers := []string{}
			if tc.ct != "" {
				headers = append(headers, "Content-Type: "+tc.ct)
			}
			if strings.Contains(tc.body, "Not the same holder.") {
				headers = append(headers, "X-Crosscase-Reason: Not the same holder.")
			}
			res := it.do("POST", hitPath(hitID)+"/decision", tc.body, headers...)
			if res.Status != tc.status {
				t.Errorf("%s: %v; want %d", tc.body, res, tc.status)
				continue
			}
			if p := res.problem(t); p.Field != tc.field {
				t.Errorf("%s names %q, want %q", tc.body, p.Field, tc.field)
			}
		}
		decide(it, 987654, crosscase.HitDisclosed).wantProblem(t, http.StatusNotFound, "")
		it.post("/api/v1/hits/abc/decision", map[string]any{"status": "dismissed"}).wantProblem(t, http.StatusNotFound, "")

		// Only the found side (IT) discloses or restricts, and only a
		// desk member or liaison prosecutor of it.
		for _, st := range []crosscase.HitStatus{crosscase.HitDisclosed, crosscase.HitRestricted} {
			if p := decide(de, hitID, st).wantProblem(t, http.StatusForbidden, ""); p.Code != crosscase.EFORBIDDEN {
				t.Errorf("DE %s: %+v", st, p)
			}
			decide(itAnalyst, hitID, st).wantProblem(t, http.StatusForbidden, "")
		}
		decide(itAnalyst, hitID, crosscase.HitDismissed).wantProblem(t, http.StatusForbidden, "")
		if h, _ := getHit(t, itAnalyst, hitID); h.Status != crosscase.HitNew || h.CanDecide {
			t.Fatalf("after refused decisions, the IT analyst sees %+v", h)
		}

		// Restricted: the hit stays, nothing is shown.
		var got crosscase.Hit
		decide(it, hitID, crosscase.HitRestricted).decode(t, http.StatusOK, &got)
		if got.Status != crosscase.HitRestricted || got.Side != "found" {
			t.Fatalf("restricted: %+v", got)
		}
		de.get(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID)).wantProblem(t, http.StatusNotFound, "")
		if h, _ := getHit(t, de, hitID); h.OtherEntityID != 0 || h.Status != crosscase.HitRestricted {
			t.Fatalf("DE after the restriction: %+v", h)
		}
		if a, b := newHits(t, it), newHits(t, de); a != 0 || b != 0 {
			t.Errorf("new hits after the decision: IT %d, DE %d", a, b)
		}

		// Disclosed: DE reads IT's entity of the hit, nothing else of the case.
		const reason = "Same account in both investigations"
		res := it.do("POST", hitPath(hitID)+"/decision", map[string]any{"status": "disclosed"}, "X-Crosscase-Reason: "+reason)
		res.decode(t, http.StatusOK, &got)
		if got.Status != crosscase.HitDisclosed || got.OtherCaseID != deCase.ID || got.OtherEntityID != deIBAN.ID {
			t.Fatalf("disclosed, IT sees %+v", got)
		}
		dh, _ = getHit(t, de, hitID)
		if dh.OtherCaseID != itCase.ID || dh.OtherEntityID != itIBAN.ID || dh.OtherCaseRef != itCase.Reference {
			t.Fatalf("disclosed, DE sees %+v", dh)
		}
		var e crosscase.Entity
		de.get(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID)).decode(t, http.StatusOK, &e)
		if e.Value != sharedIBANStored || e.CaseID != itCase.ID {
			t.Fatalf("DE reads %+v", e)
		}
		de.get(fmt.Sprintf("/api/v1/cases/%d", itCase.ID)).wantProblem(t, http.StatusNotFound, "")
		de.get(fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID)).wantProblem(t, http.StatusNotFound, "")
		de.patch(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID), map[string]any{"version": e.Version, "notes": "taken over"}).wantProblem(t, http.StatusNotFound, "")
		for _, o := range outsiders {
			o.get(fmt.Sprintf("/api/v1/entities/%d", itIBAN.ID)).wantProblem(t, http.StatusNotFound, "")
			o.get(hitPath(hitID)).wantProblem(t, http.StatusNotFound, "")
		}
		var log server.List[*crosscase.AuditEntry]
		outsiders[3].get("/api/v1/audit?object_type=hit&action=disclose").decode(t, http.StatusOK, &log)
		if len(log.Items) != 2 || log.Items[0].Reason != reason || log.Items[0].UserID != it.User.ID {
			t.Errorf("audit of the disclosure: %+v", log.Items)
		}

		// Dismissed by the checked side (DE): final.
		decide(de, hitID, crosscase.HitDismissed).decode(t, http.StatusOK, &got)
		if got.Status != crosscase.HitDismissed {
			t.Fatalf("dismissed: %+v", got)
		}
		for _, st := range []crosscase.HitStatus{crosscase.HitDisclosed, crosscase.HitRestricted, crosscase.HitDismissed} {
			if p := decide(it, hitID, st).wantProblem(t, http.StatusConflict, ""); p.Code != crosscase.ECONFLICT {
				t.Errorf("IT %s after the dismissal: %+v", st, p)
			}
		}
		decide(de, hitID, crosscase.HitDismissed).wantProblem(t, http.StatusConflict, "")
		if got := listHits(t, it, "?status=dismissed"); len(got) != 1 || got[0].ID != hitID {
			t.Errorf("IT's dismissed hits: %+v", got)
		}

		// A second hit, found on DE's side this time; the found side
		// dismisses it.
		createEntity(t, de, deCase.ID, map[string]any{"kind": "email", "value": "kontor.finanz@example.org"})
		createEntity(t, it, itCase.ID, map[string]any{"kind": "email", "value": "kontor.finanz@example.org"})
		itNew := listHits(t, it, "?status=new")
		if len(itNew) != 1 || itNew[0].Side != "checked" || itNew[0].Kind != crosscase.KindEmail || itNew[0].ID == hitID {
			t.Fatalf("IT's new hits: %+v", itNew)
		}
		second := itNew[0].ID
		if all := listHits(t, de, ""); len(all) != 2 || all[0].ID != second {
			t.Fatalf("DE's hits, newest first: %+v", all)
		}
		var page server.List[*crosscase.Hit]
		de.get("/api/v1/hits?limit=1").decode(t, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].ID != second || page.NextCursor == "" {
			t.Fatalf("first page %+v", page)
		}
		de.get("/api/v1/hits?limit=1&cursor="+page.NextCursor).decode(t, http.StatusOK, &page)
		if len(page.Items) != 1 || page.Items[0].ID != hitID || page.NextCursor != "" {
			t.Fatalf("second page %+v", page)
		}
		decide(it, second, crosscase.HitDisclosed).wantProblem(t, http.StatusForbidden, "")
		decide(de, second, crosscase.HitDismissed).decode(t, http.StatusOK, &got)
		if got.Status != crosscase.HitDismissed || got.Side != "found" {
			t.Fatalf("DE dismissed %+v", got)
		}
		decide(de, second, crosscase.HitDisclosed).wantProblem(t, http.StatusConflict, "")
	})
}
