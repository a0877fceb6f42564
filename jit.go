package crosscase

import (
	"context"
	"io"
	"time"
)

// JIT is a joint investigation team: set up by an agreement between the
// authorities of two or more countries for a fixed period, extendable.
type JIT struct {
	ID             int64          `json:"id"`
	Name           string         `json:"name"`
	Parties        []JITParty     `json:"parties"`
	CaseIDs        []int64        `json:"case_ids"`
	Cases          []*JITCase     `json:"cases"` // filled on read: what the caller may learn of each linked case
	SignedOn       Date           `json:"signed_on"`
	DurationMonths int            `json:"duration_months"`
	EndsOn         Date           `json:"ends_on"`         // the end agreed at signature
	CurrentEndsOn  Date           `json:"current_ends_on"` // the end after the latest extension
	Extensions     []JITExtension `json:"extensions"`
	Funding        []*JITFunding  `json:"funding"`
	Members        []*JITMember   `json:"members"`
	CreatedBy      int64          `json:"created_by"`
	CreatedDeskID  int64          `json:"created_desk_id"`
	CreatedAt      time.Time      `json:"created_at"`
}

// JITParty is a country taking part in a JIT with its authorities.
type JITParty struct {
	CountryCode  string  `json:"country_code"`
	AuthorityIDs []int64 `json:"authority_ids"`
}

// JITCase is a case linked to a JIT. Reference and Title are given only
// to callers who may see the case (need to know); others get the id.
type JITCase struct {
	ID        int64  `json:"id"`
	Reference string `json:"reference,omitempty"`
	Title     string `json:"title,omitempty"`
	Visible   bool   `json:"visible"`
}

// JITExtension prolongs a JIT to a new end date, for a reason, as its
// parties agreed on AgreedOn. CreatedAt is when it was recorded, which
// may be long after: the agreement dates it (README, Joint investigation
// teams (JITs)).
type JITExtension struct {
	ID        int64  `json:"id"`
	NewEndsOn Date   `json:"new_ends_on"`
	AgreedOn  Date   `json:"agreed_on"`
	Reason    string `json:"reason"`
	// ReasonWithheld says Reason was left out for a reader who may not
	// read it (JIT.HideCaseContentFrom).
	ReasonWithheld bool      `json:"reason_withheld,omitempty"`
	CreatedBy      int64     `json:"created_by"`
	CreatedAt      time.Time `json:"created_at"`
}

// Validate checks x's own fields: a reason, the new end date and the day
// the parties agreed the extension are required. CheckAgainst checks them
// against the JIT extended.
func (x *JITExtension) Validate() error {
	if err := CheckMultiline("reason", x.Reason, 2000, true); err != nil {
		return err
	}
	if x.NewEndsOn.IsZero() {
		return FieldErrorf("new_ends_on", "The new end date is required.")
	}
	if x.AgreedOn.IsZero() {
		return FieldErrorf("agreed_on", "The date the parties agreed the extension is required.")
	}
	return nil
}

// CheckAgainst checks x as an extension of j on today (the latest date
// anywhere on Earth): the parties agreed it on a day that has come, not
// before the JIT's agreement was signed and not after the end it
// extends (a JIT is extended before it runs out; on its last day at the
// latest); it ends later than that end, and at most MaxJITMonths after
// the signature. README, Joint investigation teams (JITs).
func (x *JITExtension) CheckAgainst(j *JIT, today Date) error {
	if err := NotFuture("agreed_on", x.AgreedOn, today, "agreement to extend the JIT"); err != nil {
		return err
	}
	if x.AgreedOn.Before(j.SignedOn) {
		return FieldErrorf("agreed_on", "The extension cannot have been agreed (%s) before the JIT agreement was signed (%s).", x.AgreedOn, j.SignedOn)
	}
	if j.CurrentEndsOn.Before(x.AgreedOn) {
		return FieldErrorf("agreed_on", "The extension must have been agreed by the JIT's current end (%s), not after it (%s): a JIT that has run out is not extended.", j.CurrentEndsOn, x.AgreedOn)
	}
	if !j.CurrentEndsOn.Before(x.NewEndsOn) {
		return FieldErrorf("new_ends_on", "An extension must end later (%s) than the JIT's current end (%s).", x.NewEndsOn, j.CurrentEndsOn)
	}
	if limit := j.LatestEnd(); limit.Before(x.NewEndsOn) {
		return FieldErrorf("new_ends_on", "A JIT lasts at most %d months with its extensions: signed on %s, it ends on %s at the latest.", MaxJITMonths, j.SignedOn, limit)
	}
	return nil
}

// FundingStatus is where a funding application stands.
type FundingStatus string

// Funding statuses: an application is applied, then granted or rejected;
// a grant is finally paid. Rejected and paid are final.
const (
	FundingApplied  FundingStatus = "applied"
	FundingGranted  FundingStatus = "granted"
	FundingRejected FundingStatus = "rejected"
	FundingPaid     FundingStatus = "paid"
)

// FundingStatuses returns the statuses in order.
func FundingStatuses() []FundingStatus {
	return []FundingStatus{FundingApplied, FundingGranted, FundingRejected, FundingPaid}
}

// Valid reports whether s is a known status.
func (s FundingStatus) Valid() bool {
	for _, v := range FundingStatuses() {
		if v == s {
			return true
		}
	}
	return false
}

// CanBecome reports whether a funding record of status s may move to t:
// applied → granted or rejected; granted → paid.
func (s FundingStatus) CanBecome(t FundingStatus) bool {
	return (s == FundingApplied && (t == FundingGranted || t == FundingRejected)) || (s == FundingGranted && t == FundingPaid)
}

// Next returns the statuses a record of status s may move to
// (CanBecome), in order; none for a final status.
func (s FundingStatus) Next() []FundingStatus {
	var out []FundingStatus
	for _, t := range FundingStatuses() {
		if s.CanBecome(t) {
			out = append(out, t)
		}
	}
	return out
}

// JITFunding is one application for funding of a JIT (e.g. to the
// agency's JIT funding programme) and what became of it, in whole euros.
type JITFunding struct {
	ID         int64         `json:"id"`
	Label      string        `json:"label"` // e.g. "Call 2024-3, action 2"
	AppliedEUR int64         `json:"applied_eur"`
	GrantedEUR int64         `json:"granted_eur"`
	Status     FundingStatus `json:"status"`
	AppliedOn  Date          `json:"applied_on"`
	DecidedOn  Date          `json:"decided_on"`
	UpdatedAt  time.Time     `json:"updated_at"`
}

// Validate checks a new application.
func (f *JITFunding) Validate() error {
	if err := CheckText("label", f.Label, 200, false); err != nil {
		return err
	}
	if f.AppliedEUR <= 0 || f.AppliedEUR > 1_000_000_000 {
		return FieldErrorf("applied_eur", "The amount applied for must be between 1 and 1000000000 euros.")
	}
	if f.AppliedOn.IsZero() {
		return FieldErrorf("applied_on", "The date of the application is required.")
	}
	return nil
}

// JITFundingUpdate records a decision or a payment on an application.
type JITFundingUpdate struct {
	Status     FundingStatus `json:"status"`
	GrantedEUR int64         `json:"granted_eur"`
	DecidedOn  Date          `json:"decided_on"`
}

// JITMember is a person working in a JIT: a user (often a JIT-only
// account of a national authority), with their country and authority.
type JITMember struct {
	UserID      int64  `json:"user_id"`
	UserName    string `json:"user_name"`
	DisplayName string `json:"display_name"`
	// Role is the member's account's role: a JIT-only account
	// (RoleJITMember) or a desk user's.
	Role        Role      `json:"role"`
	CountryCode string    `json:"country_code"`
	AuthorityID int64     `json:"authority_id"`
	AddedAt     time.Time `json:"added_at"`
}

// Validate checks j's own fields and fills EndsOn from DurationMonths (or
// DurationMonths from EndsOn); the store checks countries, authorities
// and cases.
func (j *JIT) Validate() error {
	if err := CheckText("name", j.Name, 300, true); err != nil {
		return err
	}
	if len(j.Parties) < 2 {
		return FieldErrorf("parties", "A JIT is set up by at least two countries: give two parties or more.")
	}
	seen := map[string]bool{}
	for i, p := range j.Parties {
		f := "parties[" + itoa(i) + "].country_code"
		if !ValidCountryCode(p.CountryCode) {
			return FieldErrorf(f, "%q is not an ISO 3166-1 alpha-2 country code.", p.CountryCode)
		}
		if seen[p.CountryCode] {
			return FieldErrorf(f, "Country %s is listed twice.", p.CountryCode)
		}
		seen[p.CountryCode] = true
		if len(p.AuthorityIDs) == 0 {
			return FieldErrorf("parties["+itoa(i)+"].authority_ids", "Name at least one authority of %s.", p.CountryCode)
		}
	}
	if j.SignedOn.IsZero() {
		return FieldErrorf("signed_on", "The date the JIT agreement was signed is required.")
	}
	if j.DurationMonths < 0 || j.DurationMonths > 120 {
		return FieldErrorf("duration_months", "The duration must be between 1 and 120 months.")
	}
	switch {
	case j.EndsOn.IsZero() && j.DurationMonths == 0:
		return FieldErrorf("ends_on", "Give the end date or the duration in months.")
	case j.EndsOn.IsZero():
		j.EndsOn = DateOf(j.SignedOn.Time().AddDate(0, j.DurationMonths, 0))
	case j.DurationMonths == 0:
		if !j.SignedOn.Before(j.EndsOn) {
			return FieldErrorf("ends_on", "The JIT cannot end (%s) on or before the day its agreement was signed (%s).", j.EndsOn, j.SignedOn)
		}
		j.DurationMonths = monthsBetween(j.SignedOn, j.EndsOn)
	default:
		if want := DateOf(j.SignedOn.Time().AddDate(0, j.DurationMonths, 0)); want != j.EndsOn && !j.EndsOn.Before(j.SignedOn) {
			return FieldErrorf("duration_months", "A duration of %d months from %s ends on %s, not %s: give one of the two.", j.DurationMonths, j.SignedOn, want, j.EndsOn)
		}
	}
	if !j.SignedOn.Before(j.EndsOn) {
		return FieldErrorf("ends_on", "The JIT cannot end (%s) on or before the day its agreement was signed (%s).", j.EndsOn, j.SignedOn)
	}
	// Checked after computing, whichever of the two was given.
	if limit := j.LatestEnd(); limit.Before(j.EndsOn) || j.DurationMonths < 1 || j.DurationMonths > MaxJITMonths {
		return FieldErrorf("ends_on", "A JIT lasts 1 to %d months: from %s it ends on %s at the latest, not %s.", MaxJITMonths, j.SignedOn, limit, j.EndsOn)
	}
	seenCase := map[int64]bool{}
	for i, id := range j.CaseIDs {
		if id <= 0 || seenCase[id] {
			return FieldErrorf("case_ids["+itoa(i)+"]", "Case %d is not a case id, or is listed twice.", id)
		}
		seenCase[id] = true
	}
	return nil
}

// MaxJITMonths is the longest a JIT may last from its signature, with
// every extension: 10 years.
const MaxJITMonths = 120

// LatestEnd is the latest day j may end, extensions included: MaxJITMonths
// after its signature.
func (j *JIT) LatestEnd() Date {
	return DateOf(j.SignedOn.Time().AddDate(0, MaxJITMonths, 0))
}

// Running reports whether j still runs on day: up to and including its
// current end date. After it, its space is read-only.
func (j *JIT) Running(day Date) bool {
	return !j.CurrentEndsOn.Before(day)
}

// monthsBetween returns the whole months from a to b (at least 1).
func monthsBetween(a, b Date) int {
	n := (b.Year-a.Year)*12 + int(b.Month-a.Month)
	if b.Day < a.Day {
		n--
	}
	if n < 1 {
		n = 1
	}
	return n
}

// HasParty reports whether country is a party of j.
func (j *JIT) HasParty(country string) bool {
	for _, p := range j.Parties {
		if p.CountryCode == country {
			return true
		}
	}
	return false
}

// HasMember reports whether u is a member of j.
func (j *JIT) HasMember(u *User) bool {
	if u == nil {
		return false
	}
	for _, m := range j.Members {
		if m.UserID == u.ID {
			return true
		}
	}
	return false
}

// JoinsJITs reports whether users of role r may be members of a JIT (and
// so receive its evidence): JIT-only accounts and the users of a desk who
// read cases. README, Joint investigation teams (JITs).
func (r Role) JoinsJITs() bool {
	return r.JITOnly() || r.SeesCaseContent()
}

// CanSetUpJIT reports whether u sets up JITs (with their desk's country
// as a party): desk members and liaison prosecutors. README, Joint
// investigation teams (JITs).
func CanSetUpJIT(u *User) bool {
	return u != nil && u.DeskID != 0 && u.Role.WorksCases()
}

// OnJITPartyDesk reports whether u works at the desk of a party of j: a
// user of a desk who reads cases, the desk's country a party. README,
// Joint investigation teams (JITs).
func OnJITPartyDesk(u *User, j *JIT) bool {
	return CanReadCases(u) && j.HasParty(u.DeskCountry)
}

// CanUseJITSpace reports whether u reads j's space (messages and
// evidence) and, while j runs, posts in it: its members and the users of
// its parties' desks. Administrators see j's record only. README, Joint
// investigation teams (JITs).
func CanUseJITSpace(u *User, j *JIT) bool {
	return j.HasMember(u) || OnJITPartyDesk(u, j)
}

// HideCaseContentFrom leaves out of j what u reads of a JIT's record only:
// an administrator who is not a member administers the JIT (its parties,
// dates, members and funding) but reads neither the cases it links nor
// the free-text reasons of its extensions, which may name a person or an
// operation. README, Joint investigation teams (JITs).
func (j *JIT) HideCaseContentFrom(u *User) {
	if !u.IsAdmin() || CanUseJITSpace(u, j) {
		return
	}
	j.Cases = []*JITCase{}
	for i := range j.Extensions {
		j.Extensions[i].Reason = ""
		j.Extensions[i].ReasonWithheld = true
	}
}

// CanManageJIT reports whether u extends j, links and unlinks its cases,
// records its funding and removes its members: the desk members and
// liaison prosecutors of its parties' desks. README, Joint investigation
// teams (JITs).
func CanManageJIT(u *User, j *JIT) bool {
	return OnJITPartyDesk(u, j) && u.Role.WorksCases()
}

// CanAddJITMembers reports whether u adds members to j: those who manage
// it, and administrators. README, Joint investigation teams (JITs).
func CanAddJITMembers(u *User, j *JIT) bool {
	return CanManageJIT(u, j) || u.IsAdmin()
}

// JITMessage is a message in a JIT's space; ParentID names the message
// it replies to (0 for a new thread).
type JITMessage struct {
	ID         int64     `json:"id"`
	JITID      int64     `json:"jit_id"`
	ParentID   int64     `json:"parent_id,omitempty"`
	AuthorID   int64     `json:"author_id"`
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	CreatedAt  time.Time `json:"created_at"`
	// Erased is set when the message's text was deleted with the personal
	// data of a case the JIT is linked to (README, "Retention and
	// review"); its author and time stay.
	Erased bool `json:"erased,omitempty"`
}

// Evidence is a file exchanged in a JIT: its metadata and who must still
// download it. The bytes live in an EvidenceFiles store.
type Evidence struct {
	ID            int64                `json:"id"`
	JITID         int64                `json:"jit_id"`
	FileName      string               `json:"file_name"`
	ContentType   string               `json:"content_type"`
	Size          int64                `json:"size"`
	SHA256        string               `json:"sha256"` // hex
	UploadedBy    int64                `json:"uploaded_by"`
	UploaderName  string               `json:"uploader_name"`
	UploadedAt    time.Time            `json:"uploaded_at"`
	Recipients    []*EvidenceRecipient `json:"recipients"`
	DeletedAt     *time.Time           `json:"deleted_at,omitempty"`
	DeletedReason string               `json:"deleted_reason,omitempty"`
	StorageName   string               `json:"-"` // the file's name in the evidence folder
}

// EvidenceRecipient is a member the evidence is marked for.
type EvidenceRecipient struct {
	UserID       int64      `json:"user_id"`
	UserName     string     `json:"user_name"`
	CountryCode  string     `json:"country_code"`
	DownloadedAt *time.Time `json:"downloaded_at,omitempty"`
}

// NotifyJITCaseLinked tells a case's owner desk that the case was linked
// to a JIT (and so opened to the JIT's desk members while it runs).
const NotifyJITCaseLinked = "jit_case_linked"

// Audit actions of evidence files.
const (
	ActionUpload   = "upload"
	ActionDownload = "download"
)

// EvidenceRetention is the longest evidence stays on the shared platform:
// Regulation (EU) 2023/969, Art. 21 — deleted once every intended
// recipient has downloaded it, and at the latest 4 weeks after upload.
const EvidenceRetention = 4 * 7 * 24 * time.Hour

// Reasons an evidence file was deleted.
const (
	EvidenceDeletedDownloaded = "downloaded by every recipient (Regulation (EU) 2023/969, Art. 21)"
	EvidenceDeletedExpired    = "4 weeks after upload (Regulation (EU) 2023/969, Art. 21)"
	// EvidenceDeletedRetention: with the personal data of a case the JIT
	// is linked to (README, "Retention and review").
	EvidenceDeletedRetention = "retention"
)

// EvidenceUpload is a new evidence file: its name, type and recipients.
type EvidenceUpload struct {
	FileName     string
	ContentType  string
	RecipientIDs []int64 // user ids of members who must download it
}

// EvidenceFile is the bytes of a stored file, as written by EvidenceFiles.
type EvidenceFile struct {
	Name   string // storage name
	Size   int64
	SHA256 string // hex
}

// EvidenceFiles keeps the bytes of evidence files durably (a folder; with
// several serve processes a folder they all share).
type EvidenceFiles interface {
	// Create streams r to a new file of at most max bytes, computing its
	// SHA-256, and makes it durable (written under a temporary name,
	// synced, renamed, folder synced) before returning. Over max it keeps
	// nothing and returns ETOOLARGE naming the limit.
	Create(ctx context.Context, r io.Reader, max int64) (*EvidenceFile, error)
	// Open opens a stored file for reading.
	Open(name string) (io.ReadSeekCloser, error)
	// Remove deletes a stored file; a missing file is not an error.
	Remove(name string) error
	// CleanOrphans removes temporary files and files not in keep that were
	// last changed before olderThan, and returns how many it removed.
	CleanOrphans(keep map[string]bool, olderThan time.Time) (int, error)
}

// JITService stores JITs and their space. A JIT is seen by its members
// and by the desk users (case-working roles) of its parties' desks; a
// JIT a caller may not see is ENOTFOUND, exactly like a missing one.
type JITService interface {
	// FindJITs returns the JITs the caller may see, newest first.
	// Administrators see every JIT's record (never its messages or evidence).
	FindJITs(ctx context.Context) ([]*JIT, error)
	// FindJIT returns a visible JIT with its parties, cases, extensions,
	// funding and members; ENOTFOUND otherwise.
	FindJIT(ctx context.Context, id int64) (*JIT, error)
	// CreateJIT sets j up for the caller, a desk member or liaison
	// prosecutor whose desk's country is a party (EFORBIDDEN otherwise);
	// EINVALID names the bad field (unknown country, an authority of
	// another country, bad dates); a linked case the caller cannot see is
	// ENOTFOUND, and one of another desk EFORBIDDEN (only the owner desk
	// links its case). The parties' desks, and the owner desks of linked
	// cases, are notified in the same transaction.
	CreateJIT(ctx context.Context, j *JIT) error
	// ExtendJIT prolongs a JIT to a later end for a reason, as its
	// parties agreed on a day (EINVALID naming the field otherwise:
	// JITExtension.Validate and CheckAgainst). Party desk members only
	// (EFORBIDDEN), ENOTFOUND when not visible.
	ExtendJIT(ctx context.Context, id int64, ext *JITExtension) error
	// LinkJITCase links a case of the caller's desk: a case the caller
	// cannot see is ENOTFOUND, one of another desk EFORBIDDEN (only the
	// owner desk opens its case to the JIT's members). Party desk members
	// only. The owner desk is notified.
	LinkJITCase(ctx context.Context, id, caseID int64) error
	// AddJITFunding records a funding application. Party desk members only.
	AddJITFunding(ctx context.Context, id int64, f *JITFunding) error
	// UpdateJITFunding records a decision or payment; EINVALID for a
	// change of status that is not allowed. Party desk members only.
	UpdateJITFunding(ctx context.Context, id, fundingID int64, upd JITFundingUpdate) (*JITFunding, error)
	// AddJITMember adds a member: administrators and party desk members,
	// while the JIT runs (EFORBIDDEN after its current end).
	// EINVALID names user_id (unknown user), country_code (not a party) or
	// authority_id (unknown, or of another country).
	AddJITMember(ctx context.Context, id int64, m *JITMember) error
	// FindJITMemberCandidates lists the users who may be added to JIT id
	// (enabled, of a role that joins JITs, working for a party, not yet
	// members), by display name: for those who add members, as
	// AddJITMember authorizes them.
	FindJITMemberCandidates(ctx context.Context, id int64) ([]*JITMember, error)
	// RemoveJITMember ends a user's membership: party desk members only
	// (EFORBIDDEN); ENOTFOUND when the JIT is not visible or the user is
	// not a member. Audited.
	RemoveJITMember(ctx context.Context, id, userID int64) error
	// UnlinkJITCase unlinks a case: party desk members only (EFORBIDDEN);
	// ENOTFOUND when the JIT is not visible or the case not linked. The
	// case's owner desk is notified. Audited.
	UnlinkJITCase(ctx context.Context, id, caseID int64) error
	// FindJITsOfMember returns the JITs the caller is a member of.
	FindJITsOfMember(ctx context.Context) ([]*JIT, error)
	// FindJITMessages returns the messages of a JIT space, oldest first.
	FindJITMessages(ctx context.Context, id int64) ([]*JITMessage, error)
	// PostJITMessage adds a message (a reply when ParentID is set, which
	// must be a message of the same JIT: EINVALID parent_id otherwise);
	// EFORBIDDEN after the JIT's current end (its space is read-only).
	PostJITMessage(ctx context.Context, id int64, m *JITMessage) error
}

// EvidenceService exchanges evidence files in a JIT space.
type EvidenceService interface {
	// CheckEvidenceUpload says, before the bytes are read, whether the
	// caller may upload to JIT id: ENOTFOUND when not visible, EFORBIDDEN
	// for administrators.
	CheckEvidenceUpload(ctx context.Context, id int64) error
	// UploadEvidence streams body (at most max bytes; ETOOLARGE and nothing
	// kept over it) into a durable file, then records it for the
	// recipients, who must be members (EINVALID recipient_ids[i]). A
	// recipient of a third country without a cooperation agreement is
	// refused (EFORBIDDEN naming the rule, Regulation (EU) 2018/1727 Art. 56).
	// The row is committed only after the file is durable. Audited.
	UploadEvidence(ctx context.Context, id int64, up EvidenceUpload, body io.Reader, max int64) (*Evidence, error)
	// FindEvidence returns the evidence metadata of a JIT, newest first.
	// Audited as a list.
	FindEvidence(ctx context.Context, id int64) ([]*Evidence, error)
	// FindEvidenceByID returns one file's metadata; audited as a read.
	FindEvidenceByID(ctx context.Context, id int64) (*Evidence, error)
	// OpenEvidence opens a file for download by its uploader or one of its
	// recipients (EFORBIDDEN for other members, ENOTFOUND when the JIT is
	// not visible, ENOTFOUND "deleted" when the file is gone). The attempt
	// is audited; nothing else is recorded, so that a download cut short
	// does not count. The caller closes the reader.
	OpenEvidence(ctx context.Context, id int64) (*Evidence, io.ReadCloser, error)
	// CheckEvidenceDownload answers, as OpenEvidence would, whether the
	// caller may download the file, without opening it or recording a
	// download (for HEAD requests). Audited as a read of the metadata.
	CheckEvidenceDownload(ctx context.Context, id int64) (*Evidence, error)
	// RecordEvidenceDownload records that the caller received the whole
	// file, in a transaction of its own; when the last recipient has, the
	// file is deleted (its metadata and audit record stay). Same errors
	// as OpenEvidence.
	RecordEvidenceDownload(ctx context.Context, id int64) error
	// FindEvidenceToDownload returns the files marked for the caller that
	// they have not downloaded yet and may still download (kept, within
	// the retention period, in a JIT they are still a member of), oldest
	// first. Audited as a list.
	FindEvidenceToDownload(ctx context.Context) ([]*Evidence, error)
	// SweepEvidence deletes the files due under Regulation (EU) 2023/969
	// Art. 21 and files left behind by a crash; idempotent and safe to run
	// from several processes at once. Returns how many files it deleted.
	SweepEvidence(ctx context.Context) (int, error)
}
