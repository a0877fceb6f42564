package crosscase

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the zones of an action day are named, whatever the host has installed
)

// A coordination centre is the live room of an action day: for one day,
// every participating country's prosecutors, investigators and partner
// agencies watch one board of measures (searches, arrests, executions of
// instruments, freezing, seizures) and take the judicial decisions the
// day needs. README, Coordination centres (action day, live).

// CentreState is whether a centre still takes changes.
type CentreState string

// Centre states: a closed centre is read-only.
const (
	CentreOpen   CentreState = "open"
	CentreClosed CentreState = "closed"
)

// CentreZone is the time zone (an IANA name such as "Europe/Brussels") in
// which a country's measures are planned on the action day.
type CentreZone struct {
	Country string `json:"country"`
	Zone    string `json:"zone"`
}

// Centre is the coordination centre of one action day of a case.
type Centre struct {
	ID     int64  `json:"id"`
	CaseID int64  `json:"case_id"`
	Name   string `json:"name"`
	// ActionDate is the action day; each country's measures are planned
	// within that day in the country's zone.
	ActionDate Date         `json:"action_date"`
	Zones      []CentreZone `json:"zones"`
	// DeskIDs are the participating desks besides the case's owner desk,
	// which always takes part.
	DeskIDs      []int64  `json:"desk_ids"`
	AuthorityIDs []int64  `json:"authority_ids"`
	Partners     []string `json:"partners"` // codes of PartnerAgencies
	// MemberIDs are the JIT-only accounts invited to the centre: members
	// of a JIT linked to the case.
	MemberIDs []int64     `json:"member_ids"`
	State     CentreState `json:"state"`
	// ActionID is the case action that the centre's results are reported
	// against: one of the case's actions on the action day, named when
	// the centre is opened, or else created with the first done measure.
	ActionID int64 `json:"action_id"`
	// LoggedAt is when a replayed centre was opened (its log's first
	// entry, its CreatedAt); zero, the moment it is stored. Set only by a
	// trusted loader, never read from a request (Replayed changes, below).
	LoggedAt time.Time `json:"-"`
	// Filled by the store.
	CaseReference string    `json:"case_reference"`
	OwnerDeskID   int64     `json:"owner_desk_id"`
	OwnerCountry  string    `json:"owner_country"`
	ClosedAt      time.Time `json:"closed_at,omitzero"`
	Version       int       `json:"version"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// ZoneOffset returns the offset from UTC of country's zone in c on the
// action day (at noon there, after any change of summer time that night),
// as people read it: "UTC+1", "UTC+5:30", "UTC-3", "UTC"; "" when c
// lists no zone for country. The board shows it instead of the zone's
// IANA name (README, Coordination centres).
func (c *Centre) ZoneOffset(country string) string {
	loc := c.Zone(country)
	if loc == nil {
		return ""
	}
	d := c.ActionDate
	_, off := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, loc).Zone()
	return UTCOffset(off)
}

// UTCOffset writes an offset from UTC in seconds as "UTC+1", "UTC+5:30",
// "UTC-3" or "UTC".
func UTCOffset(seconds int) string {
	if seconds == 0 {
		return "UTC"
	}
	sign := "+"
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}

// Zone returns the time zone of country in c, or nil when c lists none.
func (c *Centre) Zone(country string) *time.Location {
	for _, z := range c.Zones {
		if z.Country == country {
			if loc, err := time.LoadLocation(z.Zone); err == nil {
				return loc
			}
		}
	}
	return nil
}

// IsOpen reports whether the centre still takes changes: a closed centre
// is read-only (README, Coordination centres).
func (c *Centre) IsOpen() bool { return c != nil && c.State == CentreOpen }

// CheckOpen refuses a change to a closed centre, saying when it closed
// (ECONFLICT naming state).
func (c *Centre) CheckOpen() error {
	if c.IsOpen() {
		return nil
	}
	return Errorf(ECONFLICT, "The centre was closed on %s: it is read-only.", Moment(c.ClosedAt)).WithField("state")
}

// Validate checks c's own fields: the name, the day, one known zone per
// country, and one of that country's (CheckCountryZone), unique ids and
// known partners. Whether desks, authorities and members exist and may
// take part is the store's question.
func (c *Centre) Validate() error {
	if err := CheckText("name", c.Name, 200, true); err != nil {
		return err
	}
	if c.ActionDate.IsZero() {
		return FieldErrorf("action_date", "Give the date of the action day.")
	}
	if y := c.ActionDate.Year; y < 2000 || y > 2200 {
		return FieldErrorf("action_date", "The action day must be between the years 2000 and 2200.")
	}
	if len(c.Zones) == 0 {
		return FieldErrorf("zones", "Give the time zone of at least one country taking part.")
	}
	seen := map[string]bool{}
	for i, z := range c.Zones {
		f := "zones[" + itoa(i) + "]"
		if !ValidCountryCode(z.Country) {
			return FieldErrorf(f+".country", "%q is not an ISO 3166-1 alpha-2 country code.", clipText(z.Country))
		}
		if seen[z.Country] {
			return FieldErrorf(f+".country", "%s has two time zones; give one.", z.Country)
		}
		seen[z.Country] = true
		if z.Zone == "" || z.Zone == "Local" || strings.ContainsAny(z.Zone, " .\\") {
			return FieldErrorf(f+".zone", "Give an IANA time zone name such as Europe/Brussels.")
		}
		if _, err := time.LoadLocation(z.Zone); err != nil {
			return FieldErrorf(f+".zone", "%q is not a known time zone (IANA names such as Europe/Brussels).", clipText(z.Zone))
		}
		if err := CheckCountryZone(f+".zone", z.Country, z.Zone); err != nil {
			return err
		}
	}
	if err := uniqueIDs("desk_ids", c.DeskIDs); err != nil {
		return err
	}
	if err := uniqueIDs("authority_ids", c.AuthorityIDs); err != nil {
		return err
	}
	if err := uniqueIDs("member_ids", c.MemberIDs); err != nil {
		return err
	}
	seenP := map[string]bool{}
	for i, p := range c.Partners {
		f := "partners[" + itoa(i) + "]"
		if PartnerAgencyName(p) == "" {
			return FieldErrorf(f, "%q is not a partner agency of the list.", clipText(p))
		}
		if seenP[p] {
			return FieldErrorf(f, "Partner %s is listed twice.", p)
		}
		seenP[p] = true
	}
	return nil
}

// MeasureKind is what a measure of an action day does.
type MeasureKind string

// Measure kinds.
const (
	MeasureSearch    MeasureKind = "search"    // a search at a place
	MeasureArrest    MeasureKind = "arrest"    // the arrest of a person of the case
	MeasureExecution MeasureKind = "execution" // the execution of an EAW or EIO of the case
	MeasureFreezing  MeasureKind = "freezing"  // the freezing of an account
	MeasureSeizure   MeasureKind = "seizure"   // a seizure of property
)

// MeasureKinds returns every kind in display order.
func MeasureKinds() []MeasureKind {
	return []MeasureKind{MeasureSearch, MeasureArrest, MeasureExecution, MeasureFreezing, MeasureSeizure}
}

// Valid reports whether k is a known kind.
func (k MeasureKind) Valid() bool {
	for _, v := range MeasureKinds() {
		if v == k {
			return true
		}
	}
	return false
}

// MeasureState is where a measure stands on the day.
type MeasureState string

// Measure states: planned → under way → done, not found, failed or
// postponed; a postponed measure may be planned again.
const (
	MeasurePlanned   MeasureState = "planned"
	MeasureUnderWay  MeasureState = "under_way"
	MeasureDone      MeasureState = "done"
	MeasureNotFound  MeasureState = "not_found"
	MeasureFailed    MeasureState = "failed"
	MeasurePostponed MeasureState = "postponed"
)

// MeasureStates returns every state in display order.
func MeasureStates() []MeasureState {
	return []MeasureState{MeasurePlanned, MeasureUnderWay, MeasureDone, MeasureNotFound, MeasureFailed, MeasurePostponed}
}

// Valid reports whether s is a known state.
func (s MeasureState) Valid() bool {
	for _, v := range MeasureStates() {
		if v == s {
			return true
		}
	}
	return false
}

// Final reports whether no state follows s.
func (s MeasureState) Final() bool {
	return s == MeasureDone || s == MeasureNotFound || s == MeasureFailed
}

// HasOutcome reports whether a measure in state s has an outcome (its
// arrests, seizures and value frozen, counted in the tally and recorded
// as the case's results): only a done one.
func (s MeasureState) HasOutcome() bool { return s == MeasureDone }

// MeasureMoves returns the states a measure in state from may move to.
func MeasureMoves(from MeasureState) []MeasureState {
	switch from {
	case MeasurePlanned:
		return []MeasureState{MeasureUnderWay, MeasurePostponed}
	case MeasureUnderWay:
		return []MeasureState{MeasureDone, MeasureNotFound, MeasureFailed, MeasurePostponed}
	case MeasurePostponed:
		return []MeasureState{MeasurePlanned}
	}
	return nil
}

// CanMoveMeasure reports whether a measure may move from one state to
// another: no state is skipped and a final state is final. README,
// Coordination centres (action day, live).
func CanMoveMeasure(from, to MeasureState) bool {
	for _, s := range MeasureMoves(from) {
		if s == to {
			return true
		}
	}
	return false
}

// Seizure is one kind of property seized during a measure, as the case
// results count it (Result of kind seizure, measure "seized").
type Seizure struct {
	Type      string  `json:"type"` // one of SeizureTypes
	Substance string  `json:"substance,omitempty"`
	Quantity  float64 `json:"quantity"`
	Unit      string  `json:"unit,omitempty"`
	ValueEUR  int64   `json:"value_eur"`
}

// MeasureOutcome is what a done measure achieved. It becomes the case's
// results once, when the measure is done.
type MeasureOutcome struct {
	// Arrests are people arrested during a search, seizure or freezing;
	// an arrest, or the execution of an arrest warrant, counts its one.
	Arrests   int64     `json:"arrests"`
	Seizures  []Seizure `json:"seizures"`
	FrozenEUR int64     `json:"frozen_eur"`
}

// Measure is one planned measure of a centre: what is done where, by
// which country, when.
type Measure struct {
	ID       int64       `json:"id"`
	CentreID int64       `json:"centre_id"`
	Kind     MeasureKind `json:"kind"`
	Country  string      `json:"country"` // where it takes place
	Place    string      `json:"place"`   // the place or address
	// OwnerCountry is the country whose authorities carry it out and
	// report it.
	OwnerCountry string `json:"owner_country"`
	// EntityID is the person arrested (an arrest: a person of the case)
	// or the account frozen (a freezing, optional: an IBAN or a crypto
	// wallet of the case).
	EntityID int64 `json:"entity_id,omitempty"`
	// InstrumentID is the EAW or EIO of the case executed (an execution).
	InstrumentID int64        `json:"instrument_id,omitempty"`
	PlannedAt    time.Time    `json:"planned_at"`
	State        MeasureState `json:"state"`
	// Next are the states the measure may move to (MeasureMoves).
	Next    []MeasureState `json:"next"`
	Outcome MeasureOutcome `json:"outcome"`
	Note    string         `json:"note"`
	// Target is the label of the entity concerned, filled on read. Where
	// the partner data rule keeps it from the reader (Regulation (EU)
	// 2018/1727, Art. 56), and in the events of the live stream, Target
	// is empty, EntityID 0 and Withheld set.
	Target   string `json:"target,omitempty"`
	Withheld bool   `json:"withheld,omitempty"`
	// Decisions are the instruments raised from this measure.
	Decisions []int64   `json:"decisions"`
	ChangedBy string    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
	Version   int       `json:"version"`
	// LoggedAt is when a replayed measure was planned (its log entry, its
	// ChangedAt); zero, the moment it is stored. Set only by a trusted
	// loader, never read from a request (Replayed changes, below).
	LoggedAt time.Time `json:"-"`
}

// Validate checks m's own fields against its centre: the kind and its
// references, a zone for its country, and a planned time within the
// action day in that country's zone.
func (m *Measure) Validate(c *Centre) error {
	if !m.Kind.Valid() {
		return FieldErrorf("kind", "Kind must be one of search, arrest, execution, freezing, seizure.")
	}
	if !ValidCountryCode(m.Country) {
		return FieldErrorf("country", "%q is not an ISO 3166-1 alpha-2 country code.", clipText(m.Country))
	}
	if m.OwnerCountry == "" {
		m.OwnerCountry = m.Country
	}
	if !ValidCountryCode(m.OwnerCountry) {
		return FieldErrorf("owner_country", "%q is not an ISO 3166-1 alpha-2 country code.", clipText(m.OwnerCountry))
	}
	if err := CheckText("place", m.Place, 300, m.Kind == MeasureSearch); err != nil {
		return err
	}
	if err := CheckMultiline("note", m.Note, 2000, false); err != nil {
		return err
	}
	if m.EntityID < 0 {
		return FieldErrorf("entity_id", "Ids are positive numbers.")
	}
	if m.InstrumentID < 0 {
		return FieldErrorf("instrument_id", "Ids are positive numbers.")
	}
	switch m.Kind {
	case MeasureArrest:
		if m.EntityID == 0 {
			return FieldErrorf("entity_id", "An arrest names the person of the case to arrest.")
		}
	case MeasureExecution:
		if m.InstrumentID == 0 {
			return FieldErrorf("instrument_id", "An execution names the EAW or EIO of the case it executes.")
		}
	}
	if m.Kind != MeasureExecution && m.InstrumentID != 0 {
		return FieldErrorf("instrument_id", "Only an execution names an instrument.")
	}
	loc := c.Zone(m.Country)
	if loc == nil {
		return FieldErrorf("country", "The centre gives no time zone for %s: add the country to the centre's zones first.", m.Country)
	}
	if m.PlannedAt.IsZero() {
		return FieldErrorf("planned_at", "Give the planned time.")
	}
	if DateOf(m.PlannedAt.In(loc)) != c.ActionDate {
		return FieldErrorf("planned_at", "%s is %s in %s, outside the action day (%s).",
			m.PlannedAt.UTC().Format("2006-01-02 15:04 UTC"), m.PlannedAt.In(loc).Format("2006-01-02 15:04"), loc, c.ActionDate)
	}
	return nil
}

// IsZero reports whether o records nothing: no arrest, seizure or value
// frozen.
func (o *MeasureOutcome) IsZero() bool {
	return o.Arrests == 0 && len(o.Seizures) == 0 && o.FrozenEUR == 0
}

// Validate checks an outcome for a measure of kind k: each seizure as a
// case result of kind seizure; a value frozen only by a freezing.
func (o *MeasureOutcome) Validate(k MeasureKind) error {
	if o.Arrests < 0 || o.Arrests > 10000 {
		return FieldErrorf("outcome.arrests", "Arrests must be between 0 and 10000.")
	}
	if o.FrozenEUR < 0 || o.FrozenEUR > 1_000_000_000_000_000 {
		return FieldErrorf("outcome.frozen_eur", "The value frozen must be zero or more euros, and plausible.")
	}
	if o.FrozenEUR != 0 && k != MeasureFreezing {
		return FieldErrorf("outcome.frozen_eur", "Only a freezing freezes a value.")
	}
	if len(o.Seizures) > 50 {
		return FieldErrorf("outcome.seizures", "At most 50 kinds of seizure per measure.")
	}
	for i, s := range o.Seizures {
		r := s.Result()
		r.Country, r.Date = "XX", Date{Year: 2000, Month: 1, Day: 1}
		if err := r.Validate(); err != nil {
			if e, ok := err.(*Error); ok && e.Field != "" {
				f := e.Field
				if f == "seizure_type" {
					f = "type"
				}
				return InField(e, "outcome.seizures["+itoa(i)+"]."+f)
			}
			return err
		}
	}
	return nil
}

// Result returns the case result of kind seizure that s is (without its
// case, country and date).
func (s Seizure) Result() *Result {
	return &Result{Kind: ResultSeizure, SeizureType: s.Type, Substance: s.Substance, Quantity: s.Quantity, Unit: s.Unit, Measure: "seized", ValueEUR: s.ValueEUR}
}

// Results returns the case results a done measure m of centre c becomes:
// its arrests, its search, its seizures and, for a freezing, the freeze
// with its value (0 when not known yet). The store
// writes them once, in the transaction that marks m done. isWarrant
// reports whether an execution executes an arrest warrant (then it counts
// an arrest, else a search).
func (m *Measure) Results(c *Centre, isWarrant bool) []*Result {
	base := func(k ResultKind) *Result {
		return &Result{CaseID: c.CaseID, ActionID: c.ActionID, Kind: k, Country: m.Country, Date: c.ActionDate}
	}
	var out []*Result
	arrests := m.Outcome.Arrests
	switch {
	case m.Kind == MeasureArrest, m.Kind == MeasureExecution && isWarrant:
		arrests++
	case m.Kind == MeasureSearch, m.Kind == MeasureExecution:
		r := base(ResultSearch)
		r.Count = 1
		out = append(out, r)
	}
	if arrests > 0 {
		r := base(ResultArrest)
		r.Count = arrests
		out = append(out, r)
	}
	for _, s := range m.Outcome.Seizures {
		r := s.Result()
		r.CaseID, r.ActionID, r.Country, r.Date = c.CaseID, c.ActionID, m.Country, c.ActionDate
		out = append(out, r)
	}
	if m.Kind == MeasureFreezing {
		// A freezing done froze the account, whether its value is known
		// yet or not (0: not known, as a seizure without a quantity).
		r := base(ResultSeizure)
		r.SeizureType, r.Measure, r.ValueEUR = "cash", "frozen", m.Outcome.FrozenEUR
		out = append(out, r)
	}
	return out
}

// MeasureMove changes a measure's state; Version must be the version the
// caller saw. Outcome is recorded when the measure is done.
type MeasureMove struct {
	Version int            `json:"version"`
	State   MeasureState   `json:"state"`
	Outcome MeasureOutcome `json:"outcome"`
	Note    *string        `json:"note"`
	// LoggedAt is when a replayed change happened (its log entry, the
	// measure's ChangedAt); zero, the moment it is stored. Set only by a
	// trusted loader: it has no JSON name, so the API refuses a request
	// body that names it (Replayed changes, below).
	LoggedAt time.Time `json:"-"`
}

// Replayed changes. A change to a centre is logged at the moment it is
// stored. A trusted loader that replays a past action day, as the demo
// does, gives each change the time it happened on the day instead: the
// LoggedAt of the change's input (Centre, Measure, MeasureMove,
// CentreMessage, CentreClose). The store still keeps the log in order and
// in the past: a LoggedAt before the centre's latest entry or in the
// future is refused (EINVALID naming "logged_at") and changes nothing.
// LoggedAt has no JSON name and the pages' forms do not read one, so a
// user's request never sets it: a user's change is always logged when it
// is stored. A decision (RaiseDecision) is always logged when it is
// stored, as its instrument is issued then. README, Coordination centres
// (action day, live).

// CentreMessage is a message written in a centre's log.
type CentreMessage struct {
	Text string `json:"text"`
	// LoggedAt is when a replayed message was written; zero, the moment
	// it is stored. Set only by a trusted loader (Replayed changes).
	LoggedAt time.Time `json:"-"`
}

// CentreClose closes a centre; Version must be the version the caller saw.
type CentreClose struct {
	Version int `json:"version"`
	// LoggedAt is when a replayed centre was closed (its log's last entry,
	// its ClosedAt); zero, the moment it is stored. Set only by a trusted
	// loader (Replayed changes).
	LoggedAt time.Time `json:"-"`
}

// SeizureTally sums seizures of one type, substance and unit.
type SeizureTally struct {
	Type      string  `json:"type"`
	Substance string  `json:"substance,omitempty"`
	Unit      string  `json:"unit,omitempty"`
	Quantity  float64 `json:"quantity"`
	ValueEUR  int64   `json:"value_eur"`
}

// CentreTally is the running count of a centre's board.
type CentreTally struct {
	Measures  int            `json:"measures"`
	ByState   map[string]int `json:"by_state"`
	Targeted  int            `json:"targeted"` // suspects targeted: the people arrests and arrest warrants to execute name, each once
	Arrested  int64          `json:"arrested"`
	Searches  int            `json:"searches"` // searches done
	Seizures  []SeizureTally `json:"seizures"`
	FrozenEUR int64          `json:"frozen_eur"`
	SeizedEUR int64          `json:"seized_eur"`
}

// Suspect returns whether m targets a suspect (an arrest, or the
// execution of an arrest warrant) and the person concerned, 0 when none
// is named. warrants maps the arrest warrants among executed instruments
// to the person each names (0: none); other instruments are not in it.
func (m *Measure) Suspect(warrants map[int64]int64) (person int64, ok bool) {
	switch m.Kind {
	case MeasureArrest:
		return m.EntityID, true
	case MeasureExecution:
		if p, w := warrants[m.InstrumentID]; w {
			if p == 0 {
				p = m.EntityID
			}
			return p, true
		}
	}
	return 0, false
}

// CheckArrestedOnce refuses to mark measure m done when it arrests a
// person (an arrest, or the execution of an arrest warrant; Suspect) whom
// another done measure of its centre, among ms, already arrested: a person
// is arrested once, and counted once in the tally and in the case's
// results. The other measure is then not found. warrants is as for
// Suspect; ms may hold m itself.
func CheckArrestedOnce(m *Measure, ms []*Measure, warrants map[int64]int64) error {
	person, ok := m.Suspect(warrants)
	if !ok || person == 0 {
		return nil
	}
	for _, o := range ms {
		if o.ID == m.ID || !o.State.HasOutcome() {
			continue
		}
		if p, ok := o.Suspect(warrants); ok && p == person {
			return FieldErrorf("state", "The person of this measure was arrested already (%s #%d in %s, done by %s at %s): mark this one not found.",
				o.Kind, o.ID, o.Country, o.ChangedBy, o.ChangedAt.Format("15:04 UTC"))
		}
	}
	return nil
}

// Tally counts measures; warrants maps the arrest warrants among executed
// instruments to the person each names (Measure.Suspect). Suspects
// targeted are people, not measures: a person named by several measures
// (an arrest at two addresses, an arrest and the execution of the warrant
// for them) counts once.
func Tally(ms []*Measure, warrants map[int64]int64) CentreTally {
	t := CentreTally{ByState: map[string]int{}, Seizures: []SeizureTally{}}
	idx := map[[3]string]int{}
	targeted := map[int64]bool{}
	for _, m := range ms {
		t.Measures++
		t.ByState[string(m.State)]++
		person, suspect := m.Suspect(warrants)
		warrant := suspect && m.Kind == MeasureExecution
		if suspect && (person == 0 || !targeted[person]) {
			t.Targeted++
			if person != 0 {
				targeted[person] = true
			}
		}
		if !m.State.HasOutcome() {
			continue
		}
		t.Arrested += m.Outcome.Arrests
		if suspect {
			t.Arrested++
		}
		if m.Kind == MeasureSearch || m.Kind == MeasureExecution && !warrant {
			t.Searches++
		}
		t.FrozenEUR += m.Outcome.FrozenEUR
		for _, s := range m.Outcome.Seizures {
			k := [3]string{s.Type, s.Substance, s.Unit}
			i, ok := idx[k]
			if !ok {
				i = len(t.Seizures)
				idx[k] = i
				t.Seizures = append(t.Seizures, SeizureTally{Type: s.Type, Substance: s.Substance, Unit: s.Unit})
			}
			t.Seizures[i].Quantity += s.Quantity
			t.Seizures[i].ValueEUR += s.ValueEUR
			t.SeizedEUR += s.ValueEUR
		}
	}
	return t
}

// CentreBoard is a centre as its participants see it.
type CentreBoard struct {
	Centre   *Centre     `json:"centre"`
	Measures []*Measure  `json:"measures"`
	Tally    CentreTally `json:"tally"`
	// LastSeq is the sequence of the latest event: a live stream resumes
	// after it.
	LastSeq int64 `json:"last_seq"`
	// Desks and Authorities name the participants (country and name).
	Desks       []*Desk      `json:"desks"`
	Authorities []*Authority `json:"authorities"`
}

// Centre event kinds: what the log of the day holds.
const (
	EventCentreOpened  = "centre_opened"
	EventMeasurePlaned = "measure_planned"
	EventMeasureMoved  = "measure_moved"
	EventMessage       = "message"
	EventDecision      = "decision"
	EventCentreClosed  = "centre_closed"
)

// CentreEvent is one entry of a centre's log, in the order of Seq (1, 2,
// …, per centre, without gaps). It is what the live stream sends: the
// measure concerned (without the person's name: the board fills it in
// where the reader may see it), the tally after the change, and who did
// it when.
type CentreEvent struct {
	Seq       int64        `json:"seq"`
	CentreID  int64        `json:"centre_id"`
	At        time.Time    `json:"at"`
	Kind      string       `json:"kind"`
	UserName  string       `json:"user_name"`
	Country   string       `json:"country"` // the author's country
	Text      string       `json:"text,omitempty"`
	MeasureID int64        `json:"measure_id,omitempty"`
	Measure   *Measure     `json:"measure,omitempty"`
	From      MeasureState `json:"from,omitempty"`
	// InstrumentID is the instrument a decision created.
	InstrumentID int64        `json:"instrument_id,omitempty"`
	Tally        *CentreTally `json:"tally,omitempty"`
}

// Decision is an instrument raised from a measure in the room: a new EAW
// for a suspect found abroad, an EIO for an address found during a
// search, a freezing certificate for an account found. It becomes an
// instrument of the case through the instrument rules.
type Decision struct {
	Type                 InstrumentType `json:"type"`
	Reference            string         `json:"reference"`
	IssuingCountry       string         `json:"issuing_country"`   // default: the case's owner country
	ExecutingCountry     string         `json:"executing_country"` // default: the measure's country
	IssuingAuthorityID   int64          `json:"issuing_authority_id"`
	ExecutingAuthorityID int64          `json:"executing_authority_id"`
	EntityID             int64          `json:"entity_id"` // default: the measure's entity
	Urgent               bool           `json:"urgent"`
}

// DecisionTypes lists the instruments a decision in the room may raise:
// with a member state an EAW, an EIO or a freezing certificate; with a
// third country the extradition request or the request for mutual legal
// assistance that the instrument rules name instead (CheckInstrumentScope
// decides which runs between the two countries).
func DecisionTypes() []InstrumentType {
	return []InstrumentType{InstrumentEAW, InstrumentEIO, InstrumentFreezing, InstrumentExtradition, InstrumentMLA}
}

// DecisionTypesBetween returns the decisions in the room (DecisionTypes)
// that may run from issuing to executing under the instrument rules
// (InstrumentTypesBetween), in the order of DecisionTypes: none from a country to
// itself, which no instrument is (Instrument.Validate).
func DecisionTypesBetween(issuing, executing *Country) []InstrumentType {
	if issuing == nil || executing == nil || issuing.Code == executing.Code {
		return nil
	}
	between := InstrumentTypesBetween(issuing, executing)
	var out []InstrumentType
	for _, t := range DecisionTypes() {
		if slices.Contains(between, t) {
			out = append(out, t)
		}
	}
	return out
}

// Validate checks d's type: the decisions of an action day.
func (d *Decision) Validate() error {
	if slices.Contains(DecisionTypes(), d.Type) {
		return nil
	}
	return FieldErrorf("type", "A decision in the centre is an EAW, an EIO, a freezing certificate, an extradition request or a request for mutual legal assistance.")
}

// PressSummary is what a press release states about an action day:
// countries and authorities that took part, figures, no personal data.
type PressSummary struct {
	CentreID    int64    `json:"centre_id"`
	ActionDate  Date     `json:"action_date"`
	Countries   []string `json:"countries"`   // country names
	Authorities []string `json:"authorities"` // "Name (Country)"
	// AuthoritiesByCountry are the same authorities by country, as a
	// press release's closing list gives them: the case's owner country
	// first, then the others by name.
	AuthoritiesByCountry []PressAuthorities `json:"authorities_by_country"`
	Partners             []string           `json:"partners"`
	Targeted             int                `json:"targeted"`
	Arrested             int64              `json:"arrested"`
	Searches             int                `json:"searches"`
	Seizures             []SeizureTally     `json:"seizures"`
	FrozenEUR            int64              `json:"frozen_eur"`
	Text                 string             `json:"text"`
}

// PressAuthorities are the authorities of one country that took part in
// an action day.
type PressAuthorities struct {
	Country     string   `json:"country"` // the country's name, one of PressSummary.Countries
	Authorities []string `json:"authorities"`
}

// TakesPartInCentres reports whether users of role r may take part in
// coordination centres at all (IsCentreParticipant decides in which): the
// roles that see case content, and JIT-only members, who are invited.
// The navigation leads them to the centres. README, Who sees what.
func (r Role) TakesPartInCentres() bool {
	return r.JITOnly() || r.SeesCaseContent()
}

// CentreInvitees returns the accounts a centre of case caseID may invite
// on day, as its plan form offers them: the JIT-only members (RoleJITMember)
// of the JITs among jits that are linked to the case and run that day,
// each once, in the order met. Desk users take part through their desk.
func CentreInvitees(jits []*JIT, caseID int64, day Date) []*JITMember {
	var out []*JITMember
	seen := map[int64]bool{}
	for _, j := range jits {
		if j == nil || !slices.Contains(j.CaseIDs, caseID) || !j.Running(day) {
			continue
		}
		for _, m := range j.Members {
			if m.Role.JITOnly() && !seen[m.UserID] {
				seen[m.UserID] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// IsCentreParticipant reports whether u takes part in centre c (need to
// know decides that they see its case): a case-working or analyst user
// of the owner desk or of a participating desk, or an invited JIT-only
// member. README, Who sees what.
func IsCentreParticipant(u *User, c *Centre) bool {
	if u == nil || u.Disabled || c == nil || !u.Role.TakesPartInCentres() {
		return false
	}
	if u.Role.JITOnly() {
		for _, id := range c.MemberIDs {
			if id == u.ID {
				return true
			}
		}
		return false
	}
	if !CanReadCases(u) {
		return false
	}
	if u.DeskID == c.OwnerDeskID {
		return true
	}
	for _, id := range c.DeskIDs {
		if id == u.DeskID {
			return true
		}
	}
	return false
}

// CanPlanCentre reports whether u opens a centre for case cs, or plans
// its measures and closes it: the case's owner desk (desk members and
// liaison prosecutors), while the centre is open (c nil: a new centre).
// README, Coordination centres (action day, live).
func CanPlanCentre(u *User, cs *Case, c *Centre) bool {
	return CanWriteCase(u, cs) && (c == nil || c.IsOpen())
}

// CanUpdateMeasure reports whether u reports the state of measure m of
// open centre c: the owner desk, a case-working participant of the
// measure's owner country, or an invited JIT-only member of that country
// (the officers on the ground). README, Coordination centres (action
// day, live).
func CanUpdateMeasure(u *User, c *Centre, m *Measure) bool {
	if c == nil || m == nil || !c.IsOpen() || !IsCentreParticipant(u, c) {
		return false
	}
	if u.Role.WorksCases() && u.DeskID == c.OwnerDeskID {
		return true
	}
	return u.Role.actsInCentres() && u.ActingCountry() == m.OwnerCountry
}

// actsInCentres reports whether participants of role r act in a centre
// (report a measure's state, write in its log): those who work cases, and
// invited JIT-only members; analysts only follow.
func (r Role) actsInCentres() bool { return r.WorksCases() || r.JITOnly() }

// CanPostCentreMessage reports whether u writes in the log of open centre
// c: every participant who works cases, and invited JIT-only members.
func CanPostCentreMessage(u *User, c *Centre) bool {
	return c.IsOpen() && IsCentreParticipant(u, c) && u.Role.actsInCentres()
}

// CanDecideInCentre reports whether u raises a decision (a new instrument
// of case cs) from a measure of open centre c: the case's owner desk,
// which adds instruments to the case (README, Instruments and their legal
// clocks, Who writes).
func CanDecideInCentre(u *User, cs *Case, c *Centre) bool {
	return c.IsOpen() && CanWriteCase(u, cs)
}

// CentreFeed is a live subscription to a centre's events.
type CentreFeed interface {
	// Wake receives when new events may have been written.
	Wake() <-chan struct{}
	// Events returns the events after seq, oldest first, at most limit.
	Events(ctx context.Context, after int64, limit int) ([]*CentreEvent, error)
	// Recheck reports whether the subscriber still takes part: ENOTFOUND
	// once need to know no longer lets them see the centre.
	Recheck(ctx context.Context) error
	// Close ends the subscription.
	Close()
}

// CentreService stores coordination centres, their measures and their
// log. Only participants see a centre (ENOTFOUND for everyone else, as
// for a missing one); every read of the board and every change is
// audited; every change appends to the centre's log in the same
// transaction, and the log is what the live stream sends. A change's
// input says when it happened only for a trusted loader (LoggedAt,
// Replayed changes).
type CentreService interface {
	// FindCentres returns the centres of a visible case the caller takes part in.
	FindCentres(ctx context.Context, caseID int64) ([]*Centre, error)
	// FindCentre returns the board of a centre.
	FindCentre(ctx context.Context, id int64) (*CentreBoard, error)
	// CreateCentre opens a centre for case c.CaseID (owner desk only);
	// EINVALID names an unknown participant or a bad zone.
	CreateCentre(ctx context.Context, c *Centre) error
	// CreateMeasure plans m in its centre (owner desk, open centre).
	CreateMeasure(ctx context.Context, m *Measure) error
	// MoveMeasure changes a measure's state; ECONFLICT on a stale
	// version, naming what changed; a done measure's outcome becomes the
	// case's results in the same transaction.
	MoveMeasure(ctx context.Context, id int64, mv MeasureMove) (*Measure, error)
	// PostCentreMessage writes msg in the centre's log.
	PostCentreMessage(ctx context.Context, centreID int64, msg CentreMessage) (*CentreEvent, error)
	// RaiseDecision creates an instrument of the case from measure id.
	RaiseDecision(ctx context.Context, measureID int64, d *Decision) (*Instrument, error)
	// CloseCentre closes a centre: it is read-only afterwards; ECONFLICT
	// when cl.Version is stale.
	CloseCentre(ctx context.Context, id int64, cl CentreClose) (*Centre, error)
	// CentreEvents returns the log after seq, oldest first, at most limit.
	CentreEvents(ctx context.Context, id, after int64, limit int) ([]*CentreEvent, error)
	// SubscribeCentre checks that the caller takes part and opens a live
	// feed of the centre's events (audited once).
	SubscribeCentre(ctx context.Context, id int64) (CentreFeed, error)
	// PressSummary derives the press release's figures, without personal data.
	PressSummary(ctx context.Context, id int64) (*PressSummary, error)
}
