package http

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crosscase"
	"crosscase/http/server"
	"crosscase/http/web"
	"crosscase/match"
	"crosscase/sqldb"
	"crosscase/sqldb/sqldbtest"
)

// checkWorld is a server with a live match index, an Italian case with
// Arben Çela and his phone, and users of IT, DE and statistics.
type checkWorld struct {
	ts            *testServer
	it, de, stats *apiClient
	itCase        *crosscase.Case
	itUser        *crosscase.User
}

func newCheckWorld(t *testing.T, db *sqldb.DB, wire ...func(*server.Server)) *checkWorld {
	t.Helper()
	ts := newTestServer(t, db, wire...)
	w := &checkWorld{ts: ts}
	w.it = ts.apiUser("it.check", crosscase.RoleDeskMember, "IT")
	w.de = ts.apiUser("de.check", crosscase.RoleAnalyst, "DE")
	w.stats = ts.apiUser("stats.check", crosscase.RoleStatistics, "")
	w.itUser = w.it.User
	w.itCase = ts.pageNewCase(w.itUser, &crosscase.Case{Title: "Port of Bari", CrimeTypes: []string{"drug_trafficking"}, OpenedOn: crosscase.Date{Year: 2024, Month: 5, Day: 2}})
	ts.pageNewEntity(w.itUser, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Arben", FamilyName: "Çela",
		BirthDate: crosscase.Date{Year: 1984, Month: 7, Day: 12}, Nationality: "AL", ExternalRef: "BA-17"})
	ts.pageNewEntity(w.itUser, &crosscase.Entity{CaseID: w.itCase.ID, Kind: crosscase.KindPhone, Role: crosscase.RoleSuspect, Value: "+355 69 123 4567", Country: "AL"})
	return w
}

const checkList = "id;name;dob;tel\nN-7;Arben CELA;12.07.1984;00355 69 1234567\nN-8;Jean Dupont;01.01.1970;\n"

func checkPath(extra string) string {
	q := url.Values{"map": {"name=full_name,dob=birth_date,tel=phone"}, "id_column": {"id"}, "separator": {";"}}
	return "/api/v1/checks?" + q.Encode() + extra
}

func TestAPICheck(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		var res server.CheckResult
		// Germany learns that Italy has him, not which case.
		w.de.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if res.Records < 2 || len(res.Hits) == 0 {
			t.Fatalf("DE check: %+v", res)
		}
		for _, h := range res.Hits {
			if h.InputID != "N-7" || h.OwnerCountry != "IT" || h.CaseID != 0 || h.CaseReference != "" || h.EntityID != 0 || len(h.Fields) == 0 {
				t.Errorf("DE sees %+v", h)
			}
		}
		// Italy, which sees its case, gets the reference.
		w.it.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if len(res.Hits) == 0 || res.Hits[0].CaseReference != w.itCase.Reference {
			t.Fatalf("IT check: %+v", res)
		}
		// CSV out.
		out := w.de.do("POST", checkPath("&format=csv"), checkList, "Content-Type: text/csv")
		if out.Status != 200 || !strings.HasPrefix(out.Header.Get("Content-Type"), "text/csv") || !strings.Contains(string(out.Body), "N-7") {
			t.Fatalf("CSV: %v", out)
		}
		// A row that cannot be read is named, with its line, column and
		// why, and the others are checked: the check stores nothing, so
		// nothing is half-done (only an import is all or nothing).
		ragged := "id;name;dob;tel\nN-1;Ar\xffben;;\nN-7;Arben CELA;12.07.1984;00355 69 1234567\nN-9;Ilir;31.02.1980;\n"
		res = server.CheckResult{}
		w.de.do("POST", checkPath(""), ragged, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if len(res.Hits) == 0 || res.Hits[0].InputID != "N-7" || len(res.Unreadable) != 2 ||
			res.Unreadable[0].Line != 2 || res.Unreadable[0].Column != "name" || res.Unreadable[1].Line != 4 || res.Unreadable[1].Column != "dob" {
			t.Fatalf("a list with two unreadable rows: %+v", res)
		}
		if out := w.de.do("POST", checkPath("&format=csv"), ragged, "Content-Type: text/csv"); out.Status != 200 || out.Header.Get("X-Crosscase-Unreadable-Lines") != "2 4" {
			t.Fatalf("CSV of a list with unreadable rows: %v %q", out, out.Header.Get("X-Crosscase-Unreadable-Lines"))
		}
		res = server.CheckResult{}
		if w.de.do("POST", checkPath(""), checkList, "Content-Type: text/csv").decode(t, http.StatusOK, &res); res.Unreadable == nil || len(res.Unreadable) != 0 {
			t.Fatalf("a list read whole says unreadable %v", res.Unreadable)
		}
		// Bad input, each naming what is wrong.
		for _, tc := range []struct {
			name, path, body, ct string
			status               int
			field                string
		}{
			{"no mapping", "/api/v1/checks", checkList, "text/csv", 422, "map"},
			{"unknown column", "/api/v1/checks?separator=%3B&map=nope%3Dgiven_name", checkList, "text/csv", 422, "map"},
			// The list is separated by ';': read with ',', its header is
			// one column, and the refusal names the separator.
			{"separator not said", "/api/v1/checks?map=nope%3Dgiven_name", checkList, "text/csv", 422, "separator"},
			{"not csv", checkPath(""), checkList, "application/json", 415, "Content-Type"},
			{"no row readable", checkPath(""), "id;name;dob;tel\nN-1;Ar\xffben;;\n", "text/csv", 422, "line 2, column name"},
			{"threshold", checkPath("&threshold=abc"), checkList, "text/csv", 422, "threshold"},
			{"threshold out of range", checkPath("&threshold=180"), checkList, "text/csv", 422, "threshold"},
			{"misspelt parameter", checkPath("&treshold=80"), checkList, "text/csv", 400, "treshold"},
			{"format", checkPath("&format=xml"), checkList, "text/csv", 422, "format"},
			{"empty", checkPath(""), "id;name;dob;tel\n", "text/csv", 422, "body"},
			// A column given two fields: one of them used to be dropped
			// without a word, the list checked on the other.
			{"column mapped twice", "/api/v1/checks?separator=%3B&map=name%3Dfull_name,Name%3Dfamily_name", checkList, "text/csv", 422, "map"},
			{"id column mapped", "/api/v1/checks?separator=%3B&id_column=name&map=name%3Dfull_name", checkList, "text/csv", 422, "id_column"},
		} {
			res := w.de.do("POST", tc.path, tc.body, "Content-Type: "+tc.ct)
			p := res.problem(t)
			if res.Status != tc.status || p.Field != tc.field {
				t.Errorf("%s: %d %+v; want %d naming %q", tc.name, res.Status, p, tc.status, tc.field)
			}
		}
		w.stats.do("POST", checkPath(""), checkList, "Content-Type: text/csv").wantProblem(t, http.StatusForbidden, "")
		// The check is audited with its counts, and the list is not stored.
		entries, _, err := db.FindAuditEntries(systemContext(), crosscase.AuditFilter{Action: "check"})
		if err != nil || len(entries) < 3 || !strings.Contains(entries[0].Detail, "records=") {
			t.Fatalf("audit of checks: %+v %v", entries, err)
		}
	})
}

// TestAPICheckPartnerRule: a desk of a third country with only a working
// arrangement (KR), asked in a case, sees the case but not its entities,
// so a list check's hit in it names the owner, not the case or the
// person's entity.
func TestAPICheckPartnerRule(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		kr := w.ts.apiUser("kr.check", crosscase.RoleLiaison, "KR")
		c := w.ts.pageNewCase(w.itUser, &crosscase.Case{Title: "Cocaine route via Busan", AskedCountries: []string{"KR"}, CrimeTypes: []string{"drug_trafficking"},
			OpenedOn: crosscase.Date{Year: 2024, Month: 6, Day: 1}})
		w.ts.pageNewEntity(w.itUser, &crosscase.Entity{CaseID: c.ID, Kind: crosscase.KindPerson, Role: crosscase.RoleSuspect, GivenName: "Minho", FamilyName: "Secretperson",
			BirthDate: crosscase.Date{Year: 1970, Month: 5, Day: 5}, IDNumber: "M12345678"})
		var seen crosscase.Case
		kr.get(fmt.Sprintf("/api/v1/cases/%d", c.ID)).decode(t, http.StatusOK, &seen)
		kr.get(fmt.Sprintf("/api/v1/cases/%d/entities", c.ID)).wantProblem(t, http.StatusForbidden, "")
		list := "id;name;dob;idn\nk1;Minho Secretperson;05.05.1970;M12345678\n"
		path := "/api/v1/checks?" + url.Values{"map": {"name=full_name,dob=birth_date,idn=id_number"}, "id_column": {"id"}, "separator": {";"}}.Encode()
		var res server.CheckResult
		kr.do("POST", path, list, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if len(res.Hits) == 0 {
			t.Fatal("no hit: the owner is not told either")
		}
		for _, h := range res.Hits {
			if h.OwnerCountry != "IT" || h.CaseID != 0 || h.CaseReference != "" || h.EntityID != 0 || !h.OwnerTold {
				t.Errorf("KR sees %+v", h)
			}
		}
		// Italy, the owner, gets the case.
		w.it.do("POST", path, list, "Content-Type: text/csv").decode(t, http.StatusOK, &res)
		if len(res.Hits) == 0 || res.Hits[0].CaseReference != c.Reference {
			t.Fatalf("IT check: %+v", res)
		}
	})
}

func TestAPICheckTooLarge(t *testing.T) {
	db := sqldbtest.NewSQLite(t)
	w := newCheckWorld(t, db)
	row := "X-1," + strings.Repeat("Somebody Else ", 14) + "\n"
	huge := "id,name\n" + strings.Repeat(row, server.MaxUploadBytes/len(row)+10)
	w.de.do("POST", "/api/v1/checks?map=id%3Did,name%3Dfull_name", huge, "Content-Type: text/csv").wantProblem(t, http.StatusRequestEntityTooLarge, "body")
}

func TestAPIEntityImport(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		path := fmt.Sprintf("/api/v1/cases/%d/entities/import?", w.itCase.ID) + url.Values{"map": {"first=given_name,last=family_name,phone=phone"}, "id_column": {"ref"}, "role": {"suspect"}}.Encode()
		count := func() int {
			es, err := db.FindEntities(userContext(w.itUser), w.itCase.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(es)
		}
		before := count()
		// A row with more fields than the header: refused, nothing dropped.
		ragged := "ref,first,last,phone\nR1,Ștefan,Popescu,+40 721 123 456\nR2,Ana,Pop,,+40 721 000 000\n"
		res := w.it.do("POST", path, ragged, "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || !strings.HasPrefix(p.Field, "line 3") || !strings.Contains(p.Detail, "5 fields") {
			t.Fatalf("ragged row: %d %+v", res.Status, p)
		}
		bad := "ref,first,last,phone\nR1,Ștefan,Popescu,+40 721 123 456\nR2,Ana,Pop,call me\n"
		res = w.it.do("POST", path, bad, "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || !strings.HasPrefix(p.Field, "line 3") {
			t.Fatalf("bad row: %d %+v", res.Status, p)
		}
		if count() != before {
			t.Fatal("a refused import left entities behind")
		}
		good := "ref,first,last,phone\nR1,Ștefan,Popescu,+40 721 123 456\nR2,Ana,Pop,\n"
		w.de.do("POST", path, good, "Content-Type: text/csv").wantProblem(t, http.StatusNotFound, "")
		var out map[string]int
		w.it.do("POST", path, good, "Content-Type: text/csv").decode(t, http.StatusCreated, &out)
		// R1's person uses R1's phone: one relation, drawn in the import.
		if out["imported"] != 3 || out["relations"] != 1 || count() != before+3 {
			t.Fatalf("imported %v, %d entities", out, count()-before)
		}
		// A reference given to two people of the file, or again to a
		// person the case holds, would leave relations ambiguous.
		twice := "ref,first,last,phone\nR3,Anna,Import,\nR4,Anna,Import,\nR3,Dup,Ref,\n"
		res = w.it.do("POST", path, twice, "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || p.Field != "line 4, external_ref" {
			t.Fatalf("reference twice in the file: %d %+v", res.Status, p)
		}
		again := "ref,first,last,phone\nR9,Other,Person,\nR1,Ștefan,Popescu,\n"
		res = w.it.do("POST", path, again, "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || p.Field != "line 3, external_ref" {
			t.Fatalf("reference the case holds: %d %+v", res.Status, p)
		}
		if count() != before+3 {
			t.Fatal("a refused import left entities behind")
		}
		// Relations name R1's person (not its phone) by the reference.
		rel := fmt.Sprintf("/api/v1/cases/%d/relations/import", w.itCase.ID)
		w.it.do("POST", rel, "from,to,kind\nR1,R2,associate_of\n", "Content-Type: text/csv").decode(t, http.StatusCreated, &out)
		// Two people recorded one by one under one reference: a relation
		// naming it is refused, not given to either.
		for _, name := range []string{"Uno", "Due"} {
			createEntity(t, w.it, w.itCase.ID, map[string]any{"kind": "person", "role": "suspect", "given_name": name, "family_name": "Doppio", "external_ref": "X1"})
		}
		res = w.it.do("POST", rel, "from,to,kind\nX1,R2,associate_of\n", "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || p.Field != "line 2.from" {
			t.Fatalf("ambiguous reference: %d %+v", res.Status, p)
		}

		// A suspect with a mobile and a landline (README, "Import"): both
		// phones are imported and used by the person, the landline under
		// R5#2, which the relations file names.
		twoPhones := func(m string) string {
			return fmt.Sprintf("/api/v1/cases/%d/entities/import?", w.itCase.ID) + url.Values{"map": {m}, "id_column": {"ref"}, "role": {"suspect"}}.Encode()
		}
		file := "ref,first,last,dob,born,mobile,landline\nR5,Ilir,Berisha,14.03.1988,1988,+355 69 123 4567,+355 4 222 3333\n"
		for _, c := range []struct{ m, detail string }{
			{"first=given_name,last=family_name,dob=birth_date,born=birth_date,mobile=phone", `Columns "dob" and "born" are both mapped to birth_date`},
			{"first=given_name,last=family_name,mobile=phone,mobile=email", `Column "mobile" is mapped twice`},
		} {
			res = w.it.do("POST", twoPhones(c.m), file, "Content-Type: text/csv")
			if p := res.problem(t); res.Status != 422 || p.Field != "map" || !strings.Contains(p.Detail, c.detail) {
				t.Fatalf("mapping %s: %d %+v", c.m, res.Status, p)
			}
		}
		before = count()
		w.it.do("POST", twoPhones("first=given_name,last=family_name,dob=birth_date,mobile=phone,landline=phone"), file, "Content-Type: text/csv").decode(t, http.StatusCreated, &out)
		if out["imported"] != 3 || out["relations"] != 2 || count() != before+3 {
			t.Fatalf("two phones: imported %v, %d entities", out, count()-before)
		}
		es, err := db.FindEntities(userContext(w.itUser), w.itCase.ID)
		if err != nil {
			t.Fatal(err)
		}
		phones := map[string]string{}
		for _, e := range es {
			if e.Kind == crosscase.KindPhone && strings.HasPrefix(e.ExternalRef, "R5") {
				phones[e.ExternalRef] = e.Value
			}
		}
		if len(phones) != 2 || !strings.Contains(phones["R5"], "69 123") || !strings.Contains(phones["R5#2"], "222") {
			t.Fatalf("the two phones' references: %v", phones)
		}
		w.it.do("POST", rel, "from,to,kind\nR2,R5#2,uses_phone\nR5,R2,associate_of\n", "Content-Type: text/csv").decode(t, http.StatusCreated, &out)
		if out["imported"] != 2 {
			t.Fatalf("relations naming R5 and R5#2: %v", out)
		}
		// A column of the header given twice: either could be meant, and
		// the last one used to be taken without a word.
		res = w.it.do("POST", rel, "from,to,kind,kind\nR2,R1,associate_of,member_of\n", "Content-Type: text/csv")
		if p := res.problem(t); res.Status != 422 || p.Field != "file" || !strings.Contains(p.Detail, `two columns called "kind"`) {
			t.Fatalf("kind twice in the header: %d %+v", res.Status, p)
		}
		// A relation the case holds, or one the file gives twice, is
		// refused naming its line, and nothing of the file is kept. An
		// associate is one relation whichever way it is given
		// (crosscase.RelationKind.Symmetric): R1 and R2 are associates
		// already, and a file giving R1 and R5 both ways gives one twice.
		rels := func() int {
			list, err := db.FindRelations(userContext(w.itUser), w.itCase.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		n := rels()
		for _, tc := range []struct{ file, field string }{
			{"from,to,kind\nR5,R1,associate_of\nR1,R2,associate_of\n", "line 3"},
			{"from,to,kind\nR5,R1,associate_of\nR2,R1,associate_of\n", "line 3"},
			{"from,to,kind\nR5,R1,associate_of\nR1,R5,associate_of\n", "line 3"},
			{"from,to,kind\nR5,R1,associate_of\nR5,R1,associate_of\n", "line 3"},
		} {
			res = w.it.do("POST", rel, tc.file, "Content-Type: text/csv")
			if p := res.problem(t); res.Status != http.StatusConflict || p.Field != tc.field || !strings.HasPrefix(p.Detail, "Line 3: ") {
				t.Errorf("relation again in %q: %d %+v", tc.file, res.Status, p)
			}
		}
		if rels() != n {
			t.Fatal("a refused relations file left relations behind")
		}
	})
}

func TestPageCheck(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		b := w.ts.pageSignIn(w.itUser)
		b.get("/checks").wantStatus(http.StatusOK).one("#check-upload")

		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf_token", b.csrf)
		mw.WriteField("separator", ";")
		fw, _ := mw.CreateFormFile("file", "list.csv")
		fw.Write([]byte(checkList))
		mw.Close()
		req, _ := http.NewRequest("POST", w.ts.URL()+"/checks", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		mapping := b.do(req).wantStatus(http.StatusOK)
		form := mapping.form("#check-map")
		if got := form.Values.Get("col1"); got != match.FieldFullName {
			t.Errorf("column name guessed as %q", got)
		}
		if got := form.Values.Get("col2"); got != match.FieldBirthDate {
			t.Errorf("column dob guessed as %q", got)
		}
		// The fields are offered by name, with the code the API's map uses;
		// the sample rows count from 1.
		if got := mapping.texts("#f-col2 option"); !slices.Contains(got, "Date of birth (birth_date)") || !slices.Contains(got, "Given names (given_name)") {
			t.Errorf("fields offered %q", got)
		}
		if got := mapping.texts("#check-map thead th"); len(got) < 3 || got[2] != "Row 1" {
			t.Errorf("sample columns %q", got)
		}
		// The mapping form is sent as multipart, like a browser would.
		body.Reset()
		mw = multipart.NewWriter(&body)
		for k, vs := range form.Values {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		mw.WriteField("format", "html")
		mw.Close()
		req, _ = http.NewRequest("POST", w.ts.URL()+"/checks/run", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		result := b.do(req).wantStatus(http.StatusOK)
		rows := result.all("#check-hits tbody tr")
		if len(rows) == 0 || !strings.Contains(pageText(rows[0]), "N-7") || !strings.Contains(pageText(rows[0]), w.itCase.Reference) {
			t.Fatalf("result rows: %q", result.texts("#check-hits tbody tr"))
		}
		// Rows that cannot be read are listed with their line and column,
		// and the others checked.
		body.Reset()
		mw = multipart.NewWriter(&body)
		for k, vs := range form.Values {
			for _, v := range vs {
				if k == "data" {
					v = base64.StdEncoding.EncodeToString([]byte(checkList + "N-9;Ilir;31.02.1980;\n"))
				}
				mw.WriteField(k, v)
			}
		}
		mw.WriteField("format", "html")
		mw.Close()
		req, _ = http.NewRequest("POST", w.ts.URL()+"/checks/run", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		partial := b.do(req).wantStatus(http.StatusOK)
		if got := partial.texts("#unreadable-rows li"); len(got) != 1 || !strings.HasPrefix(got[0], "Line 4, column dob: ") || len(partial.all("#check-hits tbody tr")) == 0 {
			t.Errorf("unreadable rows on the page: %q", got)
		}
		// A desk that may not see the case reads whose case it is, in its
		// language: the same mapping, checked by the German analyst.
		deb := w.ts.pageSignIn(w.de.User)
		deb.acceptLanguage = "de"
		body.Reset()
		mw = multipart.NewWriter(&body)
		for k, vs := range form.Values {
			for _, v := range vs {
				if k == "csrf_token" {
					v = deb.csrf
				}
				mw.WriteField(k, v)
			}
		}
		mw.WriteField("format", "html")
		mw.Close()
		req, _ = http.NewRequest("POST", w.ts.URL()+"/checks/run", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if got := deb.do(req).wantStatus(http.StatusOK).texts("#check-hits tbody tr td:last-child"); len(got) == 0 || got[0] != "ein Fall (Italien) (federführendes Büro benachrichtigt)" {
			t.Errorf("the German analyst's hit: %q", got)
		}
		// Statistics users cannot check lists.
		stats := w.ts.user("stats.page", crosscase.RoleStatistics, "")
		w.ts.pageSignIn(stats).get("/checks").wantStatus(http.StatusForbidden)
	})
}

// TestBulkCheckReportsUnreadable: the server's bulk check gives back the
// rows that could not be read with its hits, so that the page and the API
// report them the same way without setting them themselves.
func TestBulkCheckReportsUnreadable(t *testing.T) {
	sqldbtest.Each(t, func(t *testing.T, db *sqldb.DB) {
		w := newCheckWorld(t, db)
		m, err := server.ParseMapping("name=full_name,dob=birth_date,tel=phone", "id", ";")
		if err != nil {
			t.Fatal(err)
		}
		ragged := "id;name;dob;tel\nN-1;Ar\xffben;;\nN-7;Arben CELA;12.07.1984;00355 69 1234567\n"
		rows, unreadable, err := server.ReadCheckRows(strings.NewReader(ragged), m)
		if err != nil || len(unreadable) != 1 {
			t.Fatalf("read: %v %v", unreadable, err)
		}
		res, err := w.ts.BulkCheck(userContext(w.itUser), rows, unreadable, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || len(res.Unreadable) != 1 || res.Unreadable[0].Line != 2 {
			t.Fatalf("bulk check of a list with an unreadable row: %+v", res)
		}
		// A list read whole reports an empty list, never null.
		res, err = w.ts.BulkCheck(userContext(w.itUser), rows, nil, 0)
		if err != nil || res.Unreadable == nil || len(res.Unreadable) != 0 {
			t.Fatalf("bulk check of a list read whole: %+v %v", res, err)
		}
	})
}

// TestPageCheckShortSampleRow: a row of the list shorter than its header,
// among the first rows the mapping step shows beside the columns, is
// shown with its missing fields empty; it used to fail the page (500).
func TestPageCheckShortSampleRow(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	b := w.ts.pageSignIn(w.itUser)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf_token", b.csrf)
	mw.WriteField("separator", ";")
	fw, _ := mw.CreateFormFile("file", "list.csv")
	fw.Write([]byte("id;name;dob;tel\nN-7;Arben CELA\nN-8;Jean Dupont;01.01.1970;\n"))
	mw.Close()
	req, _ := http.NewRequest("POST", w.ts.URL()+"/checks", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	mapping := b.do(req).wantStatus(http.StatusOK)
	mapping.one("#check-map")
	if got := mapping.texts("#check-map tbody tr:nth-child(3) td"); len(got) != 4 || got[2] != "" || got[3] != "01.01.1970" {
		t.Errorf("the dob row of the mapping: %q", got)
	}
}

// TestPageListNearUploadLimit: a list just under the upload limit, which
// the upload step of Check a list and of an import takes, passes the
// mapping step too, though that form carries it back as base64, a third
// larger (server.MaxListFormBytes); it used to be refused there as too
// large. A mapping refused (no column mapped; a role that is none) is
// shown again with the file's first rows beside the columns, as at
// upload.
func TestPageListNearUploadLimit(t *testing.T) {
	if got, want := server.MaxListFormBytes, base64.StdEncoding.EncodedLen(server.MaxUploadBytes)+server.MaxBodyBytes; got != want {
		t.Fatalf("MaxListFormBytes = %d, want the base64 of the upload limit and a form: %d", got, want)
	}
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	b := w.ts.pageSignIn(w.itUser)
	// post sends fields, and the file when not nil, as a browser's
	// multipart form, and checks the body's size against max.
	post := func(path string, fields url.Values, file []byte, max int) *pageResult {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		for k, vs := range fields {
			for _, v := range vs {
				mw.WriteField(k, v)
			}
		}
		if file != nil {
			fw, _ := mw.CreateFormFile("file", "list.csv")
			fw.Write(file)
		}
		mw.Close()
		if body.Len() > max {
			t.Fatalf("POST %s: the form is %d bytes, over %d", path, body.Len(), max)
		}
		req, _ := http.NewRequest("POST", w.ts.URL()+path, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return b.do(req)
	}
	const head, row = "id,name\n", "X-1,Somebody Else Entirely\n"
	size := server.MaxUploadBytes - 4096
	file := []byte(head + strings.Repeat(row, (size-len(head))/len(row)))
	encoded := base64.StdEncoding.EncodeToString(file)

	for _, tc := range []struct {
		name, upload, form string
		refuse             func(url.Values) // makes the mapping one the page refuses
	}{
		{"check a list", "/checks", "#check-map", func(v url.Values) { v.Set("col0", ""); v.Set("col1", "") }},
		{"import", fmt.Sprintf("/cases/%d/import", w.itCase.ID), "#import-map", func(v url.Values) { v.Set("role", "chief") }},
	} {
		mapping := post(tc.upload, url.Values{"csrf_token": {b.csrf}, "separator": {","}}, file, server.MaxUploadBytes).wantStatus(http.StatusOK)
		form := mapping.form(tc.form)
		if form.Values.Get("data") != encoded {
			t.Fatalf("%s: the mapping does not carry the file back whole", tc.name)
		}
		tc.refuse(form.Values)
		res := post(form.Action, form.Values, nil, server.MaxListFormBytes)
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: the mapping of a file of %d bytes (%d in base64): %d %s", tc.name, len(file), len(encoded), res.Status,
				strings.Join(res.texts("h1, .alert, #form-error"), " | "))
		}
		if res.form(tc.form).Values.Get("data") != encoded {
			t.Errorf("%s: the refused mapping does not carry the file back whole", tc.name)
		}
		if got := res.texts(tc.form + " thead th"); len(got) != 5 || got[2] != "Row 1" || got[4] != "Row 3" {
			t.Errorf("%s: the refused mapping's head %q, want the first three rows", tc.name, got)
		}
		if got := res.texts(tc.form + " tbody tr:first-child td"); len(got) != 5 || got[2] != "X-1" {
			t.Errorf("%s: the refused mapping's first column %q, want its rows' references", tc.name, got)
		}
	}
}

// countingBody is a request body of left bytes after prefix, of fill
// repeated ('A', base64, when nil), that counts how many of them the
// server read.
type countingBody struct {
	prefix []byte
	fill   []byte
	left   int64
	at     int
	read   atomic.Int64
}

func (c *countingBody) Read(p []byte) (int, error) {
	if len(c.prefix) > 0 {
		k := copy(p, c.prefix)
		c.prefix = c.prefix[k:]
		c.read.Add(int64(k))
		return k, nil
	}
	if c.left <= 0 {
		return 0, io.EOF
	}
	k := int(min(int64(len(p)), c.left))
	for i := range k {
		if c.fill == nil {
			p[i] = 'A'
			continue
		}
		p[i] = c.fill[c.at]
		c.at = (c.at + 1) % len(c.fill)
	}
	c.left -= int64(k)
	c.read.Add(int64(k))
	return k, nil
}

// TestPageListFormsAuthorizedBeforeBody: the routes that take a list
// (its upload, and its mapping carrying it back as base64, up to
// server.MaxListFormBytes) refuse a signed-in user who may not import
// into the case, or may not check a list, before reading what they
// send; before, the whole form was read into memory first, and only
// then refused.
func TestPageListFormsAuthorizedBeforeBody(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	de := w.ts.pageSignIn(w.de.User)
	stats := w.ts.pageSignIn(w.stats.User)
	imp := fmt.Sprintf("/cases/%d/import", w.itCase.ID)
	for _, tc := range []struct {
		who  *pageBrowser
		path string
		want int
	}{
		{de, imp + "/run", http.StatusNotFound},
		{de, imp, http.StatusNotFound},
		{stats, imp + "/run", http.StatusForbidden},
		{stats, "/checks/run", http.StatusForbidden},
		{stats, "/checks", http.StatusForbidden},
	} {
		size := int64(server.MaxUploadBytes) - 1<<20
		if strings.HasSuffix(tc.path, "/run") {
			size = server.MaxListFormBytes - 1<<20
		}
		body := &countingBody{prefix: []byte("csrf_token=" + url.QueryEscape(tc.who.csrf) + "&separator=%2C&col0=id&role=suspect&data="), left: size}
		wantRefusedUnread(t, tc.who.c, w.ts.URL()+tc.path, body, size, tc.want, tc.who.user.Name, map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
	}
}

// TestAPIListsAuthorizedBeforeBody: the API's import into a case and
// bulk check refuse a caller who may not import into the case, or check
// a list, before reading the file (up to server.MaxUploadBytes); before,
// the whole file was read into rows first, and only then refused.
func TestAPIListsAuthorizedBeforeBody(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	imp := fmt.Sprintf("/api/v1/cases/%d/entities/import?map=id%%3Did,name%%3Dfull_name", w.itCase.ID)
	for _, tc := range []struct {
		who  *apiClient
		path string
		want int
	}{
		{w.de, imp, http.StatusNotFound},
		{w.stats, imp, http.StatusNotFound},
		{w.stats, "/api/v1/checks?map=id%3Did,name%3Dfull_name", http.StatusForbidden},
	} {
		size := int64(server.MaxUploadBytes) - 1<<20
		body := &countingBody{prefix: []byte("id,name\n"), fill: []byte("X-1,Somebody Else Entirely\n"), left: size}
		wantRefusedUnread(t, http.DefaultClient, w.ts.URL()+tc.path, body, size, tc.want, tc.who.User.Name,
			map[string]string{"Content-Type": "text/csv", "Authorization": "Bearer " + tc.who.Token})
	}
}

// wantRefusedUnread posts body (size bytes after its prefix, its length
// not announced) to url with header through c, as user, and fails t
// unless the answer is want, given after no more than 16 MiB was read.
func wantRefusedUnread(t *testing.T, c *http.Client, url string, body *countingBody, size int64, want int, user string, header map[string]string) {
	t.Helper()
	req, _ := http.NewRequest("POST", url, body)
	req.ContentLength = -1
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err == nil {
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s POST %s: %d, want %d", user, req.URL.Path, res.StatusCode, want)
		}
	}
	if got := body.read.Load(); got > 16<<20 {
		t.Errorf("%s POST %s: %d MiB of a body of %d MiB read before the refusal (%v)", user, req.URL.Path, got>>20, size>>20, err)
	}
}

// TestPageListColumnsLimited: a list of more columns than the mapping
// step draws (web.MaxListColumns) is refused at upload naming the file,
// and so is a mapping form whose file was changed to one; before, a file
// of 2 MB with 200,000 columns drew a page of 270 MB.
func TestPageListColumnsLimited(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	b := w.ts.pageSignIn(w.itUser)
	list := func(n int) []byte {
		var head, row []string
		for i := range n {
			head = append(head, "c"+strconv.Itoa(i))
			row = append(row, "v")
		}
		return []byte(strings.Join(head, ",") + "\n" + strings.Join(row, ",") + "\n")
	}
	upload := func(path string, file []byte) *pageResult {
		t.Helper()
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf_token", b.csrf)
		mw.WriteField("separator", ",")
		fw, _ := mw.CreateFormFile("file", "list.csv")
		fw.Write(file)
		mw.Close()
		req, _ := http.NewRequest("POST", w.ts.URL()+path, &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		return b.do(req)
	}
	imp := fmt.Sprintf("/cases/%d/import", w.itCase.ID)
	for _, path := range []string{"/checks", imp} {
		res := upload(path, list(web.MaxListColumns)).wantStatus(http.StatusOK)
		if got := len(res.all(`select[name^="col"]`)); got != web.MaxListColumns {
			t.Errorf("%s: %d columns to map, want %d", path, got, web.MaxListColumns)
		}
		res = upload(path, list(20000))
		if res.Status != http.StatusUnprocessableEntity || len(res.all("#err-file")) == 0 || !strings.Contains(res.text("#err-file"), "20000 columns") {
			t.Errorf("%s, a file of 20000 columns: %d, want 422 naming the file", path, res.Status)
		}
		if len(res.Body) > 1<<20 {
			t.Errorf("%s, a file of 20000 columns: a page of %d bytes", path, len(res.Body))
		}
		run := b.postCSRF(path+"/run", url.Values{"separator": {","}, "role": {"suspect"}, "col0": {"id"},
			"data": {base64.StdEncoding.EncodeToString(list(20000))}})
		if run.Status != http.StatusUnprocessableEntity || len(run.all("#err-file")) == 0 || !strings.Contains(run.text("#err-file"), "20000 columns") {
			t.Errorf("%s/run, a mapping of a file of 20000 columns: %d, want 422 naming the file", path, run.Status)
		}
		if len(run.Body) > 1<<20 {
			t.Errorf("%s/run, a mapping of a file of 20000 columns: a page of %d bytes", path, len(run.Body))
		}
	}
}

// TestPageListFormsAtOnce: at most two forms carrying a whole list back
// are read at once; a third, while they are, is answered 429 with
// Retry-After before its body is read, and is taken again once they are
// done.
func TestPageListFormsAtOnce(t *testing.T) {
	w := newCheckWorld(t, sqldbtest.NewSQLite(t))
	it := w.ts.pageSignIn(w.itUser)
	send := func(body io.Reader) (*http.Response, error) {
		req, _ := http.NewRequest("POST", w.ts.URL()+"/checks/run", body)
		req.ContentLength = -1
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return it.c.Do(req)
	}
	form := "csrf_token=" + url.QueryEscape(it.csrf) + "&separator=%2C&col0=name&data="
	type answer struct {
		res *http.Response
		err error
	}
	// A holder is a form whose first bytes reached the server, which holds
	// a slot while it waits for the rest.
	type holder struct {
		pw      *io.PipeWriter
		answers chan answer
	}
	hold := func() holder {
		pr, pw := io.Pipe()
		h := holder{pw, make(chan answer, 1)}
		go func() {
			res, err := send(pr)
			h.answers <- answer{res, err}
		}()
		// More than the client buffers, so that the request surely
		// leaves it.
		if _, err := pw.Write([]byte(form + strings.Repeat("A", 64<<10))); err != nil {
			t.Fatal(err)
		}
		return h
	}
	holders := []holder{hold(), hold()}
	var third *http.Response
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		// A holder that reached the server while a probe below held a
		// slot was answered at once: another takes its place, and has
		// time to reach the server before the next probe.
		replaced := false
		for i, h := range holders {
			select {
			case a := <-h.answers:
				if a.err == nil {
					io.Copy(io.Discard, a.res.Body)
					a.res.Body.Close()
				}
				holders[i] = hold()
				replaced = true
			default:
			}
		}
		if replaced {
			continue
		}
		res, err := send(strings.NewReader(form))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			third = res
			break
		}
	}
	if third == nil {
		t.Fatal("a third list form was read while two were")
	}
	if third.Header.Get("Retry-After") == "" {
		t.Error("the refusal says not when to try again")
	}
	if !third.Close {
		t.Error("the refusal keeps the connection, and so reads the body it refuses")
	}
	for _, h := range holders {
		h.pw.Close()
	}
	for _, h := range holders {
		a := <-h.answers
		if a.err != nil {
			t.Fatal(a.err)
		}
		io.Copy(io.Discard, a.res.Body)
		a.res.Body.Close()
		if a.res.StatusCode == http.StatusTooManyRequests {
			t.Errorf("a form that held a slot was refused: %d", a.res.StatusCode)
		}
	}
	res, err := send(strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode == http.StatusTooManyRequests {
		t.Error("a list form is refused after the others are done")
	}
}
