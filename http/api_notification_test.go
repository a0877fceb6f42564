package http

import (
	"fmt"
	"net/http"
	"testing"

	"crosscase"
	"crosscase/http/server"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPINotifications: setting up a JIT tells the parties' desks, each
// in its own inbox; another desk neither sees nor clears them.
func TestAPINotifications(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		fr := js.ts.apiUser("francoise", crosscase.RoleDeskMember, "FR")
		var list server.List[*crosscase.Notification]
		js.de.get("/api/v1/notifications").decode(t, http.StatusOK, &list)
		var got *crosscase.Notification
		for _, n := range list.Items {
			if n.Kind == crosscase.NotifyJITSetUp && n.ObjectID == js.jit.ID {
				got = n
			}
		}
		if got == nil || got.ReadAt != nil || got.Link != fmt.Sprintf("/jits/%d", js.jit.ID) {
			t.Fatalf("DE inbox has no unread notice of the JIT: %+v", list.Items)
		}
		fr.get("/api/v1/notifications").decode(t, http.StatusOK, &list)
		if len(list.Items) != 0 {
			t.Fatalf("FR sees %d notifications", len(list.Items))
		}
		// Guessing DE's notification id: 404, and it stays unread.
		fr.post(fmt.Sprintf("/api/v1/notifications/%d/read", got.ID), nil).wantProblem(t, http.StatusNotFound, "")
		js.de.get("/api/v1/notifications?unread=true").decode(t, http.StatusOK, &list)
		if len(list.Items) == 0 {
			t.Fatal("DE's notification was cleared by another desk")
		}
		if r := js.de.post(fmt.Sprintf("/api/v1/notifications/%d/read", got.ID), nil); r.Status != http.StatusNoContent {
			t.Fatalf("mark read: %d %s", r.Status, r.Body)
		}
		js.de.get("/api/v1/notifications?unread=true").decode(t, http.StatusOK, &list)
		for _, n := range list.Items {
			if n.ID == got.ID {
				t.Fatal("still unread after marking it read")
			}
		}
		js.de.get("/api/v1/notifications?unread=maybe").wantProblem(t, http.StatusBadRequest, "unread")
		js.de.get("/api/v1/notifications?limit=0").wantProblem(t, http.StatusBadRequest, "limit")
		js.de.post("/api/v1/notifications/abc/read", nil).wantProblem(t, http.StatusNotFound, "")

		// The page lists it, with the nav count gone once read.
		b := js.ts.pageSignIn(js.de.User)
		page := b.get("/notifications")
		if page.Status != http.StatusOK || len(page.all(fmt.Sprintf("#notification-%d a[href='/jits/%d']", got.ID, js.jit.ID))) != 1 {
			t.Fatalf("notifications page: %d", page.Status)
		}
		if len(page.all("#nav-notifications .nav-count")) != 0 {
			t.Fatal("nav counts unread notifications after all were read")
		}
	})
}
