package http

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

func TestPageMeetingsAndResults(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		al := ts.user("arben", crosscase.RoleLiaison, "AL")
		de := ts.user("katrin", crosscase.RoleDeskMember, "DE")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
		casePath := fmt.Sprintf("/cases/%d", c.ID)

		b := ts.pageSignIn(it)
		page := b.get(casePath).wantStatus(http.StatusOK)
		if page.first("#meeting-form") == nil || page.first("#result-form") == nil || page.first("#action-form") == nil {
			t.Fatal("the owner's case page lacks the meeting, action or result form")
		}
		// A meeting in the future with an outcome: refused, naming the field.
		res := b.postCSRF(casePath+"/meetings", url.Values{"starts_at": {"2199-01-01T10:00"}, "outcome": {"Agreed."}, "partners": {"europol"}})
		res.wantStatus(http.StatusUnprocessableEntity)
		if got := res.text("#err-outcome"); !strings.Contains(got, "not taken place") {
			t.Fatalf("outcome error %q", got)
		}
		b.postCSRF(casePath+"/meetings", url.Values{"starts_at": {"2024-02-30T10:00"}}).wantStatus(http.StatusUnprocessableEntity)
		res = b.postCSRF(casePath+"/meetings", url.Values{"starts_at": {"2024-03-01T10:00"}, "partners": {"europol", "eppo"},
			"desk_ids": {fmt.Sprint(al.DeskID)}, "agenda": {"<b>Action day</b>"}, "outcome": {"JIT to be set up."}})
		page = b.follow(res)
		if got := page.text("#meetings tr.meeting .outcome"); got != "JIT to be set up." {
			t.Fatalf("meeting outcome %q", got)
		}
		if got := page.text("#meetings tr.meeting td.notes"); got != "<b>Action day</b>" {
			t.Fatalf("agenda shown as %q (escaped text expected)", got)
		}
		// A drug seizure without a substance: refused, nothing recorded.
		res = b.postCSRF(casePath+"/results", url.Values{"kind": {"seizure"}, "country": {"IT"}, "date": {"2024-05-13"},
			"seizure_type": {"drugs"}, "quantity": {"12.5"}, "unit": {"kg"}, "measure": {"seized"}})
		res.wantStatus(http.StatusUnprocessableEntity)
		if res.first("#err-substance") == nil {
			t.Fatal("no error next to the substance")
		}
		res = b.postCSRF(casePath+"/results", url.Values{"kind": {"seizure"}, "country": {"IT"}, "date": {"2024-05-13"},
			"seizure_type": {"drugs"}, "substance": {"cocaine"}, "quantity": {"12,5"}, "unit": {"kg"}, "measure": {"seized"}, "value_eur": {"900000"}})
		page = b.follow(res)
		if got := page.text("#results-table tr.result td:nth-child(5)"); !strings.Contains(got, "cocaine") || !strings.Contains(got, "12.5 kg") {
			t.Fatalf("result row %q", got)
		}
		// The totals add kilograms by substance, not only rows.
		b.follow(b.postCSRF(casePath+"/results", url.Values{"kind": {"seizure"}, "country": {"IT"}, "date": {"2024-05-14"},
			"seizure_type": {"drugs"}, "substance": {"cocaine"}, "quantity": {"7.5"}, "unit": {"kg"}, "measure": {"seized"}}))
		page = b.get(casePath).wantStatus(http.StatusOK)
		if got := strings.Join(strings.Fields(page.text("#results-totals")), " "); !strings.Contains(got, "Drugs, cocaine (seized) 20 kg") {
			t.Errorf("totals %q", got)
		}

		// The asked desk reports its own country's results only.
		ab := ts.pageSignIn(al)
		page = ab.get(casePath).wantStatus(http.StatusOK)
		if page.first("#meeting-form") != nil || page.first("#result-form") == nil {
			t.Fatal("the asked desk sees the meeting form, or not the result form")
		}
		ab.postCSRF(casePath+"/results", url.Values{"kind": {"arrest"}, "country": {"IT"}, "date": {"2024-05-13"}, "count": {"3"}}).wantStatus(http.StatusForbidden)
		ab.follow(ab.postCSRF(casePath+"/results", url.Values{"kind": {"arrest"}, "country": {"AL"}, "date": {"2024-05-13"}, "count": {"3"}}))
		// Another desk: 404 everywhere.
		db2 := ts.pageSignIn(de)
		db2.get(casePath).wantStatus(http.StatusNotFound)
		db2.postCSRF(casePath+"/results", url.Values{"kind": {"arrest"}, "country": {"DE"}, "date": {"2024-05-13"}, "count": {"1"}}).wantStatus(http.StatusNotFound)
	})
}

func TestPageNoticesNeedToKnow(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.user("claire", crosscase.RoleDeskMember, "FR")
		al := ts.user("arben", crosscase.RoleLiaison, "AL")
		de := ts.user("katrin", crosscase.RoleDeskMember, "DE")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Specifications.", RecipientDeskIDs: []int64{al.DeskID}}
		if err := db.SendNotice(userContext(fr), n, []crosscase.NoticeFile{{Name: "a.txt", ContentType: "text/html", Content: []byte("<script>alert(1)</script>")}}); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/notices/%d", n.ID)
		db2 := ts.pageSignIn(de)
		db2.get(path).wantStatus(http.StatusNotFound)
		db2.get(fmt.Sprintf("%s/attachments/%d", path, n.Attachments[0].ID)).wantStatus(http.StatusNotFound)
		db2.postCSRF(path+"/acknowledge", nil).wantStatus(http.StatusNotFound)
		ab := ts.pageSignIn(al)
		page := ab.get("/notices").wantStatus(http.StatusOK)
		if got := page.text("#notices tr.notice-row .ack"); got != "to acknowledge" {
			t.Fatalf("inbox %q", got)
		}
		dl := ab.get(fmt.Sprintf("%s/attachments/%d", path, n.Attachments[0].ID)).wantStatus(http.StatusOK)
		if !strings.HasPrefix(dl.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(dl.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Fatalf("an HTML attachment is served inline: %v", dl.Header)
		}
		page = ab.follow(ab.postCSRF(path+"/acknowledge", nil))
		if got := page.text("#acknowledged"); !strings.HasPrefix(got, "Acknowledged by Arben") {
			t.Fatalf("acknowledged %q", got)
		}
	})
}

// TestPageNoticesContactPointReceivesOnly: a contact point's desk only
// receives notices, so its notices page has no Sent box (asked for, it
// shows what the desk received) and no word on registering contact
// points; a desk member's has both boxes and the word.
func TestPageNoticesContactPointReceivesOnly(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		fr := ts.user("claire", crosscase.RoleDeskMember, "FR")
		ba := ts.user("amra", crosscase.RoleContactPoint, "BA")
		n := &crosscase.Notice{Subject: "Prison phones", Body: "Specifications.", RecipientDeskIDs: []int64{ba.DeskID}}
		if err := db.SendNotice(userContext(fr), n, nil); err != nil {
			t.Fatal(err)
		}
		cb := ts.pageSignIn(ba)
		for _, path := range []string{"/notices", "/notices?box=outbox"} {
			page := cb.get(path).wantStatus(http.StatusOK)
			if tabs := page.all(`a[href="/notices?box=outbox"]`); len(tabs) != 0 {
				t.Errorf("%s: a contact point is offered the Sent box", path)
			}
			if got := page.texts("#notices tr.notice-row td a"); len(got) != 1 || got[0] != "Prison phones" {
				t.Errorf("%s: a contact point's notices %q, want the one received", path, got)
			}
			if strings.Contains(page.Body, "registers it as a contact point") {
				t.Errorf("%s: a contact point is told how administrators register contact points", path)
			}
		}
		page := ts.pageSignIn(fr).get("/notices").wantStatus(http.StatusOK)
		if len(page.all(`a[href="/notices?box=outbox"]`)) != 1 || !strings.Contains(page.Body, "registers it as a contact point") {
			t.Errorf("a desk member's notices page lacks the Sent box or the word on contact points")
		}
		// The tabs are the desk's mailboxes, named so to a screen reader.
		for lang, want := range map[string]string{"en": "Box", "fr": "Boîte", "de": "Postfach", "it": "Casella", "pl": "Skrzynka"} {
			b := ts.pageSignIn(fr)
			b.acceptLanguage = lang
			if got := pageAttr(b.get("/notices").wantStatus(http.StatusOK).one("ul.tabs"), "aria-label"); got != want {
				t.Errorf("%s: the notices' boxes are named %q, want %q", lang, got, want)
			}
		}
		// The tabs and the empty box speak of notices, in the plural and
		// gender of the language's word for them (avis, Mitteilungen,
		// avvisi, avisos), not of one received thing.
		for lang, want := range map[string][3]string{
			"en": {"Received notices", "Sent notices", "No notices received."},
			"fr": {"Avis reçus", "Avis envoyés", "Aucun avis reçu."},
			"de": {"Eingegangene Mitteilungen", "Gesendete Mitteilungen", "Keine Mitteilungen eingegangen."},
			"it": {"Avvisi ricevuti", "Avvisi inviati", "Nessun avviso ricevuto."},
			"es": {"Avisos recibidos", "Avisos enviados", "No se ha recibido ningún aviso."},
			"pl": {"Otrzymane komunikaty", "Wysłane komunikaty", "Brak otrzymanych komunikatów."},
		} {
			b := ts.pageSignIn(fr)
			b.acceptLanguage = lang
			page := b.get("/notices").wantStatus(http.StatusOK)
			got := [3]string{page.text(`ul.tabs a[href="/notices?box=inbox"]`), page.text(`ul.tabs a[href="/notices?box=outbox"]`), page.text("#notices td.empty")}
			if got != want {
				t.Errorf("%s: the notices' tabs and empty inbox read %q, want %q", lang, got, want)
			}
		}
	})
}

// TestPageResultsFilter: the case page's results are filtered by kind
// and country, ordered newest first on request, and shown 50 at a time
// with a link to all of them; the section's count stays the case's
// total, and an unknown kind or order is refused naming its parameter.
func TestPageResultsFilter(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"AL"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
		for i := range 60 {
			country := "IT"
			if i%2 == 1 {
				country = "AL"
			}
			r := &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultArrest, Country: country, Date: pageDate(t, fmt.Sprintf("2024-05-%02d", 1+i%28)), Count: 1}
			if err := db.CreateResult(userContext(it), r); err != nil {
				t.Fatal(err)
			}
		}
		seizure := &crosscase.Result{CaseID: c.ID, Kind: crosscase.ResultSeizure, Country: "AL", Date: pageDate(t, "2024-06-30"), SeizureType: "cash", Measure: "seized", ValueEUR: 5000}
		if err := db.CreateResult(userContext(it), seizure); err != nil {
			t.Fatal(err)
		}
		casePath := fmt.Sprintf("/cases/%d", c.ID)
		b := ts.pageSignIn(it)
		page := b.get(casePath).wantStatus(http.StatusOK)
		if got := len(page.texts("#results-table tr.result")); got != 50 {
			t.Errorf("first page: %d results, want 50", got)
		}
		if got := page.text(".more-results"); !strings.HasPrefix(got, "11 more results") {
			t.Errorf("more link %q", got)
		}
		if got := page.text(`#case-sections a[href="#results"] .count`); got != "61" {
			t.Errorf("section count %q, want 61", got)
		}
		if got := len(b.get(casePath + "?rall=1").wantStatus(http.StatusOK).texts("#results-table tr.result")); got != 61 {
			t.Errorf("all: %d results, want 61", got)
		}
		if got := page.texts(`#result-filter select[name="rcountry"] option`); strings.Join(got, "|") != "Any country|Albania|Italy" {
			t.Errorf("countries offered %q", got)
		}
		page = b.get(casePath + "?rkind=seizure&rcountry=AL&rsort=newest").wantStatus(http.StatusOK)
		if rows := page.texts("#results-table tr.result"); len(rows) != 1 || !strings.Contains(rows[0], "cash") {
			t.Errorf("seizures in Albania: %q", rows)
		}
		page = b.get(casePath + "?rkind=arrest&rcountry=IT&rsort=newest").wantStatus(http.StatusOK)
		rows := page.texts("#results-table tr.result td:first-child")
		if len(rows) != 30 || rows[0] < rows[len(rows)-1] {
			t.Errorf("arrests in Italy, newest first: %q", rows)
		}
		if page = b.get(casePath + "?rkind=surrender").wantStatus(http.StatusOK); page.first("#results-none") == nil {
			t.Error("no message when no result passes the filter")
		}
		b.get(casePath + "?rkind=raid").wantStatus(http.StatusUnprocessableEntity)
		b.get(casePath + "?rsort=value").wantStatus(http.StatusUnprocessableEntity)
	})
}
