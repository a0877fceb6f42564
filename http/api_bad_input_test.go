package http

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIBadInputSweep sends bad input to every operation of the API
// description the server serves (/api/openapi.json) that takes a body,
// query parameters or ids in its path, on the demo operations, as a desk
// member, a liaison prosecutor, an analyst, a statistics user and an
// administrator:
//
//   - for every JSON body: malformed JSON, data after the object, an
//     unknown field, an empty body, an array, a body of several MB and
//     bodies that are not JSON by their Content-Type; and for each of its
//     fields: a duplicate key, every wrong JSON type, null when the field
//     is required, and the bad values of its kind (impossible, ancient
//     and far dates; unknown and lower-case country codes; unknown enum
//     values; negative, fractional and int64-overflowing numbers; control
//     characters, NUL, a bidi override, a 100,000-character text, a lone
//     surrogate, invalid UTF-8; wrong array elements);
//   - for every query parameter: values that are not of its type, bad
//     dates, unknown codes, control characters, invalid UTF-8, the
//     parameter twice, and an unknown parameter;
//   - for every id in a path: negative, zero, not a number, beyond int64,
//     and written otherwise than the API writes it ("+1", "007").
//
// Every answer must be a 4xx problem document (400, 413, 415 or 422 for a
// request that cannot be read or a value refused; 404 for an id that
// names nothing) naming the offending field, and the store must not
// change: every table but the audit log and the bookkeeping of sessions
// and tokens is compared before and after each operation's requests. At
// the end each operation's valid body is sent once and must succeed, so
// that the refusals were the bad value's and not the rest of the body's.
func TestAPIBadInputSweep(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		ts.loadDemo() // with the demo's hits
		sw := newSweep(t, ts, db)
		sw.bodies()
		sw.queries()
		sw.unknownQueries()
		sw.unwantedBodies()
		sw.paths()
		t.Logf("%d requests: %d refused as they must be, %d defects", sw.sent, sw.sent-sw.defects, sw.defects)
		sw.basesSucceed()
	})
}

// sweep holds the server, its API description and the demo's callers.
type sweep struct {
	t       *testing.T
	ts      *testServer
	db      *sqldb.DB
	doc     map[string]any
	users   map[string]*apiClient
	ops     []sweepOp
	sent    int
	defects int
}

// sweepOp is an operation with a JSON body: who calls it, where, and a
// valid body (the fields' values are replaced one at a time).
type sweepOp struct {
	user, method, path string
	base               func() map[string]any
	// exclusive names, for a field, the fields of the base that may not
	// be given with it (an agreement is a country's or an organisation's).
	exclusive map[string][]string
}

func newSweep(t *testing.T, ts *testServer, db *sqldb.DB) *sweep {
	sw := &sweep{t: t, ts: ts, db: db, users: map[string]*apiClient{}}
	for _, name := range []string{"it.rossi", "al.hoxha", "ro.popescu", "analyst.conti", "stats.jansen", "fr.lefevre"} {
		u, err := db.FindUserByName(systemContext(), name)
		if err != nil {
			t.Fatal(err)
		}
		sw.users[name] = &apiClient{ts: ts, User: u, Token: ts.token(u), Header: http.Header{}}
	}
	sw.users["admin"] = ts.apiUser("sweep.admin", crosscase.RoleAdministrator, "")
	ts.anonymous().get("/api/openapi.json").decode(t, http.StatusOK, &sw.doc)
	sw.setUp()
	return sw
}

// get reads path as user into a generic JSON value.
func (sw *sweep) get(user, path string) map[string]any {
	sw.t.Helper()
	var v map[string]any
	sw.users[user].get(path).decode(sw.t, http.StatusOK, &v)
	return v
}

// post creates something the sweep needs and returns it.
func (sw *sweep) post(user, path string, body any) map[string]any {
	sw.t.Helper()
	res := sw.users[user].post(path, body)
	if res.Status != http.StatusCreated && res.Status != http.StatusOK {
		sw.t.Fatalf("set-up: %v", res)
	}
	var v map[string]any
	if err := json.Unmarshal(res.Body, &v); err != nil {
		sw.t.Fatal(err)
	}
	return v
}

func items(v map[string]any) []map[string]any {
	var out []map[string]any
	for _, x := range v["items"].([]any) {
		out = append(out, x.(map[string]any))
	}
	return out
}

func idOf(v map[string]any) int64 { return int64(v["id"].(float64)) }

// setUp finds the demo's records the operations are called on, makes the
// few the demo lacks (arrest warrants whose clocks run or were missed, an
// open coordination centre with a measure), and lists the operations.
func (sw *sweep) setUp() {
	t := sw.t
	day := func(offset int) string { return crosscase.DateOf(time.Now()).AddDays(offset).String() }
	var gold, albania int64 // the IT case asking RO, the IT case asking AL
	for _, c := range items(sw.get("it.rossi", "/api/v1/cases")) {
		switch title := c["title"].(string); {
		case strings.HasPrefix(title, "Gold robbers"):
			gold = idOf(c)
		case strings.Contains(title, "Albanian"):
			albania = idOf(c)
		}
	}
	if gold == 0 || albania == 0 {
		t.Fatal("the demo's Italian cases are missing")
	}
	cp := func(id int64) string { return "/api/v1/cases/" + strconv.FormatInt(id, 10) }
	ents := items(sw.get("it.rossi", cp(albania)+"/entities"))
	var persons []int64
	for _, e := range ents {
		if e["kind"] == "person" {
			persons = append(persons, idOf(e))
		}
	}
	entity := fmt.Sprintf("/api/v1/entities/%d", persons[0])
	var hit int64 // a hit on an entity of the Italian desk's, which it decides
	for _, h := range items(sw.get("it.rossi", "/api/v1/hits")) {
		if h["side"] == "found" {
			hit = idOf(h)
		}
	}
	desks := map[string]int64{}
	for _, d := range items(sw.get("admin", "/api/v1/desks")) {
		desks[d["country_code"].(string)] = idOf(d)
	}
	agreement := idOf(items(sw.get("admin", "/api/v1/agreements"))[0])
	analyst := sw.users["analyst.conti"].User.ID
	jitList := items(sw.get("it.rossi", "/api/v1/jits"))
	jit := jitList[0]
	jp := fmt.Sprintf("/api/v1/jits/%d", idOf(jit))
	var itAuthority int64
	for _, p := range jit["parties"].([]any) {
		if p := p.(map[string]any); p["country_code"] == "IT" {
			itAuthority = int64(p["authority_ids"].([]any)[0].(float64))
		}
	}
	roAuthority := idOf(items(sw.get("it.rossi", "/api/v1/authorities?country=RO"))[0])
	funding := idOf(sw.post("it.rossi", jp+"/funding", map[string]any{"label": "Sweep", "applied_eur": 50000, "applied_on": day(-20)}))
	newMember := sw.ts.user("sweep.it.member", crosscase.RoleDeskMember, "IT")
	meeting := idOf(items(sw.get("it.rossi", cp(albania)+"/meetings"))[0])
	mla := idOf(items(sw.get("it.rossi", cp(albania)+"/instruments"))[0])

	// Arrest warrants of the Gold case: one whose decision limit runs
	// (extensions), one whose decision limit was missed (delay reasons),
	// one whose surrender limit runs (a new surrender date).
	eaw := func(ref string, extra map[string]any) int64 {
		body := map[string]any{"type": "eaw", "reference": ref, "issuing_country": "IT", "executing_country": "RO"}
		for k, v := range extra {
			body[k] = v
		}
		return idOf(sw.post("it.rossi", cp(gold)+"/instruments", body))
	}
	running := eaw("SWEEP/RUNNING", map[string]any{"issued_on": day(-12), "received_on": day(-11), "arrest_on": day(-10), "status": "arrested"})
	missed := eaw("SWEEP/MISSED", map[string]any{"issued_on": day(-200), "received_on": day(-199), "arrest_on": day(-150), "status": "arrested"})
	surrender := eaw("SWEEP/SURRENDER", map[string]any{"issued_on": day(-40), "received_on": day(-39), "arrest_on": day(-38), "decision_on": day(-5), "status": "surrender_ordered"})
	if _, err := sw.db.SweepMissedDeadlines(systemContext()); err != nil {
		t.Fatal(err)
	}
	ip := func(id int64) string { return fmt.Sprintf("/api/v1/instruments/%d", id) }
	version := func(user, path string) func() any {
		return func() any { return sw.get(user, path)["version"] }
	}

	// An open coordination centre of the Gold case, with a measure.
	action := day(30)
	centre := idOf(sw.post("it.rossi", cp(gold)+"/centres", map[string]any{"name": "Sweep centre", "action_date": action,
		"zones": []any{map[string]any{"country": "IT", "zone": "Europe/Rome"}}}))
	cep := fmt.Sprintf("/api/v1/centres/%d", centre)
	measure := idOf(sw.post("it.rossi", cep+"/measures", map[string]any{"kind": "search", "country": "IT", "place": "Arezzo", "planned_at": action + "T05:00:00Z"}))
	mp := fmt.Sprintf("/api/v1/measures/%d", measure)
	measureVersion := func() any {
		for _, m := range sw.get("it.rossi", cep)["measures"].([]any) {
			if m := m.(map[string]any); idOf(m) == measure {
				return m["version"]
			}
		}
		t.Fatal("the sweep's measure is gone")
		return nil
	}
	centreVersion := func() any { return sw.get("it.rossi", cep)["centre"].(map[string]any)["version"] }

	// A notice of the French desk, to add a desk to.
	var notice int64
	for _, n := range items(sw.get("fr.lefevre", "/api/v1/notices?box=outbox")) {
		notice = idOf(n)
	}
	newRecipient := desks["SE"] // a desk the notice was not sent to
	if newRecipient == 0 {
		newRecipient = sw.ts.desk("SE", crosscase.DeskNational).ID
	}
	for _, r := range sw.get("fr.lefevre", fmt.Sprintf("/api/v1/notices/%d", notice))["recipient_desk_ids"].([]any) {
		if int64(r.(float64)) == newRecipient {
			t.Fatal("the demo's notice was sent to the Swedish desk")
		}
	}
	jitEnds, err := crosscase.ParseDate(jit["current_ends_on"].(string))
	if err != nil {
		t.Fatal(err)
	}

	m := func(kv ...any) func() map[string]any {
		return func() map[string]any {
			out := map[string]any{}
			for i := 0; i < len(kv); i += 2 {
				v := kv[i+1]
				if f, ok := v.(func() any); ok {
					v = f()
				}
				out[kv[i].(string)] = v
			}
			return out
		}
	}
	sw.ops = []sweepOp{
		{"analyst.conti", "PATCH", "/api/v1/me", m("language", "it"), nil},
		{"it.rossi", "POST", "/api/v1/cases", m("title", "Sweep", "crime_types", []any{"other"}, "opened_on", day(-30), "asked_countries", []any{"AL"}), nil},
		{"it.rossi", "PATCH", cp(gold), m("version", version("it.rossi", cp(gold))), nil},
		{"it.rossi", "POST", cp(gold) + "/grants", m("desk_id", desks["FR"]), nil},
		{"it.rossi", "POST", cp(gold) + "/entities", m("kind", "person", "family_name", "Sweep"), nil},
		{"it.rossi", "PATCH", entity, m("version", version("it.rossi", entity)), nil},
		{"it.rossi", "POST", fmt.Sprintf("/api/v1/hits/%d/decision", hit), m("status", "restricted", "reason", "Sweep"), nil},
		{"admin", "POST", "/api/v1/desks", m("country_code", "JP", "kind", "liaison_prosecutor", "name", "Sweep"), nil},
		{"admin", "PATCH", fmt.Sprintf("/api/v1/desks/%d", desks["IT"]), m("version", version("admin", fmt.Sprintf("/api/v1/desks/%d", desks["IT"]))), nil},
		{"admin", "PATCH", "/api/v1/countries/JP", m("standing", "none"), nil},
		{"admin", "POST", "/api/v1/agreements", m("country_code", "JP", "kind", "working_arrangement", "signed_on", "2024-01-01", "title", "Sweep"),
			map[string][]string{"organisation": {"country_code"}}},
		{"fr.lefevre", "POST", "/api/v1/notices", m("subject", "Sweep", "body", "Sweep", "recipient_desk_ids", []any{desks["IT"]}), nil},
		{"admin", "PATCH", fmt.Sprintf("/api/v1/agreements/%d", agreement), m("version", version("admin", fmt.Sprintf("/api/v1/agreements/%d", agreement))), nil},
		{"admin", "POST", "/api/v1/authorities", m("country_code", "IT", "name", "Sweep", "kind", "police", "city", "Roma"), nil},
		{"admin", "POST", "/api/v1/users", m("name", "sweep.user", "role", "analyst", "desk_id", desks["IT"], "password", "correct horse battery staple sweep"), nil},
		{"admin", "PATCH", fmt.Sprintf("/api/v1/users/%d", analyst), m("version", version("admin", fmt.Sprintf("/api/v1/users/%d", analyst))), nil},
		{"it.rossi", "POST", "/api/v1/tokens", m("label", "sweep"), nil},
		{"it.rossi", "POST", "/api/v1/jits", m("name", "Sweep JIT", "parties", []any{map[string]any{"country_code": "IT", "authority_ids": []any{itAuthority}}, map[string]any{"country_code": "RO", "authority_ids": []any{roAuthority}}}, "case_ids", []any{gold}, "signed_on", day(-10), "duration_months", 12), nil},
		{"it.rossi", "POST", jp + "/extensions", m("new_ends_on", jitEnds.AddDays(365).String(), "agreed_on", day(0), "reason", "Sweep"), nil},
		{"it.rossi", "POST", jp + "/cases", m("case_id", gold), nil},
		{"it.rossi", "POST", jp + "/funding", m("label", "Sweep", "applied_eur", 1000, "applied_on", day(-1)), nil},
		{"it.rossi", "PATCH", fmt.Sprintf("%s/funding/%d", jp, funding), m("status", "granted", "granted_eur", 40000, "decided_on", day(-1)), nil},
		{"it.rossi", "POST", jp + "/members", m("user_id", newMember.ID, "country_code", "IT", "authority_id", itAuthority), nil},
		{"it.rossi", "POST", jp + "/messages", m("body", "Sweep"), nil},
		{"it.rossi", "POST", cp(albania) + "/meetings", m("starts_at", day(10)+"T10:00:00Z", "agenda", "Sweep"), nil},
		{"it.rossi", "PATCH", fmt.Sprintf("/api/v1/meetings/%d", meeting), m("version", version("it.rossi", fmt.Sprintf("/api/v1/meetings/%d", meeting))), nil},
		{"it.rossi", "POST", cp(albania) + "/actions", m("date", day(-3), "name", "Sweep"), nil},
		{"it.rossi", "POST", cp(albania) + "/results", m("kind", "arrest", "country", "IT", "date", "2025-05-27", "count", 1), nil},
		{"it.rossi", "POST", cp(albania) + "/instruments", m("type", "mla", "reference", "SWEEP/MLA", "issuing_country", "IT", "executing_country", "AL", "issued_on", day(-20)), nil},
		{"it.rossi", "PATCH", ip(mla), m("version", version("it.rossi", ip(mla))), nil},
		{"it.rossi", "POST", ip(running) + "/extensions", m("clock", "eaw_decision", "days", 30, "reason", "Sweep"), nil},
		{"it.rossi", "POST", ip(surrender) + "/surrender-dates", m("version", version("it.rossi", ip(surrender)), "agreed_on", day(3), "ground", "humanitarian", "reason", "Sweep"), nil},
		{"ro.popescu", "POST", ip(missed) + "/delay-reasons", m("version", version("ro.popescu", ip(missed)), "clock", "eaw_decision", "reasons", "Sweep"), nil},
		{"fr.lefevre", "POST", fmt.Sprintf("/api/v1/notices/%d/recipients", notice), m("desk_ids", []any{newRecipient}), nil},
		{"it.rossi", "PUT", cp(gold) + "/retention", m("time_barred_on", "2040-01-01"), nil},
		{"it.rossi", "POST", cp(gold) + "/retention/reviews", m("decision", "keep", "reason", "Sweep", "keep_until", day(365)), nil},
		{"it.rossi", "POST", entity + "/acquittal", m("final_on", day(-10)), nil},
		{"it.rossi", "POST", cp(gold) + "/centres", m("name", "Sweep centre 2", "action_date", day(40), "zones", []any{map[string]any{"country": "IT", "zone": "Europe/Rome"}}), nil},
		{"it.rossi", "POST", cep + "/measures", m("kind", "search", "country", "IT", "place", "Arezzo", "planned_at", action+"T06:00:00Z"), nil},
		{"it.rossi", "POST", cep + "/messages", m("text", "Sweep"), nil},
		{"it.rossi", "POST", mp + "/state", m("version", measureVersion, "state", "under_way"), nil},
		{"it.rossi", "POST", mp + "/decisions", m("type", "eio", "issuing_country", "IT", "executing_country", "RO", "reference", "SWEEP/EIO"), nil},
		{"it.rossi", "POST", cp(albania) + "/relations", m("from_id", persons[1], "to_id", persons[2], "kind", "associate_of"), nil},
		// Last: closing the centre ends the measures' operations.
		{"it.rossi", "POST", cep + "/close", m("version", centreVersion), nil},
	}
	sw.checkEveryBodyOperation()
}

// checkEveryBodyOperation fails when an operation of the API description
// that takes a JSON body has no entry in the sweep.
func (sw *sweep) checkEveryBodyOperation() {
	for p, ops := range sw.doc["paths"].(map[string]any) {
		for method, op := range ops.(map[string]any) {
			content, _ := dig(op, "requestBody", "content").(map[string]any)
			if _, ok := content["application/json"]; !ok {
				continue
			}
			found := false
			for _, o := range sw.ops {
				if strings.EqualFold(o.method, method) && patternMatches(p, o.path) {
					found = true
				}
			}
			if !found {
				sw.t.Errorf("%s %s takes a JSON body but the sweep has no valid body for it", strings.ToUpper(method), p)
			}
		}
	}
}

func patternMatches(pattern, path string) bool {
	re := "^" + regexp.MustCompile(`\\\{[^}]+\\\}`).ReplaceAllString(regexp.QuoteMeta(pattern), `[^/]+`) + "$"
	return regexp.MustCompile(re).MatchString(path)
}

// dig walks nested JSON objects by key.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// resolve follows a schema's $ref.
func (sw *sweep) resolve(s map[string]any) map[string]any {
	for {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		s = dig(sw.doc, strings.Split(strings.TrimPrefix(ref, "#/"), "/")...).(map[string]any)
	}
}

// properties returns the fields of an object schema and which are required.
func (sw *sweep) properties(s map[string]any) (map[string]map[string]any, map[string]bool) {
	s = sw.resolve(s)
	props, req := map[string]map[string]any{}, map[string]bool{}
	if all, ok := s["allOf"].([]any); ok {
		for _, x := range all {
			p, r := sw.properties(x.(map[string]any))
			for k, v := range p {
				props[k] = v
			}
			for k := range r {
				req[k] = true
			}
		}
	}
	for k, v := range dig(s, "properties").(map[string]any) {
		props[k] = sw.resolve(v.(map[string]any))
	}
	if r, ok := s["required"].([]any); ok {
		for _, k := range r {
			req[k.(string)] = true
		}
	}
	return props, req
}

// operation returns the API description's operation for method and path.
func (sw *sweep) operation(method, path string) map[string]any {
	for p, ops := range sw.doc["paths"].(map[string]any) {
		if patternMatches(p, path) {
			if op, ok := ops.(map[string]any)[strings.ToLower(method)].(map[string]any); ok {
				return op
			}
		}
	}
	sw.t.Fatalf("%s %s is not in the API description", method, path)
	return nil
}

// schemaType is a schema's JSON type, null aside, and whether null is allowed.
func schemaType(s map[string]any) (string, bool) {
	switch t := s["type"].(type) {
	case string:
		return t, false
	case []any:
		typ, null := "", false
		for _, x := range t {
			if x == "null" {
				null = true
			} else {
				typ = x.(string)
			}
		}
		return typ, null
	}
	return "", false
}

// badValue is a value a field must refuse, as raw JSON (which may be
// invalid UTF-8 or not JSON at all).
type badValue struct {
	label string
	raw   string
}

func quoted(s string) string { b, _ := json.Marshal(s); return string(b) }

// badValues returns the values field (of schema s) must refuse.
func badValues(name string, s map[string]any, required bool) []badValue {
	typ, null := schemaType(s)
	var out []badValue
	add := func(label string, raws ...string) {
		for _, r := range raws {
			out = append(out, badValue{label, r})
		}
	}
	if required && !null {
		add("null for a required field", "null")
	}
	switch typ {
	case "string":
		add("wrong type", "5", "true", "{}", "[]")
		isCountry := strings.Contains(name, "country") || name == "nationality"
		switch {
		case s["format"] == "date":
			add("impossible or out-of-range date", `"2025-02-30"`, `"0000-01-01"`, `"99999-01-01"`, `"1000-01-01"`, `"3000-01-01"`, `"2025-1-1"`, `"2025-01-01T00:00:00Z"`)
		case s["format"] == "date-time":
			add("impossible or out-of-range time", `"2025-02-30T10:00:00Z"`, `"0000-01-01T00:00:00Z"`, `"99999-01-01T00:00:00Z"`, `"2025-05-06T25:00:00Z"`,
				`"1000-01-01T00:00:00Z"`, `"3000-01-01T00:00:00Z"`, `"2025-05-06"`, `"2025-05-06T10:00:00"`)
		case isCountry:
			add("unknown or malformed country code", `"QZ"`, `"it"`, `"ITA"`, `"I"`)
		case s["enum"] != nil:
			first := ""
			for _, e := range s["enum"].([]any) {
				if e != "" {
					first = e.(string)
					break
				}
			}
			add("unknown enum value", `"bogus"`, quoted(strings.ToUpper(first)))
		default:
			add("hostile text", `"a\u0007b"`, `"a\u0000b"`, `"a\u202eb"`, `"a\u2066b"`, quoted(strings.Repeat("x", 100_000)))
		}
		add("lone surrogate", `"a\udc00b"`)
		add("invalid UTF-8", "\"a\xffb\"")
	case "integer":
		add("wrong type", `"5"`, "1.5", "true", "{}", "[]", `"NaN"`, "1e3")
		add("negative", "-1")
		add("int64 overflow", "9223372036854775808", "-9223372036854775809", "99999999999999999999999")
	case "number":
		add("wrong type", `"5"`, "true", `"NaN"`, `"Infinity"`)
		add("negative", "-1")
		add("overflow", "1e400")
	case "boolean":
		add("wrong type", `"true"`, "1", `"x"`)
	case "array":
		add("wrong type", `"x"`, "5", "{}")
		add("wrong element", "[{}]", "[[]]")
		switch it, _ := s["items"].(map[string]any); dig(it, "type") {
		case "integer":
			add("bad id element", "[-1]", "[0]", `["1"]`, "[9223372036854775808]")
		case "string":
			add("bad text element", `["a\u0000"]`, `[5]`, "[\"\xff\"]")
		}
	case "object":
		add("wrong type", `"x"`, "5", "[]")
	}
	return out
}

// withField returns body base with field set to raw JSON.
func withField(base map[string]any, field, raw string) []byte {
	rest := map[string]any{}
	for k, v := range base {
		if k != field {
			rest[k] = v
		}
	}
	b, err := json.Marshal(rest)
	if err != nil {
		panic(err)
	}
	kv := quoted(field) + ":" + raw
	if len(rest) == 0 {
		return []byte("{" + kv + "}")
	}
	return []byte("{" + kv + "," + string(b[1:]))
}

// send makes one request and returns its status, Content-Type and body.
// A body the server stops reading (too large) may end the connection
// before the answer is read; that is reported as status 0.
func (sw *sweep) send(user, method, path string, body []byte, contentType string) (int, string, []byte) {
	sw.sent++
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, sw.ts.URL()+path, rd)
	if err != nil {
		sw.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Authorization", "Bearer "+sw.users[user].Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", []byte(err.Error())
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Content-Type"), b
}

// refused checks one answer: a problem of one of statuses naming field
// (or a field under it, "parties[0]" under "parties"); "" for any field.
func (sw *sweep) refused(what string, status int, ct string, body []byte, field string, statuses ...int) {
	sw.t.Helper()
	fail := func(format string, args ...any) {
		sw.defects++
		b := body
		if len(b) > 300 {
			b = b[:300]
		}
		sw.t.Errorf("%s: "+format+"; answer %d %s", append(append([]any{what}, args...), status, b)...)
	}
	if !slices.Contains(statuses, status) {
		fail("want one of %v", statuses)
		return
	}
	if ct != "application/problem+json" {
		fail("Content-Type %q, want application/problem+json", ct)
		return
	}
	var p server.Problem
	if err := json.Unmarshal(body, &p); err != nil || p.Status != status || p.Code == "" || p.Detail == "" {
		fail("not a complete problem document")
		return
	}
	if status == http.StatusNotFound || field == "-" {
		return
	}
	if p.Field == "" {
		fail("the problem names no field, want %q", field)
	} else if field != "" && p.Field != field && !strings.HasPrefix(p.Field, field+"[") && !strings.HasPrefix(p.Field, field+".") {
		fail("the problem names field %q, want %q", p.Field, field)
	}
}

var refusal = []int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity}

// bodies sends every operation's bad bodies.
func (sw *sweep) bodies() {
	for _, o := range sw.ops {
		op := o.method + " " + o.path
		schema := dig(sw.operation(o.method, o.path), "requestBody", "content", "application/json", "schema").(map[string]any)
		props, required := sw.properties(schema)
		before := sw.fingerprint()
		good, err := json.Marshal(o.base())
		if err != nil {
			sw.t.Fatal(err)
		}
		big := append([]byte(`{"zzz":"`), append(bytes.Repeat([]byte("x"), 3<<20), `"}`...)...)
		for _, c := range []struct {
			what, ct string
			body     []byte
			field    string
		}{
			{"a cut-off body", "application/json", good[:len(good)-1], "body"},
			{"malformed JSON", "application/json", []byte(`{]`), "body"},
			{"data after the object", "application/json", append(slices.Clone(good), " x"...), "body"},
			{"a second object", "application/json", append(slices.Clone(good), "{}"...), "body"},
			{"an unknown field", "application/json", append([]byte(`{"zzz_unknown":1,`), good[1:]...), "zzz_unknown"},
			{"an empty body", "application/json", []byte{}, "body"},
			{"an array", "application/json", []byte(`[]`), "body"},
			{"null", "application/json", []byte(`null`), "body"},
			{"3 MB", "application/json", big, "body"},
			{"text/plain", "text/plain", good, "Content-Type"},
			{"no Content-Type", "", good, "Content-Type"},
			{"a charset other than UTF-8", "application/json; charset=latin1", good, "Content-Type"},
			{"form encoding", "application/x-www-form-urlencoded", []byte("a=b"), "Content-Type"},
		} {
			status, ct, b := sw.send(o.user, o.method, o.path, c.body, c.ct)
			if status == 0 && len(c.body) > server.MaxBodyBytes {
				continue // the server stopped reading: no answer to check
			}
			sw.refused(op+" with "+c.what, status, ct, b, c.field, refusal...)
		}
		names := make([]string, 0, len(props))
		for name := range props {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			base := o.base()
			for _, x := range o.exclusive[name] {
				delete(base, x)
			}
			v, ok := base[name]
			if !ok {
				v = 1
			}
			one, _ := json.Marshal(v)
			dup := append([]byte(quoted(name)+":"+string(one)+","), withField(base, name, string(one))[1:]...)
			status, ct, b := sw.send(o.user, o.method, o.path, append([]byte("{"), dup...), "application/json")
			sw.refused(fmt.Sprintf("%s with %s twice", op, name), status, ct, b, name, refusal...)
			for _, bad := range badValues(name, props[name], required[name]) {
				status, ct, b := sw.send(o.user, o.method, o.path, withField(base, name, bad.raw), "application/json")
				raw := bad.raw
				if len(raw) > 40 {
					raw = raw[:40] + "…"
				}
				sw.refused(fmt.Sprintf("%s with %s %s (%s)", op, name, raw, bad.label), status, ct, b, name, refusal...)
			}
		}
		if after := sw.fingerprint(); after != before {
			sw.defects++
			sw.t.Errorf("%s: refused requests changed the store", op)
		}
	}
}

// queries sends bad query parameters to every operation that takes them.
func (sw *sweep) queries() {
	before := sw.fingerprint()
	for p, ops := range sw.doc["paths"].(map[string]any) {
		for method, op := range ops.(map[string]any) {
			op, ok := op.(map[string]any)
			if !ok || (method != "get" && method != "post") || strings.HasSuffix(p, "/events") {
				continue // the event stream is checked by its own tests
			}
			var params []map[string]any
			list, _ := dig(op, "parameters").([]any)
			for _, x := range list {
				if x := sw.resolve(x.(map[string]any)); x["in"] == "query" {
					params = append(params, x)
				}
			}
			if len(params) == 0 {
				continue
			}
			user := "it.rossi"
			switch {
			case strings.HasPrefix(p, "/api/v1/audit"):
				user = "admin"
			case strings.HasPrefix(p, "/api/v1/statistics/"):
				user = "stats.jansen"
			}
			path := strings.NewReplacer("{id}", "1", "{table}", "instruments").Replace(p)
			base := url.Values{}
			switch {
			case strings.HasPrefix(p, "/api/v1/statistics/report"):
				base.Set("year", "2025")
			case p == "/api/v1/search":
				base.Set("q", "Hoxha")
			case strings.HasSuffix(p, "/checks"), strings.HasSuffix(p, "/entities/import"):
				base.Set("map", "name=full_name")
			}
			// The uploads (a CSV file, evidence) take their options in
			// the query: a one-line file each.
			method := strings.ToUpper(method)
			var body []byte
			contentType := ""
			if method == "POST" {
				body, contentType = []byte("name\nHoxha\n"), "text/csv"
				if strings.HasSuffix(p, "/evidence") {
					contentType = "application/octet-stream"
					base.Set("filename", "sweep.txt")
				}
			}
			send := func(query string) (int, string, []byte) {
				return sw.send(user, method, path+"?"+query, body, contentType)
			}
			status, ct, b := send("zzz=1&" + base.Encode())
			sw.refused(method+" "+path+" with an unknown parameter", status, ct, b, "zzz", http.StatusBadRequest)
			for _, q := range params {
				name := q["name"].(string)
				s := sw.resolve(q["schema"].(map[string]any))
				var bad []string
				switch typ, _ := schemaType(s); {
				case typ == "integer":
					bad = []string{"abc", "1.5", "99999999999999999999", "-1", "0x10", "1e3"}
				case typ == "boolean":
					bad = []string{"maybe", "2"}
				case s["format"] == "date":
					bad = []string{"2025-02-30", "0000-01-01", "99999-01-01", "1000-01-01", "3000-01-01", "2025-1-1"}
				case s["enum"] != nil:
					bad = []string{"bogus", "<script>"}
				case s["pattern"] == "^[A-Z]{2}$":
					bad = []string{"QZ", "it", "ITA"}
				}
				bad = append(bad, "a\x07b", "a\x00b", "a\u202eb")
				for _, v := range bad {
					qv := url.Values{}
					for k, vs := range base {
						qv[k] = vs
					}
					qv.Set(name, v)
					status, ct, b := send(qv.Encode())
					sw.refused(fmt.Sprintf("%s %s?%s=%q", method, path, name, v), status, ct, b, name, http.StatusBadRequest, http.StatusUnprocessableEntity)
				}
				for what, raw := range map[string]string{"given twice": name + "=1&" + name + "=2", "invalid UTF-8": name + "=%ff%fe"} {
					status, ct, b := send(raw + "&" + base.Encode())
					sw.refused(fmt.Sprintf("%s %s with %s %s", method, path, name, what), status, ct, b, name, http.StatusBadRequest)
				}
			}
		}
	}
	if after := sw.fingerprint(); after != before {
		sw.defects++
		sw.t.Errorf("refused queries changed the store")
	}
}

// unknownQueries sends every operation that takes no query parameter
// with one, and its valid body when it takes one: it must be refused,
// naming the parameter, and change nothing. Such a parameter was ignored
// and the operation done (a client's ?version=3 or ?reason=… on a PATCH
// silently dropped).
func (sw *sweep) unknownQueries() {
	before := sw.fingerprint()
	param := regexp.MustCompile(`\{[^}]+\}`)
	for p, ops := range sw.doc["paths"].(map[string]any) {
		for method, op := range ops.(map[string]any) {
			op, ok := op.(map[string]any)
			if !ok || !slices.Contains([]string{"get", "post", "patch", "put", "delete"}, method) {
				continue
			}
			takes := false
			list, _ := dig(op, "parameters").([]any)
			for _, x := range list {
				if sw.resolve(x.(map[string]any))["in"] == "query" {
					takes = true
				}
			}
			if takes {
				continue // queries() sends it an unknown parameter
			}
			method := strings.ToUpper(method)
			path := param.ReplaceAllString(p, "1")
			var body []byte
			contentType := ""
			for _, o := range sw.ops {
				if o.method == method && patternMatches(p, o.path) {
					path = o.path
					body, _ = json.Marshal(o.base())
					contentType = "application/json"
				}
			}
			if body == nil && method != "GET" && method != "DELETE" {
				body, contentType = []byte(`{}`), "application/json"
			}
			for _, user := range []string{"it.rossi", "admin"} {
				status, ct, b := sw.send(user, method, path+"?zzz=1", body, contentType)
				sw.refused(method+" "+path+"?zzz=1 as "+user, status, ct, b, "zzz", http.StatusBadRequest)
			}
		}
	}
	if after := sw.fingerprint(); after != before {
		sw.defects++
		sw.t.Errorf("requests with an unknown query parameter changed the store")
	}
}

// unwantedBodies sends every operation that takes no body (every GET and
// DELETE, and the acknowledgements and resets) one, on the ids the
// sweep's operations use: it must be refused, naming body, and change
// nothing. Such a body was ignored and the operation done (a DELETE
// with {"reason": …} deleted without the reason).
func (sw *sweep) unwantedBodies() {
	before := sw.fingerprint()
	param := regexp.MustCompile(`\{[^}]+\}`)
	for p, ops := range sw.doc["paths"].(map[string]any) {
		if strings.HasSuffix(p, "/events") {
			continue // the event stream is checked by its own tests
		}
		for method, op := range ops.(map[string]any) {
			op, ok := op.(map[string]any)
			if !ok || !slices.Contains([]string{"get", "post", "patch", "put", "delete"}, method) || op["requestBody"] != nil {
				continue
			}
			method := strings.ToUpper(method)
			path := param.ReplaceAllString(p, "1")
			if strings.HasPrefix(p, "/api/v1/statistics/report") {
				path += "?year=2025"
			}
			for _, user := range []string{"it.rossi", "admin"} {
				status, ct, b := sw.send(user, method, path, []byte(`{"reason":"Sweep"}`), "application/json")
				sw.refused(method+" "+path+" with a body as "+user, status, ct, b, "body", http.StatusBadRequest)
			}
		}
	}
	if after := sw.fingerprint(); after != before {
		sw.defects++
		sw.t.Errorf("requests with a body where none is taken changed the store")
	}
}

// paths sends every operation with ids in its path that name nothing.
func (sw *sweep) paths() {
	before := sw.fingerprint()
	param := regexp.MustCompile(`\{[^}]+\}`)
	for p, ops := range sw.doc["paths"].(map[string]any) {
		if !strings.Contains(p, "{") || strings.HasSuffix(p, "/events") {
			continue
		}
		for method := range ops.(map[string]any) {
			if !slices.Contains([]string{"get", "post", "patch", "put", "delete"}, method) {
				continue
			}
			for _, id := range []string{"-1", "0", "abc", "9223372036854775808", "99999999999999999999", "1.5", "+1", "007", "%201", "1%00", "%D9%A1"} {
				path := param.ReplaceAllString(p, id)
				if strings.HasPrefix(p, "/api/v1/statistics/report/") {
					path += "?year=2025"
				}
				var body []byte
				if method != "get" && method != "delete" {
					body = []byte(`{}`)
				}
				for _, user := range []string{"it.rossi", "admin"} {
					ct := ""
					if body != nil {
						ct = "application/json"
					}
					status, rct, b := sw.send(user, strings.ToUpper(method), path, body, ct)
					// An id that names nothing is 404; a route that does
					// not take the method or the value's shape, 405 or 400.
					sw.refused(fmt.Sprintf("%s %s as %s", strings.ToUpper(method), path, user), status, rct, b, "-",
						http.StatusNotFound, http.StatusBadRequest, http.StatusMethodNotAllowed, http.StatusForbidden)
				}
			}
		}
	}
	if after := sw.fingerprint(); after != before {
		sw.defects++
		sw.t.Errorf("requests to ids that name nothing changed the store")
	}
}

// basesSucceed sends each operation's valid body once: it must succeed,
// so that the refusals above were the bad values'.
func (sw *sweep) basesSucceed() {
	for _, o := range sw.ops {
		b, err := json.Marshal(o.base())
		if err != nil {
			sw.t.Fatal(err)
		}
		status, _, body := sw.send(o.user, o.method, o.path, b, "application/json")
		if status < 200 || status > 299 {
			sw.t.Errorf("the valid body of %s %s is refused: %d %s", o.method, o.path, status, body)
		}
	}
}

// fingerprint is a hash of every row of the store's tables, but the audit
// log (refusals are audited), sessions, the sign-in throttle, the
// full-text indexes (kept with their tables) and tokens' use (only which
// tokens exist counts).
func (sw *sweep) fingerprint() string {
	sw.t.Helper()
	conn := sw.db.SQL()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if sw.db.Dialect() == "postgres" {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	tables := queryStrings(sw.t, conn, q)
	sort.Strings(tables)
	h := sha256.New()
	for _, table := range tables {
		switch {
		case table == "audit_log", table == "sessions", table == "refusal_windows", table == "schema_migrations",
			strings.HasPrefix(table, "sign_in_"), strings.Contains(table, "_trigrams"):
			continue
		case table == "tokens":
			fmt.Fprintln(h, table, queryStrings(sw.t, conn, `SELECT CAST(id AS TEXT) FROM tokens ORDER BY id`))
			continue
		}
		rows, err := conn.Query(`SELECT * FROM ` + table)
		if err != nil {
			sw.t.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				sw.t.Fatal(err)
			}
			lines = append(lines, fmt.Sprint(vals...))
		}
		rows.Close()
		sort.Strings(lines)
		fmt.Fprintln(h, table, len(lines), lines)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func queryStrings(t *testing.T, conn *sql.DB, q string) []string {
	rows, err := conn.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
