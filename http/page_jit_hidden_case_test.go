package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestPageJITHiddenLinkedCase: a JIT-only member, who may not see the
// JIT's linked case, reads on the JIT page that there is a linked case
// they may not see, in their language, not "Case 1" (the database id,
// which means nothing to a person), nor its reference or title.
func TestPageJITHiddenLinkedCase(t *testing.T) {
	ts := newTestServer(t, sqldbtest.NewSQLite(t))
	_, c, j := ts.danubeJIT()
	hu := j.Parties[1].AuthorityIDs[0]
	kovacs := ts.user("jit.kovacs", crosscase.RoleJITMember, "HU")
	if err := ts.db.AddJITMember(systemContext(), j.ID, &crosscase.JITMember{UserID: kovacs.ID, CountryCode: "HU", AuthorityID: hu}); err != nil {
		t.Fatal(err)
	}
	b := ts.pageSignIn(kovacs)
	for lang, want := range map[string]string{
		"en": "A linked case you may not see",
		"de": "Ein verknüpfter Fall, den Sie nicht sehen dürfen",
		"fr": "Une affaire liée que vous ne pouvez pas voir",
		"it": "Un caso collegato che non può vedere",
	} {
		b.acceptLanguage = lang
		got := b.get("/jits/" + strconv.FormatInt(j.ID, 10)).wantStatus(http.StatusOK).text("#jit-cases")
		if got != want {
			t.Errorf("%s: the linked cases read %q, want %q", lang, got, want)
		}
		if strings.Contains(got, c.Reference) || strings.Contains(got, "Danube") || strings.Contains(got, strconv.FormatInt(c.ID, 10)) {
			t.Errorf("%s: the linked cases name the case: %q", lang, got)
		}
	}
}
