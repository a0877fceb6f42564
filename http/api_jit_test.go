package http

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"net/url"
	"strconv"
	"time"

	"crosscase"
	"crosscase/evidence"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// jitSetup is a JIT of IT and DE set up through the API by an IT desk
// member, with a JIT-only member of each country.
type jitSetup struct {
	ts       *testServer
	it, de   *apiClient // desk members
	itm, dem *apiClient // JIT-only members
	auth     map[string]int64
	jit      crosscase.JIT
	caseID   int64
	dir      string
}

func newJITSetup(t *testing.T, db *sqldb.DB, max int64) *jitSetup {
	t.Helper()
	dir := t.TempDir()
	files, err := evidence.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.EvidenceFiles = files
	ts := newTestServer(t, db, func(s *server.Server) { s.EvidenceMax = max })
	js := &jitSetup{ts: ts, dir: dir}
	js.it = ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
	js.de = ts.apiUser("dieter", crosscase.RoleDeskMember, "DE")
	js.itm = ts.apiUser("jit.rossi", crosscase.RoleJITMember, "IT")
	js.dem = ts.apiUser("jit.kovacs", crosscase.RoleJITMember, "DE")
	js.auth = ts.prosecutions("IT", "DE", "KR")
	c := createCase(t, js.it, caseBody("Operation Lake", nil))
	js.caseID = c.ID
	js.it.post("/api/v1/jits", map[string]any{
		"name": "JIT Lake", "signed_on": "2025-06-01", "duration_months": 24, "case_ids": []int64{c.ID},
		"parties": []map[string]any{{"country_code": "IT", "authority_ids": []int64{js.auth["IT"]}}, {"country_code": "DE", "authority_ids": []int64{js.auth["DE"]}}},
	}).decode(t, http.StatusCreated, &js.jit)
	for _, m := range []struct {
		c  *apiClient
		cc string
	}{{js.itm, "IT"}, {js.dem, "DE"}, {js.de, "DE"}} {
		js.it.post(js.path("/members"), map[string]any{"user_id": m.c.User.ID, "country_code": m.cc, "authority_id": js.auth[m.cc]}).decode(t, http.StatusCreated, &crosscase.JITMember{})
	}
	return js
}

func (js *jitSetup) path(suffix string) string {
	return fmt.Sprintf("/api/v1/jits/%d%s", js.jit.ID, suffix)
}

// rawUpload posts body as an evidence file through the API.
func (js *jitSetup) rawUpload(t *testing.T, c *apiClient, body io.Reader, size int64, name string, recipients ...int64) *http.Response {
	t.Helper()
	var ids []string
	for _, r := range recipients {
		ids = append(ids, fmt.Sprint(r))
	}
	req, err := http.NewRequest("POST", js.ts.URL()+js.path("/evidence")+"?filename="+name+"&recipient_ids="+strings.Join(ids, ","), body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/vnd.example-intercepts")
	req.Header.Set("Authorization", "Bearer "+c.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestAPIEvidenceStreamedRoundTrip(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		const max = 8 << 20
		js := newJITSetup(t, db, max)
		const size = 5<<20 + 123
		h := sha256.New()
		res := js.rawUpload(t, js.itm, io.TeeReader(io.LimitReader(rand.Reader, size), h), size, "intercepts%20%C3%A9t%C3%A9.bin", js.dem.User.ID, js.de.User.ID)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d %s", res.StatusCode, b)
		}
		sum := hex.EncodeToString(h.Sum(nil))
		var ev crosscase.Evidence
		(&apiResponse{Status: res.StatusCode, Header: res.Header, Body: b}).decode(t, http.StatusCreated, &ev)
		if ev.SHA256 != sum || ev.Size != size || ev.FileName != "intercepts été.bin" || ev.ContentType != "application/vnd.example-intercepts" {
			t.Fatalf("uploaded %+v, want sha %s", ev, sum)
		}
		// Metadata: the space sees it; the IT desk member is not a recipient.
		js.it.get(fmt.Sprintf("/api/v1/evidence/%d", ev.ID)).decode(t, http.StatusOK, &crosscase.Evidence{})
		js.it.get(fmt.Sprintf("/api/v1/evidence/%d/content", ev.ID)).wantProblem(t, http.StatusForbidden, "")

		download := func(c *apiClient) {
			t.Helper()
			req, _ := http.NewRequest("GET", js.ts.URL()+fmt.Sprintf("/api/v1/evidence/%d/content", ev.ID), nil)
			req.Header.Set("Authorization", "Bearer "+c.Token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			h := sha256.New()
			n, err := io.Copy(h, res.Body)
			if err != nil || res.StatusCode != http.StatusOK || n != size {
				t.Fatalf("download: %d, %d bytes, %v", res.StatusCode, n, err)
			}
			if got := hex.EncodeToString(h.Sum(nil)); got != sum {
				t.Fatalf("downloaded sha %s, want %s", got, sum)
			}
			raw, _ := hex.DecodeString(sum)
			for k, want := range map[string]string{
				"Content-Length":         fmt.Sprint(size),
				"Content-Type":           "application/vnd.example-intercepts",
				"X-Content-Type-Options": "nosniff",
				"Repr-Digest":            "sha-256=:" + base64.StdEncoding.EncodeToString(raw) + ":",
				"Content-Disposition":    `attachment; filename="intercepts _t_.bin"; filename*=UTF-8''intercepts%20%C3%A9t%C3%A9.bin`,
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
		}
		download(js.dem)
		if es, _ := os.ReadDir(js.dir); len(es) != 1 {
			t.Fatalf("%d files after one of two downloads", len(es))
		}
		download(js.de)
		// The download is recorded once the last byte was sent: the
		// client may have it a moment before.
		waitFiles(t, js.dir, 0)
		var got crosscase.Evidence
		js.dem.get(fmt.Sprintf("/api/v1/evidence/%d", ev.ID)).decode(t, http.StatusOK, &got)
		if got.DeletedAt == nil || got.DeletedReason != crosscase.EvidenceDeletedDownloaded {
			t.Fatalf("after downloads: %+v", got)
		}
		js.dem.get(fmt.Sprintf("/api/v1/evidence/%d/content", ev.ID)).wantProblem(t, http.StatusNotFound, "")

		// Over the limit: 413 naming it, nothing kept — whether the size
		// is declared or only found out while streaming.
		for _, declared := range []int64{max + 1, -1} {
			res := js.rawUpload(t, js.itm, io.LimitReader(rand.Reader, max+1), declared, "big.bin", js.dem.User.ID)
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(b), "8388608") || !strings.Contains(string(b), "8 MiB") && declared == -1 {
				t.Fatalf("over the limit (declared %d): %d %s", declared, res.StatusCode, b)
			}
		}
		if es, _ := os.ReadDir(js.dir); len(es) != 0 {
			t.Fatalf("%d files kept after 413", len(es))
		}
		var list server.List[*crosscase.Evidence]
		js.it.get(js.path("/evidence")).decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Fatalf("%d evidence rows, want 1", len(list.Items))
		}
		// Bad upload input names the field and keeps nothing.
		res = js.rawUpload(t, js.itm, strings.NewReader("x"), 1, "x.txt", 999999)
		b, _ = io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), `"field":"recipient_ids[0]"`) {
			t.Fatalf("unknown recipient: %d %s", res.StatusCode, b)
		}
		js.ts.anonymous().get(js.path("/evidence")).wantProblem(t, http.StatusUnauthorized, "")
	})
}

func TestAPIJITBadInput(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		parties := []map[string]any{{"country_code": "IT", "authority_ids": []int64{js.auth["IT"]}}, {"country_code": "DE", "authority_ids": []int64{js.auth["DE"]}}}
		deCase := createCase(t, js.de, caseBody("Operation Rhine", map[string]any{"asked_countries": []string{}}))
		for _, tc := range []struct {
			body   map[string]any
			status int
			field  string
		}{
			{map[string]any{"name": "x", "signed_on": "2025-06-01", "ends_on": "2025-01-01", "parties": parties}, 422, "ends_on"},
			{map[string]any{"name": "x", "signed_on": "2025-06-01", "duration_months": 3, "parties": []map[string]any{parties[0], {"country_code": "QQ", "authority_ids": []int64{js.auth["DE"]}}}}, 422, "parties[1].country_code"},
			{map[string]any{"name": "x", "signed_on": "2025-06-01", "duration_months": 3, "parties": []map[string]any{parties[0], {"country_code": "DE", "authority_ids": []int64{js.auth["KR"]}}}}, 422, "parties[1].authority_ids[0]"},
			{map[string]any{"name": "x", "signed_on": "2025-06-01", "duration_months": 3, "parties": parties, "case_ids": []int64{deCase.ID}}, 404, ""},
			{map[string]any{"name": "x", "signed_on": "2025-06-31", "duration_months": 3, "parties": parties}, 400, "signed_on"},
			{map[string]any{"name": "x", "signed_on": "2025-06-01", "duration_months": "3", "parties": parties}, 400, "duration_months"},
		} {
			js.it.post("/api/v1/jits", tc.body).wantProblem(t, tc.status, tc.field)
		}
		var list server.List[*crosscase.JIT]
		js.it.get("/api/v1/jits").decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Fatalf("bad input created JITs: %d", len(list.Items))
		}
		js.it.post(js.path("/extensions"), map[string]any{"new_ends_on": "2028-01-01", "agreed_on": "2026-03-02", "reason": ""}).wantProblem(t, 422, "reason")
		js.it.post(js.path("/extensions"), map[string]any{"new_ends_on": "2027-01-01", "agreed_on": "2026-03-02", "reason": "More time"}).wantProblem(t, 422, "new_ends_on")
		// The day the parties agreed the extension: required, a real day,
		// not in the future, not before the signature (2025-06-01).
		tomorrow := crosscase.DateOf(time.Now().UTC()).AddDays(2).String()
		for _, tc := range []struct {
			agreed any
			status int
		}{{nil, 422}, {"", 422}, {"2026-02-30", 400}, {tomorrow, 422}, {"2025-05-31", 422}} {
			body := map[string]any{"new_ends_on": "2028-01-01", "reason": "More time"}
			if tc.agreed != nil {
				body["agreed_on"] = tc.agreed
			}
			js.it.post(js.path("/extensions"), body).wantProblem(t, tc.status, "agreed_on")
		}
		js.it.post(js.path("/members"), map[string]any{"user_id": 999999, "country_code": "IT", "authority_id": js.auth["IT"]}).wantProblem(t, 422, "user_id")
		js.it.post(js.path("/members"), map[string]any{"user_id": js.it.User.ID, "country_code": "IT", "authority_id": js.auth["DE"]}).wantProblem(t, 422, "authority_id")
		js.it.post(js.path("/cases"), map[string]any{"case_id": deCase.ID}).wantProblem(t, 404, "")
		js.it.post(js.path("/messages"), map[string]any{"body": "Hi", "parent_id": 999999}).wantProblem(t, 422, "parent_id")
		var j crosscase.JIT
		js.it.get(js.path("")).decode(t, http.StatusOK, &j)
		if len(j.Extensions) != 0 || len(j.Members) != 3 || len(j.CaseIDs) != 1 {
			t.Fatalf("bad input changed the JIT: %+v", j)
		}
		// A desk of a non-party country gets 404 guessing ids.
		al := js.ts.apiUser("arben", crosscase.RoleLiaison, "AL")
		for _, p := range []string{js.path(""), js.path("/messages"), js.path("/evidence"), "/api/v1/jits/999999", "/api/v1/evidence/1"} {
			al.get(p).wantProblem(t, http.StatusNotFound, "")
		}
		al.post(js.path("/messages"), map[string]any{"body": "Hi"}).wantProblem(t, http.StatusNotFound, "")

		// An evidence file's name is a name alone and its type a media
		// type, as for a notice's attachment (crosscase.CheckFileName,
		// CheckMediaType); "../../etc/passwd", ".." and "garbage" were
		// kept and offered so.
		for _, tc := range []struct{ name, contentType, field string }{
			{"..%2F..%2Fetc%2Fpasswd", "text/plain", "filename"},
			{"a%5Cb.txt", "text/plain", "filename"},
			{"..", "text/plain", "filename"},
			{".", "text/plain", "filename"},
			{"ok.txt", "garbage", "Content-Type"},
		} {
			req, err := http.NewRequest("POST", js.ts.URL()+js.path("/evidence")+"?filename="+tc.name+"&recipient_ids="+fmt.Sprint(js.it.User.ID), strings.NewReader("x"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", tc.contentType)
			req.Header.Set("Authorization", "Bearer "+js.it.Token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var p struct{ Field string }
			json.NewDecoder(res.Body).Decode(&p)
			res.Body.Close()
			if res.StatusCode != http.StatusUnprocessableEntity || p.Field != tc.field {
				t.Errorf("evidence named %q, %s: %d naming %q; want 422 naming %s", tc.name, tc.contentType, res.StatusCode, p.Field, tc.field)
			}
		}
		var ev server.List[*crosscase.Evidence]
		js.it.get(js.path("/evidence")).decode(t, http.StatusOK, &ev)
		if len(ev.Items) != 0 {
			t.Fatalf("refused evidence kept: %+v", ev.Items)
		}
	})
}

// TestJITMemberSeesOnlyTheirJIT calls every API route as a JIT-only
// member: outside their JIT they get 403 (routes closed to the role) or
// 404 (another JIT, or a case).
func TestJITMemberSeesOnlyTheirJIT(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		var other crosscase.JIT
		js.it.post("/api/v1/jits", map[string]any{
			"name": "JIT River", "signed_on": "2025-06-01", "duration_months": 12,
			"parties": []map[string]any{{"country_code": "IT", "authority_ids": []int64{js.auth["IT"]}}, {"country_code": "DE", "authority_ids": []int64{js.auth["DE"]}}},
		}).decode(t, http.StatusCreated, &other)
		own := map[string]bool{"GET /api/v1/me": true, "PATCH /api/v1/me": true, "GET /api/v1/tokens": true, "POST /api/v1/tokens": true, "DELETE /api/v1/tokens/{id}": true}
		for _, route := range api.Endpoints() {
			method, path, _ := strings.Cut(route, " ")
			if own[route] {
				continue
			}
			// Case content (cases, entities, hits, activity) goes through the
			// store's need to know: TestAPINeedToKnow calls each of those
			// routes as every role, the JIT member included, with valid
			// bodies, and wants the answer for a missing id (404) or
			// nothing listed. Check the lists here too.
			passThrough := false
			for _, pre := range []string{"/api/v1/cases", "/api/v1/entities", "/api/v1/hits", "/api/v1/activity"} {
				passThrough = passThrough || path == pre || strings.HasPrefix(path, pre+"/")
			}
			if passThrough && method != "GET" {
				continue
			}
			jitRoute := strings.HasPrefix(path, "/api/v1/jits") || strings.HasPrefix(path, "/api/v1/evidence/")
			r := strings.NewReplacer("{id}", fmt.Sprint(other.ID), "{desk_id}", "1", "{code}", "IT", "{funding_id}", "1")
			if !jitRoute {
				r = strings.NewReplacer("{id}", fmt.Sprint(js.caseID), "{desk_id}", "1", "{code}", "IT")
			}
			p := r.Replace(path)
			if path == "/api/v1/jits" {
				if method == "GET" {
					var list server.List[*crosscase.JIT]
					js.itm.get(p).decode(t, http.StatusOK, &list)
					if len(list.Items) != 1 || list.Items[0].ID != js.jit.ID {
						t.Errorf("JIT member lists %d JITs", len(list.Items))
					}
				}
				continue
			}
			// Valid bodies, so that only need to know can refuse; none
			// where none is taken.
			var body any = map[string]any{}
			switch route {
			case "POST /api/v1/jits/{id}/extensions":
				body = map[string]any{"new_ends_on": "2030-01-01", "agreed_on": "2026-03-02", "reason": "More time"}
			case "POST /api/v1/jits/{id}/funding":
				body = map[string]any{"label": "x", "applied_eur": 1, "applied_on": "2025-07-01"}
			case "PATCH /api/v1/jits/{id}/funding/{funding_id}":
				body = map[string]any{"status": "granted", "granted_eur": 1, "decided_on": "2025-08-01"}
			case "POST /api/v1/jits/{id}/members":
				body = map[string]any{"user_id": js.itm.User.ID, "country_code": "IT", "authority_id": js.auth["IT"]}
			case "POST /api/v1/jits/{id}/messages":
				body = map[string]any{"body": "Hello"}
			case "POST /api/v1/jits/{id}/cases":
				body = map[string]any{"case_id": js.caseID}
			case "POST /api/v1/jits/{id}/evidence":
				p += fmt.Sprintf("?filename=x.txt&recipient_ids=%d", js.dem.User.ID)
				body = "evidence"
			}
			if method == "GET" || method == "DELETE" {
				body = nil
			}
			res := js.itm.do(method, p, body)
			switch {
			case jitRoute && res.Status != http.StatusNotFound:
				t.Errorf("%s as a JIT member of another JIT: %v, want 404", route, res)
			case !jitRoute && res.Status == http.StatusOK:
				// Only lists that are empty: the store's need to know.
				var list struct {
					Items []any `json:"items"`
					New   *int  `json:"new"`
				}
				if err := json.Unmarshal(res.Body, &list); err != nil || len(list.Items) != 0 || list.New != nil && *list.New != 0 {
					t.Errorf("%s as a JIT member: %v, want 403, 404 or nothing", route, res)
				}
			case !jitRoute && res.Status != http.StatusForbidden && res.Status != http.StatusNotFound:
				t.Errorf("%s as a JIT member: %v, want 403 or 404", route, res)
			}
		}
		// Their own JIT: yes, without case content.
		var j crosscase.JIT
		js.itm.get(js.path("")).decode(t, http.StatusOK, &j)
		if len(j.Cases) != 1 || j.Cases[0].Visible || j.Cases[0].Title != "" {
			t.Fatalf("JIT member sees case content: %+v", j.Cases)
		}
		js.itm.post(js.path("/messages"), map[string]any{"body": "Ready for the action day."}).decode(t, http.StatusCreated, &crosscase.JITMessage{})
		// A desk member who is a member of the JIT sees its linked case.
		js.de.get(fmt.Sprintf("/api/v1/cases/%d", js.caseID)).decode(t, http.StatusOK, &crosscase.Case{})
		// Pages: the dashboard lists their JIT; case pages are closed.
		c := js.ts.signIn("jit.rossi", testPassword)
		for path, want := range map[string]int{"/": 200, "/jits/" + fmt.Sprint(js.jit.ID): 200, "/jits/" + fmt.Sprint(other.ID): 404, "/cases": 403, "/hits": 403, "/authorities": 403, "/admin": 403} {
			res, err := c.Get(js.ts.URL() + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != want {
				t.Errorf("GET %s as a JIT member: %d, want %d", path, res.StatusCode, want)
			}
			if path == "/" && !strings.Contains(string(b), "JIT Lake") {
				t.Errorf("dashboard does not list the member's JIT")
			}
		}
	})
}

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
	b, err := os.ReadFile("api/openapi.json")
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

// TestJITOnCaseTimeline: the JIT linked to a case is on the case's
// timeline, signed and extended, for a desk of the JIT; the extension is
// dated the day its parties agreed it, not the day it was recorded.
func TestJITOnCaseTimeline(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		var j crosscase.JIT
		js.it.post(js.path("/extensions"), map[string]any{"new_ends_on": "2028-06-01", "agreed_on": "2026-03-02", "reason": "More time for the financial enquiries."}).decode(t, http.StatusCreated, &j)
		if len(j.Extensions) != 1 || j.Extensions[0].AgreedOn.String() != "2026-03-02" {
			t.Fatalf("extensions: %+v", j.Extensions)
		}
		var tl struct {
			Items []crosscase.TimelineEvent `json:"items"`
		}
		js.it.get(fmt.Sprintf("/api/v1/cases/%d/timeline?kind=jit", js.caseID)).decode(t, http.StatusOK, &tl)
		var titles []string
		for _, e := range tl.Items {
			titles = append(titles, e.On.String()+" "+e.Title)
		}
		if len(titles) != 3 || titles[0] != "2025-06-01 JIT signed: JIT Lake" || titles[1] != "2026-03-02 JIT extended to 2028-06-01: JIT Lake" || titles[2] != "2028-06-01 JIT ends: JIT Lake" {
			t.Fatalf("JIT events on the timeline: %q", titles)
		}
	})
}
