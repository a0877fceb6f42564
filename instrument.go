package crosscase

import (
	"context"
	"strings"
	"time"
)

// InstrumentType is the kind of a judicial cooperation instrument.
type InstrumentType string

// Instrument types.
const (
	InstrumentEAW          InstrumentType = "eaw"                     // European Arrest Warrant
	InstrumentEIO          InstrumentType = "eio"                     // European Investigation Order
	InstrumentFreezing     InstrumentType = "freezing"                // freezing certificate
	InstrumentConfiscation InstrumentType = "confiscation"            // confiscation certificate
	InstrumentMLA          InstrumentType = "mla"                     // mutual legal assistance request
	InstrumentExtradition  InstrumentType = "extradition"             // extradition request
	InstrumentTransfer     InstrumentType = "transfer_of_proceedings" // transfer of proceedings
	// InstrumentSurrenderNOIS is an arrest warrant under the Agreement
	// between the European Union and Iceland and Norway on the surrender
	// procedure (OJ L 292, 21.10.2006, p. 2).
	InstrumentSurrenderNOIS InstrumentType = "surrender_no_is"
	// InstrumentSurrenderUK is an arrest warrant under the EU–UK Trade and
	// Cooperation Agreement, Part Three, Title VII (surrender).
	InstrumentSurrenderUK InstrumentType = "surrender_uk"
)

// InstrumentTypes returns every type in display order.
func InstrumentTypes() []InstrumentType {
	return []InstrumentType{InstrumentEAW, InstrumentSurrenderNOIS, InstrumentSurrenderUK, InstrumentEIO, InstrumentFreezing, InstrumentConfiscation,
		InstrumentMLA, InstrumentExtradition, InstrumentTransfer}
}

// ArrestWarrant reports whether t surrenders a person on an arrest
// warrant: the European Arrest Warrant between Member States, or an
// arrest warrant under a surrender agreement with a third country. They
// share one procedure and its clocks (SurrenderLawOf): arrest, consent
// to surrender, final decision, surrender, new surrender dates agreed.
func (t InstrumentType) ArrestWarrant() bool {
	_, ok := SurrenderLawOf(t)
	return ok
}

// ConcernsPerson reports whether an instrument of type t is about a
// person to be arrested and handed over: an arrest warrant or an
// extradition request. Only these have arrest and surrender dates, and
// the entity they name must be a person.
func (t InstrumentType) ConcernsPerson() bool {
	return t.ArrestWarrant() || t == InstrumentExtradition
}

// Valid reports whether t is a known type.
func (t InstrumentType) Valid() bool {
	for _, v := range InstrumentTypes() {
		if v == t {
			return true
		}
	}
	return false
}

// Label returns the type's name for people.
func (t InstrumentType) Label() string {
	switch t {
	case InstrumentEAW:
		return "European Arrest Warrant"
	case InstrumentEIO:
		return "European Investigation Order"
	case InstrumentFreezing:
		return "Freezing certificate"
	case InstrumentConfiscation:
		return "Confiscation certificate"
	case InstrumentMLA:
		return "Mutual legal assistance request"
	case InstrumentExtradition:
		return "Extradition request"
	case InstrumentTransfer:
		return "Transfer of proceedings"
	case InstrumentSurrenderNOIS:
		return "Arrest warrant under the EU–Norway/Iceland Surrender Agreement"
	case InstrumentSurrenderUK:
		return "Arrest warrant under the Trade and Cooperation Agreement"
	}
	return string(t)
}

// InstrumentStatus is where an instrument stands.
type InstrumentStatus string

// Instrument statuses. Which follow which depends on the type (Transitions).
const (
	StatusIssued           InstrumentStatus = "issued"
	StatusReceived         InstrumentStatus = "received"
	StatusAcknowledged     InstrumentStatus = "acknowledged"
	StatusArrested         InstrumentStatus = "arrested"
	StatusConsented        InstrumentStatus = "consented"
	StatusSurrenderOrdered InstrumentStatus = "surrender_ordered"
	StatusGranted          InstrumentStatus = "granted"
	StatusRecognised       InstrumentStatus = "recognised"
	StatusAccepted         InstrumentStatus = "accepted"
	StatusExecuted         InstrumentStatus = "executed"
	StatusSurrendered      InstrumentStatus = "surrendered"
	StatusRefused          InstrumentStatus = "refused"
	StatusWithdrawn        InstrumentStatus = "withdrawn"
)

// IssuingSideOnly reports whether only the issuing side (the case's owner
// desk) moves an instrument to status s: withdrawal, which ends the
// request. The executing side records every other status of execution.
func (s InstrumentStatus) IssuingSideOnly() bool { return s == StatusWithdrawn }

// Transitions returns the state machine of type t: for each status, the
// statuses that may directly follow it. Final statuses have none. Every
// status but a final one may be withdrawn by the issuing side.
func Transitions(t InstrumentType) map[InstrumentStatus][]InstrumentStatus {
	var m map[InstrumentStatus][]InstrumentStatus
	switch t {
	case InstrumentEAW, InstrumentSurrenderNOIS, InstrumentSurrenderUK:
		// The surrender agreements follow the Framework Decision's
		// procedure: arrest, consent, final decision, surrender.
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:           {StatusReceived, StatusArrested},
			StatusReceived:         {StatusArrested, StatusRefused},
			StatusArrested:         {StatusConsented, StatusSurrenderOrdered, StatusRefused},
			StatusConsented:        {StatusSurrenderOrdered, StatusRefused},
			StatusSurrenderOrdered: {StatusSurrendered},
		}
	case InstrumentEIO:
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:       {StatusReceived},
			StatusReceived:     {StatusAcknowledged, StatusRecognised, StatusRefused},
			StatusAcknowledged: {StatusRecognised, StatusRefused},
			StatusRecognised:   {StatusExecuted},
		}
	case InstrumentFreezing, InstrumentConfiscation:
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:     {StatusReceived},
			StatusReceived:   {StatusRecognised, StatusRefused},
			StatusRecognised: {StatusExecuted},
		}
	case InstrumentMLA:
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:   {StatusReceived},
			StatusReceived: {StatusExecuted, StatusRefused},
		}
	case InstrumentExtradition:
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:   {StatusReceived, StatusArrested},
			StatusReceived: {StatusArrested, StatusRefused},
			StatusArrested: {StatusGranted, StatusRefused},
			StatusGranted:  {StatusSurrendered},
		}
	case InstrumentTransfer:
		m = map[InstrumentStatus][]InstrumentStatus{
			StatusIssued:   {StatusReceived},
			StatusReceived: {StatusAccepted, StatusRefused},
		}
	default:
		return nil
	}
	for s := range m {
		m[s] = append(m[s], StatusWithdrawn)
	}
	return m
}

// Statuses returns the statuses of type t in the order of its machine.
func Statuses(t InstrumentType) []InstrumentStatus {
	m := Transitions(t)
	out := []InstrumentStatus{StatusIssued}
	seen := map[InstrumentStatus]bool{StatusIssued: true}
	for i := 0; i < len(out); i++ {
		for _, n := range m[out[i]] {
			if !seen[n] && n != StatusWithdrawn {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return append(out, StatusWithdrawn)
}

// Valid reports whether s is a status of type t.
func (s InstrumentStatus) Valid(t InstrumentType) bool {
	for _, v := range Statuses(t) {
		if v == s {
			return true
		}
	}
	return false
}

// CanMove reports whether an instrument of type t may go from status
// from to status to: to must be reachable from from along the machine
// (steps may be recorded together), never backwards or out of a final
// status. Staying put is allowed.
func CanMove(t InstrumentType, from, to InstrumentStatus) bool {
	if from == to {
		return true
	}
	m := Transitions(t)
	seen := map[InstrumentStatus]bool{from: true}
	queue := []InstrumentStatus{from}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, n := range m[s] {
			if n == to {
				return true
			}
			if !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	return false
}

// Extension prolongs one clock of an instrument, with its reason. The
// reason is told to the issuing authority (FD 2002/584/JHA Art. 17(4);
// EU–Norway/Iceland Surrender Agreement Art. 20(4); Trade and
// Cooperation Agreement Art. 615(4); Directive 2014/41/EU Art. 12(5)).
type Extension struct {
	ID           int64     `json:"id"`
	InstrumentID int64     `json:"instrument_id"`
	Clock        ClockKind `json:"clock"`
	Days         int       `json:"days"`
	Reason       string    `json:"reason"`
	// AppliesTo is the limit extended (LimitOf), e.g. "17(3)".
	AppliesTo   string    `json:"applies_to"`
	CreatedBy   int64     `json:"created_by"`
	DeskCountry string    `json:"desk_country"`
	CreatedAt   time.Time `json:"created_at"`
}

// ExtensionRequest asks to extend a clock by Days, for Reason.
type ExtensionRequest struct {
	Clock  ClockKind `json:"clock"`
	Days   int       `json:"days"`
	Reason string    `json:"reason"`
}

// Grounds for agreeing a new surrender date (FD 2002/584/JHA Art. 23;
// EU–Norway/Iceland Surrender Agreement Art. 23; Trade and Cooperation
// Agreement Art. 621).
const (
	GroundForceMajeure = "force_majeure" // Art. 23(3), 621(3): circumstances beyond the control of the states
	GroundHumanitarian = "humanitarian"  // Art. 23(4), 621(4): serious humanitarian reasons
)

// SurrenderDate is a new date for the surrender of the person agreed by
// the executing and issuing authorities (FD 2002/584/JHA Art. 23(3)-(4);
// EU–Norway/Iceland Surrender Agreement Art. 23(3)-(4); Trade and
// Cooperation Agreement Art. 621(3)-(4)): the person is surrendered
// within 10 days of AgreedOn.
type SurrenderDate struct {
	ID           int64     `json:"id"`
	InstrumentID int64     `json:"instrument_id"`
	AgreedOn     Date      `json:"agreed_on"`
	Ground       string    `json:"ground"`
	Reason       string    `json:"reason"`
	CreatedBy    int64     `json:"created_by"`
	DeskCountry  string    `json:"desk_country"`
	CreatedAt    time.Time `json:"created_at"`
}

// SurrenderDateRequest asks to record a new agreed surrender date.
type SurrenderDateRequest struct {
	Version  int    `json:"version"`
	AgreedOn Date   `json:"agreed_on"`
	Ground   string `json:"ground"`
	Reason   string `json:"reason"`
}

// BreachKind tells what a missed limit means (MissedLimit). Each names
// the paragraph that attaches the consequence; the act is the one of the
// instrument's type (SurrenderLawOf).
type BreachKind string

// Breach kinds.
const (
	// BreachArt17 is a missed decision limit of a European Arrest Warrant,
	// which the executing state reports to the agency with the reasons
	// (FD 2002/584/JHA Art. 17(7)).
	BreachArt17 BreachKind = "art17_7"
	// BreachArt20 is a missed decision limit of an arrest warrant under
	// the EU–Norway/Iceland Surrender Agreement: the executing judicial
	// authority tells the issuing one the reasons for the delay (Art. 20(4)).
	BreachArt20 BreachKind = "art20_4"
	// BreachArt615 is a missed decision limit of an arrest warrant under
	// the Trade and Cooperation Agreement: the executing judicial
	// authority tells the issuing one the reasons for the delay (Art. 615(4)).
	BreachArt615 BreachKind = "art615_4"
	// BreachRelease is an expired surrender limit: the person, if still
	// in custody, is to be released (FD 2002/584/JHA Art. 23(5); the
	// same paragraph of the EU–Norway/Iceland Surrender Agreement).
	BreachRelease BreachKind = "release_23_5"
	// BreachRelease621 is an expired surrender limit under the Trade and
	// Cooperation Agreement (Art. 621(5)): the person, if still in
	// custody, is to be released.
	BreachRelease621 BreachKind = "release_621_5"
)

// Release reports whether k is an expired surrender limit, which calls
// for the release of a person still held.
func (k BreachKind) Release() bool { return k == BreachRelease || k == BreachRelease621 }

// BreachConsequence returns what follows from breach b of in, with its
// article, for people ("" for a clock the law attaches nothing to).
func (in *Instrument) BreachConsequence(b *Breach) string {
	_, note, _ := MissedLimit(in.Type, b.Clock)
	return note
}

// Breach records that a legal time limit of an arrest warrant was
// missed (MissedLimit). For a European Arrest Warrant the executing
// state must tell the agency, with the reasons for the delay (FD
// 2002/584/JHA Art. 17(7)); under the surrender agreements the executing
// judicial authority tells the issuing one (EU–Norway/Iceland Surrender
// Agreement Art. 20(4); Trade and Cooperation Agreement Art. 615(4)).
// The breach is the agency's record of it, and Reasons what the
// executing desk recorded.
type Breach struct {
	ID           int64      `json:"id"`
	InstrumentID int64      `json:"instrument_id"`
	CaseID       int64      `json:"case_id"`
	Clock        ClockKind  `json:"clock"`
	Kind         BreachKind `json:"kind"`
	DueAt        time.Time  `json:"due_at"`
	RecordedAt   time.Time  `json:"recorded_at"`
	// VoidedAt is set when a later update showed the limit was met.
	VoidedAt time.Time `json:"voided_at,omitzero"`
	// History holds every statement of reasons, oldest first (append-only);
	// Reasons is the latest.
	History   []*DelayReason `json:"history"`
	Reasons   string         `json:"reasons"`
	ReasonsBy int64          `json:"reasons_by,omitempty"`
	ReasonsAt time.Time      `json:"reasons_at,omitzero"`
}

// DelayReasonsBreach returns the breach of in that a statement of the
// reasons for missing limit k is about: the latest recorded miss of k not
// voided. A clock that is not given, not a clock of the instrument or not
// missed is EINVALID naming "clock" (the instrument exists; the value
// does not fit it).
func DelayReasonsBreach(in *Instrument, k ClockKind) (*Breach, error) {
	if strings.TrimSpace(string(k)) == "" {
		return nil, FieldErrorf("clock", "This field is required.")
	}
	var b *Breach
	for _, x := range in.Breaches {
		if x.Clock == k && x.VoidedAt.IsZero() {
			b = x
		}
	}
	if b == nil {
		return nil, FieldErrorf("clock", "No missed time limit %q is recorded for this instrument.", Clip(string(k)))
	}
	return b, nil
}

// DelayReason is one statement of the reasons for a missed limit, by
// whom and when (FD 2002/584/JHA Art. 17(7); EU–Norway/Iceland Surrender
// Agreement Art. 20(4); Trade and Cooperation Agreement Art. 615(4)).
// Never changed once made.
type DelayReason struct {
	ID          int64     `json:"id"`
	Reasons     string    `json:"reasons"`
	CreatedBy   int64     `json:"created_by"`
	DeskCountry string    `json:"desk_country"`
	CreatedAt   time.Time `json:"created_at"`
}

// Instrument is a judicial cooperation request between two countries'
// authorities within a case, with the dates that start and stop its
// legal clocks.
type Instrument struct {
	ID                   int64          `json:"id"`
	CaseID               int64          `json:"case_id"`
	Type                 InstrumentType `json:"type"`
	Reference            string         `json:"reference"`
	IssuingCountry       string         `json:"issuing_country"`
	ExecutingCountry     string         `json:"executing_country"`
	IssuingAuthorityID   int64          `json:"issuing_authority_id,omitempty"`
	ExecutingAuthorityID int64          `json:"executing_authority_id,omitempty"`
	// EntityID is the person or entity concerned, an entity of the case.
	EntityID int64 `json:"entity_id,omitempty"`
	// Urgent marks a freezing certificate that asks for action within 48 hours.
	Urgent         bool             `json:"urgent"`
	Status         InstrumentStatus `json:"status"`
	IssuedOn       Date             `json:"issued_on"`
	ReceivedOn     Date             `json:"received_on"`
	AcknowledgedOn Date             `json:"acknowledged_on"`
	ArrestOn       Date             `json:"arrest_on"`
	ConsentOn      Date             `json:"consent_on"`
	DecisionOn     Date             `json:"decision_on"`
	ExecutionOn    Date             `json:"execution_on"`
	SurrenderOn    Date             `json:"surrender_on"`
	// ReceivedAt, DecidedAt and ExecutedAt are the moments the 48-hour
	// clocks of urgent freezing certificates need; their dates are the
	// corresponding *On fields.
	ReceivedAt time.Time    `json:"received_at,omitzero"`
	DecidedAt  time.Time    `json:"decided_at,omitzero"`
	ExecutedAt time.Time    `json:"executed_at,omitzero"`
	Extensions []*Extension `json:"extensions"`
	Breaches   []*Breach    `json:"breaches"`
	// SurrenderDates are the new surrender dates agreed on an arrest
	// warrant (FD 2002/584/JHA Art. 23(3)-(4) and the same paragraphs of
	// the surrender agreements), oldest first.
	SurrenderDates []*SurrenderDate `json:"surrender_dates"`
	// Clocks are computed when the instrument is read.
	Clocks []Clock `json:"clocks"`
	// Withheld names the fields left out under the partner data rule
	// (Regulation (EU) 2018/1727, Art. 56): the reader's desk is in a
	// third country without a cooperation agreement. Empty otherwise.
	Withheld  []string  `json:"withheld,omitempty"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// statusDate names the date field a status needs, and returns it.
func (in *Instrument) statusDate(s InstrumentStatus) (string, Date) {
	switch s {
	case StatusReceived:
		return "received_on", in.ReceivedOn
	case StatusAcknowledged:
		return "acknowledged_on", in.AcknowledgedOn
	case StatusArrested:
		return "arrest_on", in.ArrestOn
	case StatusConsented:
		return "consent_on", in.ConsentOn
	case StatusSurrenderOrdered, StatusGranted, StatusRecognised, StatusAccepted, StatusRefused:
		return "decision_on", in.DecisionOn
	case StatusExecuted:
		return "execution_on", in.ExecutionOn
	case StatusSurrendered:
		return "surrender_on", in.SurrenderOn
	}
	return "", Date{}
}

// fillMoments sets each date from its moment where only the moment is given.
func (in *Instrument) fillMoments() {
	for _, p := range []struct {
		at *time.Time
		on *Date
	}{{&in.ReceivedAt, &in.ReceivedOn}, {&in.DecidedAt, &in.DecisionOn}, {&in.ExecutedAt, &in.ExecutionOn}} {
		if !p.at.IsZero() {
			*p.at = p.at.UTC().Truncate(time.Second)
			if p.on.IsZero() {
				*p.on = DateOf(*p.at)
			}
		}
	}
}

// Validate checks in's own fields, the order of its dates and that its
// status fits them; today is the latest date anywhere on Earth (as for
// NotFuture), which no date or moment may lie after. Countries,
// authorities and the entity are the store's checks. Moments without
// dates fill their dates.
func (in *Instrument) Validate(today Date) error {
	if !in.Type.Valid() {
		return FieldErrorf("type", "Unknown instrument type %q.", in.Type)
	}
	if err := CheckText("reference", in.Reference, 100, true); err != nil {
		return err
	}
	if !ValidCountryCode(in.IssuingCountry) {
		return FieldErrorf("issuing_country", "%q is not an ISO 3166-1 alpha-2 country code.", in.IssuingCountry)
	}
	if !ValidCountryCode(in.ExecutingCountry) {
		return FieldErrorf("executing_country", "%q is not an ISO 3166-1 alpha-2 country code.", in.ExecutingCountry)
	}
	if in.IssuingCountry == in.ExecutingCountry {
		return FieldErrorf("executing_country", "The executing country must differ from the issuing country.")
	}
	for _, p := range []struct {
		field string
		id    int64
	}{{"issuing_authority_id", in.IssuingAuthorityID}, {"executing_authority_id", in.ExecutingAuthorityID}, {"entity_id", in.EntityID}} {
		if p.id < 0 {
			return FieldErrorf(p.field, "Ids are positive numbers (0 for none).")
		}
	}
	if in.Urgent && in.Type != InstrumentFreezing {
		return FieldErrorf("urgent", "Only freezing certificates are marked urgent (Regulation (EU) 2018/1805, Art. 9(2)).")
	}
	// A moment is checked as the moment given, before it fills its date,
	// so that the refusal names the field the client sent.
	for _, p := range []struct {
		field string
		at    time.Time
		what  string
	}{{"received_at", in.ReceivedAt, "receipt"}, {"decided_at", in.DecidedAt, "decision"}, {"executed_at", in.ExecutedAt, "execution"}} {
		if p.at.IsZero() {
			continue
		}
		if y := p.at.UTC().Year(); y < 1900 || y > 2200 {
			return FieldErrorf(p.field, "The moment %s is outside the years 1900 to 2200.", Moment(p.at))
		}
		if err := NotFutureMoment(p.field, p.at, today, p.what); err != nil {
			return err
		}
	}
	in.fillMoments()
	for _, p := range []struct {
		field string
		at    time.Time
		on    Date
	}{{"received_at", in.ReceivedAt, in.ReceivedOn}, {"decided_at", in.DecidedAt, in.DecisionOn}, {"executed_at", in.ExecutedAt, in.ExecutionOn}} {
		if !p.at.IsZero() && DateOf(p.at) != p.on {
			return FieldErrorf(p.field, "The moment %s is not on the date %s.", Moment(p.at), p.on)
		}
	}
	if in.Type == InstrumentFreezing && in.Urgent {
		// Regulation (EU) 2018/1805 Art. 9(2)-(3): the 48-hour clocks of
		// an urgent certificate need the time of day.
		if !in.ReceivedOn.IsZero() && in.ReceivedAt.IsZero() {
			return FieldErrorf("received_at", "An urgent freezing certificate needs the time of receipt: the decision is due within 48 hours (Regulation (EU) 2018/1805, Art. 9(2)).")
		}
		if !in.DecisionOn.IsZero() && in.DecidedAt.IsZero() {
			return FieldErrorf("decided_at", "An urgent freezing certificate needs the time of the decision: execution is due within 48 hours (Regulation (EU) 2018/1805, Art. 9(3)).")
		}
	}
	if in.IssuedOn.IsZero() {
		return FieldErrorf("issued_on", "The date of issue is required.")
	}
	dates := []struct {
		field string
		d     Date
		what  string
	}{{"issued_on", in.IssuedOn, "issue"}, {"received_on", in.ReceivedOn, "receipt"}, {"acknowledged_on", in.AcknowledgedOn, "acknowledgement"},
		{"arrest_on", in.ArrestOn, "arrest"}, {"consent_on", in.ConsentOn, "consent"}, {"decision_on", in.DecisionOn, "decision"},
		{"execution_on", in.ExecutionOn, "execution"}, {"surrender_on", in.SurrenderOn, "surrender"}}
	for _, p := range dates {
		if err := NotFuture(p.field, p.d, today, p.what); err != nil {
			return err
		}
	}
	person := in.Type.ConcernsPerson()
	if !person && !in.ArrestOn.IsZero() {
		return FieldErrorf("arrest_on", "Only arrest warrants and extradition requests have an arrest date.")
	}
	if !person && !in.SurrenderOn.IsZero() {
		return FieldErrorf("surrender_on", "Only arrest warrants and extradition requests have a surrender date.")
	}
	// FD 2002/584/JHA Art. 13 and 17(2); EU–Norway/Iceland Surrender
	// Agreement Art. 20(2); Trade and Cooperation Agreement Art. 615(2):
	// the person consents to surrender on an arrest warrant.
	if !in.Type.ArrestWarrant() && !in.ConsentOn.IsZero() {
		return FieldErrorf("consent_on", "Only an arrest warrant (European, or under a surrender agreement) records the person's consent to surrender.")
	}
	// after checks that date a (field) is not before b, and that b exists.
	after := func(field string, a Date, bName string, b Date, what string) error {
		if a.IsZero() {
			return nil
		}
		if b.IsZero() {
			return FieldErrorf(field, "Record the %s date first: %s cannot come before it.", bName, what)
		}
		if a.Before(b) {
			return FieldErrorf(field, "The %s (%s) cannot be before the %s (%s).", what, a, bName, b)
		}
		return nil
	}
	checks := []error{
		after("received_on", in.ReceivedOn, "issue", in.IssuedOn, "receipt"),
		after("acknowledged_on", in.AcknowledgedOn, "receipt", in.ReceivedOn, "acknowledgement"),
		after("arrest_on", in.ArrestOn, "issue", in.IssuedOn, "arrest"),
		after("consent_on", in.ConsentOn, "arrest", in.ArrestOn, "consent"),
	}
	// A decision follows the receipt; on a warrant or an extradition
	// request it follows the arrest (the person may be arrested on an
	// alert before the warrant itself arrives).
	if person && !in.ArrestOn.IsZero() {
		checks = append(checks, after("decision_on", in.DecisionOn, "arrest", in.ArrestOn, "decision"))
		if !in.ReceivedOn.IsZero() {
			checks = append(checks, after("decision_on", in.DecisionOn, "receipt", in.ReceivedOn, "decision"))
		}
	} else {
		checks = append(checks, after("decision_on", in.DecisionOn, "receipt", in.ReceivedOn, "decision"))
	}
	if !in.DecisionOn.IsZero() && !in.ConsentOn.IsZero() {
		checks = append(checks, after("decision_on", in.DecisionOn, "consent", in.ConsentOn, "decision"))
	}
	checks = append(checks,
		after("execution_on", in.ExecutionOn, "decision", in.DecisionOn, "execution"),
		after("surrender_on", in.SurrenderOn, "decision", in.DecisionOn, "surrender"),
	)
	if !in.DecidedAt.IsZero() && !in.ReceivedAt.IsZero() && in.DecidedAt.Before(in.ReceivedAt) {
		checks = append(checks, FieldErrorf("decided_at", "The decision cannot be before the receipt."))
	}
	if !in.ExecutedAt.IsZero() && !in.DecidedAt.IsZero() && in.ExecutedAt.Before(in.DecidedAt) {
		checks = append(checks, FieldErrorf("executed_at", "The execution cannot be before the decision."))
	}
	for _, err := range checks {
		if err != nil {
			return err
		}
	}
	if in.Status == "" {
		in.Status = StatusIssued
	}
	if _, ok := Transitions(in.Type)[in.Status]; !ok && in.Status != StatusWithdrawn && !IsFinal(in.Type, in.Status) {
		return FieldErrorf("status", "%q is not a status of a %s.", in.Status, Label(in.Type.Label()))
	}
	// The status needs its own date and the dates of every status the
	// instrument must have passed through to reach it (a surrender
	// ordered needs the arrest and the decision), so that no clock is
	// skipped by jumping ahead.
	for _, s := range append(requiredStatuses(in.Type, in.Status), in.Status) {
		if field, d := in.statusDate(s); field != "" && d.IsZero() {
			if s == in.Status {
				return FieldErrorf(field, "Status %s needs this date.", in.Status)
			}
			return FieldErrorf(field, "Status %s comes after %s: record its date too.", in.Status, s)
		}
	}
	return nil
}

// requiredStatuses returns the statuses of t's machine that lie on every
// path from issued to s (s and issued excluded): those s cannot be
// reached without.
func requiredStatuses(t InstrumentType, s InstrumentStatus) []InstrumentStatus {
	if s == StatusIssued || s == StatusWithdrawn {
		return nil
	}
	m := Transitions(t)
	reach := func(avoid InstrumentStatus) bool {
		seen := map[InstrumentStatus]bool{StatusIssued: true}
		queue := []InstrumentStatus{StatusIssued}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, n := range m[cur] {
				if n == s {
					return true
				}
				if n != avoid && !seen[n] {
					seen[n] = true
					queue = append(queue, n)
				}
			}
		}
		return false
	}
	var out []InstrumentStatus
	for _, st := range Statuses(t) {
		if st != StatusIssued && st != s && st != StatusWithdrawn && !reach(st) {
			out = append(out, st)
		}
	}
	return out
}

// ChangedInstrumentFields returns the JSON names of the fields that
// differ between a and b (for the audit log: names only, never values);
// none is an update that changes nothing (update.go).
func ChangedInstrumentFields(a, b *Instrument) []string {
	var c changes
	c.add(a.Reference != b.Reference, "reference")
	c.add(a.IssuingCountry != b.IssuingCountry, "issuing_country")
	c.add(a.ExecutingCountry != b.ExecutingCountry, "executing_country")
	c.add(a.IssuingAuthorityID != b.IssuingAuthorityID, "issuing_authority_id")
	c.add(a.ExecutingAuthorityID != b.ExecutingAuthorityID, "executing_authority_id")
	c.add(a.EntityID != b.EntityID, "entity_id")
	c.add(a.Urgent != b.Urgent, "urgent")
	c.add(a.Status != b.Status, "status")
	for _, p := range a.dateFields(b) {
		c.add(p.a != p.b, p.name)
	}
	c.add(!a.ReceivedAt.Equal(b.ReceivedAt), "received_at")
	c.add(!a.DecidedAt.Equal(b.DecidedAt), "decided_at")
	c.add(!a.ExecutedAt.Equal(b.ExecutedAt), "executed_at")
	return c
}

// ClearedDates returns the JSON names of the dates recorded in a and
// cleared in b.
func ClearedDates(a, b *Instrument) []string {
	var out []string
	for _, p := range a.dateFields(b) {
		if !p.a.IsZero() && p.b.IsZero() {
			out = append(out, p.name)
		}
	}
	return out
}

// dateFields pairs the dates of in and b by JSON name.
func (in *Instrument) dateFields(b *Instrument) []struct {
	name string
	a, b Date
} {
	return []struct {
		name string
		a, b Date
	}{{"issued_on", in.IssuedOn, b.IssuedOn}, {"received_on", in.ReceivedOn, b.ReceivedOn}, {"acknowledged_on", in.AcknowledgedOn, b.AcknowledgedOn},
		{"arrest_on", in.ArrestOn, b.ArrestOn}, {"consent_on", in.ConsentOn, b.ConsentOn}, {"decision_on", in.DecisionOn, b.DecisionOn},
		{"execution_on", in.ExecutionOn, b.ExecutionOn}, {"surrender_on", in.SurrenderOn, b.SurrenderOn}}
}

// IsFinal reports whether s is a final status of t's machine.
func IsFinal(t InstrumentType, s InstrumentStatus) bool {
	m := Transitions(t)
	if _, ok := m[s]; ok {
		return false
	}
	for _, next := range m {
		for _, n := range next {
			if n == s {
				return true
			}
		}
	}
	return false
}

// CanExecuteInstrument reports whether u, at a desk of country
// deskCountry (as the store knows it), records the executing side of
// instrument in of case c, which they see: the desk members and liaison
// prosecutors of the executing country's desk, while it is asked in the
// case. The owner desk writes every field (CanWriteCase). README,
// Instruments and their legal clocks (Who writes).
func CanExecuteInstrument(u *User, deskCountry string, c *Case, in *Instrument) bool {
	if u == nil || !u.Role.WorksCases() || in == nil || deskCountry != in.ExecutingCountry {
		return false
	}
	for _, a := range c.AskedCountries {
		if a == deskCountry {
			return true
		}
	}
	return false
}

// InstrumentUpdate changes an instrument; nil fields stay as they are.
// Version must equal the stored version. The type never changes.
type InstrumentUpdate struct {
	Version              int               `json:"version"`
	Reference            *string           `json:"reference"`
	IssuingCountry       *string           `json:"issuing_country"`
	ExecutingCountry     *string           `json:"executing_country"`
	IssuingAuthorityID   *int64            `json:"issuing_authority_id"`
	ExecutingAuthorityID *int64            `json:"executing_authority_id"`
	EntityID             *int64            `json:"entity_id"`
	Urgent               *bool             `json:"urgent"`
	Status               *InstrumentStatus `json:"status"`
	IssuedOn             *Date             `json:"issued_on"`
	ReceivedOn           *Date             `json:"received_on"`
	AcknowledgedOn       *Date             `json:"acknowledged_on"`
	ArrestOn             *Date             `json:"arrest_on"`
	ConsentOn            *Date             `json:"consent_on"`
	DecisionOn           *Date             `json:"decision_on"`
	ExecutionOn          *Date             `json:"execution_on"`
	SurrenderOn          *Date             `json:"surrender_on"`
	ReceivedAt           *time.Time        `json:"received_at"`
	DecidedAt            *time.Time        `json:"decided_at"`
	ExecutedAt           *time.Time        `json:"executed_at"`
	// ClearReason is required to clear a recorded date (owner desk only).
	ClearReason string `json:"clear_reason"`
}

// CheckClearReason checks the reason given for clearing recorded dates
// (cleared: their JSON names, from ClearedDates). It is required when a
// date is cleared, since a recorded date starts or stops a legal time
// limit, and is checked as text whenever it is given, a date cleared or
// not: an update does not carry text that would be refused elsewhere.
func CheckClearReason(reason string, cleared []string) error {
	if len(cleared) > 0 && IsBlank(reason) {
		return FieldErrorf("clear_reason", "Give the reason for clearing %s: a recorded date starts or stops a legal time limit.", strings.Join(cleared, ", "))
	}
	return CheckText("clear_reason", reason, 200, false)
}

// IssuingFields returns the JSON names of the set fields that belong to
// the issuing side (the case's owner desk): everything but the dates,
// authority and status of execution. Withdrawal is the issuing side's too.
func (upd InstrumentUpdate) IssuingFields() []string {
	var out []string
	add := func(set bool, name string) {
		if set {
			out = append(out, name)
		}
	}
	add(upd.Reference != nil, "reference")
	add(upd.IssuingCountry != nil, "issuing_country")
	add(upd.ExecutingCountry != nil, "executing_country")
	add(upd.IssuingAuthorityID != nil, "issuing_authority_id")
	add(upd.EntityID != nil, "entity_id")
	add(upd.Urgent != nil, "urgent")
	add(upd.IssuedOn != nil, "issued_on")
	add(upd.Status != nil && upd.Status.IssuingSideOnly(), "status")
	return out
}

// Apply copies the set fields of upd onto in.
func (upd InstrumentUpdate) Apply(in *Instrument) {
	setIfGiven(&in.Reference, upd.Reference)
	setIfGiven(&in.IssuingCountry, upd.IssuingCountry)
	setIfGiven(&in.ExecutingCountry, upd.ExecutingCountry)
	setIfGiven(&in.IssuingAuthorityID, upd.IssuingAuthorityID)
	setIfGiven(&in.ExecutingAuthorityID, upd.ExecutingAuthorityID)
	setIfGiven(&in.EntityID, upd.EntityID)
	setIfGiven(&in.Urgent, upd.Urgent)
	setIfGiven(&in.Status, upd.Status)
	setIfGiven(&in.IssuedOn, upd.IssuedOn)
	setIfGiven(&in.ReceivedOn, upd.ReceivedOn)
	setIfGiven(&in.AcknowledgedOn, upd.AcknowledgedOn)
	setIfGiven(&in.ArrestOn, upd.ArrestOn)
	setIfGiven(&in.ConsentOn, upd.ConsentOn)
	setIfGiven(&in.DecisionOn, upd.DecisionOn)
	setIfGiven(&in.ExecutionOn, upd.ExecutionOn)
	setIfGiven(&in.SurrenderOn, upd.SurrenderOn)
	setIfGiven(&in.ReceivedAt, upd.ReceivedAt)
	setIfGiven(&in.DecidedAt, upd.DecidedAt)
	setIfGiven(&in.ExecutedAt, upd.ExecutedAt)
	// Clearing a date ("" in JSON) clears its moment too.
	for _, p := range []struct {
		on *Date
		at *time.Time
	}{{&in.ReceivedOn, &in.ReceivedAt}, {&in.DecisionOn, &in.DecidedAt}, {&in.ExecutionOn, &in.ExecutedAt}} {
		if p.on.IsZero() {
			*p.at = time.Time{}
		}
	}
}

// Deadline is one running legal clock as the deadlines view and the
// calendar show it: the instrument's reference, type, clock and due
// moment, never personal data.
type Deadline struct {
	InstrumentID     int64          `json:"instrument_id"`
	CaseID           int64          `json:"case_id"`
	CaseReference    string         `json:"case_reference"`
	Type             InstrumentType `json:"type"`
	Reference        string         `json:"reference"`
	IssuingCountry   string         `json:"issuing_country"`
	ExecutingCountry string         `json:"executing_country"`
	Clock            ClockKind      `json:"clock"`
	Label            string         `json:"label"`
	Hours            bool           `json:"hours"`
	Due              Date           `json:"due"`
	DueAt            time.Time      `json:"due_at"`
	Overdue          bool           `json:"overdue"`
	// Missed says the breach was recorded (MissedLimit).
	Missed bool `json:"missed"`
}

// DeadlineFilter selects deadlines for the caller's desk.
type DeadlineFilter struct {
	Type  InstrumentType // one type, or all
	Days  int            // "due soon" horizon in days, 1..366, default 7
	Limit int            // per list, 1..500, default 100
}

// Validate checks f and fills its defaults.
func (f *DeadlineFilter) Validate() error {
	if f.Type != "" && !f.Type.Valid() {
		return FieldErrorf("type", "Unknown instrument type %q.", f.Type)
	}
	if f.Days == 0 {
		f.Days = 7
	}
	if f.Days < 1 || f.Days > 366 {
		return FieldErrorf("days", "Days must be between 1 and 366.")
	}
	return CheckLimit(&f.Limit, 100, 500)
}

// DeadlineList is the deadlines view of a desk: what is overdue (longest
// overdue first) and what falls due within the horizon (soonest first).
type DeadlineList struct {
	Overdue     []*Deadline `json:"overdue"`
	DueSoon     []*Deadline `json:"due_soon"`
	MoreOverdue bool        `json:"more_overdue"`
	MoreDueSoon bool        `json:"more_due_soon"`
	Days        int         `json:"days"`
}

// CalendarToken is a user's secret for the iCalendar feed of their
// deadlines. Only its SHA-256 is stored; the plain text is shown once.
type CalendarToken struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Prefix    string     `json:"prefix"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// InstrumentService stores instruments. Need to know is the case's: an
// instrument of a case the caller may not see is ENOTFOUND, like a
// missing one, and the refusal is audited. Every create, read and update
// is audited.
type InstrumentService interface {
	// FindInstruments returns the instruments of a visible case, with
	// their clocks. ENOTFOUND when the case is not visible.
	FindInstruments(ctx context.Context, caseID int64) ([]*Instrument, error)
	// FindInstrumentByID returns a visible instrument with its clocks,
	// extensions and breaches; ENOTFOUND otherwise.
	FindInstrumentByID(ctx context.Context, id int64) (*Instrument, error)
	// CreateInstrument adds in to case in.CaseID. Only the owner desk's
	// case workers: ENOTFOUND when the case is not visible, EFORBIDDEN
	// when visible but not owned; EINVALID names the bad field (unknown
	// country, a type that does not run between the two countries
	// (CheckInstrumentScope), authority of another country, entity of
	// another case, impossible date order, status out of order).
	CreateInstrument(ctx context.Context, in *Instrument) error
	// UpdateInstrument changes an instrument. The owner desk changes any
	// field; the executing country's desk, when asked in the case, records
	// the executing side (dates of receipt, arrest, consent, decision,
	// execution, surrender, the executing authority and the status except
	// withdrawal): EFORBIDDEN otherwise. ECONFLICT on a stale version,
	// EINVALID names the bad field; a status change out of the type's
	// order is EINVALID on "status", a changed country the type does not
	// run to (CheckInstrumentScope) on that country.
	UpdateInstrument(ctx context.Context, id int64, upd InstrumentUpdate) (*Instrument, error)
	// ExtendInstrument extends one clock, with its reason, within the
	// law's limit. Same writers as the executing side of
	// UpdateInstrument. EINVALID on "reason" without a reason, on "days"
	// beyond the limit, on "clock" for a clock that cannot be extended or
	// does not run; the issuing desk is notified.
	ExtendInstrument(ctx context.Context, id int64, req ExtensionRequest) (*Instrument, error)
	// AgreeSurrenderDate records a new surrender date of an arrest warrant
	// agreed by the executing and issuing authorities (FD 2002/584/JHA
	// Art. 23(3)-(4); EU–Norway/Iceland Surrender Agreement Art. 23(3)-(4);
	// Trade and Cooperation Agreement Art. 621(3)-(4)),
	// starting a new 10-day limit; repeatable. Same writers as
	// ExtendInstrument. ECONFLICT on a stale version; EINVALID on
	// "ground" (force_majeure or humanitarian), "reason" when empty,
	// "agreed_on" when missing or before the decision, "clock" when the
	// surrender limit has not started or was met. The issuing side is
	// notified.
	AgreeSurrenderDate(ctx context.Context, id int64, req SurrenderDateRequest) (*Instrument, error)
	// RecordDelayReasons adds a statement of the reasons for the latest
	// missed time limit of clock (FD 2002/584/JHA Art. 17(7) and the
	// paragraphs MissedLimit names for the surrender agreements); earlier
	// statements are kept (append-only). Only the executing country's desk
	// or the owner desk (EFORBIDDEN otherwise); ECONFLICT when version is
	// not the instrument's; ENOTFOUND when there is no such breach;
	// EINVALID on "reasons" when empty.
	RecordDelayReasons(ctx context.Context, id int64, version int, clock ClockKind, reasons string) (*Instrument, error)
	// FindDeadlines returns the deadlines view of the caller's desk: the
	// running clocks of instruments its country issues, executes or whose
	// case it owns, in cases it may see. EINVALID for a bad filter.
	// Audited as a list.
	FindDeadlines(ctx context.Context, f DeadlineFilter) (*DeadlineList, error)
	// SweepMissedDeadlines records every missed time limit of an arrest
	// warrant once (MissedLimit: FD 2002/584/JHA Art. 17(7), 23(5) and the
	// paragraphs of the surrender agreements) and notifies the
	// issuing, executing and owner desks. Safe to run in several
	// processes at once; returns how many breaches it recorded. System
	// actor only (EFORBIDDEN otherwise).
	SweepMissedDeadlines(ctx context.Context) (int, error)
}

// CalendarService manages the calendar feed tokens of the caller and
// serves the feed.
type CalendarService interface {
	// CreateCalendarToken makes a new feed token for the caller and
	// returns it with its plain text (shown once). EFORBIDDEN for roles
	// without case content.
	CreateCalendarToken(ctx context.Context) (*CalendarToken, string, error)
	// ListCalendarTokens returns the caller's feed tokens, newest first.
	ListCalendarTokens(ctx context.Context) ([]*CalendarToken, error)
	// RevokeCalendarToken revokes one of the caller's tokens; ENOTFOUND
	// when it is not theirs.
	RevokeCalendarToken(ctx context.Context, id int64) error
	// CalendarDeadlines returns the running clocks the token's user would
	// see in the deadlines view (overdue and due within a year), for the
	// feed. ENOTFOUND for an unknown or revoked token or a disabled user.
	// Audited as a list by the token's user.
	CalendarDeadlines(ctx context.Context, token string) ([]*Deadline, error)
	// CalendarETag returns a tag of what the feed of token would show
	// now, read without an audit entry (for HTTP If-None-Match). ENOTFOUND
	// like CalendarDeadlines; refused tokens are audited as refusals.
	CalendarETag(ctx context.Context, token string) (string, error)
}

// Label returns the status for people ("surrender ordered").
func (s InstrumentStatus) Label() string {
	b := []byte(s)
	for i := range b {
		if b[i] == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}

// InstrumentImporter loads many instruments at once (demo and scale
// data). The caller must be the system actor (EFORBIDDEN otherwise).
// Each instrument is validated like CreateInstrument (its case, countries
// and the scope of its type between them, authorities, entity, dates and
// status) and its Extensions are stored with it; one bad instrument
// refuses the whole batch. Each instrument
// gets its audit entry. Entities imported with ImportCases have no ids in
// the bundles: a negative EntityID -n names the case's n-th entity in the
// order it was imported.
type InstrumentImporter interface {
	ImportInstruments(ctx context.Context, list []*Instrument) error
}

// DaysLeft is how many days d has left on today: 0 on its last day,
// negative once overdue.
func (d *Deadline) DaysLeft(today Date) int {
	return int(d.Due.Time().Sub(today.Time()) / (24 * time.Hour))
}

// Urgency grades a deadline for its colour on the deadlines pages: overdue,
// urgent (due within 2 days), soon (within 7), later. README, "Instruments
// and their legal clocks" (Deadlines).
func (d *Deadline) Urgency(today Date) string {
	switch left := d.DaysLeft(today); {
	case d.Overdue || left < 0:
		return "overdue"
	case left <= 2:
		return "urgent"
	case left <= 7:
		return "soon"
	}
	return "later"
}
