package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"crosscase"
)

// TestQuickStart runs the README's quick start — `crosscase serve --demo`
// through Main, on SQLite and on PostgreSQL — and uses every capability it
// promises through the program's own wiring: sign-in, a case, an entity,
// a live hit, a bulk list check (page and API), an import, a JIT message
// and evidence, an instrument with its clock, a notice and a result. A
// capability that works only when a test wires the server itself fails
// here.
func TestQuickStart(t *testing.T) {
	eachStore(t, func(t *testing.T, name string, storeArgs []string) {
		base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
		logins := demoLogins(t, out.String())
		p := &program{t: t, base: base, storeArgs: storeArgs}
		it, fr, analyst := p.client("it.rossi"), p.client("fr.lefevre"), p.client("analyst.conti")

		// Sign-in through the form, then the dashboard.
		page := p.signIn("it.rossi", logins["it.rossi"])
		if status, body := page.get("/"); status != 200 || !strings.Contains(body, "Giulia Rossi") {
			t.Fatalf("dashboard after sign-in: %d", status)
		}

		// The demo opens with a hit between the Italian and the German
		// desk: a man of the Italy–Albania case in the German one.
		var demoHits struct{ New int }
		it.call("GET", "/api/v1/hits/count", nil, 200, &demoHits)
		if demoHits.New < 1 {
			t.Fatal("the demo holds no hit for the Italian desk")
		}
		var disclosed struct {
			Items []struct {
				Kind               string `json:"kind"`
				OtherCaseReference string `json:"other_case_reference"`
			} `json:"items"`
		}
		it.call("GET", "/api/v1/hits?status=disclosed", nil, 200, &disclosed)
		if len(disclosed.Items) != 1 || disclosed.Items[0].Kind != "iban" || !strings.HasPrefix(disclosed.Items[0].OtherCaseReference, "FR/") {
			t.Fatalf("the demo's disclosed hit: %+v", disclosed.Items)
		}

		// And a hit of its own kind: the driver of the German migrant
		// smuggling case carries the identity card of a gold robber of
		// the Italian desk under another name.
		var sameDocument struct {
			Items []struct {
				MatchKind    string `json:"match_kind"`
				OtherCountry string `json:"other_country"`
			} `json:"items"`
		}
		it.call("GET", "/api/v1/hits?status=new&limit=200", nil, 200, &sameDocument)
		found := false
		for _, h := range sameDocument.Items {
			found = found || h.MatchKind == crosscase.HitSameDocument && h.OtherCountry == "DE"
		}
		if !found {
			t.Fatalf("the demo holds no same-document hit between the Italian and the German desk: %+v", sameDocument.Items)
		}

		// A case and an entity of the Italian desk.
		var itCase struct {
			ID        int64  `json:"id"`
			Reference string `json:"reference"`
		}
		it.call("POST", "/api/v1/cases", map[string]any{"title": "Port of Bari heroin route", "crime_types": []string{"drug_trafficking"},
			"asked_countries": []string{"FR"}, "opened_on": "2025-05-13"}, 201, &itCase)
		var suspect struct{ ID int64 }
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", itCase.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Arbër", "family_name": "Çelaj", "birth_date": "1984-07-12", "nationality": "AL", "external_ref": "BARI-S1"}, 201, &suspect)

		// A live hit: the French desk records the same man in a case of
		// its own and learns of the hit before its request returns.
		var frCase struct{ ID int64 }
		fr.call("POST", "/api/v1/cases", map[string]any{"title": "Marseille port cocaine", "crime_types": []string{"drug_trafficking"},
			"opened_on": "2025-06-02"}, 201, &frCase)
		var hitsBefore, hitsAfter struct{ New int }
		fr.call("GET", "/api/v1/hits/count", nil, 200, &hitsBefore)
		fr.call("POST", fmt.Sprintf("/api/v1/cases/%d/entities", frCase.ID), map[string]any{"kind": "person", "role": "suspect",
			"given_name": "Arber", "family_name": "CELAJ", "birth_date": "1984-07-12"}, 201, nil)
		fr.call("GET", "/api/v1/hits/count", nil, 200, &hitsAfter)
		if hitsAfter.New != hitsBefore.New+1 {
			t.Fatalf("new hits of the French desk: %d before, %d after the entity", hitsBefore.New, hitsAfter.New)
		}

		// The bulk list check through the API.
		list := "ref;name;dob\nN-7;Arber CELAJ;12.07.1984\nN-8;Jean Dupont;01.01.1970\n"
		q := url.Values{"map": {"ref=id,name=full_name,dob=birth_date"}, "separator": {";"}}
		var checked struct {
			Records int            `json:"records"`
			Hits    []checkHitLine `json:"hits"`
		}
		analyst.callRaw("POST", "/api/v1/checks?"+q.Encode(), "text/csv", []byte(list), 200, &checked)
		if checked.Records != 2 || !hasCheckHit(checked.Hits, "N-7", itCase.Reference) {
			t.Fatalf("bulk check (API): %+v", checked)
		}
		for _, h := range checked.Hits {
			if h.CaseReference == itCase.Reference && h.ExternalRef != "BARI-S1" {
				t.Errorf("the hit in %s lacks the entity's own reference: %+v", itCase.Reference, h)
			}
		}

		// Start here points each demo user at their own first steps.
		for _, tc := range []struct {
			user string
			want []string
			not  []string
		}{
			{"it.rossi", []string{`id="start-hit"`, `id="start-case"`, `id="start-jit"`, "decide whether to disclose"}, nil},
			{"analyst.conti", []string{`id="start-hit"`, "A desk member or liaison prosecutor of your desk decides"}, []string{"see what agreed and decide"}},
			{"al.hoxha", []string{`id="start-case"`, "Open a case your desk is asked in", `id="start-jit"`}, nil},
			{"ba.hodzic", []string{`id="start-notice"`}, []string{`id="start-case"`}},
			{"stats.jansen", []string{`id="dashboard-figures"`, "Cases handled"}, nil},
		} {
			_, home := p.signIn(tc.user, logins[tc.user]).get("/")
			for _, w := range tc.want {
				if !strings.Contains(home, w) {
					t.Errorf("%s: Start here lacks %q", tc.user, w)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(home, w) {
					t.Errorf("%s: Start here says %q", tc.user, w)
				}
			}
		}

		// The bulk list check through its page: upload, map, check.
		check := p.signIn("analyst.conti", logins["analyst.conti"])
		status, body := check.postMultipart("/checks", map[string]string{"separator": ";"}, "file", "list.csv", []byte(list))
		data := regexp.MustCompile(`name="data" value="([^"]+)"`).FindStringSubmatch(body)
		if status != 200 || data == nil {
			t.Fatalf("check page, upload: %d\n%s", status, body)
		}
		status, body = check.postForm("/checks/run", url.Values{"data": {data[1]}, "separator": {";"}, "col0": {"id"}, "col1": {"full_name"}, "col2": {"birth_date"}})
		if status != 200 || !strings.Contains(body, "N-7") || !strings.Contains(body, itCase.Reference) {
			t.Fatalf("check page, result: %d\n%s", status, body)
		}

		// An import into the case, all or nothing.
		var imported struct{ Imported int }
		iq := url.Values{"map": {"ref=id,first=given_name,last=family_name,phone=phone"}, "role": {"suspect"}}
		it.callRaw("POST", fmt.Sprintf("/api/v1/cases/%d/entities/import?%s", itCase.ID, iq.Encode()), "text/csv",
			[]byte("ref,first,last,phone\nR1,Ștefan,Popescu,+40 721 123 456\nR2,Ana,Pop,\n"), 201, &imported)
		if imported.Imported < 2 {
			t.Fatalf("imported %d entities", imported.Imported)
		}

		// A JIT of the demo: a message, and evidence for a member.
		var jits struct {
			Items []struct{ ID int64 } `json:"items"`
		}
		it.call("GET", "/api/v1/jits", nil, 200, &jits)
		if len(jits.Items) == 0 {
			t.Fatal("the Italian desk sees no JIT of the demo")
		}
		var jit struct {
			Members []struct {
				UserID int64 `json:"user_id"`
			} `json:"members"`
		}
		jitPath := fmt.Sprintf("/api/v1/jits/%d", jits.Items[0].ID)
		it.call("GET", jitPath, nil, 200, &jit)
		it.call("POST", jitPath+"/messages", map[string]any{"body": "Search warrants signed for Thursday."}, 201, nil)
		if len(jit.Members) == 0 {
			t.Fatal("the demo JIT has no members")
		}
		var ev struct {
			ID     int64  `json:"id"`
			SHA256 string `json:"sha256"`
		}
		it.callRaw("POST", fmt.Sprintf("%s/evidence?filename=intercepts.txt&recipient_ids=%d", jitPath, jit.Members[0].UserID),
			"text/plain", []byte("intercept transcript"), 201, &ev)
		if ev.ID == 0 || ev.SHA256 == "" {
			t.Fatalf("evidence: %+v", ev)
		}

		// An instrument with its legal clock.
		received := time.Now().UTC().AddDate(0, 0, -2).Format("2006-01-02")
		var eio struct {
			Clocks []struct {
				Kind  string `json:"kind"`
				State string `json:"state"`
				Due   string `json:"due"`
			} `json:"clocks"`
		}
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/instruments", itCase.ID), map[string]any{"type": "eio", "reference": "EIO/BA/2025/7",
			"issuing_country": "IT", "executing_country": "FR", "issued_on": received, "received_on": received}, 201, &eio)
		ack := time.Now().UTC().AddDate(0, 0, 5).Format("2006-01-02")
		if len(eio.Clocks) == 0 || eio.Clocks[0].Kind != "eio_acknowledge" || eio.Clocks[0].State != "running" || eio.Clocks[0].Due != ack {
			t.Fatalf("an EIO received two days ago: clocks %+v, want the acknowledgement due %s", eio.Clocks, ack)
		}

		// A notice to the French desk.
		var desks struct {
			Items []struct {
				ID          int64  `json:"id"`
				CountryCode string `json:"country_code"`
			} `json:"items"`
		}
		it.call("GET", "/api/v1/desks", nil, 200, &desks)
		var frDesk int64
		for _, d := range desks.Items {
			if d.CountryCode == "FR" {
				frDesk = d.ID
			}
		}
		it.call("POST", "/api/v1/notices", map[string]any{"subject": "New concealment method", "body": "Heroin in olive oil tins.",
			"recipient_desk_ids": []int64{frDesk}}, 201, nil)
		var notices struct {
			Items []struct{ Subject string } `json:"items"`
		}
		fr.call("GET", "/api/v1/notices", nil, 200, &notices)
		if !strings.Contains(fmt.Sprint(notices.Items), "New concealment method") {
			t.Fatalf("the French desk did not receive the notice: %+v", notices.Items)
		}

		// A result of the case.
		it.call("POST", fmt.Sprintf("/api/v1/cases/%d/results", itCase.ID), map[string]any{"kind": "arrest", "country": "IT",
			"date": "2025-05-13", "count": 3}, 201, nil)
	})
}

// demoLogins reads the demo sign-ins serve --demo printed: name → password.
func demoLogins(t *testing.T, out string) map[string]string {
	t.Helper()
	logins := map[string]string{}
	_, list, ok := strings.Cut(out, "Demo sign-ins:\n")
	if !ok {
		t.Fatalf("no demo sign-ins printed:\n%s", out)
	}
	for _, line := range strings.Split(list, "\n") {
		f := strings.Fields(line)
		if !strings.HasPrefix(line, "  ") || len(f) < 3 {
			break
		}
		logins[f[0]] = f[len(f)-1]
	}
	return logins
}

// checkHitLine is what the test reads of a bulk check's hit.
type checkHitLine struct {
	InputID       string `json:"input_id"`
	CaseReference string `json:"case_reference"`
	ExternalRef   string `json:"external_ref"`
}

// hasCheckHit reports whether row inputID was found in the case ref.
func hasCheckHit(hits []checkHitLine, inputID, ref string) bool {
	for _, h := range hits {
		if h.InputID == inputID && h.CaseReference == ref {
			return true
		}
	}
	return false
}

// program is a running `crosscase serve` and the store it was given.
type program struct {
	t         *testing.T
	base      string
	storeArgs []string
}

// apiClient calls the API with a token made by `crosscase token create`.
type apiClient struct {
	p     *program
	token string
}

func (p *program) client(user string) *apiClient {
	p.t.Helper()
	tok, err := run(p.t, "", append([]string{"token", "create", "--user", user}, p.storeArgs...)...)
	if err != nil {
		p.t.Fatalf("token create --user %s: %v\n%s", user, err, tok)
	}
	return &apiClient{p: p, token: strings.TrimSpace(tok)}
}

// call sends body as JSON and decodes the answer into v, failing the test
// unless the status is want.
func (c *apiClient) call(method, path string, body any, want int, v any) {
	c.p.t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	c.callRaw(method, path, "application/json", b, want, v)
}

func (c *apiClient) callRaw(method, path, contentType string, body []byte, want int, v any) {
	c.p.t.Helper()
	req, _ := http.NewRequest(method, c.p.base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", contentType)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.p.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		c.p.t.Fatalf("%s %s = %d, want %d: %s", method, path, res.StatusCode, want, got)
	}
	if v != nil {
		if err := json.Unmarshal(got, v); err != nil {
			c.p.t.Fatalf("%s %s: %v: %s", method, path, err, got)
		}
	}
}

// browser is a signed-in browser session: its cookies and CSRF token.
type browser struct {
	p      *program
	client *http.Client
	csrf   string
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn signs in through the sign-in form.
func (p *program) signIn(name, password string) *browser {
	p.t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{p: p, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, login := b.get("/login")
	m := csrfField.FindStringSubmatch(login)
	if m == nil {
		p.t.Fatal("no CSRF token on the sign-in page")
	}
	b.csrf = m[1]
	status, _ := b.postForm("/login", url.Values{"name": {name}, "password": {password}, "next": {"/"}})
	if status != http.StatusSeeOther {
		p.t.Fatalf("sign in as %s: %d", name, status)
	}
	// The session's CSRF token, from a page of the session.
	_, home := b.get("/")
	if m := csrfField.FindStringSubmatch(home); m != nil {
		b.csrf = m[1]
	}
	return b
}

func (b *browser) get(path string) (int, string) {
	b.p.t.Helper()
	res, err := b.client.Get(b.p.base + path)
	if err != nil {
		b.p.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func (b *browser) postForm(path string, v url.Values) (int, string) {
	b.p.t.Helper()
	v.Set("csrf_token", b.csrf)
	res, err := b.client.PostForm(b.p.base+path, v)
	if err != nil {
		b.p.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func (b *browser) postMultipart(path string, fields map[string]string, fileField, fileName string, content []byte) (int, string) {
	b.p.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", b.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile(fileField, fileName)
	fw.Write(content)
	mw.Close()
	req, _ := http.NewRequest("POST", b.p.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}
