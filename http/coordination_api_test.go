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

	"crosscase"
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

		var partners listResponse[crosscase.PartnerAgency]
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
			{`{"starts_at": "2199-03-01T10:00:00Z", "outcome": "Agreed."}`, 422, "outcome"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "agenda": "\u202e<script>"}`, 422, "agenda"},
			{`{"starts_at": "2025-03-01T10:00:00Z", "venue": "The Hague"}`, 400, "venue"},
		} {
			it.do("POST", meetings, tc.body).wantProblem(t, tc.status, tc.field)
		}
		var list listResponse[*crosscase.Meeting]
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
		var rl listResponse[*crosscase.Result]
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
		var cnt meetingCountResponse
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
		var box listResponse[*crosscase.Notice]
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
