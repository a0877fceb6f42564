package crosscase_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"crosscase"
)

// The audit filters offer every action and object type that the code
// writes into the log: the source of every package is read for them.
func TestAuditVocabularyIsComplete(t *testing.T) {
	actionConst := regexp.MustCompile(`(?:\bAction[A-Z][A-Za-z]* *= *|\bAction: *)"([a-z_]+)"`)
	objectType := regexp.MustCompile(`(?:ObjectType: *|\baudit[A-Za-z]*\(ctx, [^,]+, |recordRefusal\(ctx, err, )"([a-z_]+)"`)
	var actions, objects []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range actionConst.FindAllSubmatch(b, -1) {
			actions = append(actions, string(m[1]))
		}
		for _, m := range objectType.FindAllSubmatch(b, -1) {
			objects = append(objects, string(m[1]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) < 10 || len(objects) < 20 {
		t.Fatalf("read %d actions and %d object types: the patterns no longer find the audit calls", len(actions), len(objects))
	}
	for _, a := range actions {
		if !slices.Contains(crosscase.AuditActions(), a) {
			t.Errorf("action %q is written but not in AuditActions", a)
		}
	}
	for _, o := range objects {
		if !slices.Contains(crosscase.AuditObjectTypes(), o) {
			t.Errorf("object type %q is written but not in AuditObjectTypes", o)
		}
	}
}
