package http

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPageAuthorizationMatrix is TestAuthorizationMatrix for the pages:
// every page route registered in http/web/routes.go (CSV export, link
// chart and its SVG, timeline, retention, hits, notices and their
// attachments, JITs and evidence downloads, centres with their log and
// press summary, instruments, the administrator's pages …) is called in a
// browser session of every role of a desk with no part in the demo
// operations (Sweden), with another desk's object ("foreign") and with an
// id that does not exist ("missing"); forms are posted with the session's
// CSRF token and nothing else. A foreign id must be answered exactly as a
// missing one — the same status, the same redirect and the same page once
// the path is taken out — and no answer, the pages without an id
// included, may show a foreign case's title, reference or entity. The
// live streams are left to TestCentreStream*; the calendar feed's address
// is its own credential. The figures are logged.
func TestPageAuthorizationMatrix(t *testing.T) {
	routes := pageRoutes(t)
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		ts.loadDemo() // with the demo's hits
		foreign := foreignObjects(t, db.SQL())
		for kind, q := range map[string]string{
			"relations": `SELECT COALESCE(MIN(id), 0) FROM entity_relations`,
			"tokens":    `SELECT COALESCE(MIN(id), 0) FROM tokens`,
			"passkeys":  `SELECT COALESCE(MIN(id), 0) FROM passkeys`,
			"calendar":  `SELECT COALESCE(MIN(id), 0) FROM calendar_tokens`,
		} {
			var id int64
			if err := db.SQL().QueryRow(q).Scan(&id); err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			foreign[kind] = id
		}
		secrets := foreignSecrets(t, db.SQL())

		browsers := map[crosscase.Role]*pageBrowser{}
		for _, role := range crosscase.Roles() {
			desk := "SE"
			switch role {
			case crosscase.RoleStatistics:
				desk = ""
			case crosscase.RoleContactPoint:
				desk = "NZ"
			case crosscase.RoleJITMember:
				desk = "SE" // the account's country: no desk
			}
			u := ts.user("se.page."+strings.ReplaceAll(string(role), "_", "-"), role, desk)
			browsers[role] = ts.pageSignIn(u)
		}
		before := matrixSnapshot(t, db.SQL())

		requests, differ, leaks := 0, 0, 0
		for _, route := range routes {
			method, path, _ := strings.Cut(route, " ")
			if strings.HasSuffix(path, "/events") || strings.HasPrefix(path, "/calendar/") || strings.HasPrefix(path, "/static/") || strings.HasPrefix(path, "/login") {
				continue
			}
			hasID := strings.Contains(strings.ReplaceAll(path, "{$}", ""), "{")
			if method == "POST" && !hasID {
				continue // a create: nothing of another desk's to name
			}
			for role, b := range browsers {
				answers := map[string]*pageResult{}
				for _, which := range []string{"foreign", "missing"} {
					if which == "missing" && !hasID {
						continue
					}
					p := pagePath(path, foreign, which)
					var res *pageResult
					if method == "GET" {
						res = b.get(p)
					} else {
						res = b.postCSRF(p, url.Values{})
					}
					requests++
					answers[which] = res
					for _, s := range secrets {
						if strings.Contains(res.Body, s) || strings.Contains(res.Body, htmlEscaped(s)) {
							leaks++
							t.Errorf("%s %s as %s (%s id) shows %q of another desk's case", method, p, role, which, s)
						}
					}
				}
				if !hasID || pageMatrixOpen(route, role) {
					continue
				}
				f, m := answers["foreign"], answers["missing"]
				fb, mb := pageComparable(f, pagePath(path, foreign, "foreign"), b.csrf), pageComparable(m, pagePath(path, foreign, "missing"), b.csrf)
				if f.Status != m.Status || f.Header.Get("Location") != m.Header.Get("Location") || fb != mb {
					differ++
					t.Errorf("%s as %s: foreign id %d %q, missing id %d %q:\n%s", route, role, f.Status, f.Header.Get("Location"), m.Status, m.Header.Get("Location"), firstDifference(fb, mb))
				}
			}
		}
		if after := matrixSnapshot(t, db.SQL()); after != before {
			t.Errorf("the walk changed other desks' data:\nbefore %s\nafter  %s", before, after)
		}
		t.Logf("page authorization matrix: %d routes × %d roles = %d requests; foreign ≠ missing: %d; other desks' case content shown: %d",
			len(routes), len(browsers), requests, differ, leaks)
	})
}

// pageRoutes reads the page routes from http/web/routes.go: "METHOD
// /path" of every page(…) and pageEvidence(…) registration.
func pageRoutes(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(pageRepoRoot(t), "http", "web", "routes.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range regexp.MustCompile(`page(?:Evidence)?\("((?:GET|POST) [^"]+)"`).FindAllStringSubmatch(string(src), -1) {
		out = append(out, m[1])
	}
	if len(out) < 100 {
		t.Fatalf("only %d page routes read from routes.go: has its form changed?", len(out))
	}
	return out
}

// pageMatrixOpen reports whether role may know that the object of a page
// route exists, by design, as matrixOpen does for the API: administrators
// administer users, desks, countries and agreements, and see every JIT's
// record, so that its space answers them 403 rather than 404.
func pageMatrixOpen(route string, role crosscase.Role) bool {
	_, path, _ := strings.Cut(route, " ")
	if strings.Contains(path, "{table}") {
		return true // the report's tables, which every statistics reader may name
	}
	if role != crosscase.RoleAdministrator {
		return false
	}
	// An administrator administers every account: confirming one's place
	// on a desk (/users/{id}/desk-confirmation) included.
	return strings.HasPrefix(path, "/admin/") || strings.HasPrefix(path, "/users/") || strings.HasPrefix(path, "/jits/") || strings.HasPrefix(path, "/evidence/")
}

// pagePath fills a page route's parameters with a foreign object's id, or
// with one that does not exist.
func pagePath(path string, foreign map[string]int64, which string) string {
	rest := strings.TrimPrefix(path, "/")
	kind, _, _ := strings.Cut(rest, "/")
	if parts := strings.SplitN(rest, "/", 3); len(parts) > 1 && (kind == "admin" || kind == "account") {
		rest = parts[1]
		kind = map[string]string{"users": "users", "desks": "desks", "agreements": "agreements", "countries": "countries",
			"tokens": "tokens", "passkeys": "passkeys", "calendar-tokens": "calendar"}[rest]
	}
	id := func(k string) string {
		if which == "missing" || foreign[k] == 0 {
			return "987654321" // none in the demo: called with a missing id twice
		}
		return fmt.Sprint(foreign[k])
	}
	r := strings.NewReplacer(
		"{$}", "",
		"{id}", id(kind),
		"{case_id}", id("cases"),
		"{user_id}", id("users"),
		"{desk}", id("desks"),
		"{funding_id}", id("funding"),
		"{attachment_id}", id("attachments"),
		"{code}", map[string]string{"foreign": "FR", "missing": "QQ"}[which],
		"{table}", map[string]string{"foreign": "headline", "missing": "nosuchtable"}[which],
	)
	return r.Replace(path)
}

// pageComparable is a page's body with what differs between a foreign and
// a missing id by construction taken out: the path asked for, and the
// session's CSRF token.
func pageComparable(r *pageResult, path, csrf string) string {
	body := strings.ReplaceAll(r.Body, path, "PATH")
	if csrf != "" {
		body = strings.ReplaceAll(body, csrf, "CSRF")
	}
	return body
}

// firstDifference shows where a and b part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("foreign: …%s…\nmissing: …%s…", a[from:min(len(a), i+120)], b[from:min(len(b), i+120)])
}

// htmlEscaped is s as a page writes it in text.
func htmlEscaped(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}
