package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"crosscase/http/server"

	"crosscase"
)

// decodeCase is one request body and what decoding it must give.
type decodeCase struct {
	name   string
	body   string
	status int    // 0 when the body must decode
	field  string // the field the error must name
}

func checkDecode(t *testing.T, tc decodeCase, v any) {
	t.Helper()
	err := server.DecodeBody([]byte(tc.body), v)
	if tc.status == 0 {
		if err != nil {
			t.Errorf("%s: %q: unexpected error %v", tc.name, tc.body, err)
		}
		return
	}
	var re *server.RequestError
	if !errors.As(err, &re) {
		t.Errorf("%s: %q: got %v, want a %d naming %q", tc.name, tc.body, err, tc.status, tc.field)
		return
	}
	if re.Status != tc.status || re.Err.Field != tc.field || re.Err.Code != crosscase.EINVALID || re.Err.Message == "" {
		t.Errorf("%s: %q: got %d field=%q code=%s %q; want %d naming %q", tc.name, tc.body, re.Status, re.Err.Field, re.Err.Code, re.Err.Message, tc.status, tc.field)
	}
}

func TestDecodeStrictCaseCreate(t *testing.T) {
	for _, tc := range []decodeCase{
		{"valid", `{"title":"Operation","crime_types":["cybercrime"],"opened_on":"2025-03-01","asked_countries":["AL"],"victims":3}`, 0, ""},
		{"null date", `{"title":"x","closed_on":null}`, 0, ""},
		{"empty object", `{}`, 0, ""},
		{"surrogate pair", `{"title":"\ud83d\ude00"}`, 0, ""},
		{"escaped backslash then u", `{"title":"\\ud800"}`, 0, ""},
		{"leading whitespace", " \n\t{\"title\":\"x\"}\n", 0, ""},

		{"empty body", ``, 400, "body"},
		{"blank body", "  \n ", 400, "body"},
		{"array body", `[]`, 400, "body"},
		{"null body", `null`, 400, "body"},
		{"string body", `"x"`, 400, "body"},
		{"malformed", `{"title":"x",}`, 400, "title"},
		{"malformed first member", `{,"title":"x"}`, 400, "body"},
		{"missing comma", `{"title":"x" "summary":"y"}`, 400, "title"},
		{"malformed value", `{"title":"x","victims":tru}`, 400, "victims"},
		{"unclosed", `{"title":"x"`, 400, "body"},
		{"unclosed array", `{"crime_types":["a"`, 400, "body"},
		{"bad array separator", `{"crime_types":["a";"b"]}`, 400, "crime_types[1]"},
		{"unclosed array in object", `{"crime_types":["a"}`, 400, "crime_types[0]"},
		{"trailing object", `{"title":"x"}{}`, 400, "body"},
		{"trailing garbage", `{"title":"x"} x`, 400, "body"},
		{"string for int", `{"victims":"5"}`, 400, "victims"},
		{"fraction for int", `{"victims":1.5}`, 400, "victims"},
		{"exponent for int", `{"victims":1e3}`, 400, "victims"},
		{"int overflow", `{"victims":99999999999999999999}`, 400, "victims"},
		{"int64 overflow", `{"financial_damage_eur":9223372036854775808}`, 400, "financial_damage_eur"},
		{"number for string", `{"title":5}`, 400, "title"},
		{"bool for string", `{"title":true}`, 400, "title"},
		{"object for string", `{"title":{"a":1}}`, 400, "title"},
		{"object for array", `{"crime_types":{"a":1}}`, 400, "crime_types"},
		{"string for array", `{"crime_types":"cybercrime"}`, 400, "crime_types"},
		{"wrong element", `{"asked_countries":["AL",5]}`, 400, "asked_countries[1]"},
		{"wrong id element", `{"authority_ids":[1,"2"]}`, 400, "authority_ids[1]"},
		{"unknown field", `{"title":"x","owner_desk_id":4}`, 400, "owner_desk_id"},
		{"unknown nested", `{"nope":{"a":1}}`, 400, "nope"},
		{"case variant", `{"Title":"x"}`, 400, "Title"},
		{"duplicate key", `{"title":"a","title":"b"}`, 400, "title"},
		{"duplicate by case", `{"title":"a","TITLE":"b"}`, 400, "TITLE"},
		{"impossible date", `{"opened_on":"2025-02-30"}`, 400, "opened_on"},
		{"short date", `{"opened_on":"25-1-1"}`, 400, "opened_on"},
		{"date with time", `{"opened_on":"2025-01-01T00:00:00Z"}`, 400, "opened_on"},
		{"date too early", `{"opened_on":"1066-10-14"}`, 400, "opened_on"},
		{"number date", `{"opened_on":20250101}`, 400, "opened_on"},
		{"invalid UTF-8", "{\"title\":\"ab\xffcd\"}", 400, "title"},
		{"invalid UTF-8 in key", "{\"ti\xfftle\":\"x\"}", 400, "body"},
		{"invalid UTF-8 in date", "{\"opened_on\":\"2025\xff\"}", 400, "opened_on"},
		{"invalid UTF-8 in array", "{\"crime_types\":[\"x\",\"\xc3\"]}", 400, "crime_types[1]"},
		{"lone high surrogate", `{"title":"a\ud800b"}`, 400, "title"},
		{"lone low surrogate", `{"summary":"\udc00"}`, 400, "summary"},
		{"reversed pair", `{"title":"\ude00\ud83d"}`, 400, "title"},
		{"bad escape", `{"title":"\x"}`, 400, "title"},
	} {
		var req caseCreateRequest
		checkDecode(t, tc, &req)
	}
}

func TestDecodeStrictOtherTypes(t *testing.T) {
	for _, tc := range []decodeCase{
		{"update", `{"version":3,"title":"x","closed_on":"2025-01-31","status":"closed"}`, 0, ""},
		{"update null pointer", `{"version":3,"title":null}`, 0, ""},
		{"update wrong status type", `{"version":3,"status":1}`, 400, "status"},
		{"update version string", `{"version":"3"}`, 400, "version"},
		{"update server field", `{"version":3,"reference":"IT/1"}`, 400, "reference"},
	} {
		var upd crosscase.CaseUpdate
		checkDecode(t, tc, &upd)
	}
	var upd crosscase.CaseUpdate
	if err := server.DecodeBody([]byte(`{"version":3,"title":null,"victims":0}`), &upd); err != nil {
		t.Fatal(err)
	}
	if upd.Title != nil || upd.Victims == nil || *upd.Victims != 0 || upd.Version != 3 {
		t.Errorf("decoded %+v", upd)
	}
	for _, tc := range []decodeCase{
		{"person", `{"kind":"person","family_name":"Rossi","birth_date":"1980-02-29"}`, 0, ""},
		{"impossible birth date", `{"kind":"person","birth_date":"1981-02-29"}`, 400, "birth_date"},
		{"id not allowed", `{"kind":"person","id":3}`, 400, "id"},
	} {
		var req entityCreateRequest
		checkDecode(t, tc, &req)
	}
	for _, tc := range []decodeCase{
		{"user", `{"name":"anna","role":"analyst","desk_id":2,"password":"correct horse battery"}`, 0, ""},
		{"desk id string", `{"name":"anna","desk_id":"2"}`, 400, "desk_id"},
		{"negative into int64 ok", `{"desk_id":-2}`, 0, ""},
	} {
		var req userCreateRequest
		checkDecode(t, tc, &req)
	}
	for _, tc := range []decodeCase{
		{"disabled not bool", `{"version":1,"disabled":"yes"}`, 400, "disabled"},
	} {
		var upd crosscase.UserUpdate
		checkDecode(t, tc, &upd)
	}
}

func TestRequireVersion(t *testing.T) {
	for _, v := range []int{0, -1} {
		var re *server.RequestError
		if err := server.RequireVersion(v); !errors.As(err, &re) || re.Status != 400 || re.Err.Field != "version" {
			t.Errorf("requireVersion(%d) = %v", v, err)
		}
	}
	if err := server.RequireVersion(1); err != nil {
		t.Error(err)
	}
}

func TestReadJSONContentTypeAndSize(t *testing.T) {
	for _, tc := range []struct {
		ct     string
		body   string
		status int
		code   string
		field  string
	}{
		{"application/json", `{"label":"x"}`, 0, "", ""},
		{"application/json; charset=utf-8", `{"label":"x"}`, 0, "", ""},
		{"application/json; charset=UTF-8", `{"label":"x"}`, 0, "", ""},
		{"application/merge-patch+json", `{"label":"x"}`, 0, "", ""},
		{"", `{"label":"x"}`, 415, crosscase.EINVALID, "Content-Type"},
		{"text/plain", `{"label":"x"}`, 415, crosscase.EINVALID, "Content-Type"},
		{"application/x-www-form-urlencoded", `label=x`, 415, crosscase.EINVALID, "Content-Type"},
		{"application/json; charset=latin1", `{"label":"x"}`, 415, crosscase.EINVALID, "Content-Type"},
		{"application/json; boundary=x", `{"label":"x"}`, 415, crosscase.EINVALID, "Content-Type"},
		{"application/json;;", `{"label":"x"}`, 415, crosscase.EINVALID, "Content-Type"},
		{"application/json", `{"label":"` + strings.Repeat("a", server.MaxBodyBytes) + `"}`, 413, crosscase.ETOOLARGE, "body"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/tokens", strings.NewReader(tc.body))
		if tc.ct != "" {
			req.Header.Set("Content-Type", tc.ct)
		}
		var v tokenCreateRequest
		err := server.ReadJSON(req, &v)
		if tc.status == 0 {
			if err != nil || v.Label != "x" {
				t.Errorf("%q: %v, %+v", tc.ct, err, v)
			}
			continue
		}
		rec := httptest.NewRecorder()
		bareServer().APIError(rec, req, err)
		var p server.Problem
		if jerr := json.Unmarshal(rec.Body.Bytes(), &p); jerr != nil {
			t.Fatal(jerr)
		}
		if rec.Code != tc.status || p.Code != tc.code || p.Field != tc.field || rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%q (%d bytes): %d %+v; want %d %s naming %s", tc.ct, len(tc.body), rec.Code, p, tc.status, tc.code, tc.field)
		}
	}
}

func TestQueryHelpers(t *testing.T) {
	req := func(q string) *http.Request { return httptest.NewRequest(http.MethodGet, "/api/v1/cases?"+q, nil) }
	for _, tc := range []struct {
		q, field string
	}{
		{"contry=IT", "contry"},
		{"status=open&status=closed", "status"},
		{"limit=abc", "limit"},
		{"limit=0", "limit"},
		{"limit=201", "limit"},
		{"opened_from=2025-02-30", "opened_from"},
		{"opened_to=yesterday", "opened_to"},
		{"q=%ff", "q"},
		{"country=it", "country"},
		{"crime_type=shoplifting", "crime_type"},
		{"scope=mine", "scope"},
		{"status=pending", "status"},
		{"priority=urgent", "priority"},
		{"opened_from=2025-03-01&opened_to=2025-01-01", "opened_to"},
		{"q=a%00b", "q"},
	} {
		_, err := caseFilterFromAPIQuery(req(tc.q))
		if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) != tc.field {
			t.Errorf("?%s: %v; want EINVALID naming %s", tc.q, err, tc.field)
		}
	}
	f, err := caseFilterFromAPIQuery(req("scope=owned&country=AL&crime_type=cybercrime&status=open&opened_from=2024-01-01&opened_to=2024-12-31&q=ransom&limit=7&cursor=abc"))
	if err != nil {
		t.Fatal(err)
	}
	want := crosscase.CaseFilter{Scope: crosscase.ScopeOwned, Country: "AL", CrimeType: "cybercrime", Status: crosscase.CaseOpen,
		OpenedFrom: crosscase.Date{Year: 2024, Month: 1, Day: 1}, OpenedTo: crosscase.Date{Year: 2024, Month: 12, Day: 31},
		Query: "ransom", Cursor: "abc", Limit: 7}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("filter = %+v, want %+v", f, want)
	}
	for _, p := range []string{"", "abc", "0", "-1", "1.0", "99999999999999999999", "1e3", " 1"} {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/cases/x", nil)
		r.SetPathValue("id", p)
		if _, err := server.APIPathID(r, "id", "Case"); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Errorf("path id %q: %v, want ENOTFOUND", p, err)
		}
	}
}

// The fuzz targets below feed arbitrary bodies to the decoder of each
// request type. Whatever the input: no panic; a refusal is a 400 naming a
// field; and a body that decodes and validates must, encoded again,
// decode to the same value and validate again.

// fuzzDecode decodes data into a new T, checks the refusal shape, and
// returns the value when it decoded.
func fuzzDecode[T any](t *testing.T, data []byte) (*T, bool) {
	v := new(T)
	err := server.DecodeBody(data, v)
	if err == nil {
		return v, true
	}
	var re *server.RequestError
	if !errors.As(err, &re) {
		t.Fatalf("decode %q: error %v is not a request error", data, err)
	}
	if re.Status != http.StatusBadRequest || re.Err.Code != crosscase.EINVALID || re.Err.Field == "" || re.Err.Message == "" {
		t.Fatalf("decode %q: %d %+v", data, re.Status, re.Err)
	}
	return nil, false
}

// roundTrip encodes v, decodes it strictly into a new T and checks it
// equals v.
func roundTrip[T any](t *testing.T, v *T) *T {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %+v: %v", v, err)
	}
	w := new(T)
	if err := server.DecodeBody(b, w); err != nil {
		t.Fatalf("accepted value %+v does not decode again from %s: %v", v, b, err)
	}
	if !reflect.DeepEqual(v, w) {
		t.Fatalf("round trip changed the value:\n%+v\n%+v", v, w)
	}
	return w
}

// reapply encodes an update and decodes it strictly again. Unlike
// roundTrip it does not compare the two: a date given as "" (clear it)
// encodes as null (leave it), so the caller compares what they do.
func reapply[T any](t *testing.T, v *T) *T {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %+v: %v", v, err)
	}
	w := new(T)
	if err := server.DecodeBody(b, w); err != nil {
		t.Fatalf("accepted value %+v does not decode again from %s: %v", v, b, err)
	}
	return w
}

func addSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

var commonSeeds = []string{
	``, `{}`, `null`, `[]`, `{"a":1}`, `{"title":"x","title":"y"}`, "{\"title\":\"\xff\"}", `{"title":"\ud800"}`,
	`{"version":1}`, `{"version":0}`, `{"version":"1"}`, `{} {}`, `{"opened_on":"2025-02-30"}`,
}

func FuzzDecodeCaseCreate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"title":"Operation Lake","crime_types":["drug_trafficking","money_laundering"],"asked_countries":["AL","DE"],"opened_on":"2024-05-01","victims":2,"financial_damage_eur":1000000}`,
		`{"title":"Closed","crime_types":["cybercrime"],"opened_on":"2024-05-01","closed_on":"2024-04-01","status":"closed"}`,
		`{"title":"a\u0007b","crime_types":["other"],"opened_on":"2024-05-01"}`,
		`{"title":"x","crime_types":["other"],"opened_on":"2024-05-01","priority":"empact_cyber_attacks","authority_ids":[1,2]}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := fuzzDecode[caseCreateRequest](t, data)
		if !ok {
			return
		}
		if err := req.toCase().Validate(); err != nil {
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) == "" {
				t.Fatalf("validate: %v", err)
			}
			return
		}
		if err := roundTrip(t, req).toCase().Validate(); err != nil {
			t.Fatalf("accepted case no longer validates: %v", err)
		}
	})
}

// validCase is a case every update is applied to.
func validCase() *crosscase.Case {
	return &crosscase.Case{ID: 1, Title: "Base", CrimeTypes: []string{"cybercrime"}, Status: crosscase.CaseOpen,
		OpenedOn: crosscase.Date{Year: 2024, Month: 1, Day: 10}, Version: 1}
}

func FuzzDecodeCaseUpdate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"version":1,"status":"closed","closed_on":"2024-02-01"}`,
		`{"version":1,"asked_countries":null,"crime_types":[]}`,
		`{"version":1,"summary":"line\nline\ttab"}`,
		`{"version":2,"opened_on":null}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		upd, ok := fuzzDecode[crosscase.CaseUpdate](t, data)
		if !ok {
			return
		}
		c := validCase()
		upd.Apply(c)
		if c.Validate() != nil {
			return
		}
		c2 := validCase()
		reapply(t, upd).Apply(c2)
		if err := c2.Validate(); err != nil {
			t.Fatalf("accepted update no longer validates: %v", err)
		}
		if !reflect.DeepEqual(c, c2) {
			t.Fatalf("update encoded again changes the case differently:\n%+v\n%+v", c, c2)
		}
	})
}

func FuzzDecodeEntityCreate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"kind":"person","role":"suspect","given_name":"Ana","family_name":"Hoxha","birth_date":"1990-01-01","nationality":"AL"}`,
		`{"kind":"iban","value":"DE89 3704 0044 0532 0130 00"}`,
		`{"kind":"email","value":"a@example.org"}`,
		`{"kind":"phone","value":"+355 69 123 4567","country":"AL"}`,
		`{"kind":"ocg","name":"Clan","notes":"two\nlines"}`,
		`{"kind":"person","family_name":"A\u0000B"}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := fuzzDecode[entityCreateRequest](t, data)
		if !ok {
			return
		}
		if err := req.toEntity(1).Validate(crosscase.DateOf(time.Now())); err != nil {
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) == "" {
				t.Fatalf("validate: %v", err)
			}
			return
		}
		if err := roundTrip(t, req).toEntity(1).Validate(crosscase.DateOf(time.Now())); err != nil {
			t.Fatalf("accepted entity no longer validates: %v", err)
		}
	})
}

func FuzzDecodeEntityUpdate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"version":1,"given_name":"Ana","birth_date":"1990-01-01"}`,
		`{"version":1,"value":"x","role":"victim"}`,
		`{"version":1,"nationality":"al"}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		upd, ok := fuzzDecode[crosscase.EntityUpdate](t, data)
		if !ok {
			return
		}
		base := func() *crosscase.Entity {
			return &crosscase.Entity{ID: 1, CaseID: 1, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, FamilyName: "Base", Version: 1}
		}
		e := base()
		upd.Apply(e)
		if e.Validate(crosscase.DateOf(time.Now())) != nil {
			return
		}
		e2 := base()
		reapply(t, upd).Apply(e2)
		if err := e2.Validate(crosscase.DateOf(time.Now())); err != nil {
			t.Fatalf("accepted entity update no longer validates: %v", err)
		}
		if !reflect.DeepEqual(e, e2) {
			t.Fatalf("update encoded again changes the entity differently:\n%+v\n%+v", e, e2)
		}
	})
}

func FuzzDecodeUserCreate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"name":"anna.rossi","display_name":"Anna Rossi","role":"desk_member","desk_id":1,"password":"long enough password"}`,
		`{"name":"Anna","role":"administrator"}`,
		`{"name":"x","role":"analyst"}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := fuzzDecode[userCreateRequest](t, data)
		if !ok {
			return
		}
		if req.toUser().Validate() != nil {
			return
		}
		if err := roundTrip(t, req).toUser().Validate(); err != nil {
			t.Fatalf("accepted user no longer validates: %v", err)
		}
	})
}

func FuzzDecodeAgreementCreate(f *testing.F) {
	addSeeds(f, commonSeeds...)
	addSeeds(f,
		`{"country_code":"AL","kind":"cooperation_agreement","signed_on":"2018-10-05","title":"Agreement on cooperation"}`,
		`{"organisation":"Interpol","kind":"working_arrangement","signed_on":"2021-01-01"}`,
		`{"country_code":"AL","organisation":"X","kind":"working_arrangement","signed_on":"2021-01-01"}`)
	f.Fuzz(func(t *testing.T, data []byte) {
		req, ok := fuzzDecode[agreementCreateRequest](t, data)
		if !ok {
			return
		}
		today := crosscase.DateOf(time.Now()).AddDays(1)
		if req.toAgreement().Validate(today) != nil {
			return
		}
		if err := roundTrip(t, req).toAgreement().Validate(today); err != nil {
			t.Fatalf("accepted agreement no longer validates: %v", err)
		}
	})
}

// FuzzParseDate checks that an accepted date prints back as given, and
// survives JSON both ways.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2025-01-31", "2025-02-30", "2024-02-29", "1900-01-01", "2200-12-31", "1899-12-31",
		"2025-1-1", "+2025-01-01", "2025-01-01T00:00:00Z", "", "0000-00-00", "２０２５-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := crosscase.ParseDate(s)
		if err != nil {
			return
		}
		if d.IsZero() || d.Year < 1900 || d.Year > 2200 {
			t.Fatalf("ParseDate(%q) = %+v", s, d)
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q) prints as %q", s, d.String())
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		var back crosscase.Date
		if err := json.Unmarshal(b, &back); err != nil || back != d {
			t.Fatalf("JSON round trip of %v: %v, %v", d, back, err)
		}
	})
}

// FuzzCaseFilterValidate checks that Validate never panics, names a field
// when it refuses, and accepts again what it accepted.
func FuzzCaseFilterValidate(f *testing.F) {
	f.Add("owned", "IT", "cybercrime", "open", "", "2024-01-01", "2024-12-31", "q", 10)
	f.Add("mine", "it", "x", "pending", "urgent", "2024-02-30", "", "a\x00", -1)
	f.Add("", "", "", "", "", "", "", "", 0)
	f.Fuzz(func(t *testing.T, scope, country, crimeType, status, priority, from, to, q string, limit int) {
		fl := crosscase.CaseFilter{Scope: crosscase.CaseScope(scope), Country: country, CrimeType: crimeType,
			Status: crosscase.CaseStatus(status), Priority: priority, Query: q, Limit: limit}
		fl.OpenedFrom, _ = crosscase.ParseDate(from)
		fl.OpenedTo, _ = crosscase.ParseDate(to)
		if err := fl.Validate(); err != nil {
			if crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) == "" {
				t.Fatalf("Validate: %v", err)
			}
			return
		}
		if fl.Limit < 1 || fl.Limit > 200 {
			t.Fatalf("accepted limit %d", fl.Limit)
		}
		again := fl
		if err := again.Validate(); err != nil || again != fl {
			t.Fatalf("accepted filter refused or changed on second validation: %v", err)
		}
	})
}

// The remaining request bodies: each decodes strictly (an error names a
// field, never panics), and what decodes survives a round trip and, where
// the domain validates it, validates with a field-naming error.

func fuzzRequest[T any](f *testing.F, seeds []string, validate func(*T) error) {
	addSeeds(f, commonSeeds...)
	addSeeds(f, seeds...)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, ok := fuzzDecode[T](t, data)
		if !ok {
			return
		}
		roundTrip(t, v)
		if validate == nil {
			return
		}
		if err := validate(v); err != nil && (crosscase.ErrorCode(err) != crosscase.EINVALID || crosscase.ErrorField(err) == "") {
			t.Fatalf("validate %+v: %v", v, err)
		}
	})
}

func FuzzDecodeDeskCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"country_code":"IT","kind":"national_desk","name":"Italy"}`, `{"country_code":"it","kind":"x"}`},
		func(r *deskCreateRequest) error {
			return (&crosscase.Desk{CountryCode: r.CountryCode, Kind: r.Kind, Name: r.Name}).Validate()
		})
}

func FuzzDecodeDeskUpdate(f *testing.F) {
	fuzzRequest[crosscase.DeskUpdate](f, []string{`{"version":1,"name":"Italy"}`, `{"version":1,"name":null}`}, nil)
}

func FuzzDecodeCountryUpdate(f *testing.F) {
	fuzzRequest[crosscase.CountryUpdate](f, []string{`{"standing":"liaison_prosecutor"}`, `{"standing":"queen"}`}, nil)
}

func FuzzDecodeAuthorityCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"country_code":"AL","name":"Prokuroria e Posaçme","kind":"prosecution","city":"Tirana"}`},
		func(r *authorityCreateRequest) error {
			return (&crosscase.Authority{CountryCode: r.CountryCode, Name: r.Name, Kind: r.Kind, City: r.City}).Validate()
		})
}

func FuzzDecodeTokenCreate(f *testing.F) {
	fuzzRequest(f, []string{`{"label":"laptop"}`, `{"label":"x","user_id":3}`},
		func(r *tokenCreateRequest) error { return crosscase.CheckText("label", r.Label, 100, false) })
}

func FuzzDecodeGrant(f *testing.F) {
	fuzzRequest[grantRequest](f, []string{`{"desk_id":3}`, `{"desk_id":-1}`}, nil)
}

func FuzzDecodeUserUpdate(f *testing.F) {
	fuzzRequest[crosscase.UserUpdate](f, []string{`{"version":1,"role":"analyst","disabled":true,"desk_id":2}`}, nil)
}

func FuzzDecodeAgreementUpdate(f *testing.F) {
	fuzzRequest[crosscase.AgreementUpdate](f, []string{`{"version":1,"kind":"working_arrangement","signed_on":"2025-04-30","title":"Korea"}`}, nil)
}
