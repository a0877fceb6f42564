package http

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"crosscase/sqldb/sqldbtest"
)

// A refused form that carried files keeps what was typed, and, since a
// browser does not keep the files chosen, names them to be chosen again:
// a notice without a subject, and JIT evidence marked for nobody. A file
// refused as too large is not offered again.
func TestPageFilesChosenAgain(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	js := newJITSetup(t, db, 64<<10)
	desk, member := js.ts.pageSignIn(js.it.User), js.ts.pageSignIn(js.itm.User)
	post := func(b *pageBrowser, path string, fields url.Values, files map[string]string) *pageResult {
		t.Helper()
		var chosen []pageFile
		for field, name := range files {
			chosen = append(chosen, pageFile{field, name, []byte("Summary of the intercepts.")})
		}
		return b.postFiles(path, fields, chosen...)
	}

	desk.acceptLanguage = "fr"
	res := post(desk, "/notices", url.Values{"subject": {""}, "body": {"Les téléphones saisis."}, "recipients": {"all"}}, map[string]string{"attachment": "specifications.txt"}).wantStatus(http.StatusUnprocessableEntity)
	if got, want := res.text("#attachments-again"), "Choisissez à nouveau les fichiers : un navigateur ne les garde pas après un formulaire refusé. (specifications.txt)"; got != want {
		t.Errorf("notice: %q, want %q", got, want)
	}
	if got := res.text("#f-body"); got != "Les téléphones saisis." {
		t.Errorf("notice: the text typed is lost: %q", got)
	}
	if res = post(desk, "/notices", url.Values{"subject": {""}, "body": {"x"}, "recipients": {"all"}}, nil).wantStatus(http.StatusUnprocessableEntity); res.first("#attachments-again") != nil {
		t.Error("notice without files: asked to choose them again")
	}

	path := fmt.Sprintf("/jits/%d/evidence", js.jit.ID)
	res = post(member, path, nil, map[string]string{"file": "intercepts.txt"}).wantStatus(http.StatusUnprocessableEntity)
	if got, want := res.text("#file-again"), "Choose the file again: a browser does not keep it after a refused form. (intercepts.txt)"; got != want {
		t.Errorf("evidence: %q, want %q", got, want)
	}
	if evs, err := db.FindEvidence(userContext(js.itm.User), js.jit.ID); err == nil && len(evs) != 0 {
		t.Errorf("a refused upload kept %d files", len(evs))
	}
}
