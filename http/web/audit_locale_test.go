package web

import (
	"os"
	"regexp"
	"slices"
	"testing"
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
	"the one checkpoint in files was not checked, for want of a public key",
	"%d checkpoints in files were not checked, for want of a public key",
	"no public key to check checkpoints with: the chain shows the order of its entries, not that none is missing",
	"one checkpoint signed by another key was not checked",
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
