package http

import (
	"net/http"
	"strconv"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// An administrator gives a JIT member's account its country, through the
// API and the admin pages; the JIT then uses it and refuses another.
func TestJITMemberAccountCountry(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		js := newJITSetup(t, db, 1<<20)
		admin := js.ts.apiUser("root", crosscase.RoleAdministrator, "")
		js.ts.desk("AL", crosscase.DeskLiaison)
		admin.post("/api/v1/users", map[string]any{"name": "jit.nocountry", "role": "jit_member", "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		admin.post("/api/v1/users", map[string]any{"name": "jit.bad", "role": "jit_member", "country_code": "ZZ", "password": testPassword}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		var u crosscase.User
		admin.post("/api/v1/users", map[string]any{"name": "jit.hoxha", "role": "jit_member", "country_code": "AL", "password": testPassword}).decode(t, http.StatusCreated, &u)
		if u.CountryCode != "AL" {
			t.Fatalf("created %+v", u)
		}
		// Declared DE, really AL: refused; AL is not a party either.
		js.it.post(js.path("/members"), map[string]any{"user_id": u.ID, "country_code": "DE", "authority_id": js.auth["DE"]}).wantProblem(t, http.StatusUnprocessableEntity, "country_code")
		de := "DE"
		admin.patch("/api/v1/users/"+strconv.FormatInt(u.ID, 10), crosscase.UserUpdate{Version: u.Version, CountryCode: &de}).decode(t, http.StatusOK, &u)
		if u.CountryCode != "DE" {
			t.Fatalf("updated %+v", u)
		}
		js.it.post(js.path("/members"), map[string]any{"user_id": u.ID, "country_code": "DE", "authority_id": js.auth["DE"]}).decode(t, http.StatusCreated, &crosscase.JITMember{})

		// The admin pages: the field is there and is saved.
		adminUser := admin.User
		b := js.ts.pageSignIn(adminUser)
		page := b.get("/admin/users").wantStatus(http.StatusOK)
		form := page.form(`form[action="/admin/users"]`)
		r := b.submit(form.set("name", "jit.page").set("display_name", "Page").set("role", "jit_member").set("password", testPassword)).wantStatus(http.StatusUnprocessableEntity)
		if r.text("#err-country_code") == "" {
			t.Fatalf("no error at the country field: %s", r.summary())
		}
		b.submit(r.form(`form[action="/admin/users"]`).set("country_code", "al").set("password", testPassword)).wantStatus(http.StatusSeeOther)
		got, err := db.FindUserByName(systemContext(), "jit.page")
		if err != nil || got.CountryCode != "AL" {
			t.Fatalf("page-created user: %+v %v", got, err)
		}
		edit := b.get("/admin/users/" + strconv.FormatInt(got.ID, 10)).wantStatus(http.StatusOK)
		if v := pageAttr(edit.one(`#f-country_code`), "value"); v != "AL" {
			t.Fatalf("edit form shows country %q", v)
		}
	})
}
