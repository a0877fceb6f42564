package http

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"testing"

	"io"
	"net/url"
	"time"

	"crosscase"
	"crosscase/http/api"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestAPIMeetingsAndResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("paola", crosscase.RoleDeskMember, "IT")
		al := ts.apiUser("arben", crosscase.RoleLiaison, "AL")
		de := ts.apiUser("katrin", crosscase.RoleDeskMember, "DE")
		stats := ts.apiUser("eva", crosscase.RoleStatistics, "")
		c := createCase(t, it, caseBody("Operation Harbour", nil))
		meetings := fmt.Sprintf("/api/v1/cases/%d/meetings", c.ID)

		var partners server.List[crosscase.PartnerAgency]
		it.get("/api/v1/partner-agencies").decode(t, http.StatusOK, &partners)
		if len(partners.Items) < 5 || partners.Items[0].Code != "europol" {
			t.Fatalf("partner agencies %+v", partners)
		}

		// Bad input: 4xx naming the field, nothing stored.
		for _, tc := range []struct {
			body   string
			status int
			field  string
		}{
			{`{"starts_at": "2025-02-30T10:00:00Z"}`, 400, "starts_at"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "desk_ids": "AL"}`, 400, "desk_ids"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "partners": ["europol", "smersh"]}`, 422, "partners[1]"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "desk_ids": [424242]}`, 422, "desk_ids[0]"},
			// Germany is not asked in the case: its desk takes no part.
			{fmt.Sprintf(`{"starts_at": "2025-03-01T10:00:00Z", "desk_ids": [%d, %d]}`, al.User.DeskID, de.User.DeskID), 422, "desk_ids[1]"},
			{`{"starts_at": "2199-03-01T10:00:00Z", "outcome": "Agreed."}`, 422, "outcome"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "agenda": "\u202e<script>"}`, 422, "agenda"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "venue": "The Hague"}`, 400, "venue"},
		} {
			it.do("POST", meetings, tc.body).wantProblem(t, tc.status, tc.field)
		}
		var list server.List[*crosscase.Meeting]
		it.get(meetings).decode(t, http.StatusOK, &list)
		if len(list.Items) != 0 {
			t.Fatalf("bad input stored %d meetings", len(list.Items))
		}

		var m crosscase.Meeting
		it.post(meetings, map[string]any{"starts_at": "2025-03-01T10:00:00Z", "desk_ids": []int64{al.User.DeskID},
			"partners": []string{"europol"}, "agenda": "Action day planning"}).decode(t, http.StatusCreated, &m)
		if m.ID == 0 || m.Version != 1 || len(m.DeskIDs) != 1 || m.Outcome != "" {
			t.Fatalf("created %+v", m)
		}
		mpath := fmt.Sprintf("/api/v1/meetings/%d", m.ID)
		al.get(meetings).decode(t, http.StatusOK, &list)
		if len(list.Items) != 1 {
			t.Fatalf("asked desk sees %d meetings", len(list.Items))
		}
		al.patch(mpath, map[string]any{"version": 1, "outcome": "x"}).wantProblem(t, http.StatusForbidden, "")
		de.get(mpath).wantProblem(t, http.StatusNotFound, "")
		de.get(meetings).wantProblem(t, http.StatusNotFound, "")
		de.patch(mpath, map[string]any{"version": 1, "outcome": "x"}).wantProblem(t, http.StatusNotFound, "")
		it.patch(mpath, map[string]any{"outcome": "x"}).wantProblem(t, http.StatusBadRequest, "version")
		it.patch(mpath, map[string]any{"version": 1, "outcome": "JIT to be set up; EIOs to be issued."}).decode(t, http.StatusOK, &m)
		if m.Version != 2 || !strings.HasPrefix(m.Outcome, "JIT") {
			t.Fatalf("outcome %+v", m)
		}

		// Results.
		results := fmt.Sprintf("/api/v1/cases/%d/results", c.ID)
		var action crosscase.Action
		it.post(fmt.Sprintf("/api/v1/cases/%d/actions", c.ID), map[string]any{"date": "2025-05-13", "name": "Action day"}).decode(t, http.StatusCreated, &action)
		for _, tc := range []struct {
			body   map[string]any
			status int
			field  string
		}{
			{map[string]any{"kind": "seizure", "country": "IT", "date": "2025-05-13", "seizure_type": "drugs", "unit": "kg", "quantity": 10, "measure": "seized"}, 422, "substance"},
			{map[string]any{"kind": "seizure", "country": "IT", "date": "2025-05-13", "seizure_type": "drugs", "substance": "heroin", "quantity": 10, "measure": "seized"}, 422, "unit"},
			{map[string]any{"kind": "seizure", "country": "IT", "date": "2025-05-13", "seizure_type": "cash", "quantity": -3, "unit": "EUR", "measure": "seized"}, 422, "quantity"},
			{map[string]any{"kind": "arrest", "country": "IT", "date": "2025-02-31", "count": 3}, 400, "date"},
			{map[string]any{"kind": "arrest", "country": "ZZ", "date": "2025-05-13", "count": 3}, 422, "country"},
			{map[string]any{"kind": "arrest", "country": "IT", "date": "2025-05-13", "count": "three"}, 400, "count"},
		} {
			it.post(results, tc.body).wantProblem(t, tc.status, tc.field)
		}
		var r crosscase.Result
		it.post(results, map[string]any{"action_id": action.ID, "kind": "seizure", "country": "IT", "date": "2025-05-13", "seizure_type": "drugs",
			"substance": "cocaine", "quantity": 1800.5, "unit": "kg", "measure": "seized", "value_eur": 50000000}).decode(t, http.StatusCreated, &r)
		if r.Quantity != 1800.5 || r.DeskID != it.User.DeskID {
			t.Fatalf("result %+v", r)
		}
		al.post(results, map[string]any{"kind": "arrest", "country": "AL", "date": "2025-05-13", "count": 26}).decode(t, http.StatusCreated, &r)
		al.post(results, map[string]any{"kind": "arrest", "country": "IT", "date": "2025-05-13", "count": 26}).wantProblem(t, http.StatusForbidden, "country")
		de.post(results, map[string]any{"kind": "arrest", "country": "DE", "date": "2025-05-13", "count": 1}).wantProblem(t, http.StatusNotFound, "")
		de.del(fmt.Sprintf("/api/v1/results/%d", r.ID)).wantProblem(t, http.StatusNotFound, "")
		var rl server.List[*crosscase.Result]
		al.get(results).decode(t, http.StatusOK, &rl)
		if len(rl.Items) != 2 {
			t.Fatalf("%d results", len(rl.Items))
		}

		// Statistics: numbers, for statistics users only.
		var tot crosscase.ResultTotals
		stats.get("/api/v1/statistics/results?from=2025-01-01&to=2025-12-31").decode(t, http.StatusOK, &tot)
		if tot.Arrests != 26 || tot.SeizedEUR != 50_000_000 || len(tot.Seizures) != 1 || tot.Seizures[0].Quantity != 1800.5 {
			t.Fatalf("totals %+v", tot)
		}
		var cnt api.MeetingCountResponse
		stats.get("/api/v1/statistics/meetings?from=2025-01-01&to=2025-12-31&country=AL").decode(t, http.StatusOK, &cnt)
		if cnt.Meetings != 1 {
			t.Fatalf("meetings %+v", cnt)
		}
		stats.get("/api/v1/statistics/meetings?from=2025-12-31&to=2025-01-01").wantProblem(t, 422, "to")
		stats.get("/api/v1/statistics/meetings?from=2025-13-01").wantProblem(t, 400, "from")
		stats.get("/api/v1/statistics/results?country=QQ").wantProblem(t, 422, "country")
		it.get("/api/v1/statistics/results").wantProblem(t, http.StatusForbidden, "")
		it.get("/api/v1/statistics/meetings").wantProblem(t, http.StatusForbidden, "")
	})
}

// multipartNotice builds a multipart body with the notice as JSON and files.
func multipartNotice(t *testing.T, notice string, files map[string][]byte) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	h := textproto.MIMEHeader{}
	h.Set("Content-Disposition", `form-data; name="notice"`)
	h.Set("Content-Type", "application/json")
	p, _ := w.CreatePart(h)
	p.Write([]byte(notice))
	for name, content := range files {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="attachment"; filename=%q`, name))
		h.Set("Content-Type", "application/pdf")
		p, _ := w.CreatePart(h)
		p.Write(content)
	}
	w.Close()
	return w.FormDataContentType(), b.Bytes()
}

func TestAPINotices(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.apiUser("claire", crosscase.RoleDeskMember, "FR")
		al := ts.apiUser("arben", crosscase.RoleLiaison, "AL")
		de := ts.apiUser("katrin", crosscase.RoleDeskMember, "DE")
		kr := &crosscase.Desk{CountryCode: "KR", Kind: crosscase.DeskContactPoint, Name: "Contact point Korea"}
		if err := db.CreateDesk(systemContext(), kr); err != nil {
			t.Fatal(err)
		}

		spec := []byte("%PDF-1.7\nsmall device, few metal parts\n")
		ct, body := multipartNotice(t, fmt.Sprintf(`{"subject": "Undetectable prison phones", "body": "Technical specifications attached.", "recipient_desk_ids": [%d]}`, al.User.DeskID),
			map[string][]byte{"specs.pdf": spec})
		var n crosscase.Notice
		fr.do("POST", "/api/v1/notices", body, "Content-Type: "+ct).decode(t, http.StatusCreated, &n)
		if n.ID == 0 || len(n.Attachments) != 1 || n.Attachments[0].SHA256 != fmt.Sprintf("%x", sha256.Sum256(spec)) || n.RecipientCount != 1 {
			t.Fatalf("sent %+v", n)
		}
		npath := fmt.Sprintf("/api/v1/notices/%d", n.ID)
		apath := fmt.Sprintf("%s/attachments/%d", npath, n.Attachments[0].ID)

		// The recipient reads and downloads; another desk gets 404 everywhere.
		res := al.get(apath)
		if res.Status != 200 || !bytes.Equal(res.Body, spec) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
			res.Header.Get("X-Content-SHA256") != n.Attachments[0].SHA256 {
			t.Fatalf("download %v %v", res, res.Header)
		}
		de.get(npath).wantProblem(t, http.StatusNotFound, "")
		de.get(apath).wantProblem(t, http.StatusNotFound, "")
		de.post(npath+"/acknowledge", nil).wantProblem(t, http.StatusNotFound, "")
		al.get(fmt.Sprintf("/api/v1/notices/%d", n.ID+99)).wantProblem(t, http.StatusNotFound, "")

		if res := al.post(npath+"/acknowledge", nil); res.Status != http.StatusNoContent {
			t.Fatalf("acknowledge: %v", res)
		}
		var got crosscase.Notice
		fr.get(npath).decode(t, http.StatusOK, &got)
		if got.AcknowledgedCount != 1 || got.Recipients[0].AcknowledgedBy != "Arben" || got.Recipients[0].AcknowledgedAt == nil {
			t.Fatalf("sender sees %+v", got.Recipients[0])
		}
		var box server.List[*crosscase.Notice]
		al.get("/api/v1/notices?box=inbox").decode(t, http.StatusOK, &box)
		if len(box.Items) != 1 {
			t.Fatalf("inbox %+v", box)
		}
		fr.get("/api/v1/notices?box=outbox").decode(t, http.StatusOK, &box)
		if len(box.Items) != 1 || box.Items[0].AcknowledgedCount != 1 {
			t.Fatalf("outbox %+v", box)
		}
		fr.get("/api/v1/notices?box=spam").wantProblem(t, 422, "box")

		// Bad input and the partner data rule: nothing is sent.
		for _, tc := range []struct {
			body   string
			status int
			field  string
		}{
			{`{"subject": "x", "body": "y", "recipient_desk_ids": [987654]}`, 422, "recipient_desk_ids[0]"},
			{`{"subject": "x", "body": "y"}`, 422, "recipient_desk_ids"},
			{`{"subject": "x", "body": "y", "to_all": "yes"}`, 400, "to_all"},
			{`{"subject": "\u0007", "body": "y", "to_all": true}`, 422, "subject"},
			{fmt.Sprintf(`{"subject": "Supplier identified", "body": "Name and passport.", "personal_data": true, "recipient_desk_ids": [%d, %d]}`, de.User.DeskID, kr.ID), 403, "personal_data"},
		} {
			res := fr.do("POST", "/api/v1/notices", tc.body)
			p := res.wantProblem(t, tc.status, tc.field)
			if tc.status == 403 && !strings.Contains(p.Detail, "Art. 56") {
				t.Errorf("refusal does not name the rule: %q", p.Detail)
			}
		}
		ct, body = multipartNotice(t, `{"subject": "x", "body": "y", "to_all": true}`, map[string][]byte{"huge.bin": make([]byte, crosscase.MaxAttachmentBytes+10)})
		fr.do("POST", "/api/v1/notices", body, "Content-Type: "+ct).wantProblem(t, http.StatusRequestEntityTooLarge, "attachments[0]")
		fr.get("/api/v1/notices?box=outbox").decode(t, http.StatusOK, &box)
		if len(box.Items) != 1 {
			t.Fatalf("refused sends left %d notices in the outbox", len(box.Items))
		}
		de.get("/api/v1/notices").decode(t, http.StatusOK, &box)
		if len(box.Items) != 0 {
			t.Fatalf("DE inbox holds %d notices after refused sends", len(box.Items))
		}
		// With a cooperation agreement (Albania) personal data may go.
		fr.post("/api/v1/notices", map[string]any{"subject": "Supplier identified", "body": "Name and passport.", "personal_data": true,
			"recipient_desk_ids": []int64{al.User.DeskID, de.User.DeskID}}).decode(t, http.StatusCreated, &n)
		if n.RecipientCount != 2 {
			t.Fatalf("sent %+v", n)
		}
	})
}

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
		limitText := fmt.Sprintf("%d MiB", server.MaxUploadBytes>>20)
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
		if crosscase.MaxNoticeFilesBytes != server.MaxUploadBytes {
			t.Errorf("the files of a notice (%d) and the request (%d) have different limits", crosscase.MaxNoticeFilesBytes, server.MaxUploadBytes)
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
		ts.anonymous().get("/api/openapi.json").decode(t, http.StatusOK, &doc)
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
			limit := int64(server.MaxBodyBytes)
			if op.tmpl == "/api/v1/notices" && op.method == "POST" {
				limit = server.MaxUploadBytes
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
