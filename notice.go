package crosscase

import (
	"context"
	"time"
)

// Notice limits.
const (
	// MaxAttachmentBytes is the largest attachment of a notice (25 MiB):
	// enough for technical specifications, photographs and manuals.
	MaxAttachmentBytes = 25 << 20
	// MaxAttachments is how many files one notice may carry.
	MaxAttachments = 10
	// MaxNoticeFilesBytes is the most all files of one notice may hold
	// together (64 MiB): a notice and its files arrive in one request,
	// whose limit is the same, so ten files of 25 MiB cannot be sent at
	// once.
	MaxNoticeFilesBytes = 64 << 20
)

// ActionAcknowledge is the audit action of a desk acknowledging a notice.
const ActionAcknowledge = "acknowledge"

// Notice is information a desk sends to every other desk (national desks,
// liaison prosecutors and contact points) or to a chosen list of desks,
// such as the technical details of a new phone that evades prison
// security checks. Each recipient desk acknowledges it.
type Notice struct {
	ID            int64  `json:"id"`
	SenderDeskID  int64  `json:"sender_desk_id"`
	SenderCountry string `json:"sender_country"`
	SenderName    string `json:"sender_name"` // the user who sent it
	Subject       string `json:"subject"`
	Body          string `json:"body"`
	// PersonalData marks a notice holding operational personal data: it
	// may reach a third country only under a cooperation agreement.
	PersonalData bool `json:"personal_data"`
	// ToAll sends the notice to every desk but the sender's;
	// otherwise it goes to RecipientDeskIDs.
	ToAll            bool               `json:"to_all"`
	RecipientDeskIDs []int64            `json:"recipient_desk_ids"`
	Recipients       []*NoticeRecipient `json:"recipients"`
	Attachments      []*Attachment      `json:"attachments"`
	SentAt           time.Time          `json:"sent_at"`
	// RecipientCount and AcknowledgedCount say how many desks received
	// the notice and how many have acknowledged it.
	RecipientCount    int `json:"recipient_count"`
	AcknowledgedCount int `json:"acknowledged_count"`
}

// Validate checks n's own fields.
func (n *Notice) Validate() error {
	if err := CheckText("subject", n.Subject, 300, true); err != nil {
		return err
	}
	if err := CheckMultiline("body", n.Body, 50000, true); err != nil {
		return err
	}
	if n.ToAll && len(n.RecipientDeskIDs) > 0 {
		return FieldErrorf("recipient_desk_ids", "Send either to all desks or to a list of desks, not both.")
	}
	if !n.ToAll && len(n.RecipientDeskIDs) == 0 {
		return FieldErrorf("recipient_desk_ids", "Choose the recipient desks, or send to all desks.")
	}
	return uniqueIDs("recipient_desk_ids", n.RecipientDeskIDs)
}

// CanReadNotices reports whether u reads their desk's notices and has an
// inbox of notifications: the desk members, liaison prosecutors, analysts
// and contact points of a desk. JIT members (no desk), administrators and
// statistics users never do, whatever desk they are attached to. README,
// Coordination meetings, notices and case results; README, Notifications.
func CanReadNotices(u *User) bool {
	if u == nil || u.DeskID == 0 || u.Disabled {
		return false
	}
	return u.Role.ReadsNotices()
}

// CanSendNotices reports whether u sends notices for their desk, and adds
// recipients to those the desk sent: desk members and liaison
// prosecutors. README, Coordination meetings, notices and case results.
func CanSendNotices(u *User) bool {
	return u != nil && u.DeskID != 0 && u.Role.WorksCases()
}

// ReadsSentNotices reports whether u's notices page has a box of the
// notices their desk sent: the roles that see case content, whose desks
// send (desk members and liaison prosecutors send, analysts read what
// their desk sent). A contact point's desk only receives, so its users
// have the received box alone. README, Coordination meetings, notices and
// case results.
func ReadsSentNotices(u *User) bool {
	return CanReadNotices(u) && u.Role.SeesCaseContent()
}

// CanAcknowledgeNotices reports whether u acknowledges the notices their
// desk received: desk members, liaison prosecutors and contact points
// (analysts read them). README, Coordination meetings, notices and case
// results.
func CanAcknowledgeNotices(u *User) bool {
	return u != nil && (u.Role.WorksCases() || u.Role.NoticesOnly())
}

// NoticeRecipient is a desk a notice was sent to and its acknowledgement.
type NoticeRecipient struct {
	DeskID         int64      `json:"desk_id"`
	DeskName       string     `json:"desk_name"`
	DeskKind       DeskKind   `json:"desk_kind"`
	Country        string     `json:"country"`
	AcknowledgedAt *time.Time `json:"acknowledged_at,omitempty"`
	// AcknowledgedBy names the user of the desk who acknowledged it.
	AcknowledgedBy string `json:"acknowledged_by,omitempty"`
}

// Attachment is a file sent with a notice. Its content is kept with its
// SHA-256, so that a recipient can check it arrived unchanged.
type Attachment struct {
	ID          int64     `json:"id"`
	NoticeID    int64     `json:"notice_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// NoticeFile is an attachment to send: its name, type and content.
type NoticeFile struct {
	Name        string
	ContentType string
	Content     []byte
}

// NoticeBox selects notices received or sent by the caller's desk.
type NoticeBox string

// Notice boxes.
const (
	Inbox  NoticeBox = "inbox"
	Outbox NoticeBox = "outbox"
)

// NoticeService sends, lists and acknowledges notices. Only the sender
// desk and the recipient desks can read a notice and its attachments
// (anyone else gets ENOTFOUND, as for a missing one). Sending, reading
// and acknowledging are audited.
type NoticeService interface {
	// SendNotice sends n with files from the caller's desk (desk members
	// and liaison prosecutors only: EFORBIDDEN otherwise). EINVALID names
	// the bad field (an unknown desk, a file over MaxAttachmentBytes). A
	// notice marked PersonalData is refused whole (EFORBIDDEN naming the
	// rule, nothing sent) when a recipient is a third country without a
	// cooperation agreement. Recipients are notified.
	SendNotice(ctx context.Context, n *Notice, files []NoticeFile) error
	// FindNotices returns the notices of the caller's desk's box, newest
	// first, at most limit (1..200), without attachments; an inbox entry
	// lists only the caller's desk as recipient. Audited as a list.
	FindNotices(ctx context.Context, box NoticeBox, limit int) ([]*Notice, error)
	// FindNotice returns a notice with its recipients and attachments;
	// ENOTFOUND unless the caller's desk sent or received it. Audited.
	FindNotice(ctx context.Context, id int64) (*Notice, error)
	// AcknowledgeNotice records that the caller, for their desk, has
	// received notice id. ENOTFOUND unless the desk is a recipient; a
	// second acknowledgement keeps the first.
	AcknowledgeNotice(ctx context.Context, id int64) error
	// FindAttachment returns an attachment of a notice the caller may read,
	// with its content; ENOTFOUND otherwise. Audited.
	FindAttachment(ctx context.Context, noticeID, id int64) (*Attachment, []byte, error)
	// AddNoticeRecipients sends notice id, already sent, to more desks:
	// for instance a country with no one at the agency that asked for it,
	// once an administrator has registered it as a contact-point desk. The
	// sender desk's desk members and liaison prosecutors only (ENOTFOUND
	// when the caller's desk cannot read the notice, EFORBIDDEN when it
	// did not send it or the caller's role does not send notices).
	// EINVALID names the bad entry of desk_ids (unknown, the sender's own
	// desk, already a recipient, listed twice) and nothing is changed. A
	// notice marked PersonalData is refused whole (EFORBIDDEN naming the
	// rule) when an added desk is a third country without a cooperation
	// agreement. The added desks are notified; audited. It returns the
	// notice as the sender sees it.
	AddNoticeRecipients(ctx context.Context, id int64, deskIDs []int64) (*Notice, error)
	// CountUnacknowledgedNotices counts the notices the caller's desk has
	// received and not acknowledged.
	CountUnacknowledgedNotices(ctx context.Context) (int, error)
}
