package main

import (
	"strings"
	"testing"
)

// TestExampleLists: the example lists of docs/examples, which the README's
// quick start offers for *Check a list* and *Import entities from a list*,
// work on the demo as it says: the check finds the Italy–Albania case's
// people under a capitalised name, a name in Cyrillic and a birth year
// alone, and not the stranger; the import takes every line, relating each
// person to their phones and account (the first has a mobile and a
// landline, README "Import").
func TestExampleLists(t *testing.T) {
	dir := t.TempDir()
	if out, err := run(t, "", "demo", "--data", dir); err != nil {
		t.Fatal(err, out)
	}
	out, err := run(t, "", "check", "--data", dir, "--semicolon", "--map", "name=full_name,date of birth=birth_date,phone=phone", "--id-column", "ref",
		"../../docs/examples/check-list.csv")
	if err != nil {
		t.Fatalf("check: %v\n%s", err, out)
	}
	hit := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if id, _, ok := strings.Cut(line, ","); ok && strings.HasPrefix(id, "L-") {
			hit[id] = true
		}
	}
	if !hit["L-1"] || !hit["L-2"] || !hit["L-3"] || hit["L-4"] {
		t.Errorf("the example check list hits %v, want L-1, L-2 and L-3:\n%s", hit, out)
	}
	out, err = run(t, "", "import", "entities", "--data", dir, "--case", "1", "--role", "suspect", "--id-column", "ref",
		"--map", "first name=given_name,last name=family_name,date of birth=birth_date,nationality=nationality,phone=phone,landline=phone,account=iban",
		"../../docs/examples/import-suspects.csv")
	if err != nil || !strings.Contains(out, "imported 8 entities into case 1, with 5 relations") {
		t.Fatalf("import: %v\n%s", err, out)
	}
}
