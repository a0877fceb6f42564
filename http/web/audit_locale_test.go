package web

import (
	"os"
	"regexp"
	"slices"
	"testing"

	"crosscase"
	"crosscase/locale"
)

// auditVerifyFormats are the problems the verification of the audit log
// finds (sqldb/audit_checkpoint.go), which the audit page writes in the
// reader's language (auditProblemText), and where it found a checkpoint
// (auditSourceText).
var auditVerifyFormats = []string{
	"entry %d is missing",
	"entry %d is not the record of the signed checkpoint of %s (%s), which was written as that entry: entries have been removed, inserted or rewritten",
	"entry %d records the checkpoint of %s, which was written as entry %d: entries have been removed or inserted",
	"entry %d, covered by the signed checkpoint (%s), is missing",
	"entry %d, the record of the signed checkpoint (%s), is missing",
	"history has been rewritten: entry %d does not have the hash that the signed checkpoint of %s (%s) gives it",
	"history has been rewritten: entry %d does not have the hash that the signed checkpoint of %s (%s) gives it; the checkpoint of %s still matches",
	"no checkpoint signed by %s was found in the log or in %s: the log and its checkpoints have been deleted or replaced, or the key never signed a checkpoint of this log",
	"no checkpoint signed by %s was found in the log: the log and its checkpoints have been deleted or replaced, or the key never signed a checkpoint of this log",
	"the audit log is empty, but the signed checkpoint (%s) shows it had %s: the log has been deleted",
	"the checkpoint file %s is damaged (%s)",
	"the checkpoint in %s does not verify: it was changed or forged",
	"the checkpoint in %s is malformed (%s)",
	"the checkpoint recorded at entry %d does not verify: it was changed or forged",
	"the checkpoint recorded at entry %d is malformed (%s)",
	"the content of entry %d does not match its hash",
	"the link of entry %d to the previous entry does not match",
	"the log ends at entry %d, but the signed checkpoint of %s (%s) was recorded as entry %d: entries %d to %d, at least, have been deleted",
	"the log ends at entry %d, but the signed checkpoint of %s (%s) was recorded as entry %d: entry %d has been deleted",
	"recorded at entry %d",
	"there is no checkpoint file %s",
	"%d checkpoints in files were not checked, for want of a public key",
	"no public key to check checkpoints with: the chain shows the order of its entries, not that none is missing",
	"%d checkpoints signed by another key were not checked",
	"%s, note %d",
}

// auditProblemRE finds the format of each problem the verification notes.
var auditProblemRE = regexp.MustCompile(`c\.(?:problem|notice)\([^"\n]*"((?:[^"\\]|\\.)*)"`)

// Every problem the verification of the audit log can find is a message
// the page writes in the reader's language.
func TestAuditProblemsTranslatable(t *testing.T) {
	src, err := os.ReadFile("../../sqldb/audit_checkpoint.go")
	if err != nil {
		t.Fatal(err)
	}
	found := auditProblemRE.FindAllStringSubmatch(string(src), -1)
	if len(found) == 0 {
		t.Fatal("no problem found in sqldb/audit_checkpoint.go")
	}
	for _, m := range found {
		if !slices.Contains(auditVerifyFormats, m[1]) {
			t.Errorf("the verification's problem %q is not in auditVerifyFormats", m[1])
		}
	}
}

// A notice of the verification that counts checkpoints is written in the
// form of its count, one checkpoint as well as several.
func TestAuditNoticePluralForms(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	unchecked := "%d checkpoints in files were not checked, for want of a public key"
	other := "%d checkpoints signed by another key were not checked"
	for _, tc := range []struct {
		lang, format string
		n            int
		want         string
	}{
		{"en", unchecked, 1, "1 checkpoint in a file was not checked, for want of a public key"},
		{"en", other, 1, "1 checkpoint signed by another key was not checked"},
		{"en", other, 6, "6 checkpoints signed by another key were not checked"},
		{"fr", unchecked, 1, "1 point de contrôle d'un fichier n'a pas été vérifié, faute de clé publique"},
		{"de", other, 1, "1 mit einem anderen Schlüssel signierter Prüfpunkt wurde nicht geprüft"},
		{"it", other, 2, "2 punti di controllo firmati da un'altra chiave non sono stati verificati"},
	} {
		p := c.Printer(tc.lang)
		n := crosscase.AuditProblem{Format: tc.format, Args: []any{tc.n}}
		if got := p.T(n.Format, localArgs(p, n.Args)...); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}
