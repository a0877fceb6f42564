package crosscase

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Audit actions.
const (
	ActionCreate = "create"
	ActionRead   = "read"
	ActionList   = "list"
	ActionUpdate = "update"
	ActionDelete = "delete"
	ActionExport = "export"
	ActionGrant  = "grant"
	ActionRevoke = "revoke"
	ActionRefuse = "refuse" // an access that need to know or a role refused
	ActionLogin  = "login"
	ActionLogout = "logout"
	ActionFailed = "login_failed"
	// ActionCheckpoint records a signed checkpoint of the log itself
	// (object type "audit", object id the number of entries it covers).
	ActionCheckpoint = "checkpoint"
	// ActionCheck records a bulk list check (object type "list"): what
	// was checked, never the list itself.
	ActionCheck = "check"
	// ActionDisclose, ActionRestrict and ActionDismiss record a desk's
	// decision on a hit (object type "hit"), once for each of its cases.
	ActionDisclose = "disclose"
	ActionRestrict = "restrict"
	ActionDismiss  = "dismiss"
)

// AuditActions returns every action the audit log records, for the
// filters of those who read it; a test keeps it complete.
func AuditActions() []string {
	return []string{
		ActionCreate, ActionRead, ActionList, ActionUpdate, ActionDelete, ActionExport,
		ActionGrant, ActionRevoke, ActionRefuse, ActionTransfer, ActionUpload, ActionDownload,
		ActionAcknowledge, ActionLogin, ActionLogout, ActionFailed, ActionCheckpoint, ActionCheck,
		ActionDisclose, ActionRestrict, ActionDismiss,
	}
}

// AuditObjectTypes returns every kind of object the audit log names, by
// subject, for the filters of those who read it; a test keeps it complete.
func AuditObjectTypes() []string {
	return []string{
		"case", "case_personal_data", "entity", "relation", "import", "check", "list", "search", "hit", "list_check_hit",
		"instrument", "instrument_breach", "instrument_deadline",
		"jit", "jit_case", "jit_member", "jit_funding", "jit_message", "jit_evidence",
		"meeting", "notice", "notice_attachment", "result", "action",
		"centre", "centre_measure", "centre_decision", "centre_message", "centre_event", "centre_stream", "centre_press",
		"retention", "retention_review", "statistics",
		"user", "token", "calendar_token", "session", "desk", "country", "agreement", "authority",
		"audit", "page", "route", "reason",
	}
}

// AuditEntry is one line of the append-only audit log. Hash is the
// SHA-256 of PrevHash and the entry's canonical encoding, so that changing
// or removing any entry breaks the chain from there on.
type AuditEntry struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id"`
	UserName   string    `json:"user_name"`
	DeskID     int64     `json:"desk_id,omitempty"`
	Action     string    `json:"action"`
	ObjectType string    `json:"object_type"` // case, entity, user, desk, agreement, country, token, session
	ObjectID   int64     `json:"object_id,omitempty"`
	CaseID     int64     `json:"case_id,omitempty"`
	RemoteAddr string    `json:"remote_addr,omitempty"`
	Reason     string    `json:"reason,omitempty"`
	Detail     string    `json:"detail,omitempty"` // field names, counts: never personal data
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	UserID     int64
	CaseID     int64
	Action     string
	ObjectType string
	From, To   time.Time // entries at From or later and before To
	Cursor     string
	Limit      int // 1..500, default 100
}

// Validate checks f: an action and an object type the log records (or
// none), a range of times that ends after it starts, and at most 500
// entries a page (Limit 0 is 100).
func (f *AuditFilter) Validate() error {
	if f.Action != "" && !slices.Contains(AuditActions(), f.Action) {
		return FieldErrorf("action", "Unknown action %q.", Clip(f.Action))
	}
	if f.ObjectType != "" && !slices.Contains(AuditObjectTypes(), f.ObjectType) {
		return FieldErrorf("object_type", "Unknown object type %q.", Clip(f.ObjectType))
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.To.After(f.From) {
		return FieldErrorf("to", "The end of the date range is before its start.")
	}
	return CheckLimit(&f.Limit, 100, 500)
}

// AuditReport is the result of verifying the chain.
type AuditReport struct {
	Entries     int64  `json:"entries"`
	OK          bool   `json:"ok"`
	FirstBroken int64  `json:"first_broken,omitempty"` // Seq of the first entry that does not verify
	Problem     string `json:"problem,omitempty"`
	// Checkpoints is how many signed checkpoints the chain was checked
	// against, and Checkpoint the latest of them: the log is complete up
	// to its size.
	Checkpoints int              `json:"checkpoints"`
	Checkpoint  *AuditCheckpoint `json:"checkpoint,omitempty"`
	// Notice says what could not be checked, e.g. completeness when no
	// public key is known.
	Notice string `json:"notice,omitempty"`
	// Notices are what Notice says, one by one, each with the format and
	// values it was written from, for a page to write in the reader's
	// language.
	Notices []AuditProblem `json:"-"`
	// Problems are the first of the problems Problem says, each with the
	// format and values it was written from, and MoreProblems how many
	// more there are, so that a page writes them in the reader's
	// language (README, "Languages").
	Problems     []AuditProblem `json:"-"`
	MoreProblems int            `json:"-"`
}

// AuditProblem is one way the audit log fails verification: what kind of
// failure (truncation, deletion, rewritten history, a bad signature),
// written in English from Format and Args.
type AuditProblem struct {
	// Seq is the first entry it puts in doubt; 0 when none in particular.
	Seq    int64
	Format string
	Args   []any
}

// Text writes the problem in English, in the singular when its first
// value is a count of one and Format has a singular (CountInEnglish:
// "1 checkpoint signed by another key was not checked").
func (p AuditProblem) Text() string {
	if len(p.Args) > 0 {
		switch n := p.Args[0].(type) {
		case int:
			return CountInEnglish(p.Format, int64(n), p.Args...)
		case int64:
			return CountInEnglish(p.Format, n, p.Args...)
		}
	}
	return fmt.Sprintf(p.Format, p.Args...)
}

// AuditSource is where a verification found a signed checkpoint: note
// Note of the checkpoint file File, or, without a file, recorded in the
// log as entry Entry. A problem's values hold it; a page writes it in the
// reader's language.
type AuditSource struct {
	File  string
	Note  int
	Entry int64
}

// String writes the source in English: "FILE, note 2" or "recorded at
// entry 12".
func (s AuditSource) String() string {
	if s.File == "" {
		return "recorded at entry " + strconv.FormatInt(s.Entry, 10)
	}
	return s.File + ", note " + strconv.Itoa(s.Note)
}

// AuditCheckpoint is a signed statement that the audit log had Size
// entries, the last with the hash Hash: a C2SP signed note (README, "Who
// sees what"). It holds no personal data.
type AuditCheckpoint struct {
	Origin string `json:"origin"`
	Size   int64  `json:"size"`
	Hash   string `json:"hash"`
	// Note is the signed note, byte for byte as signed.
	Note string `json:"note"`
	// Entry is the entry of the log that records the checkpoint (Size+1)
	// and At its time; Source where a verification found it.
	Entry  int64     `json:"entry,omitempty"`
	At     time.Time `json:"at,omitzero"`
	Source string    `json:"source,omitempty"`
	// Found is Source, for a page to write in the reader's language.
	Found AuditSource `json:"-"`
	// VerifierKey is the public key that checks the note, when the server
	// knows it (name+key ID+base64 key). A witness should take it once
	// from the operator rather than from the server it watches.
	VerifierKey string `json:"verifier_key,omitempty"`
}

// AuditService reads and verifies the audit log. Entries are written by
// the other services, in the same transaction as what they record.
type AuditService interface {
	// FindAuditEntries is for administrators: newest first, one page and
	// the next cursor.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, string, error)
	// VerifyAudit recomputes the whole chain, checks it against the signed
	// checkpoints it finds, and names the first broken entry.
	VerifyAudit(ctx context.Context) (*AuditReport, error)
	// LatestAuditCheckpoint returns the latest signed checkpoint recorded
	// in the log, for any signed-in user (ENOTFOUND when there is none).
	LatestAuditCheckpoint(ctx context.Context) (*AuditCheckpoint, error)
	// RecordAudit appends an entry for an event outside the stores (sign-in,
	// sign-out, a refusal at the HTTP layer). Seq, At, hashes are set here.
	RecordAudit(ctx context.Context, e *AuditEntry) error
}

// MaxAuditReasonLength is the longest reason a user may give for an
// operation.
const MaxAuditReasonLength = 500

// CheckAuditReason checks the reason a user gives for an operation, which
// the audit log keeps with it (README, "Who sees what"): one line of text
// of at most MaxAuditReasonLength characters, or nothing. The API's
// X-Crosscase-Reason header and a page form's reason field are checked by
// this one function; field names where the reason came from.
func CheckAuditReason(field, reason string) error {
	return CheckText(field, reason, MaxAuditReasonLength, false)
}
