package http

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// An administrator gives a JIT member's account its country, through the
// API and the admin pages; the JIT then uses it and refuses another.
func TestJITMemberAccountCountry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		admin := js.ts.apiUser("root", crosscase.RoleAdministrator, "")
		js.ts.desk("AL", crosscase.DeskLiaison)
		admin.post("/api/v1/users", map[string]any{"name": "jit.nocountry", "role": "jit_member", "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		admin.post("/api/v1/users", map[string]any{"name": "jit.bad", "role": "jit_member", "country_code": "ZZ", "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		var u crosscase.User
		admin.post("/api/v1/users", map[string]any{"name": "jit.hoxha", "role": "jit_member", "country_code": "AL", "password": testPassword}).decode(t, http.StatusCreated, &u)
		if u.CountryCode != "AL" {
			t.Fatalf("created %+v", u)
		}
		// Declared DE, really AL: refused; AL is not a party either.
		js.it.post(js.path("/members"), map[string]any{"user_id": u.ID, "country_code": "DE", "authority_id": js.auth["DE"]}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		de := "DE"
		admin.patch("/api/v1/users/"+strconv.FormatInt(u.ID, 10), crosscase.UserUpdate{Version: u.Version, CountryCode: &de}).decode(t, http.StatusOK, &u)
		if u.CountryCode != "DE" {
			t.Fatalf("updated %+v", u)
		}
		js.it.post(js.path("/members"), map[string]any{"user_id": u.ID, "country_code": "DE", "authority_id": js.auth["DE"]}).decode(t, http.StatusCreated, &crosscase.JITMember{})

		// The admin pages: the field is there and is saved.
		adminUser := admin.User
		b := js.ts.pageSignIn(adminUser)
		page := b.get("/admin/users").wantStatus(http.StatusOK)
		form := page.form(`form[action="/admin/users"]`)
		r := b.submit(form.set("name", "jit.page").set("display_name", "Page").set("role", "jit_member").set("password", testPassword)).wantStatus(http.StatusUnprocessableEntity)
		if r.text("#err-country_code") == "" {
			t.Fatalf("no error at the country field: %s", r.summary())
		}
		b.submit(r.form(`form[action="/admin/users"]`).set("country_code", "al").set("password", testPassword)).wantStatus(http.StatusSeeOther)
		got, err := db.FindUserByName(systemContext(), "jit.page")
		if err != nil || got.CountryCode != "AL" {
			t.Fatalf("page-created user: %+v %v", got, err)
		}
		edit := b.get("/admin/users/" + strconv.FormatInt(got.ID, 10)).wantStatus(http.StatusOK)
		if v := pageAttr(edit.one(`#f-country_code`), "value"); v != "AL" {
			t.Fatalf("edit form shows country %q", v)
		}
	})
}

// waitFiles waits up to 5 s for the evidence folder to hold n files.
func waitFiles(t *testing.T, dir string, n int) {
	t.Helper()
	var es []os.DirEntry
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if es, _ = os.ReadDir(dir); len(es) == n {
			return
		}
	}
	t.Fatalf("%d files in the evidence folder, want %d", len(es), n)
}

// A HEAD request, a download cut short and a cross-site page link count
// for nothing: the file stays for its recipient, who then downloads it.
func TestEvidenceDownloadCountsOnlyWhenComplete(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 64<<20)
		const size = 48 << 20
		res := js.rawUpload(t, js.itm, io.LimitReader(rand.Reader, size), size, "big.bin", js.dem.User.ID)
		var ev crosscase.Evidence
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		(&apiResponse{Status: res.StatusCode, Header: res.Header, Body: b}).decode(t, http.StatusCreated, &ev)
		content := fmt.Sprintf("/api/v1/evidence/%d/content", ev.ID)
		pending := func() bool {
			t.Helper()
			got, err := db.FindEvidenceByID(userContext(js.itm.User), ev.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.DeletedAt == nil && got.Recipients[0].DownloadedAt == nil
		}

		// HEAD: the headers, nothing recorded, nothing deleted.
		for i := 0; i < 2; i++ {
			h := js.dem.do("HEAD", content, nil)
			if h.Status != http.StatusOK || h.Header.Get("Content-Length") != fmt.Sprint(size) {
				t.Fatalf("HEAD: %v", h)
			}
		}
		if h := js.it.do("HEAD", content, nil); h.Status != http.StatusForbidden {
			t.Fatalf("HEAD by a non-recipient: %d", h.Status)
		}
		if !pending() {
			t.Fatal("a HEAD request counted as a download")
		}

		// A download cut after the first bytes.
		req, _ := http.NewRequest("GET", js.ts.URL()+content, nil)
		req.Header.Set("Authorization", "Bearer "+js.dem.Token)
		tr := &http.Transport{}
		cut, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(cut.Body, make([]byte, 1024)); err != nil {
			t.Fatal(err)
		}
		cut.Body.Close()
		tr.CloseIdleConnections()
		time.Sleep(300 * time.Millisecond)
		if !pending() {
			t.Fatal("a cut download counted")
		}
		waitFiles(t, js.dir, 1)

		// The page route refuses a request from another site.
		pb := js.ts.pageSignIn(js.dem.User)
		preq, _ := http.NewRequest("GET", js.ts.URL()+fmt.Sprintf("/evidence/%d/download", ev.ID), nil)
		preq.Header.Set("Sec-Fetch-Site", "cross-site")
		pb.do(preq).wantStatus(http.StatusForbidden)
		if !pending() {
			t.Fatal("a cross-site download counted")
		}

		// The whole file: counted, and the file of its only recipient goes.
		full := js.dem.get(content)
		if full.Status != http.StatusOK || len(full.Body) != size {
			t.Fatalf("download: %d, %d bytes", full.Status, len(full.Body))
		}
		waitFiles(t, js.dir, 0)
		if pending() {
			t.Fatal("a complete download was not recorded")
		}
		// The attempts stay in the audit log.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{ObjectType: "jit_evidence", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		attempts, completes := 0, 0
		for _, e := range entries {
			if e.ObjectID == ev.ID && e.Action == crosscase.ActionDownload {
				if strings.HasPrefix(e.Detail, "attempt") {
					attempts++
				} else if strings.HasPrefix(e.Detail, "complete") {
					completes++
				}
			}
		}
		if attempts != 2 || completes != 1 {
			t.Errorf("audit: %d attempts, %d complete; want 2 and 1", attempts, completes)
		}
	})
}

// A JIT-only account may not open the set-up form (which lists every
// authority) nor set up a JIT, through the pages or the API.
func TestJITMemberCannotSetUpJIT(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		b := js.ts.pageSignIn(js.itm.User)
		r := b.get("/jits/new").wantStatus(http.StatusForbidden)
		if strings.Contains(r.summary(), "Prosecution DE") {
			t.Error("the refusal lists authorities")
		}
		b.postCSRF("/jits", url.Values{"name": {"x"}}).wantStatus(http.StatusForbidden)
		js.itm.post("/api/v1/jits", map[string]any{
			"name": "JIT X", "signed_on": "2025-06-01", "duration_months": 12,
			"parties": []map[string]any{{"country_code": "IT", "authority_ids": []int64{js.auth["IT"]}}, {"country_code": "DE", "authority_ids": []int64{js.auth["DE"]}}},
		}).wantProblem(t, http.StatusForbidden, "")
		if l, _ := db.FindJITs(userContext(js.it.User)); len(l) != 1 {
			t.Fatalf("%d JITs", len(l))
		}
		// The desk member still opens the form.
		js.ts.pageSignIn(js.it.User).get("/jits/new").wantStatus(http.StatusOK)
	})
}

// Each member sees on their dashboard and on the JIT page the files marked
// for them that they have not downloaded; others do not.
func TestEvidenceToDownloadList(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		res := js.rawUpload(t, js.itm, strings.NewReader("wiretap summary"), 15, "summary.txt", js.dem.User.ID, js.de.User.ID)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d", res.StatusCode)
		}
		jitPath := fmt.Sprintf("/jits/%d", js.jit.ID)
		for _, u := range []*crosscase.User{js.dem.User, js.de.User} {
			b := js.ts.pageSignIn(u)
			if got := b.get("/").wantStatus(http.StatusOK).texts("#to-download li a"); len(got) != 2 || got[0] != "summary.txt" {
				t.Errorf("%s dashboard: %q", u.Name, got)
			}
			if got := b.get(jitPath).wantStatus(http.StatusOK).texts("#jit-to-download li a"); len(got) != 1 || got[0] != "summary.txt" {
				t.Errorf("%s JIT page: %q", u.Name, got)
			}
		}
		// The uploader and a member it is not marked for see no such list.
		for _, u := range []*crosscase.User{js.itm.User, js.it.User} {
			b := js.ts.pageSignIn(u)
			if got := b.get("/").wantStatus(http.StatusOK).texts("#to-download li"); len(got) != 0 {
				t.Errorf("%s dashboard lists %q", u.Name, got)
			}
			if got := b.get(jitPath).wantStatus(http.StatusOK).texts("#jit-to-download li"); len(got) != 0 {
				t.Errorf("%s JIT page lists %q", u.Name, got)
			}
		}
		// Downloaded: off the list.
		b := js.ts.pageSignIn(js.dem.User)
		link := pageAttr(b.get("/").one("#to-download li a"), "href")
		b.get(link).wantStatus(http.StatusOK)
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			if got := b.get("/").texts("#to-download li"); len(got) == 0 {
				break
			} else if time.Now().After(deadline) {
				t.Fatalf("still listed after the download: %q", got)
			}
		}
	})
}

// Party desk members remove members and unlink cases through the API and
// the JIT page's buttons; others may not.
func TestJITRemoveMemberAndUnlinkCase(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		member := fmt.Sprintf("/members/%d", js.dem.User.ID)
		js.itm.del(js.path(member)).wantProblem(t, http.StatusForbidden, "")
		other := js.ts.apiUser("alban", crosscase.RoleLiaison, "AL")
		other.del(js.path(member)).wantProblem(t, http.StatusNotFound, "")
		js.de.del(js.path("/members/999999")).wantProblem(t, http.StatusNotFound, "")
		if r := js.de.del(js.path(member)); r.Status != http.StatusNoContent {
			t.Fatalf("remove: %v", r)
		}
		js.dem.get(js.path("")).wantProblem(t, http.StatusNotFound, "")

		// The page: buttons for party desk members only.
		jitPath := fmt.Sprintf("/jits/%d", js.jit.ID)
		if n := len(js.ts.pageSignIn(js.itm.User).get(jitPath).all(`form[action$="/remove"], form[action$="/unlink"]`)); n != 0 {
			t.Errorf("a JIT member sees %d removal buttons", n)
		}
		b := js.ts.pageSignIn(js.it.User)
		page := b.get(jitPath).wantStatus(http.StatusOK)
		b.submit(page.form(fmt.Sprintf(`form[action="%s/members/%d/remove"]`, jitPath, js.itm.User.ID))).wantStatus(http.StatusSeeOther)
		b.submit(page.form(fmt.Sprintf(`form[action="%s/cases/%d/unlink"]`, jitPath, js.caseID))).wantStatus(http.StatusSeeOther)
		var got crosscase.JIT
		js.it.get(js.path("")).decode(t, http.StatusOK, &got)
		if len(got.CaseIDs) != 0 || len(got.Members) != 1 || got.Members[0].UserID != js.de.User.ID {
			t.Fatalf("after removals: cases %v members %+v", got.CaseIDs, got.Members)
		}
		js.it.del(js.path(fmt.Sprintf("/cases/%d", js.caseID))).wantProblem(t, http.StatusNotFound, "")
	})
}

// Every JIT and evidence operation of the API document lists the answers
// it gives: 401, 403 and 404 (with an id), 413 for a body, and 501 where
// the evidence folder is needed.
func TestOpenAPIJITStatuses(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody any            `json:"requestBody"`
			Responses   map[string]any `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, route := range []string{"DELETE /api/v1/jits/{id}/members/{user_id}", "DELETE /api/v1/jits/{id}/cases/{case_id}"} {
		method, path, _ := strings.Cut(route, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("%s missing", route)
		}
	}
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/v1/jits") && !strings.HasPrefix(path, "/api/v1/evidence") {
			continue
		}
		for method, op := range ops {
			want := []string{"401", "403"}
			if strings.Contains(path, "{") {
				want = append(want, "404")
			}
			if op.RequestBody != nil {
				want = append(want, "400", "413")
			}
			if path == "/api/v1/evidence/{id}/content" || path == "/api/v1/jits/{id}/evidence" && method == "post" {
				want = append(want, "501")
			}
			for _, code := range want {
				if _, ok := op.Responses[code]; !ok {
					t.Errorf("%s %s does not list %s", method, path, code)
				}
			}
		}
	}
}
