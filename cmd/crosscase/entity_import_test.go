package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"crosscase"
	"crosscase/internal/browsertest"
)

// TestEntityImportPage imports a CSV list into a case through the page,
// in a real headless Chromium against `crosscase serve --demo`: the case
// page's link, the upload, the mapping with a column the page could not
// guess, the role and the reason for the audit log, and the case page's
// confirmation with the entities in it. A file with lines that cannot be
// read, and one whose reference the case already holds, are refused
// naming each line and column (in French for a French reader) and change
// nothing. A desk that only reads the case is refused (403), one that
// does not see it too (404), as on the form to add one entity; so is the
// owner desk's analyst, who reads it (403). The confirmation counts the
// relations drawn between the entities of a line, which the link chart
// lists; a line with a person and a company relates nothing, one with a
// mobile and a landline relates the person to both.
func TestEntityImportPage(t *testing.T) {
	exe := browsertest.Chromium(t)
	p, logins := serveDemo(t)
	it := p.client("it.rossi")
	var c crosscase.Case
	it.call("POST", "/api/v1/cases", map[string]any{"title": "Durrës ferry couriers", "crime_types": []string{"drug_trafficking"},
		"asked_countries": []string{"FR"}, "opened_on": "2025-03-10"}, 201, &c)
	entities := func() []crosscase.Entity {
		t.Helper()
		var list struct {
			Items []crosscase.Entity `json:"items"`
		}
		it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", c.ID), nil, 200, &list)
		return list.Items
	}
	dir := t.TempDir()
	file := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	ctx := browsertest.Start(t, exe, 3*time.Minute)
	do := func(step string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	submit := func(step, sel string, want int) {
		t.Helper()
		res, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("%s: %v", step, err)
		}
		if int(res.Status) != want {
			t.Fatalf("%s: status %d, want %d", step, res.Status, want)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	do("open the sign-in page", chromedp.Navigate(p.base+"/login"), chromedp.WaitVisible(chromedp.ID("f-name")),
		chromedp.SendKeys(chromedp.ID("f-name"), "it.rossi"), chromedp.SendKeys(chromedp.ID("f-password"), logins["it.rossi"]))
	submit("sign in", `form[action="/login"] button[type="submit"]`, 200)

	// upload sends path through the case page's link and the upload step,
	// and waits for the mapping.
	upload := func(path string) {
		t.Helper()
		do("open the case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", p.base, c.ID)), chromedp.WaitVisible(chromedp.ID("import-entities")))
		submit("follow the import link", "#import-entities", 200)
		do("choose the file", chromedp.WaitVisible(chromedp.ID("import-upload")), chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{path}))
		submit("upload", `#import-upload button[type="submit"]`, 200)
		do("the mapping", chromedp.WaitVisible(chromedp.ID("import-map")))
	}

	// A list of two people, one with a phone in a column whose header
	// the page does not guess.
	upload(file("couriers.csv", "ref,first_name,surname,dob,handy,nationality\n"+
		"R-1,Ardit,Kola,1984-03-12,+355 69 123 4567,AL\n"+
		"R-2,Elira,Dushku,03/07/1990,,AL\n"))
	for col, want := range map[string]string{"f-col0": "id", "f-col1": "given_name", "f-col3": "birth_date", "f-col4": ""} {
		got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(col)))
		if err != nil || got != want {
			t.Errorf("%s guessed as %q (%v), want %q", col, got, err, want)
		}
	}
	do("map the phone, choose the role", chromedp.SetValue(chromedp.ID("f-col4"), "phone"), chromedp.SetValue(chromedp.ID("f-role"), "witness"),
		chromedp.SendKeys(chromedp.ID("f-reason"), "Couriers named by the Durrës port police"))
	submit("import", `#import-map button[type="submit"]`, 200)
	if got := text(".flash"); got != "3 entities imported from 2 lines of the file, with 1 relation between a person or company and an identifier of its line: see the link chart." {
		t.Errorf("confirmation %q", got)
	}
	// The link chart: Kola uses the phone of his line.
	chartRelations := func() string {
		t.Helper()
		do("open the link chart", chromedp.Navigate(fmt.Sprintf("%s/cases/%d/chart", p.base, c.ID)), chromedp.WaitVisible(chromedp.ID("relations")))
		return text("#relations")
	}
	if got := chartRelations(); !strings.Contains(got, "Relations (1)") || !strings.Contains(got, "KOLA, Ardit") || !strings.Contains(got, "uses phone") || !strings.Contains(got, "+355 69 123 4567") {
		t.Errorf("the chart's relations after the import: %q", got)
	}
	do("back to the case", chromedp.Navigate(fmt.Sprintf("%s/cases/%d", p.base, c.ID)), chromedp.WaitVisible(chromedp.ID("entities")))
	if got := text("#entities"); !strings.Contains(got, "KOLA, Ardit") || !strings.Contains(got, "DUSHKU, Elira") || !strings.Contains(got, "+355") {
		t.Errorf("the case's entities after the import: %q", got)
	}
	got := entities()
	refs := map[string]int{}
	for _, e := range got {
		refs[e.ExternalRef]++
		if e.Role != crosscase.RoleWitness {
			t.Errorf("entity %d imported as %s", e.ID, e.Role)
		}
	}
	if len(got) != 3 || refs["R-1"] != 2 || refs["R-2"] != 1 {
		t.Fatalf("imported %d entities, references %v", len(got), refs)
	}

	// Each entity's creation is audited with the reason the form gave.
	db, err := openStoreFile(filepath.Join(p.storeArgs[1], "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT object_id, reason FROM audit_log WHERE case_id = ? AND object_type = 'entity' AND action = 'create'`, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	audited := 0
	for rows.Next() {
		var id int64
		var reason string
		if err := rows.Scan(&id, &reason); err != nil {
			t.Fatal(err)
		}
		audited++
		if reason != "Couriers named by the Durrës port police" {
			t.Errorf("the creation of entity %d audited with the reason %q", id, reason)
		}
	}
	rows.Close()
	if audited != 3 {
		t.Errorf("%d creations of entities audited, want 3", audited)
	}

	// A line short of a field, among the rows the mapping shows, and a
	// date that does not exist: nothing is imported, not even line 2, and
	// the page names each line, and the column at fault.
	upload(file("bad-date.csv", "ref,first_name,surname,dob\nR-3,Besnik,Gashi,1979-02-28\nR-4,Dritan,Hoxha\nR-5,Arta,Berisha,1981-02-30\n"))
	submit("import the file with a bad date", `#import-map button[type="submit"]`, http.StatusUnprocessableEntity)
	if got := text("#form-error"); !strings.Contains(got, "The file was not imported.") {
		t.Errorf("refusal %q", got)
	}
	if got := text("#refused-lines"); !strings.Contains(got, "Line 3: The row has 3 fields; the header names 4 columns.") || !strings.Contains(got, "Line 4, column dob: ") {
		t.Errorf("refused lines %q", got)
	}
	// The mapping is shown again with the file's first rows beside it.
	if got := text("#import-map tbody"); !strings.Contains(got, "Besnik") || !strings.Contains(got, "Dritan") || !strings.Contains(got, "1981-02-30") {
		t.Errorf("the refused mapping's rows %q", got)
	}
	// A reference the case holds already, refused by the store.
	upload(file("again.csv", "ref,first_name,surname\nR-5,Besnik,Gashi\nR-1,Ardit,Kola\n"))
	submit("import a reference twice", `#import-map button[type="submit"]`, http.StatusUnprocessableEntity)
	if got := text("#refused-lines"); !strings.HasPrefix(got, `Line 3, column ref: The reference "R-1" is already entity`) {
		t.Errorf("refused lines %q", got)
	}
	if n := len(entities()); n != 3 {
		t.Errorf("the refused files left %d entities, want 3", n)
	}

	// Who may not write the case: France, asked in it, reads it (403);
	// Germany does not see it (404); the analyst of the owner desk reads
	// it (403). The form to add one entity answers the first two alike.
	for _, who := range []struct {
		name       string
		status     int
		entityForm bool // the form to add one entity answers alike
	}{{"fr.lefevre", http.StatusForbidden, true}, {"de.mueller", http.StatusNotFound, true}, {"analyst.conti", http.StatusForbidden, false}} {
		b := p.signIn(who.name, logins[who.name])
		status, page := b.get(fmt.Sprintf("/cases/%d", c.ID))
		if status == 200 && strings.Contains(page, `id="import-entities"`) {
			t.Errorf("%s: the case page (%d) links the import", who.name, status)
		}
		if status, _ := b.get(fmt.Sprintf("/cases/%d/import", c.ID)); status != who.status {
			t.Errorf("%s: GET the import page = %d, want %d", who.name, status, who.status)
		}
		if status, _ := b.postMultipart(fmt.Sprintf("/cases/%d/import", c.ID), map[string]string{"separator": ","}, "file", "x.csv", []byte("ref,name\nX,Y\n")); status != who.status {
			t.Errorf("%s: upload = %d, want %d", who.name, status, who.status)
		}
		status, _ = b.postMultipart(fmt.Sprintf("/cases/%d/import/run", c.ID), map[string]string{"data": "cmVmLGZ1bGxfbmFtZQpYLEFubmEgTWFyaWEK", "col0": "id", "col1": "full_name", "role": "suspect"}, "file", "x.csv", nil)
		if status != who.status {
			t.Errorf("%s: import = %d, want %d", who.name, status, who.status)
		}
		if who.entityForm {
			if status, _ := b.get(fmt.Sprintf("/cases/%d/entities/new", c.ID)); status != who.status {
				t.Errorf("%s: the form to add an entity = %d, the import %d", who.name, status, who.status)
			}
		}
	}
	if n := len(entities()); n != 3 {
		t.Errorf("the refused desks left %d entities, want 3", n)
	}

	// One line, a person and their phone.
	upload(file("one.csv", "ref,name,phone\nR-6,Besnik GASHI,+355 69 765 4321\n"))
	submit("import one line", `#import-map button[type="submit"]`, 200)
	if got := text(".flash"); got != "2 entities imported from 1 line of the file, with 1 relation between a person or company and an identifier of its line: see the link chart." {
		t.Errorf("confirmation %q", got)
	}
	// A line with a person and the company beside them: whose is the
	// phone? Nothing is related.
	upload(file("company.csv", "ref,name,company,phone\nR-8,Dritan HOXHA,Hoxha Trans sh.p.k.,+355 69 765 1111\n"))
	do("map the company", chromedp.SetValue(chromedp.ID("f-col2"), "name"))
	submit("import a person and a company", `#import-map button[type="submit"]`, 200)
	if got := text(".flash"); got != "3 entities imported from 1 line of the file; no relations: record them on the link chart." {
		t.Errorf("confirmation %q", got)
	}
	if got := chartRelations(); !strings.Contains(got, "Relations (2)") || !strings.Contains(got, "GASHI, Besnik") || strings.Contains(got, "HOXHA") {
		t.Errorf("the chart's relations after three imports: %q", got)
	}

	// A suspect with a mobile and a landline: the page guesses both are
	// phones, and the person
	// uses both; the landline's reference is R-9#2 (README, "Import").
	// A date of birth mapped from two columns is refused naming them.
	twoPhones := file("two-phones.csv", "ref,name,dob,born,mobile,landline\nR-9,Arta BERISHA,1981-02-12,1981,+355 69 765 2222,+355 4 222 3333\n")
	upload(twoPhones)
	do("map the date of birth twice", chromedp.SetValue(chromedp.ID("f-col3"), "birth_date"))
	submit("import a date of birth from two columns", `#import-map button[type="submit"]`, http.StatusUnprocessableEntity)
	if got := text("#form-error"); !strings.Contains(got, `Columns "dob" and "born" are both mapped to birth_date`) {
		t.Errorf("refusal of a date of birth in two columns %q", got)
	}
	upload(twoPhones)
	for _, col := range []string{"f-col4", "f-col5"} {
		if got, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID(col))); err != nil || got != "phone" {
			t.Errorf("%s guessed as %q (%v), want phone", col, got, err)
		}
	}
	do("leave out born", chromedp.SetValue(chromedp.ID("f-col3"), ""))
	submit("import two phones", `#import-map button[type="submit"]`, 200)
	if got := text(".flash"); got != "3 entities imported from 1 line of the file, with 2 relations between a person or company and the identifiers of its line: see the link chart." {
		t.Errorf("confirmation %q", got)
	}
	if got := chartRelations(); !strings.Contains(got, "Relations (4)") || !strings.Contains(got, "+355 69 765 2222") || !strings.Contains(got, "+355 4 222 3333") {
		t.Errorf("the chart's relations after the two phones: %q", got)
	}
	refs = map[string]int{}
	for _, e := range entities() {
		if strings.HasPrefix(e.ExternalRef, "R-9") {
			refs[e.ExternalRef+" "+string(e.Kind)]++
		}
	}
	if len(refs) != 3 || refs["R-9 person"] != 1 || refs["R-9 phone"] != 1 || refs["R-9#2 phone"] != 1 {
		t.Errorf("references of the two phones' line: %v", refs)
	}

	// In French: the refusal, and the line and column, in the reader's
	// language.
	it.call("PATCH", "/api/v1/me", map[string]any{"language": "fr"}, 200, nil)
	upload(file("again-fr.csv", "ref,name,phone\nR-7,Arta BERISHA,+355 69 765 0000\nR-1,Ardit KOLA,\n"))
	submit("import a reference twice, in French", `#import-map button[type="submit"]`, http.StatusUnprocessableEntity)
	if got := text("#form-error"); got != "Le fichier n'a pas été importé. Corrigez ces lignes du fichier et importez-le à nouveau." {
		t.Errorf("French refusal %q", got)
	}
	if got := text("#refused-lines"); !strings.HasPrefix(got, "Ligne 3, colonne ref\u00a0: La référence \"R-1\" est déjà celle de l'entité") {
		t.Errorf("French refused lines %q", got)
	}
	if n := len(entities()); n != 11 {
		t.Errorf("%d entities, want 11", n)
	}
}
