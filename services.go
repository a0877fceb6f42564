package crosscase

import (
	"context"
	"fmt"
	"reflect"
	"time"
)

// Services are every domain service of crosscase, as one value. The store
// builds it (sqldb.DB.Services); the live hit check wraps its entity
// writes in exactly one place (hits.Wrap); `crosscase serve`, the tests and
// the demo loader all run on the same value. See the README, "How a
// request runs".
type Services struct {
	// Store is the store itself: its health, and one transaction for
	// several calls.
	Store StoreService

	Countries   CountryService
	Agreements  AgreementService
	Desks       DeskService
	Authorities AuthorityService
	Users       UserService
	Tokens      TokenService
	Sessions    SessionService
	// SignIns throttles failed sign-ins per account and address.
	SignIns SignInThrottle
	// SecondFactors keeps TOTP secrets and recovery codes.
	SecondFactors SecondFactorService

	Cases    CaseService
	Entities EntityService
	Activity ActivityService
	Audit    AuditService
	Hits     HitService
	// Lists checks a list against every case's entities without storing
	// it (the bulk check). It is the live hit check's index, so the store
	// alone leaves it nil and hits.Wrap sets it.
	Lists ListChecker
	// ListChecks counts the rows users check a day and tells owner desks
	// of the bulk check's hits on entities the checker may not see.
	ListChecks ListCheckService
	// Search looks for everything the caller may see: through the live
	// hit check's index for names and identifiers, so hits.Wrap sets it.
	Search Searcher
	// Notifications is the desks' inbox of system messages.
	Notifications NotificationService

	// Joint investigation teams and their evidence exchange.
	JITs     JITService
	Evidence EvidenceService

	Meetings MeetingService
	Results  ResultService
	Notices  NoticeService
	// Centres are the coordination centres of action days, with their
	// live event log.
	Centres CentreService

	// Instruments and their legal clocks; Calendar serves the feed of
	// their deadlines.
	Instruments InstrumentService
	Calendar    CalendarService

	// Retention keeps cases' retention dates and reviews and deletes
	// personal data when they run out.
	Retention RetentionService
	// Relations ties a case's entities to each other.
	Relations RelationService
	// Reports computes the statistics and the annual report.
	Reports ReportService
	// Bulk loaders of the demo operations and synthetic scale data.
	CaseImporter       CaseImporter
	ActivityImporter   ActivityImporter
	InstrumentImporter InstrumentImporter
}

// StoreService is what the store offers beyond the domain services.
type StoreService interface {
	// Ping reports whether the store is reachable.
	Ping(ctx context.Context) error
	// Batch runs fn's store calls in one transaction: their audit entries
	// commit together, before anything is shown.
	Batch(ctx context.Context, fn func(ctx context.Context) error) error
	// Clock is the store's time, the one its dated rules read (a JIT
	// still running, a deadline passed): what a page dates by itself
	// reads it too.
	Clock() time.Time
}

// ListRecord is what one row of a list says about a person, company,
// group or identifier, as the matcher reads it (crosscase/match calls it
// Record). BirthYear holds a year of birth known without the day.
type ListRecord struct {
	EntityID, CaseID, DeskID int64 // DeskID: the case's owner desk
	Kind                     EntityKind
	GivenName, FamilyName    string // persons
	Name                     string // companies, groups
	BirthDate                Date   // zero when unknown; Year-only knowledge is expressed by BirthYear
	BirthYear                int    // when only the year is known (BirthDate zero)
	Nationality              string // persons: ISO 3166-1 alpha-2
	IDNumber                 string // persons: a personal identity number or identity document number
	Address                  string // persons: a known address, free text
	Value                    string // identifiers: phone, e-mail, IBAN, plate, wallet, document number, address
	Country                  string // where the identifier was issued/registered, or the case owner's country (phone parsing)
}

// ListHit is an entity of a case that a record of a checked list
// probably is: Row indexes the records checked.
type ListHit struct {
	Row      int
	EntityID int64
	CaseID   int64
	Score    int
	Fields   []HitField
	// MatchKind is "" for an entity that probably is the record, or
	// HitSameDocument for a person holding the record's identity document
	// under a clearly different name (README, "Hits").
	MatchKind string
}

// ListChecker checks lists against every case's entities, storing
// nothing (README, "Cross-case matching", bulk check).
type ListChecker interface {
	// CheckList checks every record on at most workers goroutines and
	// returns the hits ordered by record, best first. CanCheckList
	// decides who may check (EFORBIDDEN otherwise); the caller audits the
	// check.
	CheckList(ctx context.Context, records []ListRecord, workers int) ([]ListHit, error)
}

// CanCheckList reports whether u may check a list against every case's
// entities (README, "Who sees what"): the roles that work cases, as a
// hit leads to a case only need to know then opens. Administrators,
// statistics users, JIT-only accounts and contact points do not.
func CanCheckList(u *User) error {
	if u == nil || !u.Role.SeesCaseContent() {
		return Errorf(EFORBIDDEN, "Only desk members, liaison prosecutors and analysts check lists against the cases.")
	}
	return nil
}

// ChecksLists reports whether u may check lists (CanCheckList), for the
// pages that show the way to the check.
func (u *User) ChecksLists() bool { return CanCheckList(u) == nil }

// Complete reports the first service that is not set, so that a program
// wired without one fails at start instead of answering for a capability
// it does not have.
func (s Services) Complete() error {
	v := reflect.ValueOf(s)
	for i := range v.NumField() {
		if v.Field(i).IsNil() {
			return fmt.Errorf("services: %s is not set", v.Type().Field(i).Name)
		}
	}
	return nil
}
