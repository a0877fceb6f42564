package main

import (
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestDeskConfirmationInTheBinary: the demo's newcomer, made by the
// administrator for the Italian desk, reads no case of the desk until a
// colleague confirms them once they chose their own password — through
// the pages and the API of the program users run (README, "Nobody acts
// as someone else").
func TestDeskConfirmationInTheBinary(t *testing.T) {
	p, logins := serveDemo(t)
	if logins["it.bianchi"] == "" {
		t.Fatal("the demo sign-ins hold no newcomer")
	}
	rossi := p.client("it.rossi")
	caseID := rossi.ownCaseID("Albania")
	casePath := "/api/v1/cases/" + strconv.FormatInt(caseID, 10)

	// The colleague sees who waits, and may not confirm yet.
	page := p.signIn("it.rossi", logins["it.rossi"])
	if _, body := page.get("/"); !strings.Contains(body, `id="desk-confirmations"`) || !strings.Contains(body, "it.bianchi") || strings.Contains(body, "/desk-confirmation\"") {
		t.Fatal("the dashboard does not show the newcomer waiting, without a button until they chose their password")
	}
	var waiting struct {
		Items []struct {
			ID            int64  `json:"id"`
			Name          string `json:"name"`
			DeskPendingBy int64  `json:"desk_pending_by"`
		} `json:"items"`
	}
	rossi.call("GET", "/api/v1/desk-confirmations", nil, 200, &waiting)
	if len(waiting.Items) != 1 || waiting.Items[0].Name != "it.bianchi" || waiting.Items[0].DeskPendingBy == 0 {
		t.Fatalf("waiting accounts: %+v", waiting.Items)
	}
	newcomerID := strconv.FormatInt(waiting.Items[0].ID, 10)
	rossi.call("POST", "/api/v1/users/"+newcomerID+"/desk-confirmation", nil, 409, nil)
	// Another desk does not learn the account exists.
	p.client("fr.lefevre").call("POST", "/api/v1/users/"+newcomerID+"/desk-confirmation", nil, 404, nil)

	// The newcomer chooses their own password; still no case of the desk.
	nb := p.signIn("it.bianchi", logins["it.bianchi"])
	_, account := nb.get("/account") // a password chosen by someone else: the Account page first
	if m := csrfField.FindStringSubmatch(account); m != nil {
		nb.csrf = m[1]
	}
	own := "the newcomer's own long password"
	if status, _ := nb.postForm("/account/password", url.Values{"current_password": {logins["it.bianchi"]}, "new_password": {own}, "confirm_password": {own}}); status != 303 {
		t.Fatalf("choose own password: %d", status)
	}
	if _, body := nb.get("/"); !strings.Contains(body, `id="desk-pending"`) {
		t.Fatal("the newcomer's dashboard does not say their place waits")
	}
	if status, _ := nb.get("/cases/" + strconv.FormatInt(caseID, 10)); status != 404 {
		t.Fatalf("the waiting newcomer opens the desk's case: %d", status)
	}
	bianchi := p.client("it.bianchi")
	bianchi.call("GET", casePath, nil, 404, nil)
	bianchi.call("POST", "/api/v1/users/"+newcomerID+"/desk-confirmation", nil, 403, nil)

	// The colleague confirms on the dashboard; the newcomer reads the case.
	if status, _ := page.postForm("/users/"+newcomerID+"/desk-confirmation", url.Values{}); status != 303 {
		t.Fatalf("confirm on the dashboard: %d", status)
	}
	bianchi.call("GET", casePath, nil, 200, nil)
	rossi.call("GET", "/api/v1/desk-confirmations", nil, 200, &waiting)
	if len(waiting.Items) != 0 {
		t.Fatalf("still waiting after the confirmation: %+v", waiting.Items)
	}
	// The desk's inbox says who now reads its cases, placed and confirmed
	// by whom.
	var inbox struct {
		Items []struct {
			Kind    string `json:"kind"`
			Subject string `json:"subject"`
		} `json:"items"`
	}
	p.client("analyst.conti").call("GET", "/api/v1/notifications?unread=true", nil, 200, &inbox)
	if len(inbox.Items) == 0 || inbox.Items[0].Kind != "desk_joined" || !strings.Contains(inbox.Items[0].Subject, "confirmed by Giulia Rossi") {
		t.Fatalf("the desk's inbox: %+v", inbox.Items)
	}
}
