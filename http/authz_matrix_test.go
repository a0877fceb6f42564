package http

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAuthorizationMatrix calls every API route as every role of a desk
// that has no part in the demo operations (Sweden), with the id of another
// desk's object ("foreign"), with an id that does not exist ("missing")
// and, for reads, with its own object ("owned"), on the demo operations.
// It counts the requests, the foreign ids answered with 2xx, and the
// routes where a foreign id is answered differently from a missing one
// (which would tell that the object exists): both must be 0. Own objects
// must be read by the roles that read cases and refused to the others as
// a missing one is. Every answer, lists and counts included, is searched
// for the foreign cases' titles, references and entity values, which must
// never appear. The figures are logged.
func TestAuthorizationMatrix(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		ts.loadDemo() // with the demo's hits
		foreign := foreignObjects(t, db.SQL())
		secrets := foreignSecrets(t, db.SQL())
		// A token of the French desk, for the token routes.
		fr, err := db.FindUserByName(systemContext(), "fr.lefevre")
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := db.CreateToken(userContext(fr), fr.ID, "matrix")
		if err != nil {
			t.Fatal(err)
		}
		foreign["tokens"] = tok.ID

		callers := map[crosscase.Role]*apiClient{}
		for _, role := range crosscase.Roles() {
			desk := "SE"
			switch role {
			case crosscase.RoleStatistics:
				desk = ""
			case crosscase.RoleContactPoint:
				desk = "" // set below: a contact point's own desk
			}
			if role == crosscase.RoleContactPoint {
				d := &crosscase.Desk{CountryCode: "NZ", Kind: crosscase.DeskContactPoint, Name: "Contact point New Zealand"}
				if err := db.CreateDesk(systemContext(), d); err != nil {
					t.Fatal(err)
				}
				u := &crosscase.User{Name: "nz.matrix", DisplayName: "NZ", Role: role, DeskID: d.ID}
				if err := db.CreateUser(systemContext(), u, testPassword); err != nil {
					t.Fatal(err)
				}
				got, _ := db.FindUserByID(systemContext(), u.ID)
				callers[role] = &apiClient{ts: ts, User: got, Token: ts.token(got), Header: http.Header{}}
				continue
			}
			callers[role] = ts.apiUser("se.matrix."+strings.ReplaceAll(string(role), "_", "-"), role, desk)
		}

		// Sweden's own objects, for the "owned" column: a case of its
		// desk, with an entity and a meeting.
		se := callers[crosscase.RoleDeskMember]
		ownCase := createCase(t, se, caseBody("Baltic ferry cannabis", map[string]any{"asked_countries": []string{"FI"}}))
		ownEntity := createEntity(t, se, ownCase.ID, map[string]any{"kind": "phone", "role": "suspect", "value": "+46 70 123 45 67"})
		var ownMeeting crosscase.Meeting
		se.post(fmt.Sprintf("/api/v1/cases/%d/meetings", ownCase.ID), map[string]any{"starts_at": "2025-03-04T09:00:00Z", "agenda": "Action day"}).decode(t, http.StatusCreated, &ownMeeting)
		owned := map[string]int64{"cases": ownCase.ID, "entities": ownEntity.ID, "meetings": ownMeeting.ID}
		before := matrixSnapshot(t, db.SQL())

		noBody := bodilessRoutes(t)
		requests, foreign2xx, differ, leaks, ownedRead, ownedRefused := 0, 0, 0, 0, 0, 0
		for _, route := range api.Endpoints() {
			method, path, _ := strings.Cut(route, " ")
			for role, c := range callers {
				answers := map[string]*apiResponse{}
				for _, which := range []string{"foreign", "missing", "owned"} {
					if which == "owned" && !matrixOwned(method, path, owned) {
						continue
					}
					ids := foreign
					if which == "owned" {
						ids = owned
					}
					p := matrixPath(path, ids, which)
					res := c.do(method, p, matrixBody(route, noBody))
					requests++
					answers[which] = res
					for _, s := range secrets {
						if strings.Contains(string(res.Body), s) {
							leaks++
							t.Errorf("%s %s as %s (%s id) shows %q of another desk's case", method, p, role, which, s)
						}
					}
				}
				f, m := answers["foreign"], answers["missing"]
				if !strings.Contains(path, "{") {
					continue // no id: one call, already searched
				}
				// Its own objects are read by the roles that read cases, and
				// by no other role any more than a missing one.
				if o := answers["owned"]; o != nil {
					reads := crosscase.CanReadCases(c.User)
					switch {
					case reads && o.Status == http.StatusOK:
						ownedRead++
					case !reads && (o.Status == m.Status && problemCode(o) == problemCode(m) || o.Status == http.StatusForbidden):
						ownedRefused++
					default:
						t.Errorf("%s on its own desk's object as %s: %d %s (missing: %d)", route, role, o.Status, problemCode(o), m.Status)
					}
				}
				if f.Status >= 200 && f.Status < 300 && !matrixOpen(route, role) {
					foreign2xx++
					t.Errorf("%s with a foreign id as %s: %v", route, role, f)
				}
				if f.Status != m.Status || problemCode(f) != problemCode(m) {
					if matrixOpen(route, role) {
						continue
					}
					differ++
					t.Errorf("%s as %s: foreign id %d %s, missing id %d %s", route, role, f.Status, problemCode(f), m.Status, problemCode(m))
				}
			}
		}
		if after := matrixSnapshot(t, db.SQL()); after != before {
			t.Errorf("the walk changed other desks' data:\nbefore %s\nafter  %s", before, after)
		}
		if ownedRead == 0 || ownedRefused == 0 {
			t.Errorf("own objects read %d times, refused %d times: the owned column tests nothing", ownedRead, ownedRefused)
		}
		t.Logf("authorization matrix: %d routes × %d roles × owned/foreign/missing ids = %d requests; foreign ids answered 2xx: %d; foreign ≠ missing: %d; other desks' case content shown: %d; own objects read by case readers: %d, refused to the other roles: %d",
			len(api.Endpoints()), len(callers), requests, foreign2xx, differ, leaks, ownedRead, ownedRefused)
	})
}

// matrixOpen reports whether role may know that the object of route
// exists, by design: reference data every signed-in user reads
// (countries, desks, authorities, agreements, users), what administrators
// administer (those, and any token, which they may revoke), and a JIT's
// record, which administrators see to add members, so that its evidence
// answers them 403 rather than 404 — never its messages, evidence or
// linked cases' content. None of it is case content.
func matrixOpen(route string, role crosscase.Role) bool {
	_, path, _ := strings.Cut(route, " ")
	admin := role == crosscase.RoleAdministrator
	for _, p := range []string{"/api/v1/countries", "/api/v1/desks", "/api/v1/authorities", "/api/v1/agreements", "/api/v1/users"} {
		if strings.HasPrefix(path, p) && (admin || strings.HasPrefix(route, "GET ")) {
			return true
		}
	}
	return admin && (strings.HasPrefix(path, "/api/v1/tokens/") || strings.HasPrefix(path, "/api/v1/jits/") || strings.HasPrefix(path, "/api/v1/evidence/"))
}

// matrixOwned reports whether route is called with the caller's own
// object: reads of the kinds Sweden owns in the walk (writes would change
// what the next role reads).
func matrixOwned(method, path string, owned map[string]int64) bool {
	if method != "GET" || !strings.Contains(path, "{") {
		return false
	}
	kind, _, _ := strings.Cut(strings.TrimPrefix(path, "/api/v1/"), "/")
	if owned[kind] == 0 {
		return false
	}
	for _, p := range []string{"{case_id}", "{user_id}", "{desk_id}", "{funding_id}", "{attachment_id}", "{code}"} {
		if strings.Contains(path, p) {
			return false
		}
	}
	return true
}

// matrixBody is a body for a write: an empty object, so that only need to
// know decides, the same for a foreign and a missing id; none for a
// route that takes none (noBody: refused, naming body, before need to
// know).
func matrixBody(route string, noBody map[string]bool) any {
	if noBody[route] {
		return nil
	}
	return map[string]any{}
}

// bodilessRoutes returns the routes ("POST /api/v1/…/{id}/acknowledge")
// whose operation in the API description takes no body.
func bodilessRoutes(t *testing.T) map[string]bool {
	t.Helper()
	raw, err := os.ReadFile("api/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]struct {
			RequestBody any `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			if op.RequestBody == nil {
				out[strings.ToUpper(m)+" "+p] = true
			}
		}
	}
	return out
}

// matrixPath fills path's parameters with a foreign object's id, or with
// an id that does not exist.
func matrixPath(path string, foreign map[string]int64, which string) string {
	rest := strings.TrimPrefix(path, "/api/v1/")
	kind, _, _ := strings.Cut(rest, "/")
	id := func(k string) string {
		if which == "missing" {
			return "987654321"
		}
		return fmt.Sprint(foreign[k])
	}
	r := strings.NewReplacer(
		"{id}", id(kind),
		"{case_id}", id("cases"),
		"{user_id}", id("users"),
		"{desk_id}", id("desks"),
		"{funding_id}", id("funding"),
		"{attachment_id}", id("attachments"),
		"{code}", map[string]string{"foreign": "FR", "missing": "QQ"}[which],
	)
	return r.Replace(path)
}

// foreignObjects returns, per kind of object, the id of one that belongs
// to the French desk's cases or to others than Sweden, read in SQL.
func foreignObjects(t *testing.T, db *sql.DB) map[string]int64 {
	t.Helper()
	fr := `(SELECT id FROM desks WHERE country_code = 'FR')`
	queries := map[string]string{
		"cases":         `SELECT MIN(id) FROM cases WHERE owner_desk_id = ` + fr,
		"entities":      `SELECT MIN(e.id) FROM entities e JOIN cases c ON c.id = e.case_id WHERE c.owner_desk_id = ` + fr,
		"hits":          `SELECT MIN(id) FROM hits`,
		"jits":          `SELECT MIN(id) FROM jits`,
		"evidence":      `SELECT COALESCE(MIN(id), 0) FROM jit_evidence`,
		"instruments":   `SELECT MIN(i.id) FROM instruments i JOIN cases c ON c.id = i.case_id WHERE c.owner_desk_id = ` + fr,
		"meetings":      `SELECT MIN(m.id) FROM meetings m JOIN cases c ON c.id = m.case_id WHERE c.owner_desk_id = ` + fr,
		"results":       `SELECT MIN(r.id) FROM case_results r JOIN cases c ON c.id = r.case_id WHERE c.owner_desk_id = ` + fr,
		"notices":       `SELECT MIN(id) FROM notices WHERE sender_desk_id = ` + fr,
		"notifications": `SELECT MIN(id) FROM notifications`,
		"users":         `SELECT id FROM users WHERE name = 'fr.lefevre'`,
		"desks":         `SELECT id FROM desks WHERE country_code = 'FR'`,
		"agreements":    `SELECT MIN(id) FROM agreements`,
		"authorities":   `SELECT MIN(id) FROM authorities WHERE country_code = 'FR'`,
		"funding":       `SELECT COALESCE(MIN(id), 0) FROM jit_funding`,
		"attachments":   `SELECT COALESCE(MIN(id), 0) FROM notice_attachments`,
		"centres":       `SELECT COALESCE(MIN(id), 0) FROM centres`,
		"measures":      `SELECT COALESCE(MIN(id), 0) FROM centre_measures`,
	}
	out := map[string]int64{}
	for kind, q := range queries {
		var id sql.NullInt64
		if err := db.QueryRow(q).Scan(&id); err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if !id.Valid || id.Int64 == 0 {
			t.Logf("no %s in the demo: its routes are called with a missing id twice", kind)
		}
		out[kind] = id.Int64
	}
	return out
}

// foreignSecrets are strings of other desks' cases that Sweden must never
// see: titles, references and the values and names of entities.
func foreignSecrets(t *testing.T, db *sql.DB) []string {
	t.Helper()
	// A name a user bears (the demo draws both from the same lists) is
	// not a secret of a case.
	users := map[string]bool{}
	rows, err := db.Query(`SELECT display_name FROM users`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		users[s] = true
	}
	rows.Close()
	var out []string
	for _, q := range []string{
		`SELECT title FROM cases`, `SELECT reference FROM cases`,
		`SELECT given_name || ' ' || family_name FROM entities WHERE kind = 'person'`,
		`SELECT value FROM entities WHERE LENGTH(value) > 8`,
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			if !users[s] {
				out = append(out, s)
			}
		}
		rows.Close()
	}
	if len(out) < 50 {
		t.Fatalf("only %d secrets: is the demo loaded?", len(out))
	}
	return out
}

// matrixSnapshot summarises other desks' data, to see that nothing changed.
func matrixSnapshot(t *testing.T, db *sql.DB) string {
	t.Helper()
	var parts []string
	for _, q := range []string{
		`SELECT COUNT(*) FROM cases`, `SELECT SUM(version) FROM cases`, `SELECT COUNT(*) FROM entities`, `SELECT SUM(version) FROM entities`,
		`SELECT COUNT(*) FROM instruments`, `SELECT COUNT(*) FROM meetings`, `SELECT COUNT(*) FROM case_results`, `SELECT COUNT(*) FROM hits WHERE status <> 'new'`,
		`SELECT COUNT(*) FROM jit_members`, `SELECT COUNT(*) FROM jit_cases`, `SELECT COUNT(*) FROM notice_recipients`,
		`SELECT COUNT(*) FROM centre_events`, `SELECT SUM(version) FROM centre_measures`,
		`SELECT COUNT(*) FROM list_check_hits`, `SELECT COUNT(*) FROM list_check_rows`,
	} {
		var n sql.NullInt64
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		parts = append(parts, fmt.Sprint(n.Int64))
	}
	return strings.Join(parts, " ")
}

// problemCode is the code of a problem answer, "" for another.
func problemCode(r *apiResponse) string {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json") {
		return ""
	}
	var p server.Problem
	_ = json.Unmarshal(r.Body, &p)
	return p.Code
}
