package http

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// When a case's personal data is deleted, the messages of its JITs lose
// their text: the JIT space still shows who wrote when, and says why the
// text is gone (README, "Retention and review").
func TestPageJITMessageErased(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it, c, j := ts.danubeJIT()
		const text = "Horvath was seen at the Vác marina."
		m := &crosscase.JITMessage{Body: text}
		if err := db.PostJITMessage(userContext(it), j.ID, m); err != nil {
			t.Fatal(err)
		}
		b := ts.pageSignIn(it)
		path := "/jits/" + strconv.FormatInt(j.ID, 10)
		if r := b.get(path).wantStatus(http.StatusOK); !strings.Contains(r.text("#message-"+strconv.FormatInt(m.ID, 10)), text) {
			t.Fatalf("the message before the deletion: %q", r.text("#jit-messages"))
		}
		if _, err := db.ReviewRetention(userContext(it), c.ID, &crosscase.RetentionReview{Decision: crosscase.ReviewDelete, Reason: "Proceedings ended."}); err != nil {
			t.Fatal(err)
		}
		r := b.get(path).wantStatus(http.StatusOK)
		row := "#message-" + strconv.FormatInt(m.ID, 10)
		if got := r.text(row); strings.Contains(got, "Horvath") || !strings.Contains(got, it.Name) || r.first(row+" .erased") == nil {
			t.Errorf("the message after the deletion: %q", got)
		}
	})
}
