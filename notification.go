package crosscase

import (
	"context"
	"fmt"
	"time"
)

// Notification kinds.
const (
	NotifyJITSetUp     = "jit_set_up"      // a JIT with the desk's country as a party was set up (mandatory notification)
	NotifyDeadlineMiss = "deadline_missed" // a legal time limit of an instrument was missed
	NotifyNotice       = "notice"          // a notice reached the desk
	// NotifyDeadlineExtended tells the issuing and owner desks that a
	// time limit was extended, with its reason (Directive 2014/41/EU
	// Art. 12(5); Framework Decision 2002/584/JHA Art. 17(4)).
	NotifyDeadlineExtended = "deadline_extended"
	NotifyEvidence         = "evidence_to_take" // JIT evidence waits to be downloaded
	// NotifyDeskJoined tells a desk that someone's place on it was
	// confirmed and they now read its cases, naming who placed and who
	// confirmed them, so that the desk sees every newcomer (README, Nobody
	// acts as someone else).
	NotifyDeskJoined = "desk_joined"
)

// Notification kinds of instruments.
const (
	// NotifyRelease: the surrender limit of an arrest warrant expired;
	// the person, if still held, is to be released (FD 2002/584/JHA Art.
	// 23(5); EU–Norway/Iceland Surrender Agreement Art. 23(5); Trade and
	// Cooperation Agreement Art. 621(5)).
	NotifyRelease = "release_due"
	// NotifyBreachVoided: a recorded missed limit was voided because a
	// later update showed the limit was met.
	NotifyBreachVoided = "breach_voided"
	// NotifySurrenderDate: a new surrender date was agreed on an arrest
	// warrant (FD 2002/584/JHA Art. 23(3)-(4); Trade and Cooperation
	// Agreement Art. 621(3)-(4)).
	NotifySurrenderDate = "surrender_date_agreed"
)

// Notification tells a desk that something happened: a system message in
// the desk's inbox on the dashboard. Subject and Link never hold personal
// data: they name the object, and the link leads through need to know.
type Notification struct {
	ID      int64  `json:"id"`
	DeskID  int64  `json:"desk_id"`
	Kind    string `json:"kind"`
	Subject string `json:"subject"`
	// SubjectFormat and SubjectArgs are what Subject was written from: a
	// format of the message catalog (every verb %s) and its values, so
	// that a page writes the subject in its reader's language. Empty for
	// notifications written before they were kept.
	SubjectFormat string     `json:"-"`
	SubjectArgs   []string   `json:"-"`
	Link          string     `json:"link,omitempty"` // a page path such as /jits/4
	ObjectType    string     `json:"object_type,omitempty"`
	ObjectID      int64      `json:"object_id,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	ReadAt        *time.Time `json:"read_at,omitempty"`
}

// NotificationService reads and clears the caller's desk's inbox.
// Notifications are written by the other services, in the transaction
// of the event they tell about.
type NotificationService interface {
	// FindNotifications returns the caller's desk's notifications, newest
	// first, at most limit (1..200); unread only when unreadOnly. Only a
	// desk's desk members, liaison prosecutors, analysts and contact points
	// have an inbox: a user without a desk, an administrator or a
	// statistics user gets an empty list.
	FindNotifications(ctx context.Context, unreadOnly bool, limit int) ([]*Notification, error)
	// CountUnreadNotifications counts the caller's desk's unread
	// notifications; 0 for those without an inbox.
	CountUnreadNotifications(ctx context.Context) (int, error)
	// MarkNotificationRead marks one notification of the caller's desk as
	// read; ENOTFOUND when it is not the desk's or the caller has no inbox.
	MarkNotificationRead(ctx context.Context, id int64) error
}

// Saying returns n with its subject written from format (a message of the
// catalog whose every verb is %s) and args, keeping both.
func (n Notification) Saying(format string, args ...string) Notification {
	vals := make([]any, len(args))
	for i, a := range args {
		vals[i] = a
	}
	n.Subject = fmt.Sprintf(format, vals...)
	n.SubjectFormat, n.SubjectArgs = format, args
	return n
}

// Subjects of notifications: formats of the message catalog, every verb
// %s, that the services write with Notification.Saying and pages
// translate.
const (
	SubjectNotice           = "New notice from %s"
	SubjectEvidence         = "Evidence to download in %s"
	SubjectJITSetUp         = "JIT set up: %s"
	SubjectCaseLinked       = "Case %s linked to %s"
	SubjectCaseUnlinked     = "Case unlinked from %s"
	SubjectSurrenderDate    = "%s %s: new surrender date %s agreed (%s); surrender within 10 days of it."
	SubjectExtended         = "%s %s: %s extended by %s days; see the instrument for the reason"
	SubjectExtendedOneDay   = "%s %s: %s extended by 1 day; see the instrument for the reason"
	SubjectDataDeleted      = "Personal data of case %s deleted: %s (Art. %s)."
	SubjectBreachVoided     = "Missed time limit voided: %s %s, %s — the dates now recorded show it was met."
	SubjectLimitMissed      = "Time limit missed: %s %s, %s (due %s). %s"
	SubjectSurrenderExpired = "Surrender limit expired: %s %s (due %s). %s"
	SubjectDeskJoined       = "%s now reads the desk's cases: placed by %s, confirmed by %s."
)

// NotificationSubjects are the subject formats, for the message catalog.
func NotificationSubjects() []string {
	return []string{SubjectNotice, SubjectEvidence, SubjectJITSetUp, SubjectCaseLinked, SubjectCaseUnlinked, SubjectSurrenderDate, SubjectExtended, SubjectExtendedOneDay, SubjectDataDeleted, SubjectBreachVoided, SubjectLimitMissed, SubjectSurrenderExpired, SubjectDeskJoined}
}
