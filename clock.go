package crosscase

import "time"

// ClockKind names one legal time limit of an instrument.
type ClockKind string

// Legal clocks. Each is encoded in Clocks, next to the article it comes from.
const (
	ClockEAWDecision          ClockKind = "eaw_decision"          // FD 2002/584/JHA Art. 17(2)-(3)
	ClockEAWSurrender         ClockKind = "eaw_surrender"         // FD 2002/584/JHA Art. 23(2)
	ClockEIOAcknowledge       ClockKind = "eio_acknowledge"       // Directive 2014/41/EU Art. 16(1), Annex B
	ClockEIORecognition       ClockKind = "eio_recognition"       // Directive 2014/41/EU Art. 12(3)
	ClockEIOExecution         ClockKind = "eio_execution"         // Directive 2014/41/EU Art. 12(4)
	ClockFreezingDecision     ClockKind = "freezing_decision"     // Regulation (EU) 2018/1805 Art. 9(1)-(2)
	ClockFreezingExecution    ClockKind = "freezing_execution"    // Regulation (EU) 2018/1805 Art. 9(1), 9(3)
	ClockConfiscationDecision ClockKind = "confiscation_decision" // Regulation (EU) 2018/1805 Art. 20(1)
	// EU–Norway/Iceland Surrender Agreement (OJ L 292, 21.10.2006, p. 2).
	ClockNOISDecision  ClockKind = "surrender_no_is_decision"  // Art. 20(2)-(3)
	ClockNOISSurrender ClockKind = "surrender_no_is_surrender" // Art. 23(2)
	// Trade and Cooperation Agreement, Part Three, Title VII.
	ClockUKDecision  ClockKind = "surrender_uk_decision"  // Art. 615(2)-(3)
	ClockUKSurrender ClockKind = "surrender_uk_surrender" // Art. 621(2)
)

// ClockKinds returns every clock kind, in the order of the types.
func ClockKinds() []ClockKind {
	return []ClockKind{ClockEAWDecision, ClockEAWSurrender, ClockNOISDecision, ClockNOISSurrender, ClockUKDecision, ClockUKSurrender,
		ClockEIOAcknowledge, ClockEIORecognition, ClockEIOExecution, ClockFreezingDecision, ClockFreezingExecution, ClockConfiscationDecision}
}

// SurrenderLaw is the law of the time limits of an arrest warrant: the
// Framework Decision between Member States, or a surrender agreement
// between the Member States and third countries, whose time limits
// follow the Framework Decision's paragraph for paragraph. Paragraphs
// are written as the clocks' articles and Extension.AppliesTo name them,
// e.g. "17(3)".
type SurrenderLaw struct {
	// Act names the act in the clocks' articles.
	Act string
	// Decision and Surrender are the two clocks.
	Decision, Surrender ClockKind
	// AfterConsent: the final decision within 10 days after consent;
	// AfterArrest: otherwise within 60 days after the arrest; Extension:
	// either limit extendable by a further 30 days, the issuing judicial
	// authority being told of the reasons.
	AfterConsent, AfterArrest, Extension string
	// SurrenderLimit: surrender within 10 days after the final decision;
	// ForceMajeure and Humanitarian: a new date agreed where surrender is
	// prevented or postponed, surrender within 10 days of it; Release:
	// on expiry the person, if still held in custody, is released;
	// NewDate: the two paragraphs on a new date together.
	SurrenderLimit, ForceMajeure, Humanitarian, Release, NewDate string
	// MissedDecision is the breach a missed decision limit records and
	// MissedDecisionNote what follows from it, with its paragraph;
	// MissedSurrender the breach of an expired surrender limit and
	// ReleaseNote what follows from it. The notes are whole sentences, so
	// that pages and notifications write them in the reader's language.
	MissedDecision     BreachKind
	MissedDecisionNote string
	MissedSurrender    BreachKind
	ReleaseNote        string
}

// The articles that set the time limits of the instruments other than
// arrest warrants, as the clocks name them.
const (
	artEIOAcknowledge          = "Directive 2014/41/EU, Art. 16(1), Annex B"
	artEIORecognition          = "Directive 2014/41/EU, Art. 12(3)"
	artEIOExecution            = "Directive 2014/41/EU, Art. 12(4)"
	artFreezingUrgentDecision  = "Regulation (EU) 2018/1805, Art. 9(2)"
	artFreezingUrgentExecution = "Regulation (EU) 2018/1805, Art. 9(3)"
	artFreezing                = "Regulation (EU) 2018/1805, Art. 9(1)"
	artConfiscation            = "Regulation (EU) 2018/1805, Art. 20(1)"
)

// ClockArticles returns every article a clock may name (Clock.Article):
// a page writes it in the reader's language.
func ClockArticles() []string {
	out := []string{artEIOAcknowledge, artEIORecognition, artEIOExecution, artFreezingUrgentDecision, artFreezingUrgentExecution, artFreezing, artConfiscation}
	for _, t := range InstrumentTypes() {
		if law, ok := SurrenderLawOf(t); ok {
			for _, p := range []string{law.AfterConsent, law.AfterArrest, law.SurrenderLimit, law.ForceMajeure, law.Humanitarian} {
				out = append(out, law.Art(p))
			}
		}
	}
	return out
}

// Art returns paragraph p of the act, e.g. "Framework Decision
// 2002/584/JHA, Art. 17(3)", as the clocks name their article.
func (l SurrenderLaw) Art(p string) string { return l.Act + ", Art. " + p }

// SurrenderLawOf returns the law of the time limits of an arrest warrant
// of type t; false when t is not an arrest warrant.
func SurrenderLawOf(t InstrumentType) (SurrenderLaw, bool) {
	switch t {
	case InstrumentEAW:
		// Framework Decision 2002/584/JHA Art. 17 and 23.
		return SurrenderLaw{Act: "Framework Decision 2002/584/JHA", Decision: ClockEAWDecision, Surrender: ClockEAWSurrender,
			AfterConsent: "17(2)", AfterArrest: "17(3)", Extension: "17(4)",
			SurrenderLimit: "23(2)", ForceMajeure: "23(3)", Humanitarian: "23(4)", Release: "23(5)", NewDate: "23(3)-(4)",
			// Art. 17(7): where a Member State cannot observe the time
			// limits it informs the agency, giving the reasons for the delay.
			MissedDecision:     BreachArt17,
			MissedDecisionNote: "The executing state informs the agency with the reasons for the delay (Framework Decision 2002/584/JHA, Art. 17(7)).",
			MissedSurrender:    BreachRelease,
			ReleaseNote:        "The person, if still held in custody, is to be released (Framework Decision 2002/584/JHA, Art. 23(5))."}, true
	case InstrumentSurrenderNOIS:
		// Agreement of 28 June 2006 between the European Union and Iceland
		// and Norway on the surrender procedure (OJ L 292, 21.10.2006,
		// p. 2), Art. 20 and 23, which take over Art. 17 and 23 of the
		// Framework Decision.
		return SurrenderLaw{Act: "EU–Norway/Iceland Surrender Agreement", Decision: ClockNOISDecision, Surrender: ClockNOISSurrender,
			AfterConsent: "20(2)", AfterArrest: "20(3)", Extension: "20(4)",
			SurrenderLimit: "23(2)", ForceMajeure: "23(3)", Humanitarian: "23(4)", Release: "23(5)", NewDate: "23(3)-(4)",
			// Art. 20(4): the executing judicial authority tells the
			// issuing judicial authority why the limit cannot be met.
			MissedDecision:     BreachArt20,
			MissedDecisionNote: "The executing judicial authority informs the issuing judicial authority, giving the reasons for the delay (EU–Norway/Iceland Surrender Agreement, Art. 20(4)).",
			MissedSurrender:    BreachRelease,
			ReleaseNote:        "The person, if still held in custody, is to be released (EU–Norway/Iceland Surrender Agreement, Art. 23(5))."}, true
	case InstrumentSurrenderUK:
		// Trade and Cooperation Agreement, Part Three, Title VII, Art. 615
		// and 621, which take over Art. 17 and 23 of the Framework Decision.
		return SurrenderLaw{Act: "Trade and Cooperation Agreement", Decision: ClockUKDecision, Surrender: ClockUKSurrender,
			AfterConsent: "615(2)", AfterArrest: "615(3)", Extension: "615(4)",
			SurrenderLimit: "621(2)", ForceMajeure: "621(3)", Humanitarian: "621(4)", Release: "621(5)", NewDate: "621(3)-(4)",
			// Art. 615(4): the executing judicial authority tells the
			// issuing judicial authority why the limit cannot be met.
			MissedDecision:     BreachArt615,
			MissedDecisionNote: "The executing judicial authority informs the issuing judicial authority, giving the reasons for the delay (Trade and Cooperation Agreement, Art. 615(4)).",
			MissedSurrender:    BreachRelease621,
			ReleaseNote:        "The person, if still held in custody, is to be released (Trade and Cooperation Agreement, Art. 621(5))."}, true
	}
	return SurrenderLaw{}, false
}

// MissedLimit returns what a missed limit of clock k of an instrument of
// type t records: the kind of breach and what follows from it, with its
// article, for people. False where the law attaches no consequence to
// the miss (every clock but the decision and surrender limits of an
// arrest warrant): such a limit is shown overdue, not recorded.
func MissedLimit(t InstrumentType, k ClockKind) (BreachKind, string, bool) {
	l, ok := SurrenderLawOf(t)
	switch {
	case !ok:
	case k == l.Decision:
		return l.MissedDecision, l.MissedDecisionNote, true
	case k == l.Surrender:
		return l.MissedSurrender, l.ReleaseNote, true
	}
	return "", "", false
}

// MissedLimitNotes are the notes MissedLimit returns, for the message
// catalog.
func MissedLimitNotes() []string {
	var notes []string
	for _, t := range InstrumentTypes() {
		if l, ok := SurrenderLawOf(t); ok {
			notes = append(notes, l.MissedDecisionNote, l.ReleaseNote)
		}
	}
	return notes
}

// ClockState is where a clock stands at a moment.
type ClockState string

// Clock states.
const (
	ClockPending ClockState = "not_started" // the date that starts it is not recorded
	ClockRunning ClockState = "running"     // started, not met, not yet due
	ClockOverdue ClockState = "overdue"     // started, not met, past its limit
	ClockMet     ClockState = "met"         // the event that stops it happened in time
	ClockMetLate ClockState = "met_late"    // the event happened after the limit
	ClockStopped ClockState = "stopped"     // no longer applies (refused, withdrawn)
	ClockNoLimit ClockState = "without_delay"
)

// Clock is one legal time limit of an instrument, computed from its dates
// by Clocks. Day clocks end at the end of Due (UTC): a period of n days
// from an event on day D ends on D+n, the day of the event not counted.
// This is the conservative rule: a limit ending on a Saturday, Sunday or
// public holiday is not moved to the next working day (as some states'
// rules on periods would do; public holidays differ by state), so a
// clock is never shown later than the law may set it. Hour clocks
// (Hours) run from StartAt to DueAt.
type Clock struct {
	Kind    ClockKind `json:"kind"`
	Label   string    `json:"label"`
	Article string    `json:"article"`
	// Hours is set for the 48-hour clocks of urgent freezing certificates.
	Hours bool `json:"hours"`
	// WithoutDelay is set where the law fixes no count but "without
	// delay": such a clock has no due date and is never overdue.
	WithoutDelay bool `json:"without_delay"`
	Start        Date `json:"start"`
	// StartAt is the moment an hour clock started (zero for day clocks).
	StartAt time.Time `json:"start_at,omitzero"`
	// Days is the legal period plus ExtendedDays (day clocks).
	Days         int `json:"days,omitempty"`
	ExtendedDays int `json:"extended_days,omitempty"`
	// MaxExtensionDays is what the law allows to add (0: not extendable).
	MaxExtensionDays int `json:"max_extension_days,omitempty"`
	// Due is the last day (day clocks) or the day of DueAt (hour clocks).
	Due Date `json:"due"`
	// DueAt is the first moment the clock is overdue: the midnight (UTC)
	// after Due for day clocks, start plus 48 hours for hour clocks.
	DueAt time.Time `json:"due_at,omitzero"`
	// Met is the date (or MetAt the moment) of the event that stops it.
	Met   Date       `json:"met"`
	MetAt time.Time  `json:"met_at,omitzero"`
	State ClockState `json:"state"`
}

// Started reports whether the clock runs or ran: its start is recorded
// and it has a limit.
func (c Clock) Started() bool { return !c.DueAt.IsZero() }

// Open reports whether the clock still needs its event: started, not met,
// not stopped.
func (c Clock) Open() bool { return c.State == ClockRunning || c.State == ClockOverdue }

// ExtensionDaysLeft is how many days c may still be extended by now: only
// a running clock, before its limit, is extended, within what the law
// allows in all (MaxExtensionDays) less the days already granted. FD
// 2002/584/JHA Art. 17(4) (EU–Norway/Iceland Surrender Agreement Art.
// 20(4), Trade and Cooperation Agreement Art. 615(4)), Directive
// 2014/41/EU Art. 12(5): the limit is extended before it runs out; an
// overdue clock is a missed limit to report, not one to extend. The store
// refuses any other extension (ExtendInstrument); the instrument page
// offers the clocks with days left.
func (c Clock) ExtensionDaysLeft() int {
	if c.State != ClockRunning {
		return 0
	}
	return max(c.MaxExtensionDays-c.ExtendedDays, 0)
}

// ClockLabel returns the short name of a clock kind.
func ClockLabel(k ClockKind) string {
	switch k {
	case ClockEAWDecision, ClockNOISDecision, ClockUKDecision:
		return "Final decision on surrender"
	case ClockEAWSurrender, ClockNOISSurrender, ClockUKSurrender:
		return "Surrender of the person"
	case ClockEIOAcknowledge:
		return "Acknowledge receipt"
	case ClockEIORecognition:
		return "Decision on recognition"
	case ClockEIOExecution:
		return "Carry out the measure"
	case ClockFreezingDecision:
		return "Decision on the freezing order"
	case ClockFreezingExecution:
		return "Execution of the freezing order"
	case ClockConfiscationDecision:
		return "Decision on the confiscation order"
	}
	return string(k)
}

// MaxExtension returns the number of days the law allows a clock to be
// extended by in total (0: the clock cannot be extended).
func MaxExtension(k ClockKind) int {
	switch k {
	case ClockEAWDecision, ClockNOISDecision, ClockUKDecision:
		// FD 2002/584/JHA Art. 17(4): "the time limits may be extended by a
		// further 30 days", the issuing authority being told with reasons;
		// likewise EU–Norway/Iceland Surrender Agreement Art. 20(4) and
		// Trade and Cooperation Agreement Art. 615(4).
		return 30
	case ClockEIORecognition:
		// Directive 2014/41/EU Art. 12(5): postponed "by a maximum of 30 days".
		return 30
	}
	return 0
}

// dueAt is the first overdue moment of a day clock ending on due.
func dueAt(due Date) time.Time { return due.AddDays(1).Time() }

// dayClock builds a day clock of days (plus ext) from start, stopped by met.
func dayClock(k ClockKind, article string, start Date, days, ext int, met Date) Clock {
	c := Clock{Kind: k, Label: ClockLabel(k), Article: article, Start: start, Met: met, MaxExtensionDays: MaxExtension(k)}
	if start.IsZero() {
		c.State = ClockPending
		return c
	}
	c.Days, c.ExtendedDays = days+ext, ext
	c.Due = start.AddDays(days + ext)
	c.DueAt = dueAt(c.Due)
	switch {
	case met.IsZero():
		c.State = ClockRunning
	case !c.Due.Before(met):
		// An event on the last day (or earlier) is in time.
		c.State = ClockMet
	default:
		c.State = ClockMetLate
	}
	return c
}

// hourClock builds a 48-hour clock from start, stopped by met.
func hourClock(k ClockKind, article string, start, met time.Time) Clock {
	c := Clock{Kind: k, Label: ClockLabel(k), Article: article, Hours: true, StartAt: start, MetAt: met}
	if start.IsZero() {
		c.State = ClockPending
		return c
	}
	c.Start = DateOf(start.UTC())
	c.DueAt = start.UTC().Add(48 * time.Hour)
	c.Due = DateOf(c.DueAt)
	if !met.IsZero() {
		c.Met = DateOf(met.UTC())
	}
	switch {
	case met.IsZero():
		c.State = ClockRunning
	case !met.After(c.DueAt):
		c.State = ClockMet
	default:
		c.State = ClockMetLate
	}
	return c
}

// withoutDelay is a clock the law sets as "without delay", with no count.
func withoutDelay(k ClockKind, article string, start, met Date) Clock {
	c := Clock{Kind: k, Label: ClockLabel(k), Article: article, WithoutDelay: true, Start: start, Met: met, State: ClockPending}
	switch {
	case start.IsZero():
	case met.IsZero():
		c.State = ClockNoLimit
	default:
		c.State = ClockMet
	}
	return c
}

// Clocks computes the legal clocks of in from its dates, extensions and
// status, at the moment now (which only decides running or overdue). It
// is a pure function: the store keeps its results in a deadlines table,
// the pages and the calendar show them. Mutual legal assistance,
// extradition and transfer of proceedings have no time limit in EU law:
// they have no clocks.
func Clocks(in *Instrument, now time.Time) []Clock {
	// Only extensions of the limit now running count: an extension of
	// the 60-day limit (Art. 17(3)) does not carry over to the 10-day
	// limit after consent (Art. 17(2)). Extensions recorded before
	// AppliesTo existed (empty) count for the clock's current limit.
	ext := map[ClockKind]int{}
	for _, e := range in.Extensions {
		if e.AppliesTo == "" || e.AppliesTo == LimitOf(in, e.Clock) {
			ext[e.Clock] += e.Days
		}
	}
	var out []Clock
	if law, ok := SurrenderLawOf(in.Type); ok {
		return finishClocks(in, now, arrestWarrantClocks(in, law, ext))
	}
	switch in.Type {
	case InstrumentEIO:
		// Directive 2014/41/EU Art. 16(1) and Annex B: acknowledge receipt
		// within 7 days (no later than a week).
		out = append(out, dayClock(ClockEIOAcknowledge, artEIOAcknowledge, in.ReceivedOn, 7, 0, in.AcknowledgedOn))
		// Art. 12(3): decide on recognition within 30 days of receipt;
		// Art. 12(5): postponed by at most 30 days.
		out = append(out, dayClock(ClockEIORecognition, artEIORecognition, in.ReceivedOn, 30, ext[ClockEIORecognition], in.DecisionOn))
		// Art. 12(4): carry out the measure within 90 days of the decision.
		e := dayClock(ClockEIOExecution, artEIOExecution, in.DecisionOn, 90, 0, in.ExecutionOn)
		if in.Status == StatusRefused {
			e = stopped(e)
		}
		out = append(out, e)
	case InstrumentFreezing:
		if in.Urgent {
			// Regulation (EU) 2018/1805 Art. 9(2): where the certificate
			// asks for urgency, decide within 48 hours of receipt;
			// Art. 9(3): execute within 48 hours of that decision.
			out = append(out, hourClock(ClockFreezingDecision, artFreezingUrgentDecision, in.ReceivedAt, in.DecidedAt))
			e := hourClock(ClockFreezingExecution, artFreezingUrgentExecution, in.DecidedAt, in.ExecutedAt)
			if in.Status == StatusRefused {
				e = stopped(e)
			}
			out = append(out, e)
		} else {
			// Art. 9(1): decide and execute without delay, with the speed
			// and priority of a similar domestic case; no day count.
			out = append(out, withoutDelay(ClockFreezingDecision, artFreezing, in.ReceivedOn, in.DecisionOn))
			e := withoutDelay(ClockFreezingExecution, artFreezing, in.DecisionOn, in.ExecutionOn)
			if in.Status == StatusRefused {
				e = stopped(e)
			}
			out = append(out, e)
		}
	case InstrumentConfiscation:
		// Regulation (EU) 2018/1805 Art. 20(1): decide on recognition and
		// execution no later than 45 days after receipt.
		out = append(out, dayClock(ClockConfiscationDecision, artConfiscation, in.ReceivedOn, 45, 0, in.DecisionOn))
	}
	return finishClocks(in, now, out)
}

// arrestWarrantClocks computes the clocks of an arrest warrant under
// law, ext being the days each clock is extended by.
func arrestWarrantClocks(in *Instrument, law SurrenderLaw, ext map[ClockKind]int) []Clock {
	var out []Clock
	// Framework Decision 2002/584/JHA Art. 17(2): where the person
	// consents, the final decision within 10 days after consent;
	// Art. 17(3): otherwise within 60 days after the arrest; Art. 17(4):
	// either extendable by a further 30 days. Likewise the EU–Norway/
	// Iceland Surrender Agreement Art. 20(2)-(4) and the Trade and
	// Cooperation Agreement Art. 615(2)-(4).
	if !in.ConsentOn.IsZero() {
		out = append(out, dayClock(law.Decision, law.Art(law.AfterConsent), in.ConsentOn, 10, ext[law.Decision], in.DecisionOn))
	} else {
		out = append(out, dayClock(law.Decision, law.Art(law.AfterArrest), in.ArrestOn, 60, ext[law.Decision], in.DecisionOn))
	}
	// FD Art. 23(2), Agreement Art. 23(2), TCA Art. 621(2): surrender
	// within 10 days after the final decision (to surrender; a refusal
	// starts no surrender clock).
	s := dayClock(law.Surrender, law.Art(law.SurrenderLimit), in.DecisionOn, 10, 0, in.SurrenderOn)
	// FD Art. 23(3)-(4), Agreement Art. 23(3)-(4), TCA Art. 621(3)-(4):
	// where surrender is prevented by circumstances beyond control (force
	// majeure) or postponed on serious humanitarian grounds, the
	// authorities agree a new date and surrender takes place within 10
	// days of it; repeatable, the latest agreed date counts.
	if n := len(in.SurrenderDates); n > 0 && !in.DecisionOn.IsZero() {
		sd := in.SurrenderDates[n-1]
		p := law.ForceMajeure
		if sd.Ground == GroundHumanitarian {
			p = law.Humanitarian
		}
		s = dayClock(law.Surrender, law.Art(p), sd.AgreedOn, 10, 0, in.SurrenderOn)
	}
	if in.Status == StatusRefused {
		s = stopped(s)
	}
	return append(out, s)
}

// finishClocks applies what every clock of in shares: a final status
// stops it, and now decides running or overdue.
func finishClocks(in *Instrument, now time.Time, out []Clock) []Clock {
	for i := range out {
		c := &out[i]
		// A final status (refused, executed, surrendered, accepted,
		// withdrawn) ends the proceedings: a clock still open no longer
		// matters and leaves the overdue list (met clocks stay met).
		if IsFinal(in.Type, in.Status) {
			*c = stopped(*c)
		}
		// One rule for the boundary: an event exactly at DueAt is in
		// time, and so the clock is overdue only once now is after DueAt.
		if c.State == ClockRunning && now.After(c.DueAt) {
			c.State = ClockOverdue
		}
	}
	return out
}

// stopped marks a clock that no longer applies; met clocks stay met.
func stopped(c Clock) Clock {
	if c.State == ClockRunning || c.State == ClockOverdue || c.State == ClockNoLimit {
		c.State = ClockStopped
	}
	return c
}

// NextDeadline returns the open clock of in with the earliest limit, or
// nil when none runs.
func NextDeadline(in *Instrument, now time.Time) *Clock {
	var next *Clock
	for _, c := range Clocks(in, now) {
		if c.Open() && (next == nil || c.DueAt.Before(next.DueAt)) {
			c := c
			next = &c
		}
	}
	return next
}

// LimitOf names the limit clock k of in runs on now, for extensions:
// "17(2)" (10 days after consent) or "17(3)" (60 days after arrest) for
// the decision on a European Arrest Warrant (FD 2002/584/JHA), "20(2)"
// or "20(3)" under the EU–Norway/Iceland Surrender Agreement, "615(2)"
// or "615(3)" under the Trade and Cooperation Agreement, "12(3)" for
// the EIO recognition (Directive 2014/41/EU); "" for other clocks.
func LimitOf(in *Instrument, k ClockKind) string {
	if law, ok := SurrenderLawOf(in.Type); ok && k == law.Decision {
		if !in.ConsentOn.IsZero() {
			return law.AfterConsent
		}
		return law.AfterArrest
	}
	switch k {
	case ClockEIORecognition:
		return "12(3)"
	}
	return ""
}
