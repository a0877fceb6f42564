package http

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb/sqldbtest"
)

// TestInstrumentExtendedByOneDay: a clock extended by one day says so in
// the singular, on the instrument's page and in the notification the
// issuing desk is sent, in each language: "extended by 1 day", never "1
// days".
func TestInstrumentExtendedByOneDay(t *testing.T) {
	w := newInstrumentWorld(t, sqldbtest.NewSQLite(t))
	in := &crosscase.Instrument{CaseID: w.c.ID, Type: crosscase.InstrumentEAW, Reference: "EAW/PAGE/ONEDAY", IssuingCountry: "IT", ExecutingCountry: "DE",
		EntityID: w.e.ID, IssuedOn: pageDate(t, day(-20)), ArrestOn: pageDate(t, day(-10)), Status: crosscase.StatusArrested}
	if err := w.ts.db.CreateInstrument(userContext(w.it.User), in); err != nil {
		t.Fatal(err)
	}
	if _, err := w.ts.db.ExtendInstrument(userContext(w.de.User), in.ID, crosscase.ExtensionRequest{Clock: crosscase.ClockEAWDecision, Days: 1, Reason: "Interpreter ill."}); err != nil {
		t.Fatal(err)
	}
	de, it := w.ts.pageSignIn(w.de.User), w.ts.pageSignIn(w.it.User)
	for _, tc := range []struct{ lang, page, inbox string }{
		{"en", "extended by 1 day on", "extended by 1 day;"},
		{"de", "um 1 Tag verlängert am", "um 1 Tag verlängert;"},
		{"fr", "prolongé de 1 jour le", "prolongé de 1 jour ;"},
	} {
		de.acceptLanguage, it.acceptLanguage = tc.lang, tc.lang
		ext := de.get(fmt.Sprintf("/instruments/%d", in.ID)).wantStatus(http.StatusOK).text("#extensions .extension")
		if !strings.Contains(ext, tc.page) {
			t.Errorf("%s instrument page: %q, want %q", tc.lang, ext, tc.page)
		}
		inbox := it.get("/notifications").wantStatus(http.StatusOK).text("main")
		if !strings.Contains(inbox, tc.inbox) || strings.Contains(inbox, "1 days") {
			t.Errorf("%s inbox: %q, want %q", tc.lang, inbox, tc.inbox)
		}
	}
}
