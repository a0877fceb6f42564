package http

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosscase"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// TestAPIPersonIdentity: a person's identity number and address, and a
// company's address, go through the API; bad values are refused naming
// the field and change nothing; another desk cannot read them.
func TestAPIPersonIdentity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.apiUser("it.identity", crosscase.RoleDeskMember, "IT")
		de := ts.apiUser("de.identity", crosscase.RoleDeskMember, "DE")
		c := createCase(t, it, caseBody("Operation Identity", nil))
		p := createEntity(t, it, c.ID, map[string]any{"kind": "person", "family_name": "Hoxha", "given_name": "Arben",
			"id_number": "J80514027K", "address": "Rruga Taulantia 14, Durrës"})
		if p.IDNumber != "J80514027K" || p.Address != "Rruga Taulantia 14, Durrës" {
			t.Fatalf("created %+v", p)
		}
		co := createEntity(t, it, c.ID, map[string]any{"kind": "company", "name": "Durrës Shipping", "address": "Lagjja 1, Durrës"})
		if co.Address != "Lagjja 1, Durrës" {
			t.Fatalf("company %+v", co)
		}
		epath := fmt.Sprintf("/api/v1/entities/%d", p.ID)
		var got map[string]any
		it.get(epath).decode(t, http.StatusOK, &got)
		if got["id_number"] != "J80514027K" || got["address"] != "Rruga Taulantia 14, Durrës" {
			t.Fatalf("read back %v", got)
		}
		var upd crosscase.Entity
		it.patch(epath, map[string]any{"version": 1, "id_number": "AA 1234567", "address": "Via Roma 1, 70121 Bari"}).decode(t, http.StatusOK, &upd)
		if upd.IDNumber != "AA 1234567" || upd.Address != "Via Roma 1, 70121 Bari" || upd.Version != 2 {
			t.Fatalf("updated %+v", upd)
		}
		var list struct{ Items []crosscase.Entity }
		it.get(fmt.Sprintf("/api/v1/cases/%d/entities", c.ID)).decode(t, http.StatusOK, &list)
		found := false
		for _, e := range list.Items {
			found = found || (e.ID == p.ID && e.IDNumber == "AA 1234567" && e.Address == "Via Roma 1, 70121 Bari")
		}
		if !found {
			t.Fatalf("list %+v", list.Items)
		}
		// A phone has neither field in its JSON.
		var phone map[string]any
		it.post(fmt.Sprintf("/api/v1/cases/%d/entities", c.ID), map[string]any{"kind": "phone", "value": "+39 080 555 0101"}).decode(t, http.StatusCreated, &phone)
		if _, ok := phone["id_number"]; ok {
			t.Errorf("phone JSON has id_number: %v", phone)
		}

		before := snapshot(t, it, c.ID)
		ents := fmt.Sprintf("/api/v1/cases/%d/entities", c.ID)
		cpath := fmt.Sprintf("/api/v1/entities/%d", co.ID)
		for _, tc := range []struct {
			name, method, path, body string
			status                   int
			field                    string
		}{
			{"company with id_number", "POST", ents, `{"kind":"company","name":"Acme","id_number":"HRB 1"}`, 422, "id_number"},
			{"id_number added to a company", "PATCH", cpath, `{"version":1,"id_number":"HRB 1"}`, 422, "id_number"},
			{"phone with address", "POST", ents, `{"kind":"phone","value":"+39 080 555 0102","address":"Bari"}`, 422, "address"},
			{"id_number too long", "POST", ents, `{"kind":"person","family_name":"A","id_number":"` + strings.Repeat("7", 65) + `"}`, 422, "id_number"},
			{"id_number without letter or digit", "PATCH", epath, `{"version":2,"id_number":"-/-"}`, 422, "id_number"},
			{"id_number with NUL", "POST", ents, `{"kind":"person","family_name":"A","id_number":"AB\u0000"}`, 422, "id_number"},
			{"id_number with zero-width space", "PATCH", epath, `{"version":2,"id_number":"AB\u200b12"}`, 422, "id_number"},
			{"id_number of wrong type", "POST", ents, `{"kind":"person","family_name":"A","id_number":12345}`, 400, "id_number"},
			{"address too long", "PATCH", epath, `{"version":2,"address":"` + strings.Repeat("a", 301) + `"}`, 422, "address"},
			{"address with newline", "POST", ents, `{"kind":"person","family_name":"A","address":"Via Roma 1\nBari"}`, 422, "address"},
			{"address with bidi override", "PATCH", cpath, `{"version":1,"address":"Via \u202eRoma"}`, 422, "address"},
			{"address of wrong type", "PATCH", epath, `{"version":2,"address":["Via Roma"]}`, 400, "address"},
		} {
			res := it.do(tc.method, tc.path, tc.body)
			if res.Status != tc.status {
				t.Errorf("%s: %v; want %d", tc.name, res, tc.status)
				continue
			}
			if p := res.problem(t); p.Field != tc.field {
				t.Errorf("%s: names %q, want %q", tc.name, p.Field, tc.field)
			}
			if after := snapshot(t, it, c.ID); after != before {
				t.Fatalf("%s changed the data:\nbefore %s\nafter  %s", tc.name, before, after)
			}
		}
		// Another desk learns nothing by guessing the id.
		de.get(epath).wantProblem(t, http.StatusNotFound, "")
		de.patch(epath, map[string]any{"version": 2, "address": "Planted"}).wantProblem(t, http.StatusNotFound, "")
	})
}

// TestPageEntityIdentity: the entity form asks persons for an identity
// number and an address and companies for an address, saves them, shows
// them on the case page (escaped) and refuses bad values at the field.
func TestPageEntityIdentity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newPageWorld(t, db)
		b := w.ts.pageSignIn(w.it)
		cid := w.phishing.ID
		sel := fmt.Sprintf(`form[action="/cases/%d/entities"]`, cid)

		page := b.get(casePath(cid) + "/entities/new?kind=person&role=suspect").wantStatus(http.StatusOK)
		if got := page.text(`label[for="f-id_number"]`); !strings.Contains(got, "Identity number") {
			t.Errorf("id_number label %q", got)
		}
		if got := pageAttr(page.one("#f-id_number"), "maxlength"); got != "64" {
			t.Errorf("id_number maxlength %q", got)
		}
		page.one("#f-address")
		const hostile = `Via <script>alert(1)</script> 7, "Bari"`
		form := page.form(sel).set("family_name", "Hoxha").set("given_name", "Arben").
			set("id_number", " J80514027K ").set("address", hostile)
		r := b.submit(form).wantStatus(http.StatusSeeOther)
		m := regexp.MustCompile(`#entity-(\d+)$`).FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("after add, to %q", r.location())
		}
		eid, _ := strconv.ParseInt(m[1], 10, 64)
		e, err := db.FindEntityByID(userContext(w.it), eid)
		if err != nil || e.IDNumber != "J80514027K" || e.Address != hostile {
			t.Fatalf("stored %+v %v", e, err)
		}
		page = b.follow(r).wantStatus(http.StatusOK)
		row := fmt.Sprintf("#entity-%d", eid)
		if got := page.text(row + " td.id-number"); got != "J80514027K" {
			t.Errorf("id number cell %q", got)
		}
		if got := page.text(row + " td.address"); got != hostile {
			t.Errorf("address cell %q", got)
		}
		if strings.Contains(page.Body, "<script>alert(1)") || page.first(row+" script") != nil {
			t.Error("the address is not escaped")
		}
		if !slices.Contains(page.texts("table.kind-person th"), "Identity number") {
			t.Errorf("person table headers %q", page.texts("table.kind-person th"))
		}

		// Edit: the stored values are in the form; a bad one is refused at its field.
		edit := b.get(entityPath(eid) + "/edit").wantStatus(http.StatusOK)
		form = edit.form(fmt.Sprintf(`form[action="/entities/%d"]`, eid))
		if form.Values.Get("id_number") != "J80514027K" || form.Values.Get("address") != hostile {
			t.Fatalf("edit form %v", form.Values)
		}
		r = b.submit(form.set("id_number", "***")).wantStatus(http.StatusUnprocessableEntity)
		if r.first("#err-id_number") == nil || !strings.Contains(r.text("#form-error"), "Identity number") {
			t.Errorf("bad id number: %s", r.summary())
		}
		if got := pageAttr(r.one("#f-id_number"), "value"); got != "***" {
			t.Errorf("typed value not kept: %q", got)
		}
		if e, _ := db.FindEntityByID(userContext(w.it), eid); e.Version != 1 || e.IDNumber != "J80514027K" {
			t.Fatalf("refused edit changed %+v", e)
		}
		form = r.form(fmt.Sprintf(`form[action="/entities/%d"]`, eid)).set("id_number", "AA 1234567").set("address", "Via Roma 1, 70121 Bari")
		b.submit(form).wantStatus(http.StatusSeeOther)
		if e, _ := db.FindEntityByID(userContext(w.it), eid); e.IDNumber != "AA 1234567" || e.Address != "Via Roma 1, 70121 Bari" || e.Version != 2 {
			t.Fatalf("saved %+v", e)
		}
		// Clearing them keeps the person.
		form = b.get(entityPath(eid)+"/edit").form(fmt.Sprintf(`form[action="/entities/%d"]`, eid)).set("id_number", "").set("address", "")
		b.submit(form).wantStatus(http.StatusSeeOther)
		if e, _ := db.FindEntityByID(userContext(w.it), eid); e.IDNumber != "" || e.Address != "" || e.FamilyName != "Hoxha" {
			t.Fatalf("cleared %+v", e)
		}

		// A company has an address but no identity number; a phone neither.
		page = b.get(casePath(cid) + "/entities/new?kind=company").wantStatus(http.StatusOK)
		if page.first("#f-id_number") != nil {
			t.Error("the company form asks for an identity number")
		}
		r = b.submit(page.form(sel).set("name", "Durrës Shipping Sh.p.k.").set("address", "Lagjja 1, Durrës")).wantStatus(http.StatusSeeOther)
		page = b.follow(r)
		if !slices.Contains(page.texts("table.kind-company td.address"), "Lagjja 1, Durrës") {
			t.Errorf("company addresses %q", page.texts("table.kind-company td.address"))
		}
		page = b.get(casePath(cid) + "/entities/new?kind=phone").wantStatus(http.StatusOK)
		if page.first("#f-id_number") != nil || page.first("#f-address") != nil {
			t.Error("the phone form asks for an identity number or an address")
		}
	})
}

// TestPageExportIdentityColumns: the CSV export has id_number and address
// after nationality, with formulas defused.
func TestPageExportIdentityColumns(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.csvid", crosscase.RoleDeskMember, "IT")
		c := ts.pageNewCase(it, &crosscase.Case{Title: "Export", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2024-01-01")})
		ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, FamilyName: "Rossi",
			Nationality: "IT", IDNumber: "CA27415BD", Address: "=cmd|' /C calc'!A0"})
		ts.pageNewEntity(it, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindCompany, Role: crosscase.RoleSuspect, Name: "Acme", Address: "Via Roma 1, Bari"})
		res := ts.pageSignIn(it).get(fmt.Sprintf("/cases/%d/export.csv", c.ID)).wantStatus(http.StatusOK)
		rows, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("CSV: %v %q", err, res.Body)
		}
		head := rows[0]
		i := slices.Index(head, "nationality")
		if i < 0 || i+2 >= len(head) || head[i+1] != "id_number" || head[i+2] != "address" {
			t.Fatalf("header %q", head)
		}
		byKind := map[string][]string{}
		for _, r := range rows[1:] {
			byKind[r[1]] = r
		}
		if got := byKind["person"][i+1]; got != "CA27415BD" {
			t.Errorf("id_number %q", got)
		}
		if got := byKind["person"][i+2]; got != "'=cmd|' /C calc'!A0" {
			t.Errorf("formula in address not defused: %q", got)
		}
		if got := byKind["company"][i+2]; got != "Via Roma 1, Bari" {
			t.Errorf("company address %q", got)
		}
	})
}

// TestHitPageIdentity: the hit page shows the other desk's identity
// number and address only once that desk discloses its entity.
func TestHitPageIdentity(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		ts := newTestServer(t, db)
		it := ts.user("it.hitid", crosscase.RoleDeskMember, "IT")
		de := ts.user("de.hitid", crosscase.RoleDeskMember, "DE")
		itCase := ts.pageNewCase(it, &crosscase.Case{Title: "Tramontana", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: pageDate(t, "2023-03-01")})
		deCase := ts.pageNewCase(de, &crosscase.Case{Title: "Lantern", CrimeTypes: []string{"money_laundering"}, OpenedOn: pageDate(t, "2024-02-01")})
		ours := ts.pageNewEntity(it, &crosscase.Entity{CaseID: itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Taras", FamilyName: "Shevchenko", IDNumber: "FE123456", Address: "Via Roma 1, Bari"})
		theirs := ts.pageNewEntity(de, &crosscase.Entity{CaseID: deCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect,
			GivenName: "Taras", FamilyName: "Schewtschenko", IDNumber: "FE654321", Address: "Reeperbahn 1, 20359 Hamburg"})
		if _, err := db.RecordHits(systemContext(), []crosscase.HitCandidate{{EntityID: ours.ID, FoundEntityID: theirs.ID, Score: 95,
			Fields: []crosscase.HitField{{Field: "family_name", Score: 0.9, How: "transliteration"}, {Field: "id_number", Score: 0.5, How: "partial"}, {Field: "address", Score: 0.5, How: "partial"}}}}); err != nil {
			t.Fatal(err)
		}
		hits, _, err := db.FindHits(userContext(it), crosscase.HitFilter{})
		if err != nil || len(hits) != 1 {
			t.Fatalf("hits %+v %v", hits, err)
		}
		path := fmt.Sprintf("/hits/%d", hits[0].ID)
		b := ts.pageSignIn(it)
		r := b.get(path).wantStatus(http.StatusOK)
		if got := r.text("#h-ours + p + dl .id-number"); got != "FE123456" {
			t.Errorf("our identity number %q", got)
		}
		if strings.Contains(r.Body, "FE654321") || strings.Contains(r.Body, "Reeperbahn") {
			t.Fatal("the other desk's identity number or address is shown before disclosure")
		}
		// The explanation names the fields in words, without their values.
		fields := r.texts(".hit-fields li")
		if len(fields) != 3 || !strings.HasPrefix(fields[1], "identity number") || !strings.HasPrefix(fields[2], "address") {
			t.Errorf("explanation %q", fields)
		}
		if _, err := db.DecideHit(userContext(de), hits[0].ID, crosscase.HitDisclosed); err != nil {
			t.Fatal(err)
		}
		r = b.get(path).wantStatus(http.StatusOK)
		if got := r.text("#other-entity .id-number"); got != "FE654321" {
			t.Errorf("their identity number %q", got)
		}
		if got := r.text("#other-entity .address"); got != "Reeperbahn 1, 20359 Hamburg" {
			t.Errorf("their address %q", got)
		}
	})
}
