package http

import (
	"bytes"
	"flag"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"crosscase"
)

// The -update flag rewrites golden files (and the documentation
// screenshot) instead of comparing with them. It is registered here only
// when no other test file of the package has registered it already:
// package variables are initialised before init functions run.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files and documentation screenshots")
	}
}

// pageUpdate reports whether the test run was given -update.
func pageUpdate() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// pageBrowser is a browser-like client for the web pages: a cookie jar,
// redirects not followed (a 303 is worth checking), every HTML answer
// parsed. It remembers the last CSRF token a page gave it.
type pageBrowser struct {
	t    testing.TB
	ts   *testServer
	c    *http.Client
	user *crosscase.User
	csrf string
	// acceptLanguage, when set, is sent as the Accept-Language header.
	acceptLanguage string
}

// pageAnonymous returns a client without a session.
func (ts *testServer) pageAnonymous() *pageBrowser {
	ts.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	return &pageBrowser{t: ts.t, ts: ts, c: &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// pageSignIn signs u in through the sign-in form (and the second factor,
// set up afresh, when the server requires one of u) and loads the
// dashboard, so that the client holds a CSRF token of its session.
func (ts *testServer) pageSignIn(u *crosscase.User) *pageBrowser {
	ts.t.Helper()
	codes := ts.secondFactorFor(u)
	b := &pageBrowser{t: ts.t, ts: ts, c: ts.signIn(u.Name, testPassword), user: u}
	if codes != nil {
		b.get("/login/second-factor").wantStatus(http.StatusOK)
		b.postCSRF("/login/second-factor", url.Values{"code": {codes[0]}}).wantStatus(http.StatusSeeOther)
	}
	b.get("/").wantStatus(http.StatusOK)
	if b.csrf == "" {
		ts.t.Fatalf("signed in as %s: the dashboard has no CSRF token", u.Name)
	}
	return b
}

// cookie returns the value of the named cookie the client holds, or "".
func (b *pageBrowser) cookie(name string) string {
	u, _ := url.Parse(b.ts.URL())
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// pageResult is one answer of the server, with its HTML parsed.
type pageResult struct {
	t      testing.TB
	req    string
	Status int
	Header http.Header
	Body   string
	Doc    *html.Node
}

func (b *pageBrowser) do(req *http.Request) *pageResult {
	b.t.Helper()
	if b.acceptLanguage != "" {
		req.Header.Set("Accept-Language", b.acceptLanguage)
	}
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		b.t.Fatalf("%s %s: parse HTML: %v", req.Method, req.URL.Path, err)
	}
	r := &pageResult{t: b.t, req: req.Method + " " + req.URL.RequestURI(), Status: res.StatusCode, Header: res.Header, Body: string(body), Doc: doc}
	if n := r.first(`input[name="csrf_token"]`); n != nil && req.URL.Path != "/login" {
		b.csrf = pageAttr(n, "value")
	}
	return r
}

// get requests path.
func (b *pageBrowser) get(path string) *pageResult {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.ts.URL()+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post sends v as a form to path exactly as given: no CSRF token is added.
func (b *pageBrowser) post(path string, v url.Values) *pageResult {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.ts.URL()+path, strings.NewReader(v.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// postCSRF sends v to path with the client's CSRF token, as a form of a
// page of this session would.
func (b *pageBrowser) postCSRF(path string, v url.Values) *pageResult {
	b.t.Helper()
	if b.csrf == "" {
		b.t.Fatal("postCSRF: the client has seen no CSRF token")
	}
	w := url.Values{}
	for k, vs := range v {
		w[k] = append([]string(nil), vs...)
	}
	w.Set("csrf_token", b.csrf)
	return b.post(path, w)
}

// pageFile is a file chosen in a form's file field.
type pageFile struct {
	Field, Name string
	Content     []byte
}

// postFiles sends fields and files to path as multipart/form-data with
// the client's CSRF token, as a page's upload form would.
func (b *pageBrowser) postFiles(path string, fields url.Values, files ...pageFile) *pageResult {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf_token", b.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile(f.Field, f.Name)
		fw.Write(f.Content)
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.ts.URL()+path, &body)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// submit sends a form as a browser would: to its action, with its values.
func (b *pageBrowser) submit(f *pageForm) *pageResult {
	b.t.Helper()
	return b.post(f.Action, f.Values)
}

// follow requests the Location of a redirect, failing unless r is a 303.
func (b *pageBrowser) follow(r *pageResult) *pageResult {
	b.t.Helper()
	r.wantStatus(http.StatusSeeOther)
	return b.get(r.location())
}

// location returns the path and query of the Location header.
func (r *pageResult) location() string {
	r.t.Helper()
	loc := r.Header.Get("Location")
	u, err := url.Parse(loc)
	if err != nil || loc == "" {
		r.t.Fatalf("%s: Location %q", r.req, loc)
	}
	return u.RequestURI() + fragment(u)
}

func fragment(u *url.URL) string {
	if u.Fragment == "" {
		return ""
	}
	return "#" + u.Fragment
}

// wantStatus fails the test unless r has status.
func (r *pageResult) wantStatus(status int) *pageResult {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("%s = %d, want %d; page says: %s", r.req, r.Status, status, r.summary())
	}
	return r
}

// summary is the heading and the messages of a page, for failures.
func (r *pageResult) summary() string {
	var parts []string
	for _, n := range r.all(`h1, .alert, .field-error, .lead, .flash`) {
		parts = append(parts, pageText(n))
	}
	if len(parts) == 0 {
		b := r.Body
		if len(b) > 300 {
			b = b[:300] + "…"
		}
		return b
	}
	return strings.Join(parts, " | ")
}

// all returns the elements matching the CSS selector sel.
func (r *pageResult) all(sel string) []*html.Node {
	return cascadia.MustCompile(sel).MatchAll(r.Doc)
}

// first returns the first element matching sel, or nil.
func (r *pageResult) first(sel string) *html.Node {
	return cascadia.MustCompile(sel).MatchFirst(r.Doc)
}

// one returns the first element matching sel, failing when there is none.
func (r *pageResult) one(sel string) *html.Node {
	r.t.Helper()
	n := r.first(sel)
	if n == nil {
		r.t.Fatalf("%s: no element matches %q; page says: %s", r.req, sel, r.summary())
	}
	return n
}

// text returns the whitespace-normalised text of the first element
// matching sel, failing when there is none.
func (r *pageResult) text(sel string) string {
	r.t.Helper()
	return pageText(r.one(sel))
}

// texts returns the text of every element matching sel.
func (r *pageResult) texts(sel string) []string {
	var out []string
	for _, n := range r.all(sel) {
		out = append(out, pageText(n))
	}
	return out
}

// form returns the form matching sel with the values a browser would
// send if the user submitted it unchanged.
func (r *pageResult) form(sel string) *pageForm {
	r.t.Helper()
	return pageReadForm(r.t, r.Doc, r.one(sel))
}

// pageTextsIn returns the text of each element matching sel below n.
func pageTextsIn(n *html.Node, sel string) []string {
	var out []string
	for _, m := range cascadia.MustCompile(sel).MatchAll(n) {
		out = append(out, pageText(m))
	}
	return out
}

// pageText returns the text of n and its descendants with runs of white
// space collapsed to one space.
func pageText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// pageAttr returns the value of attribute key of n, or "".
func pageAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func pageHasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// pageForm is a form as a browser sees it: where it posts, the values it
// would send, and which names and choices its controls offer.
type pageForm struct {
	t       testing.TB
	Action  string
	Values  url.Values
	names   map[string]bool
	choices map[string]map[string]bool // select options and checkbox/radio values by name
}

// pageReadForm collects the controls of form: those inside it without a
// form attribute, and those elsewhere whose form attribute names its id.
func pageReadForm(t testing.TB, doc, form *html.Node) *pageForm {
	t.Helper()
	f := &pageForm{t: t, Action: pageAttr(form, "action"), Values: url.Values{}, names: map[string]bool{}, choices: map[string]map[string]bool{}}
	if m := strings.ToLower(pageAttr(form, "method")); m != "post" {
		t.Fatalf("form %s has method %q", f.Action, m)
	}
	id := pageAttr(form, "id")
	belongs := func(n *html.Node) bool {
		if pageHasAttr(n, "form") {
			return id != "" && pageAttr(n, "form") == id
		}
		for p := n.Parent; p != nil; p = p.Parent {
			if p == form {
				return true
			}
		}
		return false
	}
	choice := func(name, v string) {
		if f.choices[name] == nil {
			f.choices[name] = map[string]bool{}
		}
		f.choices[name][v] = true
	}
	for _, n := range cascadia.MustCompile(`input, select, textarea`).MatchAll(doc) {
		name := pageAttr(n, "name")
		if name == "" || !belongs(n) || pageHasAttr(n, "disabled") {
			continue
		}
		f.names[name] = true
		switch n.Data {
		case "input":
			switch strings.ToLower(pageAttr(n, "type")) {
			case "checkbox", "radio":
				v := pageAttr(n, "value")
				if v == "" {
					v = "on"
				}
				choice(name, v)
				if pageHasAttr(n, "checked") {
					f.Values.Add(name, v)
				}
			case "submit", "button", "reset", "image", "file":
			default:
				f.Values.Add(name, pageAttr(n, "value"))
			}
		case "textarea":
			// The parser keeps a textarea's content as one raw text node,
			// without the newline that may follow the start tag.
			var b strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				b.WriteString(c.Data)
			}
			f.Values.Add(name, b.String())
		case "select":
			var first string
			var picked bool
			for i, o := range cascadia.MustCompile(`option`).MatchAll(n) {
				v := pageAttr(o, "value")
				if !pageHasAttr(o, "value") {
					v = pageText(o)
				}
				choice(name, v)
				if i == 0 {
					first = v
				}
				if pageHasAttr(o, "selected") {
					f.Values.Add(name, v)
					picked = true
				}
			}
			if !picked && !pageHasAttr(n, "multiple") {
				f.Values.Add(name, first)
			}
		}
	}
	return f
}

// set replaces the values of a control, failing when the form has no
// control of that name. It does not check the value: hostile clients
// send what they like.
func (f *pageForm) set(name string, values ...string) *pageForm {
	f.t.Helper()
	if !f.names[name] {
		f.t.Fatalf("form %s has no control %q", f.Action, name)
	}
	f.Values[name] = values
	return f
}

// choose is set for selects, checkboxes and radio buttons: every value
// must be one the form offers, as when a user picks them.
func (f *pageForm) choose(name string, values ...string) *pageForm {
	f.t.Helper()
	for _, v := range values {
		if !f.choices[name][v] {
			f.t.Fatalf("form %s: %q offers no choice %q", f.Action, name, v)
		}
	}
	return f.set(name, values...)
}

// Store fixtures ---------------------------------------------------------------

// pageDate parses a YYYY-MM-DD date.
func pageDate(t testing.TB, s string) crosscase.Date {
	t.Helper()
	d, err := crosscase.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// pageNewCase registers c as u (u's desk owns it).
func (ts *testServer) pageNewCase(u *crosscase.User, c *crosscase.Case) *crosscase.Case {
	ts.t.Helper()
	if c.AskedCountries == nil {
		c.AskedCountries = []string{}
	}
	if err := ts.db.CreateCase(userContext(u), c); err != nil {
		ts.t.Fatalf("create case %q as %s: %v", c.Title, u.Name, err)
	}
	return c
}

// pageNewEntity adds e to its case as u, through the services the server
// runs on, so that it is checked for hits and filed in the index.
func (ts *testServer) pageNewEntity(u *crosscase.User, e *crosscase.Entity) *crosscase.Entity {
	ts.t.Helper()
	if err := ts.Entities.CreateEntity(userContext(u), e); err != nil { // through the live hit check, as the server writes
		ts.t.Fatalf("create entity %q as %s: %v", e.Label(), u.Name, err)
	}
	return e
}

// pageNewAuthority adds an authority as the operator.
func (ts *testServer) pageNewAuthority(country, name string, kind crosscase.AuthorityKind, city string) *crosscase.Authority {
	ts.t.Helper()
	a := &crosscase.Authority{CountryCode: country, Name: name, Kind: kind, City: city}
	if err := ts.db.CreateAuthority(systemContext(), a); err != nil {
		ts.t.Fatalf("create authority %q: %v", name, err)
	}
	return a
}

// pageCaseTitles returns the titles of every case u can see.
func (ts *testServer) pageCaseTitles(u *crosscase.User) []string {
	ts.t.Helper()
	cases, _, err := ts.db.FindCases(userContext(u), crosscase.CaseFilter{Limit: 200})
	if err != nil {
		ts.t.Fatalf("find cases as %s: %v", u.Name, err)
	}
	var out []string
	for _, c := range cases {
		out = append(out, c.Title)
	}
	return out
}

// pageCase reads case id as u.
func (ts *testServer) pageCase(u *crosscase.User, id int64) *crosscase.Case {
	ts.t.Helper()
	c, err := ts.db.FindCaseByID(userContext(u), id)
	if err != nil {
		ts.t.Fatalf("find case %d as %s: %v", id, u.Name, err)
	}
	return c
}

// pageEntityCode returns the error code of reading entity id as u ("" when found).
func (ts *testServer) pageEntityCode(u *crosscase.User, id int64) string {
	_, err := ts.db.FindEntityByID(userContext(u), id)
	return crosscase.ErrorCode(err)
}

// pageRepoRoot returns the module's root folder (the parent of http/).
func pageRepoRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Dir(wd)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod above %s: %v", wd, err)
	}
	return root
}
