package http

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/demo"
	"crosscase/evidence"
	"crosscase/hits"
	"crosscase/http/server"
	"crosscase/sqldb"
)

// testServer is a real server on a random loopback port over a real
// store, wired with the same value `crosscase serve` runs on (hits.Wrap
// over sqldb.DB.Services). End-to-end tests of the program itself start
// cmd/crosscase's Main.
type testServer struct {
	*server.Server
	t       testing.TB
	db      *sqldb.DB
	checker *hits.Checker
}

// newTestServer starts a server over db; it is closed when the test ends.
// Each of wire may change the wiring before the server starts.
func newTestServer(t testing.TB, db *sqldb.DB, wire ...func(*server.Server)) *testServer {
	t.Helper()
	if db.EvidenceFiles == nil {
		files, err := evidence.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		db.EvidenceFiles = files
	}
	// Wired as `crosscase serve` wires it: the store's services with the
	// live hit check around them.
	checker, _, err := hits.Open(context.Background(), db, db, hits.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewServer(hits.Wrap(db.Services(), checker))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wire {
		w(s)
	}
	s.Addr = "127.0.0.1:0"
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close server: %v", err)
		}
	})
	return &testServer{Server: s, t: t, db: db, checker: checker}
}

// systemContext acts as the command-line operator.
func systemContext() context.Context {
	return crosscase.NewContextWithActor(context.Background(), crosscase.SystemActor())
}

// userContext acts as u, from the loopback address.
func userContext(u *crosscase.User) context.Context {
	return crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "127.0.0.1"})
}

// reasonContext is userContext with a reason given, as a decision that
// needs one (a hit's restriction or dismissal) gives it.
func reasonContext(u *crosscase.User, reason string) context.Context {
	return crosscase.NewContextWithActor(context.Background(), &crosscase.Actor{User: u, RemoteAddr: "127.0.0.1", Reason: reason})
}

// loadDemo loads the demo operations as `serve --demo` does and checks
// their entities, so that the demo's hits are there; it returns the demo
// users' sign-ins.
func (ts *testServer) loadDemo() []demo.Login {
	ts.t.Helper()
	logins, err := demo.LoadOperations(systemContext(), ts.Services)
	if err != nil {
		ts.t.Fatal(err)
	}
	if _, err := ts.checker.Sync(context.Background()); err != nil {
		ts.t.Fatal(err)
	}
	return logins
}

// prosecutions creates a prosecution authority in each of countries and
// returns their ids by country.
func (ts *testServer) prosecutions(countries ...string) map[string]int64 {
	ts.t.Helper()
	auth := map[string]int64{}
	for _, cc := range countries {
		a := &crosscase.Authority{CountryCode: cc, Name: "Prosecution " + cc, Kind: crosscase.AuthorityProsecution}
		if err := ts.db.CreateAuthority(systemContext(), a); err != nil {
			ts.t.Fatal(err)
		}
		auth[cc] = a.ID
	}
	return auth
}

// danubeJIT makes an Italian desk member, the Italian case Danube asked
// of Hungary (opened 2023-03-01) and the Italian–Hungarian JIT Danube on
// it (signed 2025-03-01 for 24 months), and returns them.
func (ts *testServer) danubeJIT() (*crosscase.User, *crosscase.Case, *crosscase.JIT) {
	ts.t.Helper()
	it := ts.user("it.member", crosscase.RoleDeskMember, "IT")
	ts.user("hu.member", crosscase.RoleDeskMember, "HU")
	c := ts.pageNewCase(it, &crosscase.Case{Title: "Danube", Summary: "Boats.", CrimeTypes: []string{"drug_trafficking"},
		AskedCountries: []string{"HU"}, OpenedOn: pageDate(ts.t, "2023-03-01")})
	j := &crosscase.JIT{Name: "JIT Danube", SignedOn: pageDate(ts.t, "2025-03-01"), DurationMonths: 24, CaseIDs: []int64{c.ID},
		Parties: jitParties(ts.prosecutions("IT", "HU"), "IT", "HU")}
	if err := ts.db.CreateJIT(userContext(it), j); err != nil {
		ts.t.Fatal(err)
	}
	return it, c, j
}

// jitParties returns a JIT party for each of countries, with its
// authority from auth.
func jitParties(auth map[string]int64, countries ...string) []crosscase.JITParty {
	var out []crosscase.JITParty
	for _, cc := range countries {
		out = append(out, crosscase.JITParty{CountryCode: cc, AuthorityIDs: []int64{auth[cc]}})
	}
	return out
}

// desk returns the desk of country code, creating it (a national desk,
// or a liaison prosecutor's office for kind DeskLiaison) when missing.
func (ts *testServer) desk(code string, kind crosscase.DeskKind) *crosscase.Desk {
	ts.t.Helper()
	ctx := systemContext()
	if d, err := ts.db.FindDeskByCountry(ctx, code); err == nil {
		return d
	} else if crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
		ts.t.Fatalf("find desk %s: %v", code, err)
	}
	d := &crosscase.Desk{CountryCode: code, Kind: kind, Name: code + " desk"}
	if err := ts.db.CreateDesk(ctx, d); err != nil {
		ts.t.Fatalf("create desk %s: %v", code, err)
	}
	return d
}

// namedDesk creates the desk of country code, of kind, under its full
// name, before any user of it: for the pages whose screenshots show it.
func (ts *testServer) namedDesk(code string, kind crosscase.DeskKind, name string) *crosscase.Desk {
	ts.t.Helper()
	d := &crosscase.Desk{CountryCode: code, Kind: kind, Name: name}
	if err := ts.db.CreateDesk(systemContext(), d); err != nil {
		ts.t.Fatalf("create desk %s: %v", code, err)
	}
	return d
}

// testPassword is the password of every user the harness creates.
const testPassword = "correct horse battery staple"

// user creates a user of role at the desk of deskCode ("" for none; the
// desk is created when missing) with testPassword. For a JIT-only account
// deskCode is the account's country and no desk is made.
func (ts *testServer) user(name string, role crosscase.Role, deskCode string) *crosscase.User {
	ts.t.Helper()
	u := &crosscase.User{Name: name, DisplayName: strings.ToUpper(name[:1]) + name[1:], Role: role}
	if role == crosscase.RoleJITMember {
		u.CountryCode = deskCode // a JIT-only account's country: no desk
	}
	if deskCode != "" && role != crosscase.RoleJITMember {
		kind := crosscase.DeskNational
		switch role {
		case crosscase.RoleLiaison:
			kind = crosscase.DeskLiaison
		case crosscase.RoleContactPoint:
			kind = crosscase.DeskContactPoint
		}
		u.DeskID = ts.desk(deskCode, kind).ID
	}
	if err := ts.db.CreateUser(systemContext(), u, testPassword); err != nil {
		ts.t.Fatalf("create user %s: %v", name, err)
	}
	// Read it back as the store gives it to a signed-in request.
	got, err := ts.db.FindUserByID(systemContext(), u.ID)
	if err != nil {
		ts.t.Fatalf("find user %s: %v", name, err)
	}
	return got
}

// token returns a new API token of u, made as u.
func (ts *testServer) token(u *crosscase.User) string {
	ts.t.Helper()
	_, plain, err := ts.db.CreateToken(userContext(u), u.ID, "test")
	if err != nil {
		ts.t.Fatalf("token for %s: %v", u.Name, err)
	}
	return plain
}

// apiClient calls the JSON API as one user.
type apiClient struct {
	ts    *testServer
	User  *crosscase.User // nil for an anonymous client
	Token string
	// Header is sent with every request (e.g. X-Crosscase-Reason).
	Header http.Header
}

// apiUser creates a user of role at deskCode and returns a client
// holding a token of theirs.
func (ts *testServer) apiUser(name string, role crosscase.Role, deskCode string) *apiClient {
	ts.t.Helper()
	u := ts.user(name, role, deskCode)
	return &apiClient{ts: ts, User: u, Token: ts.token(u), Header: http.Header{}}
}

// anonymous returns a client without a token.
func (ts *testServer) anonymous() *apiClient {
	return &apiClient{ts: ts, Header: http.Header{}}
}

// apiResponse is what a call returned.
type apiResponse struct {
	Status int
	Header http.Header
	Body   []byte
	req    string
}

// do sends method path with body: nil for none, []byte or string sent as
// is, anything else encoded as JSON. A body is sent as application/json
// unless the header arguments ("Name: value") say otherwise.
func (c *apiClient) do(method, path string, body any, headers ...string) *apiResponse {
	c.ts.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case []byte:
		rd = bytes.NewReader(b)
	case string:
		rd = strings.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			c.ts.t.Fatal(err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, c.ts.URL()+path, rd)
	if err != nil {
		c.ts.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.ts.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		c.ts.t.Fatalf("%s %s: read body: %v", method, path, err)
	}
	return &apiResponse{Status: res.StatusCode, Header: res.Header, Body: b, req: method + " " + path}
}

// get, post, patch and del are do for each method.
func (c *apiClient) get(path string) *apiResponse { c.ts.t.Helper(); return c.do("GET", path, nil) }
func (c *apiClient) post(path string, body any) *apiResponse {
	c.ts.t.Helper()
	return c.do("POST", path, body)
}
func (c *apiClient) patch(path string, body any) *apiResponse {
	c.ts.t.Helper()
	return c.do("PATCH", path, body)
}
func (c *apiClient) del(path string) *apiResponse { c.ts.t.Helper(); return c.do("DELETE", path, nil) }

// String describes the response for failure messages.
func (r *apiResponse) String() string {
	b := r.Body
	if len(b) > 500 {
		b = append(b[:500:500], "…"...)
	}
	return fmt.Sprintf("%s → %d %s", r.req, r.Status, b)
}

// decode decodes the JSON body into v, failing the test when the status
// is not want or the body is not JSON.
func (r *apiResponse) decode(t testing.TB, want int, v any) {
	t.Helper()
	if r.Status != want {
		t.Fatalf("%v; want %d", r, want)
	}
	if want == http.StatusNoContent {
		return
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("%v: Content-Type %q", r, ct)
	}
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
}

// problem returns the problem document of an error response, failing the
// test when there is none.
func (r *apiResponse) problem(t testing.TB) server.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%v: Content-Type %q, want application/problem+json", r, ct)
	}
	var p server.Problem
	if err := json.Unmarshal(r.Body, &p); err != nil {
		t.Fatalf("%v: %v", r, err)
	}
	if p.Status != r.Status || p.Code == "" || p.Detail == "" {
		t.Fatalf("%v: incomplete problem %+v", r, p)
	}
	return p
}

// wantProblem checks r is a problem with status and, when field is not
// "", naming field.
func (r *apiResponse) wantProblem(t testing.TB, status int, field string) server.Problem {
	t.Helper()
	if r.Status != status {
		t.Fatalf("%v; want %d", r, status)
	}
	p := r.problem(t)
	if field != "" && p.Field != field {
		t.Fatalf("%v: names field %q, want %q", r, p.Field, field)
	}
	return p
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn signs in through the sign-in form as name with password and
// returns a browser-like client: a cookie jar holding the session, and
// redirects not followed (pages answer 303s worth checking).
func (ts *testServer) signIn(name, password string) *http.Client {
	ts.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	c := &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := c.Get(ts.URL() + "/login")
	if err != nil {
		ts.t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	m := csrfRE.FindSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		ts.t.Fatalf("GET /login = %d, no CSRF token in the form", res.StatusCode)
	}
	res, err = c.PostForm(ts.URL()+"/login", url.Values{
		"csrf_token": {string(m[1])}, "name": {name}, "password": {password}, "next": {"/"},
	})
	if err != nil {
		ts.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		ts.t.Fatalf("sign in as %s: %d, want 303", name, res.StatusCode)
	}
	u, _ := url.Parse(ts.URL())
	found := false
	for _, ck := range jar.Cookies(u) {
		found = found || ck.Name == server.SessionCookie
	}
	if !found {
		ts.t.Fatalf("sign in as %s: no session cookie", name)
	}
	return c
}
