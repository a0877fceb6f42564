package http

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// zeros reads n zero bytes without holding them.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	z.n -= int64(len(p))
	return len(p), nil
}

// hideLength hides a reader's length, so that the body is sent chunked.
type hideLength struct{ io.Reader }

// bigNoticeForm returns a multipart body of a notice with files of
// fileBytes each: its length and the reader, never held in memory.
func bigNoticeForm(csrf string, files int, fileBytes int64, boundary string) (int64, io.Reader) {
	// The API takes the notice as JSON; the page's form, its fields.
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"notice\"\r\nContent-Type: application/json\r\n\r\n" +
		`{"subject":"Big","body":"Files.","to_all":true}` + "\r\n"
	if csrf != "" {
		head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + csrf + "\r\n" +
			"--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nBig\r\n" +
			"--" + boundary + "\r\nContent-Disposition: form-data; name=\"body\"\r\n\r\nFiles.\r\n" +
			"--" + boundary + "\r\nContent-Disposition: form-data; name=\"recipients\"\r\n\r\nall\r\n"
	}
	readers := []io.Reader{strings.NewReader(head)}
	n := int64(len(head))
	for i := 0; i < files; i++ {
		h := fmt.Sprintf("--%s\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"f%d.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n", boundary, i)
		readers = append(readers, strings.NewReader(h), &zeros{fileBytes}, strings.NewReader("\r\n"))
		n += int64(len(h)) + fileBytes + 2
	}
	tail := "--" + boundary + "--\r\n"
	readers = append(readers, strings.NewReader(tail))
	return n + int64(len(tail)), io.MultiReader(readers...)
}

// A notice over the request limit is refused with a 413 naming the limit,
// on the page and in the API, whether its length is announced or not;
// nothing is sent.
func TestNoticeUploadOverTheLimit(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.user("claire", crosscase.RoleDeskMember, "FR")
		ts.user("arben", crosscase.RoleLiaison, "AL")
		b := ts.pageSignIn(fr)
		b.get("/notices/new").wantStatus(http.StatusOK)
		const boundary = "xYzBoundary42"
		limitText := fmt.Sprintf("%d MiB", MaxUploadBytes>>20)
		for _, chunked := range []bool{false, true} {
			// Three files of 24 MiB: each under its own limit, 72 MiB together.
			n, body := bigNoticeForm(b.csrf, 3, 24<<20, boundary)
			if chunked {
				body = hideLength{body}
			}
			req, err := http.NewRequest(http.MethodPost, ts.URL()+"/notices", body)
			if err != nil {
				t.Fatal(err)
			}
			if !chunked {
				req.ContentLength = n
			}
			req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
			res := b.do(req)
			if res.Status != http.StatusRequestEntityTooLarge || !strings.Contains(res.Body, limitText) || strings.Contains(res.Body, "expired") {
				t.Fatalf("page, chunked=%t: %d %q", chunked, res.Status, res.summary())
			}

			api := &apiClient{ts: ts, User: fr, Token: ts.token(fr), Header: http.Header{}}
			n, body = bigNoticeForm("", 3, 24<<20, boundary)
			if chunked {
				body = hideLength{body}
			}
			req, err = http.NewRequest(http.MethodPost, ts.URL()+"/api/v1/notices", body)
			if err != nil {
				t.Fatal(err)
			}
			if !chunked {
				req.ContentLength = n
			}
			req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
			req.Header.Set("Authorization", "Bearer "+api.Token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(string(got), limitText) {
				t.Fatalf("API, chunked=%t: %d %s", chunked, resp.StatusCode, got)
			}
		}
		if out, err := db.FindNotices(userContext(fr), crosscase.Outbox, 0); err != nil || len(out) != 0 {
			t.Fatalf("outbox after refusals: %d, %v", len(out), err)
		}
		if crosscase.MaxNoticeFilesBytes != MaxUploadBytes {
			t.Errorf("the files of a notice (%d) and the request (%d) have different limits", crosscase.MaxNoticeFilesBytes, MaxUploadBytes)
		}
	})
}

// The sender desk adds a contact-point desk to a sent notice through the
// API and the notice page; bad ids are refused naming the field.
func TestNoticeAddRecipientsAPIAndPage(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.apiUser("claire", crosscase.RoleDeskMember, "FR")
		de := ts.apiUser("katrin", crosscase.RoleDeskMember, "DE")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Specifications.", RecipientDeskIDs: []int64{de.User.DeskID}}
		if err := db.SendNotice(userContext(fr.User), n, nil); err != nil {
			t.Fatal(err)
		}
		// A country with no one at the agency, registered on request.
		ch := &crosscase.Desk{CountryCode: "CH", Kind: crosscase.DeskContactPoint, Name: "Swiss contact point"}
		if err := db.CreateDesk(systemContext(), ch); err != nil {
			t.Fatal(err)
		}
		cp := ts.user("urs", crosscase.RoleContactPoint, "CH")
		path := fmt.Sprintf("/api/v1/notices/%d/recipients", n.ID)

		fr.post(path, map[string]any{"desk_ids": []int64{ch.ID, 987654}}).wantProblem(t, http.StatusUnprocessableEntity, "desk_ids[1]")
		fr.post(path, map[string]any{"desk_ids": "CH"}).wantProblem(t, http.StatusBadRequest, "desk_ids")
		fr.post(path, `{"desk_ids":[1],"extra":true}`).wantProblem(t, http.StatusBadRequest, "extra")
		fr.post(path, map[string]any{"desk_ids": []int64{}}).wantProblem(t, http.StatusUnprocessableEntity, "desk_ids")
		de.post(path, map[string]any{"desk_ids": []int64{ch.ID}}).wantProblem(t, http.StatusForbidden, "")
		ts.apiUser("jan", crosscase.RoleDeskMember, "NL").post(path, map[string]any{"desk_ids": []int64{ch.ID}}).wantProblem(t, http.StatusNotFound, "")
		if _, err := db.FindNotice(userContext(cp), n.ID); crosscase.ErrorCode(err) != crosscase.ENOTFOUND {
			t.Fatalf("CH reads the notice after refusals: %v", err)
		}

		var got crosscase.Notice
		fr.post(path, map[string]any{"desk_ids": []int64{ch.ID}}).decode(t, http.StatusOK, &got)
		if got.RecipientCount != 2 || len(got.Recipients) != 2 {
			t.Fatalf("after adding: %+v", got)
		}
		if c, _ := db.CountUnreadNotifications(userContext(cp)); c != 1 {
			t.Errorf("CH unread notifications %d, want 1", c)
		}

		// The page: the sender sees the form with the desks not yet
		// reached and the note on countries with no one at the agency.
		nl := ts.desk("NL", crosscase.DeskNational)
		b := ts.pageSignIn(fr.User)
		page := b.get(fmt.Sprintf("/notices/%d", n.ID)).wantStatus(http.StatusOK)
		if page.first("#f-add-desk-CH") != nil || page.first("#f-add-desk-DE") != nil || page.first("#f-add-desk-NL") == nil {
			t.Fatalf("addable desks: %v", page.texts("#f-add-desks label"))
		}
		if !strings.Contains(page.text("#add-recipients-hint"), "contact-point desk") {
			t.Errorf("hint %q", page.text("#add-recipients-hint"))
		}
		bad := b.postCSRF(fmt.Sprintf("/notices/%d/recipients", n.ID), url.Values{"desk_ids": {"abc"}}).wantStatus(http.StatusUnprocessableEntity)
		if bad.first("#err-desk_ids") == nil {
			t.Fatalf("no error next to the desks: %s", bad.summary())
		}
		res := b.postCSRF(fmt.Sprintf("/notices/%d/recipients", n.ID), url.Values{"desk_ids": {fmt.Sprint(nl.ID)}})
		page = b.follow(res)
		if page.first("#recipient-NL") == nil || len(page.all("#recipients tr.recipient")) != 3 {
			t.Fatalf("recipients after the page added NL: %v", page.texts("#recipients tr.recipient"))
		}
		// A recipient desk's page has no such form.
		if b2 := ts.pageSignIn(de.User); b2.get(fmt.Sprintf("/notices/%d", n.ID)).first("#add-recipients-form") != nil {
			t.Error("a recipient desk sees the form to add recipients")
		}
	})
}

// The notice, meeting, result and statistics operations answer JIT-only
// accounts, contact points and oversized bodies only with statuses their
// OpenAPI entries list.
func TestCoordinationStatusesDocumented(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.apiUser("claire", crosscase.RoleDeskMember, "FR")
		ts.desk("CH", crosscase.DeskContactPoint)
		jit := ts.apiUser("jit.kovacs", crosscase.RoleJITMember, "AL")
		cp := ts.apiUser("urs", crosscase.RoleContactPoint, "CH")
		ctx := userContext(fr.User)
		c := &crosscase.Case{Title: "Prison phones", Summary: "Devices.", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")}
		if err := db.CreateCase(ctx, c); err != nil {
			t.Fatal(err)
		}
		m := &crosscase.Meeting{CaseID: c.ID, StartsAt: time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)}
		if err := db.CreateMeeting(ctx, m); err != nil {
			t.Fatal(err)
		}
		res := &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: "FR", Date: pageDate(t, "2024-03-05"), Count: 2}
		if err := db.CreateResult(ctx, res); err != nil {
			t.Fatal(err)
		}
		n := &crosscase.Notice{Subject: "Phones", Body: "Details.", ToAll: true}
		if err := db.SendNotice(ctx, n, []crosscase.NoticeFile{{Name: "a.txt", ContentType: "text/plain", Content: []byte("x")}}); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Paths map[string]map[string]struct {
				Responses map[string]any `json:"responses"`
			} `json:"paths"`
		}
		if err := json.Unmarshal(openAPIDocument, &doc); err != nil {
			t.Fatal(err)
		}
		id := func(v int64) string { return fmt.Sprint(v) }
		for _, op := range []struct{ method, tmpl, path, body string }{
			{"GET", "/api/v1/cases/{id}/meetings", "/api/v1/cases/" + id(c.ID) + "/meetings", ""},
			{"POST", "/api/v1/cases/{id}/meetings", "/api/v1/cases/" + id(c.ID) + "/meetings", `{"starts_at":"2024-03-05T09:00:00Z"}`},
			{"GET", "/api/v1/meetings/{id}", "/api/v1/meetings/" + id(m.ID), ""},
			{"PATCH", "/api/v1/meetings/{id}", "/api/v1/meetings/" + id(m.ID), `{"version":1}`},
			{"DELETE", "/api/v1/meetings/{id}", "/api/v1/meetings/" + id(m.ID), ""},
			{"GET", "/api/v1/cases/{id}/results", "/api/v1/cases/" + id(c.ID) + "/results", ""},
			{"POST", "/api/v1/cases/{id}/results", "/api/v1/cases/" + id(c.ID) + "/results", `{"kind":"arrest","country":"CH","date":"2024-03-05","count":1}`},
			{"DELETE", "/api/v1/results/{id}", "/api/v1/results/" + id(res.ID), ""},
			{"GET", "/api/v1/statistics/meetings", "/api/v1/statistics/meetings", ""},
			{"GET", "/api/v1/statistics/results", "/api/v1/statistics/results", ""},
			{"GET", "/api/v1/notices", "/api/v1/notices", ""},
			{"POST", "/api/v1/notices", "/api/v1/notices", `{"subject":"x","body":"y","to_all":true}`},
			{"GET", "/api/v1/notices/{id}", "/api/v1/notices/" + id(n.ID), ""},
			{"POST", "/api/v1/notices/{id}/acknowledge", "/api/v1/notices/" + id(n.ID) + "/acknowledge", ""},
			{"GET", "/api/v1/notices/{id}/attachments/{attachment_id}", "/api/v1/notices/" + id(n.ID) + "/attachments/" + id(n.Attachments[0].ID), ""},
			{"POST", "/api/v1/notices/{id}/recipients", "/api/v1/notices/" + id(n.ID) + "/recipients", `{"desk_ids":[1]}`},
		} {
			listed := doc.Paths[op.tmpl][strings.ToLower(op.method)].Responses
			if listed == nil {
				t.Errorf("%s %s is not in the document", op.method, op.tmpl)
				continue
			}
			check := func(who string, status int) {
				if _, ok := listed[fmt.Sprint(status)]; !ok {
					t.Errorf("%s %s answers %s with %d, which the document does not list", op.method, op.tmpl, who, status)
				}
			}
			for who, cl := range map[string]*apiClient{"a JIT-only account": jit, "a contact point": cp} {
				var body any
				if op.body != "" {
					body = op.body
				}
				check(who, cl.do(op.method, op.path, body).Status)
			}
			// A body over the limit, announced or not.
			limit := int64(MaxBodyBytes)
			if op.tmpl == "/api/v1/notices" && op.method == "POST" {
				limit = MaxUploadBytes
			}
			req, err := http.NewRequest(op.method, ts.URL()+op.path, io.LimitReader(&zeros{limit + 1}, limit+1))
			if err != nil {
				t.Fatal(err)
			}
			req.ContentLength = limit + 1
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+fr.Token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusRequestEntityTooLarge {
				t.Errorf("%s %s with %d bytes: %d, want 413", op.method, op.tmpl, limit+1, resp.StatusCode)
			}
			check("an oversized body", resp.StatusCode)
		}
	})
}
