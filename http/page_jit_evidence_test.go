package http

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestPageEvidenceOverLimit: a file over the evidence limit uploaded from
// the JIT page is refused next to the form with the limit as people read
// it (64 KiB), in the reader's language, never as a count of bytes.
func TestPageEvidenceOverLimit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		const max = 64 << 10
		js := newJITSetup(t, db, max)
		b := js.ts.pageSignIn(js.itm.User)
		for lang, want := range map[string]string{"en": "The file is larger than the limit of 64 KiB; nothing was kept.",
			"fr": "Le fichier dépasse la limite de 64 KiB ; rien n'a été conservé."} {
			b.acceptLanguage = lang
			b.get(fmt.Sprintf("/jits/%d", js.jit.ID)).wantStatus(http.StatusOK)
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("csrf_token", b.csrf)
			mw.WriteField("recipient_ids", fmt.Sprint(js.dem.User.ID))
			fw, _ := mw.CreateFormFile("file", "call-records.txt")
			fw.Write([]byte(strings.Repeat("Call records, line by line.\n", 2*max/28)))
			mw.Close()
			req, _ := http.NewRequest("POST", js.ts.URL()+fmt.Sprintf("/jits/%d/evidence", js.jit.ID), &body)
			req.Header.Set("Content-Type", mw.FormDataContentType())
			res := b.do(req).wantStatus(http.StatusRequestEntityTooLarge)
			if got := res.text("#err-file"); got != want {
				t.Errorf("%s: %q, want %q", lang, got, want)
			}
		}
	})
}
