package http

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"crosscase"
	"crosscase/locale"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestTimelinePageMeetingLinks: a meeting on the timeline leads every
// reader of the case to its row on the case page; only a desk that may
// change the case (crosscase.CanWriteCase) gets the link to its form, whose
// Save would answer the others 403.
func TestTimelinePageMeetingLinks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		de := ts.user("katrin", crosscase.RoleDeskMember, "DE")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", AskedCountries: []string{"DE"}, CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
		casePath := fmt.Sprintf("/cases/%d", c.ID)
		itb, deb := ts.pageSignIn(it), ts.pageSignIn(de)
		itb.follow(itb.postCSRF(casePath+"/meetings", url.Values{"starts_at": {"2024-03-01T10:00"}, "partners": {"europol"}, "outcome": {"JIT to be set up."}}))
		meetings, err := db.FindMeetings(userContext(it), c.ID)
		if err != nil || len(meetings) != 1 {
			t.Fatalf("meetings %+v %v", meetings, err)
		}
		m := meetings[0]
		row := fmt.Sprintf("%s#meeting-%d", casePath, m.ID)
		edit := fmt.Sprintf("/meetings/%d/edit", m.ID)
		for _, b := range []*pageBrowser{itb, deb} {
			res := b.get(casePath + "/timeline?kind=meeting").wantStatus(http.StatusOK)
			if got := pageAttr(res.one(`#timeline li.kind-meeting > a:not(.edit-link)`), "href"); got != row {
				t.Errorf("%s: the meeting leads to %q, want %q", b.user.Name, got, row)
			}
			if page := b.get(casePath).wantStatus(http.StatusOK); page.first(fmt.Sprintf("#meeting-%d", m.ID)) == nil {
				t.Errorf("%s: the case page has no row of the meeting", b.user.Name)
			}
			e := res.first(`#timeline li.kind-meeting a.edit-link`)
			if b == itb && (e == nil || pageAttr(e, "href") != edit) {
				t.Errorf("the owner desk has no link to the meeting's form")
			}
			if b == deb && e != nil {
				t.Errorf("the asked desk is offered the meeting's form %q", pageAttr(e, "href"))
			}
		}
	})
}

// TestTimelinePageResultTitles: results on the timeline are written in
// words in every language — a seizure's type as its label, not its code;
// one arrest in the singular.
func TestTimelinePageResultTitles(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
		casePath := fmt.Sprintf("/cases/%d", c.ID)
		b := ts.pageSignIn(it)
		for _, v := range []url.Values{
			{"kind": {"arrest"}, "country": {"IT"}, "date": {"2024-05-13"}, "count": {"1"}},
			{"kind": {"arrest"}, "country": {"IT"}, "date": {"2024-05-14"}, "count": {"3"}},
			{"kind": {"seizure"}, "country": {"IT"}, "date": {"2024-05-15"}, "seizure_type": {"real_estate"}, "measure": {"seized"}, "value_eur": {"400000"}},
		} {
			b.follow(b.postCSRF(casePath+"/results", v))
		}
		titles := func(lang string) []string {
			b.acceptLanguage = lang
			var out []string
			for _, s := range b.get(casePath + "/timeline?kind=result").wantStatus(http.StatusOK).texts("#timeline li.kind-result a") {
				out = append(out, strings.Join(strings.Fields(s), " "))
			}
			return out
		}
		if got, want := titles("en"), []string{"1 arrest in Italy", "3 arrests in Italy", "real estate seized in Italy"}; !slices.Equal(got, want) {
			t.Errorf("English titles %q, want %q", got, want)
		}
		for _, l := range locale.Languages[1:] {
			lang := l.Tag
			got := titles(lang)
			if len(got) != 3 || strings.Contains(strings.Join(got, " "), "_") || strings.TrimPrefix(got[0], "1") == strings.TrimPrefix(got[1], "3") {
				t.Errorf("%s titles %q", lang, got)
			}
		}
		// A seizure is named by what was done, so that no participle has to
		// agree with what was seized; the country by its name.
		if got := titles("fr"); len(got) != 3 || got[0] != "1 arrestation en Italie" || got[2] != "Saisie : biens immobiliers (Italie)" {
			t.Errorf("French titles %q", got)
		}
	})
}

// TestTimelinePageFilterTicks: the unfiltered timeline shows every kind
// of event, and its filter says so with every box ticked; filtered, it
// ticks the kinds it shows and no other.
func TestTimelinePageFilterTicks(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("giulia", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Operation Harbour", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-10")})
		b := ts.pageSignIn(it)
		ticked := func(path string) (on, all int) {
			boxes := b.get(path).wantStatus(http.StatusOK).all(`#timeline-filter input[type="checkbox"][name="kind"]`)
			for _, box := range boxes {
				if pageHasAttr(box, "checked") {
					on++
				}
			}
			return on, len(boxes)
		}
		path := fmt.Sprintf("/cases/%d/timeline", c.ID)
		if on, all := ticked(path); all == 0 || on != all {
			t.Errorf("unfiltered: %d of %d kinds ticked, want all", on, all)
		}
		if on, _ := ticked(path + "?kind=meeting&kind=hit"); on != 2 {
			t.Errorf("meetings and hits: %d kinds ticked, want 2", on)
		}
	})
}
