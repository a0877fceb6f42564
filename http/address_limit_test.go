package http

import (
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb/sqldbtest"
)

// TestAddressTooLong: an address longer than server.MaxAddressLength is
// refused with 414 naming the query — a problem for the API, the error
// page (in the reader's language) for pages — and nothing is read or
// written; one just under the limit is read as usual.
func TestAddressTooLong(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	it := ts.apiUser("it.member", crosscase.RoleDeskMember, "IT")
	long := strings.Repeat("x", server.MaxAddressLength)

	p := it.get("/api/v1/cases?q="+long).wantProblem(t, http.StatusRequestURITooLong, "query")
	if p.Code != crosscase.ETOOLARGE || !strings.Contains(p.Detail, "8192") {
		t.Errorf("problem %+v", p)
	}
	ok := "/api/v1/cases?q=" + strings.Repeat("x", server.MaxAddressLength-len("/api/v1/cases?q=")-1)
	it.get(ok).wantProblem(t, http.StatusUnprocessableEntity, "q") // read, and refused by the list's own rule
	// Without a token the answer is the same: the address is refused first.
	res, err := http.Get(ts.URL() + "/api/v1/cases?q=" + long)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestURITooLong || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("signed out: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}

	b := ts.pageSignIn(it.User)
	r := b.get("/search?q=" + long).wantStatus(http.StatusRequestURITooLong)
	if !strings.Contains(r.text("main"), "shorten the search or the filters") {
		t.Errorf("page: %q", r.text("main"))
	}
	b.acceptLanguage = "fr"
	if r := b.get("/cases?q=" + long).wantStatus(http.StatusRequestURITooLong); !strings.Contains(r.text("main"), "raccourcissez") {
		t.Errorf("page in French: %q", r.text("main"))
	}
}
