package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func countEntities(t *testing.T, dir string) int {
	t.Helper()
	db, err := openStoreFile(filepath.Join(dir, "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM entities`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportAndCheck(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "demo", "--data", dir); err != nil {
		t.Fatal(err, out)
	}
	before := countEntities(t, dir)
	people := writeFile(t, "people.csv", "ref, first, last, born, nationality, phone\n"+
		"P-1, Arben, Çela, 1984-07-12, AL, +355 69 123 4567\n"+
		"P-2, Ștefan, Popescu, 1979-03-09, RO,\n")
	mapping := "first=given_name,last=family_name,born=birth_date,nationality=nationality,phone=phone"

	// A bad row refuses the whole file, naming its line.
	bad := writeFile(t, "bad.csv", "ref, first, last, born, nationality, phone\nP-1, Arben, Çela, 1984-07-12, AL,\nP-9, Ana, Pop, 1990-02-30, RO,\n")
	out, err := run(t, "", "import", "entities", "--data", dir, "--case", "1", "--map", mapping, "--id-column", "ref", bad)
	if err == nil || !strings.Contains(out+err.Error(), "3") {
		t.Fatalf("bad file imported: %v\n%s", err, out)
	}
	if n := countEntities(t, dir); n != before {
		t.Fatalf("a refused import left %d entities behind", n-before)
	}
	if _, err := run(t, "", "import", "entities", "--data", dir, "--case", "999999", "--map", mapping, people); err == nil {
		t.Fatal("import into a missing case")
	}

	// A reference given to two people: the refusal names both lines of
	// the file.
	twice := writeFile(t, "twice.csv", "ref, first, last, born, nationality, phone\nP-5, Arben, Çela, 1984-07-12, AL,\nP-6, Ana, Pop, 1990-02-03, RO,\nP-5, Ana, Pop, 1990-02-03, RO,\n")
	out, err = run(t, "", "import", "entities", "--data", dir, "--case", "1", "--map", mapping, "--id-column", "ref", twice)
	if err == nil || !strings.Contains(err.Error(), "line 4, external_ref") || !strings.Contains(err.Error(), "(lines 2 and 4)") {
		t.Fatalf("a reference twice: %v\n%s", err, out)
	}
	if n := countEntities(t, dir); n != before {
		t.Fatalf("a refused import left %d entities behind", n-before)
	}

	// The person of line 2 uses the phone of line 2, in the same import.
	out, err = run(t, "", "import", "entities", "--data", dir, "--case", "1", "--role", "suspect", "--map", mapping, "--id-column", "ref", people)
	if err != nil || !strings.Contains(out, "imported 3 entities into case 1, with 1 relation between the entities of a line") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	db, err := openStoreFile(filepath.Join(dir, "crosscase.db"))
	if err != nil {
		t.Fatal(err)
	}
	var related []string
	rows, err := db.Query(`SELECT f.kind, f.external_ref, r.kind, t.kind, t.external_ref FROM entity_relations r
		JOIN entities f ON f.id = r.from_id JOIN entities t ON t.id = r.to_id WHERE r.case_id = 1 AND f.external_ref LIKE 'P-%'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var fk, fr, k, tk, tr string
		if err := rows.Scan(&fk, &fr, &k, &tk, &tr); err != nil {
			t.Fatal(err)
		}
		related = append(related, fk+" "+fr+" "+k+" "+tk+" "+tr)
	}
	rows.Close()
	db.Close()
	if len(related) != 1 || related[0] != "person P-1 uses_phone phone P-1" {
		t.Fatalf("relations imported: %q", related)
	}

	// A national list with other spellings finds them, without storing it.
	// A row that cannot be read is reported with its line and the others
	// are checked; a birth year alone in the date column is a year; the
	// file may come before the flags.
	list := writeFile(t, "list.csv", "id;name;dob;tel\nN-7;Arben CELA;12.07.1984;00355691234567\nN-8;Jean Dupont;1970;\nN-9;Ana Pop;30.02.1990;\n")
	out, err = run(t, "", "check", list, "--data", dir, "--semicolon", "--map", "name=full_name,dob=birth_date,tel=phone", "--id-column", "id", "--format", "json")
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	if !strings.Contains(out, "line 4") || !strings.Contains(out, "1 row cannot be read and is left out") {
		t.Errorf("the unreadable row is not reported with its line:\n%s", out)
	}
	if _, err := run(t, "", "check", list, "--data", dir, "--map", "name=full_name", "list2.csv"); err == nil || !strings.Contains(err.Error(), `unexpected argument "list2.csv"`) {
		t.Errorf("a second file was not named: %v", err)
	}
	var lines []struct {
		InputID     string `json:"input_id"`
		CaseID      string `json:"case_id"`
		ExternalRef string `json:"external_ref"`
		Score       int    `json:"score"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &lines); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	hit := map[string]bool{}
	for _, l := range lines {
		if l.InputID == "N-8" {
			t.Errorf("Jean Dupont matched %+v", l)
		}
		if l.InputID == "N-7" && l.CaseID == "1" && l.ExternalRef == "P-1" {
			hit[l.ExternalRef] = true
		}
	}
	if !hit["P-1"] {
		t.Fatalf("Arben CELA / Arben Çela not found: %+v\n%s", lines, out)
	}
	if n := countEntities(t, dir); n != before+3 {
		t.Fatalf("the check stored data: %d entities, want %d", n, before+3)
	}
	if _, err := run(t, "", "check", "--data", dir, "--map", "nope=given_name", list); err == nil {
		t.Fatal("a wrong mapping was accepted")
	}
	// The CSV answer defuses a row id a spreadsheet would run as a formula.
	formula := writeFile(t, "formula.csv", "id;name;dob\n=SUM(A1);Arben CELA;12.07.1984\n")
	out, err = run(t, "", "check", formula, "--data", dir, "--semicolon", "--map", "name=full_name,dob=birth_date", "--id-column", "id")
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	if !strings.Contains(out, "'=SUM(A1),1,P-1,") {
		t.Errorf("the CSV answer does not defuse the formula:\n%s", out)
	}
}
