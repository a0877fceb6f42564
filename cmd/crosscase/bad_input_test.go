package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

// TestBadInputThroughForms sends bad input, as a signed-in user who
// edits the page's form or the request by hand would, to the page forms
// of a desk member, a JIT-only member, an analyst and an administrator,
// to the query strings of list pages and the API, and to the API's PATCH
// operations with partial bodies, nulls and the ids of another case's
// objects (README, JSON API: bad input). Each must be a 4xx that names the
// field — on the form shown again, on the error page, or in the problem —
// and change nothing: the audit log gets no entry but a read or a refusal.
func TestBadInputThroughForms(t *testing.T) {
	storeArgs := []string{"--data", t.TempDir()}
	base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
	p := &program{t: t, base: base, storeArgs: storeArgs}
	logins := demoLogins(t, out.String())

	admin := signInAdmin(t, p, out.String())
	audit := p.client("admin")
	it := p.client("it.rossi")
	desk := p.signIn("it.rossi", logins["it.rossi"])
	jit := p.signIn("jit.kovacs", logins["jit.kovacs"])
	analyst := p.signIn("analyst.conti", logins["analyst.conti"])

	// The objects the forms act on: a case of the Italian desk with its
	// entities, relations and results, and another case of the desk.
	caseID := it.ownCaseID("Italian-Albanian")
	otherCase := it.ownCaseID("robbery")
	var entities, otherEntities struct {
		Items []struct {
			ID      int64 `json:"id"`
			Version int   `json:"version"`
		} `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", caseID), nil, 200, &entities)
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", otherCase), nil, 200, &otherEntities)
	if len(entities.Items) < 2 || len(otherEntities.Items) == 0 {
		t.Fatalf("entities of the demo cases: %d and %d", len(entities.Items), len(otherEntities.Items))
	}
	entity := entities.Items[0]
	var relations, results struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	it.call("POST", fmt.Sprintf("/api/v1/cases/%d/relations", caseID), map[string]any{"from_id": entities.Items[0].ID,
		"to_id": entities.Items[1].ID, "kind": "associate_of"}, 201, nil)
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", caseID), nil, 200, &relations)
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/results", caseID), nil, 200, &results)
	if len(relations.Items) == 0 || len(results.Items) == 0 {
		t.Fatalf("the case has %d relations and %d results", len(relations.Items), len(results.Items))
	}
	var theCase struct {
		Version int `json:"version"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d", caseID), nil, 200, &theCase)
	var jits struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	it.call("GET", "/api/v1/jits", nil, 200, &jits)

	validCase := func() url.Values {
		return url.Values{"title": {"Counterfeit euro print shop"}, "crime_types": {"drug_trafficking"}, "asked_countries": {"FR"},
			"status": {"open"}, "opened_on": {"2025-03-01"}}
	}
	validEntity := url.Values{"kind": {"person"}, "role": {"suspect"}, "family_name": {"Rinaldi"}, "given_name": {"Paolo"},
		"birth_date": {"1980-02-03"}, "nationality": {"IT"}}
	validResult := url.Values{"kind": {"arrest"}, "country": {"IT"}, "date": {"2025-05-13"}, "count": {"2"}}
	validMeeting := url.Values{"starts_at": {"2025-05-06T10:00"}, "agenda": {"Action day"}}
	validInstrument := url.Values{"type": {"eio"}, "reference": {"EIO/BA/2025/9"}, "issuing_country": {"IT"}, "executing_country": {"AL"},
		"issued_on": {"2025-01-10"}}
	validUser := url.Values{"name": {"it.verdi"}, "display_name": {"Marco Verdi"}, "role": {"desk_member"}, "desk_id": {"1"}}
	validAgreement := url.Values{"country_code": {"UA"}, "organisation": {"Prosecutor General's Office"}, "kind": {"cooperation"},
		"signed_on": {"2016-06-27"}, "title": {"Agreement on cooperation"}}
	validAuthority := url.Values{"country_code": {"IT"}, "kind": {"police"}, "city": {"Bari"}, "name": {"Squadra Mobile di Bari"}}

	with := func(v url.Values, field string, value ...string) url.Values {
		out := url.Values{}
		for k, vs := range v {
			out[k] = append([]string(nil), vs...)
		}
		out[field] = value
		return out
	}
	hostile := map[string]string{
		"a control character":  "Bari\x01 port",
		"NUL":                  "Bari\x00port",
		"a bidi override":      "Bari \u202eport",
		"100,000 characters":   strings.Repeat("a", 100_000),
		"invalid UTF-8":        "Bari \xff\xfe port",
		"a line break in line": "Bari\nport",
	}
	impossibleDates := []string{"2025-02-30", "0000-01-01", "99999-01-01", "13/05/2025"}

	type formCase struct {
		name   string
		b      *browser
		path   string
		form   url.Values
		status int    // 0: any 4xx
		named  string // what in the answer names the field
	}
	var cases []formCase
	// Each hostile text in a text field of a form of each kind.
	for kind, s := range hostile {
		cases = append(cases,
			formCase{"case title: " + kind, desk, "/cases", with(validCase(), "title", s), 0, `id="err-title"`},
			formCase{"entity family name: " + kind, desk, fmt.Sprintf("/cases/%d/entities", caseID), with(validEntity, "family_name", s), 0, `id="err-family_name"`},
			formCase{"entity edit given name: " + kind, desk, fmt.Sprintf("/entities/%d", entity.ID),
				with(with(validEntity, "version", fmt.Sprint(entity.Version)), "given_name", s), 0, `id="err-given_name"`},
			formCase{"instrument reference: " + kind, desk, fmt.Sprintf("/cases/%d/instruments", caseID), with(validInstrument, "reference", s), 0, `id="err-reference"`},
			formCase{"token label: " + kind, analyst, "/account/tokens", url.Values{"label": {s}}, 0, `id="err-label"`},
			formCase{"user name: " + kind, admin, "/admin/users", with(validUser, "display_name", s), 0, `id="err-display_name"`},
			formCase{"authority name: " + kind, admin, "/authorities", with(validAuthority, "name", s), 0, `id="err-name"`},
		)
		if kind != "a line break in line" { // a text of several lines
			cases = append(cases,
				formCase{"meeting agenda: " + kind, desk, fmt.Sprintf("/cases/%d/meetings", caseID), with(validMeeting, "agenda", s), 0, `id="err-agenda"`},
				formCase{"JIT message: " + kind, jit, fmt.Sprintf("/jits/%d/messages", jits.Items[0].ID), url.Values{"body": {s}}, 0, `id="err-body"`})
		}
	}
	for _, d := range impossibleDates {
		cases = append(cases,
			formCase{"case opened on " + d, desk, "/cases", with(validCase(), "opened_on", d), 0, `id="err-opened_on"`},
			formCase{"birth date " + d, desk, fmt.Sprintf("/cases/%d/entities", caseID), with(validEntity, "birth_date", d), 0, `id="err-birth_date"`},
			formCase{"result date " + d, desk, fmt.Sprintf("/cases/%d/results", caseID), with(validResult, "date", d), 0, `id="err-date"`},
			formCase{"instrument issued on " + d, desk, fmt.Sprintf("/cases/%d/instruments", caseID), with(validInstrument, "issued_on", d), 0, `id="err-issued_on"`},
			formCase{"agreement signed on " + d, admin, "/admin/agreements", with(validAgreement, "signed_on", d), 0, `id="err-signed_on"`},
			formCase{"acquittal final on " + d, desk, fmt.Sprintf("/entities/%d/acquittal", entity.ID),
				url.Values{"case_id": {fmt.Sprint(caseID)}, "final_on": {d}}, 0, `id="f-final_on" name="final_on" required value="` + d + `" aria-invalid="true"`},
		)
	}
	cases = append(cases,
		// Unknown codes and wrong types in choices.
		formCase{"asked country ZZ", desk, "/cases", with(validCase(), "asked_countries", "FR", "ZZ"), 0, `id="err-asked_countries"`},
		formCase{"unknown crime type", desk, "/cases", with(validCase(), "crime_types", "piracy_of_the_caribbean"), 0, `id="err-crime_types"`},
		formCase{"victims not a number", desk, "/cases", with(validCase(), "victims", "twelve"), 0, `id="err-victims"`},
		formCase{"victims negative", desk, "/cases", with(validCase(), "victims", "-3"), 0, `id="err-victims"`},
		formCase{"nationality ZZ", desk, fmt.Sprintf("/cases/%d/entities", caseID), with(validEntity, "nationality", "ZZ"), 0, `id="err-nationality"`},
		formCase{"result country ZZ", desk, fmt.Sprintf("/cases/%d/results", caseID), with(validResult, "country", "ZZ"), 0, `id="err-country"`},
		formCase{"result count beyond int64", desk, fmt.Sprintf("/cases/%d/results", caseID), with(validResult, "count", "99999999999999999999"), 0, `id="err-count"`},
		formCase{"instrument executing country ZZ", desk, fmt.Sprintf("/cases/%d/instruments", caseID), with(validInstrument, "executing_country", "ZZ"), 0, `id="err-executing_country"`},
		formCase{"language xx", analyst, "/account/language", url.Values{"language": {"xx"}}, 0, "language"},
		formCase{"user role unknown", admin, "/admin/users", with(validUser, "role", "overlord"), 0, `id="err-role"`},
		formCase{"desk country ZZ", admin, "/admin/desks", url.Values{"country_code": {"ZZ"}, "kind": {"national_desk"}, "name": {"Desk ZZ"}}, 0, `id="err-country_code"`},
		// Another case's objects.
		formCase{"relation to another case's entity", desk, fmt.Sprintf("/cases/%d/relations", caseID),
			url.Values{"from_id": {fmt.Sprint(entity.ID)}, "to_id": {fmt.Sprint(otherEntities.Items[0].ID)}, "kind": {"associate_of"}}, 0, `id="err-to_id"`},
		// A hidden field sent with another value.
		formCase{"case edit version not a number", desk, fmt.Sprintf("/cases/%d", caseID), with(validCase(), "version", "three"), 422, "Version:"},
		formCase{"entity edit version empty", desk, fmt.Sprintf("/entities/%d", entity.ID), with(validEntity, "version", ""), 422, "Version:"},
		formCase{"case edit without version", desk, fmt.Sprintf("/cases/%d", caseID), validCase(), 422, "Version:"},
		formCase{"entity edit without version", desk, fmt.Sprintf("/entities/%d", entity.ID), validEntity, 422, "Version:"},
		formCase{"relation removal, case id not a number", desk, fmt.Sprintf("/relations/%d/delete", relations.Items[0].ID), url.Values{"case_id": {"abc"}}, 422, "Case id:"},
		formCase{"relation removal, case id 0", desk, fmt.Sprintf("/relations/%d/delete", relations.Items[0].ID), url.Values{"case_id": {"0"}}, 422, "Case id:"},
		formCase{"relation removal, another case", desk, fmt.Sprintf("/relations/%d/delete", relations.Items[0].ID), url.Values{"case_id": {fmt.Sprint(otherCase)}}, 404, "Relation not found."},
		formCase{"result removal, case id with a control character", desk, fmt.Sprintf("/results/%d/delete", results.Items[0].ID), url.Values{"case_id": {"1\x01"}}, 422, "Case id:"},
		formCase{"result removal, another case", desk, fmt.Sprintf("/results/%d/delete", results.Items[0].ID), url.Values{"case_id": {fmt.Sprint(otherCase)}}, 404, "Result not found."},
		formCase{"acquittal, case id missing", desk, fmt.Sprintf("/entities/%d/acquittal", entity.ID), url.Values{"final_on": {"2025-01-10"}}, 422, "Case id:"},
		formCase{"acquittal, another case", desk, fmt.Sprintf("/entities/%d/acquittal", entity.ID),
			url.Values{"case_id": {fmt.Sprint(otherCase)}, "final_on": {"2025-01-10"}}, 404, "Entity not found."},
	)

	type getCase struct {
		name, path string
		status     int
		named      string
	}
	gets := []getCase{
		{"cases opened from an impossible date", "/cases?opened_from=2025-02-30", 422, `id="err-opened_from"`},
		{"cases opened from year 99999", "/cases?opened_from=99999-01-01", 422, `id="err-opened_from"`},
		{"cases, dates reversed", "/cases?opened_from=2025-01-01&opened_to=2020-01-01", 422, `id="err-opened_to"`},
		{"cases, text not UTF-8", "/cases?q=%ff", 422, `id="err-q"`},
		{"cases, unknown country", "/cases?country=ZZ", 422, `id="err-country"`},
		{"cases, a cursor this server did not give", "/cases?cursor=abc", 422, "cursor"},
		{"cases, a repeated country", "/cases?country=IT&country=FR", 422, `id="err-country"`},
		{"cases, a repeated date", "/cases?opened_from=2020-01-01&opened_from=2024-01-01", 422, `id="err-opened_from"`},
		{"hits, unknown status", "/hits?status=zz", 422, "Status:"},
		{"hits, a repeated status", "/hits?status=new&status=dismissed", 422, "Status:"},
		{"statistics, year 99999", "/statistics?year=99999", 422, "The year must be between 1900 and 2200."},
		{"statistics, dates reversed", "/statistics?from=2025-01-01&to=2020-01-01", 422, "is before its start"},
		{"authorities, unknown country", "/authorities?country=ZZ", 422, "Country:"},
		{"notices, unknown box", "/notices?box=zz", 422, "box:"},
	}
	type apiCase struct {
		name, method, path string
		body               string
		status             int
		field              string
	}
	apis := []apiCase{
		{"limit -1", "GET", "/api/v1/cases?limit=-1", "", 400, "limit"},
		{"limit 1e9", "GET", "/api/v1/cases?limit=1e9", "", 400, "limit"},
		{"limit beyond the page", "GET", "/api/v1/hits?limit=1000000000", "", 400, "limit"},
		{"page is no parameter", "GET", "/api/v1/cases?page=abc", "", 400, "page"},
		{"dates reversed", "GET", "/api/v1/cases?opened_from=2025-01-01&opened_to=2020-01-01", "", 422, "opened_to"},
		{"repeated parameter", "GET", "/api/v1/cases?country=IT&country=FR", "", 400, "country"},
		{"PATCH case without version", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), `{"title":"A new title"}`, 400, "version"},
		{"PATCH case, version null", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), `{"version":null,"title":"A new title"}`, 400, "version"},
		{"PATCH case, title with a bidi override", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), fmt.Sprintf(`{"version":%d,"title":"A \u202e title"}`, theCase.Version), 422, "title"},
		{"PATCH case, asked country ZZ", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), fmt.Sprintf(`{"version":%d,"asked_countries":["AL","ZZ"]}`, theCase.Version), 422, "asked_countries[1]"},
		{"PATCH case, opened on 2025-02-30", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), fmt.Sprintf(`{"version":%d,"opened_on":"2025-02-30"}`, theCase.Version), 400, "opened_on"},
		{"PATCH case, victims a string", "PATCH", fmt.Sprintf("/api/v1/cases/%d", caseID), fmt.Sprintf(`{"version":%d,"victims":"12"}`, theCase.Version), 400, "victims"},
		{"PATCH entity, moved to another case", "PATCH", fmt.Sprintf("/api/v1/entities/%d", entity.ID), fmt.Sprintf(`{"version":%d,"case_id":%d}`, entity.Version, otherCase), 400, "case_id"},
		{"PATCH entity, nationality ZZ", "PATCH", fmt.Sprintf("/api/v1/entities/%d", entity.ID), fmt.Sprintf(`{"version":%d,"nationality":"ZZ"}`, entity.Version), 422, "nationality"},
		{"relation to another case's entity", "POST", fmt.Sprintf("/api/v1/cases/%d/relations", caseID),
			fmt.Sprintf(`{"from_id":%d,"to_id":%d,"kind":"associate_of"}`, entity.ID, otherEntities.Items[0].ID), 422, "to_id"},
	}

	// The audit log records every change; reading a case or an entity,
	// as the form shown again does, is recorded too, and is not a change;
	// nor is the store's record of a refusal (a relation, result or person
	// named with another case than its own is one it cannot see).
	lastSeq := func() int64 {
		var log struct {
			Items []struct {
				Seq int64 `json:"seq"`
			} `json:"items"`
		}
		audit.call("GET", "/api/v1/audit?limit=1", nil, 200, &log)
		if len(log.Items) == 0 {
			t.Fatal("the audit log is empty")
		}
		return log.Items[0].Seq
	}
	unchanged := func(name string, before int64) {
		t.Helper()
		after := lastSeq()
		if after == before {
			return
		}
		var log struct {
			Items []map[string]any `json:"items"`
		}
		audit.call("GET", fmt.Sprintf("/api/v1/audit?limit=%d", after-before), nil, 200, &log)
		var written []string
		for _, e := range log.Items {
			if a := e["action"]; a != "read" && a != "list" && a != "refuse" {
				written = append(written, fmt.Sprint(e["action"], " ", e["object_type"], " ", e["detail"]))
			}
		}
		if len(written) > 0 {
			t.Errorf("%s: written to the audit log: %s", name, strings.Join(written, "; "))
		}
	}
	start := time.Now()
	for _, tc := range cases {
		before := lastSeq()
		status, body := tc.b.postOrigin(tc.path, tc.form)
		if status < 400 || status >= 500 || tc.status != 0 && status != tc.status {
			t.Errorf("%s: POST %s = %d, want %s\n%.400s", tc.name, tc.path, status, wantStatus(tc.status), errorText(body))
		} else if !strings.Contains(body, tc.named) {
			t.Errorf("%s: POST %s = %d does not name the field (%q): %.300s", tc.name, tc.path, status, tc.named, errorText(body))
		}
		unchanged(tc.name, before)
	}
	// A notice through its multipart form: the subject with a control
	// character, the body of 100,000 characters.
	for field, value := range map[string]string{"subject": "Heroin\x07 route", "body": strings.Repeat("b", 100_000)} {
		before := lastSeq()
		fields := map[string]string{"subject": "New concealment method", "body": "Heroin in olive oil tins.", "recipients": "all"}
		fields[field] = value
		status, body := desk.postMultipartOrigin("/notices", fields)
		if status != 422 || !strings.Contains(body, `id="err-`+field+`"`) {
			t.Errorf("notice %s: %d, want 422 naming it: %.300s", field, status, errorText(body))
		}
		unchanged("notice "+field, before)
	}
	for _, tc := range gets {
		status, body := desk.get(tc.path)
		if status != tc.status || !strings.Contains(body, tc.named) {
			t.Errorf("%s: GET %s = %d (want %d) naming %q: %.300s", tc.name, tc.path, status, tc.status, tc.named, errorText(body))
		}
	}
	if status, body := admin.get("/admin/audit?action=create&action=delete"); status != 422 || !strings.Contains(body, `id="err-action"`) {
		t.Errorf("audit log page, a repeated action: %d: %.300s", status, errorText(body))
	}
	// A parameter the page reads itself, not the filter, is refused alike.
	if status, body := admin.get("/admin/audit?verify=1&verify=1"); status != 422 || !strings.Contains(body, `Query parameter &#34;verify&#34; is given 2 times.`) {
		t.Errorf("audit log page, a repeated verify: %d: %.300s", status, errorText(body))
	}
	for _, tc := range apis {
		before := lastSeq()
		status, problem := it.send(tc.method, tc.path, tc.body)
		if status != tc.status || problem["field"] != tc.field {
			t.Errorf("%s: %s %s = %d field %v, want %d field %q: %v", tc.name, tc.method, tc.path, status, problem["field"], tc.status, tc.field, problem)
		}
		unchanged(tc.name, before)
	}
	// What was refused is still as it was.
	var after struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/relations", caseID), nil, 200, &after)
	if len(after.Items) != len(relations.Items) {
		t.Errorf("relations of the case: %d before, %d after the refused removals", len(relations.Items), len(after.Items))
	}
	it.call("GET", fmt.Sprintf("/api/v1/cases/%d/results", caseID), nil, 200, &after)
	if len(after.Items) != len(results.Items) {
		t.Errorf("results of the case: %d before, %d after the refused removals", len(results.Items), len(after.Items))
	}
	it.call("GET", fmt.Sprintf("/api/v1/entities/%d", entity.ID), nil, 200, nil)
	t.Logf("%d form posts, %d page queries and %d API requests in %s", len(cases)+2, len(gets), len(apis), time.Since(start).Round(time.Millisecond))
}

// signInAdmin signs in as the first administrator with the one-time
// password serve printed, chooses a password and sets up two-step
// sign-in, as the first sign-in asks.
func signInAdmin(t *testing.T, p *program, out string) *browser {
	t.Helper()
	m := regexp.MustCompile(`administrator "admin" with one-time password (\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatal("no one-time administrator password printed")
	}
	b := p.signIn("admin", m[1])
	b.refreshCSRF("/account")
	const pass = "a long enough administrator passphrase"
	if status, body := b.postOrigin("/account/password", url.Values{"current_password": {m[1]}, "new_password": {pass}, "confirm_password": {pass}}); status != http.StatusSeeOther {
		t.Fatalf("admin: new password: %d %.300s", status, errorText(body))
	}
	b.refreshCSRF("/account")
	_, body := b.postOrigin("/account/second-factor", url.Values{})
	secret := regexp.MustCompile(`id="second-factor-secret">([A-Z2-7]+)<`).FindStringSubmatch(body)
	if secret == nil {
		t.Fatalf("admin: no two-step secret shown: %.300s", errorText(body))
	}
	code, err := totp.GenerateCode(secret[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if status, body := b.postOrigin("/account/second-factor/confirm", url.Values{"code": {code}}); status != http.StatusOK {
		t.Fatalf("admin: confirm the two-step code: %d %.300s", status, errorText(body))
	}
	b.refreshCSRF("/admin")
	return b
}

// refreshCSRF takes the session's CSRF token from page path.
func (b *browser) refreshCSRF(path string) {
	b.p.t.Helper()
	_, body := b.get(path)
	if m := csrfField.FindStringSubmatch(body); m != nil {
		b.csrf = m[1]
	}
}

// postOrigin posts form v as a browser does, with the page's origin.
func (b *browser) postOrigin(path string, v url.Values) (int, string) {
	b.p.t.Helper()
	v.Set("csrf_token", b.csrf)
	req, _ := http.NewRequest("POST", b.p.base+path, strings.NewReader(v.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// postMultipartOrigin posts fields as a multipart form without a file.
func (b *browser) postMultipartOrigin(path string, fields map[string]string) (int, string) {
	b.p.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", b.csrf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", b.p.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

func (b *browser) do(req *http.Request) (int, string) {
	b.p.t.Helper()
	req.Header.Set("Origin", b.p.base)
	res, err := b.client.Do(req)
	if err != nil {
		b.p.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// send calls the API with a raw JSON body and returns the status and the
// problem it answered, if any.
func (c *apiClient) send(method, path, body string) (int, map[string]any) {
	c.p.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, c.p.base+path, r)
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.p.t.Fatal(err)
	}
	defer res.Body.Close()
	var problem map[string]any
	json.NewDecoder(res.Body).Decode(&problem)
	return res.StatusCode, problem
}

// errorText is the part of a page that says what went wrong: its error
// messages, else its start.
func errorText(body string) string {
	var out []string
	for _, m := range errorTextRE.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.TrimSpace(m[1]))
	}
	if len(out) == 0 {
		return body
	}
	return strings.Join(out, " | ")
}

var errorTextRE = regexp.MustCompile(`<p class="(?:field-error|lead)"[^>]*>([^<]*)`)

func wantStatus(s int) string {
	if s == 0 {
		return "a 4xx"
	}
	return fmt.Sprint(s)
}
