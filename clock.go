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
)

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

// ClockLabel returns the short name of a clock kind.
func ClockLabel(k ClockKind) string {
	switch k {
	case ClockEAWDecision:
		return "Final decision on surrender"
	case ClockEAWSurrender:
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
	case ClockEAWDecision:
		// FD 2002/584/JHA Art. 17(4): "the time limits may be extended by a
		// further 30 days", the issuing authority being told with reasons.
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
	switch in.Type {
	case InstrumentEAW:
		// Framework Decision 2002/584/JHA Art. 17(2): where the person
		// consents, the final decision within 10 days after consent;
		// Art. 17(3): otherwise within 60 days after the arrest;
		// Art. 17(4): either extendable by a further 30 days.
		if !in.ConsentOn.IsZero() {
			out = append(out, dayClock(ClockEAWDecision, "Framework Decision 2002/584/JHA, Art. 17(2)", in.ConsentOn, 10, ext[ClockEAWDecision], in.DecisionOn))
		} else {
			out = append(out, dayClock(ClockEAWDecision, "Framework Decision 2002/584/JHA, Art. 17(3)", in.ArrestOn, 60, ext[ClockEAWDecision], in.DecisionOn))
		}
		// Art. 23(2): surrender within 10 days after the final decision
		// (to surrender; a refusal starts no surrender clock).
		s := dayClock(ClockEAWSurrender, "Framework Decision 2002/584/JHA, Art. 23(2)", in.DecisionOn, 10, 0, in.SurrenderOn)
		// Art. 23(3)-(4): where surrender is prevented by circumstances
		// beyond control (force majeure) or postponed on serious
		// humanitarian grounds, the authorities agree a new date and
		// surrender takes place within 10 days of it; repeatable, the
		// latest agreed date counts.
		if n := len(in.SurrenderDates); n > 0 && !in.DecisionOn.IsZero() {
			sd := in.SurrenderDates[n-1]
			s = dayClock(ClockEAWSurrender, "Framework Decision 2002/584/JHA, Art. 23("+map[bool]string{true: "4", false: "3"}[sd.Ground == GroundHumanitarian]+")", sd.AgreedOn, 10, 0, in.SurrenderOn)
		}
		if in.Status == StatusRefused {
			s = stopped(s)
		}
		out = append(out, s)
	case InstrumentEIO:
		// Directive 2014/41/EU Art. 16(1) and Annex B: acknowledge receipt
		// within 7 days (no later than a week).
		out = append(out, dayClock(ClockEIOAcknowledge, "Directive 2014/41/EU, Art. 16(1), Annex B", in.ReceivedOn, 7, 0, in.AcknowledgedOn))
		// Art. 12(3): decide on recognition within 30 days of receipt;
		// Art. 12(5): postponed by at most 30 days.
		out = append(out, dayClock(ClockEIORecognition, "Directive 2014/41/EU, Art. 12(3)", in.ReceivedOn, 30, ext[ClockEIORecognition], in.DecisionOn))
		// Art. 12(4): carry out the measure within 90 days of the decision.
		e := dayClock(ClockEIOExecution, "Directive 2014/41/EU, Art. 12(4)", in.DecisionOn, 90, 0, in.ExecutionOn)
		if in.Status == StatusRefused {
			e = stopped(e)
		}
		out = append(out, e)
	case InstrumentFreezing:
		if in.Urgent {
			// Regulation (EU) 2018/1805 Art. 9(2): where the certificate
			// asks for urgency, decide within 48 hours of receipt;
			// Art. 9(3): execute within 48 hours of that decision.
			out = append(out, hourClock(ClockFreezingDecision, "Regulation (EU) 2018/1805, Art. 9(2)", in.ReceivedAt, in.DecidedAt))
			e := hourClock(ClockFreezingExecution, "Regulation (EU) 2018/1805, Art. 9(3)", in.DecidedAt, in.ExecutedAt)
			if in.Status == StatusRefused {
				e = stopped(e)
			}
			out = append(out, e)
		} else {
			// Art. 9(1): decide and execute without delay, with the speed
			// and priority of a similar domestic case; no day count.
			out = append(out, withoutDelay(ClockFreezingDecision, "Regulation (EU) 2018/1805, Art. 9(1)", in.ReceivedOn, in.DecisionOn))
			e := withoutDelay(ClockFreezingExecution, "Regulation (EU) 2018/1805, Art. 9(1)", in.DecisionOn, in.ExecutionOn)
			if in.Status == StatusRefused {
				e = stopped(e)
			}
			out = append(out, e)
		}
	case InstrumentConfiscation:
		// Regulation (EU) 2018/1805 Art. 20(1): decide on recognition and
		// execution no later than 45 days after receipt.
		out = append(out, dayClock(ClockConfiscationDecision, "Regulation (EU) 2018/1805, Art. 20(1)", in.ReceivedOn, 45, 0, in.DecisionOn))
	}
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
// the decision on a European Arrest Warrant (FD 2002/584/JHA), "12(3)"
// for the EIO recognition (Directive 2014/41/EU); "" for other clocks.
func LimitOf(in *Instrument, k ClockKind) string {
	switch k {
	case ClockEAWDecision:
		if !in.ConsentOn.IsZero() {
			return "17(2)"
		}
		return "17(3)"
	case ClockEIORecognition:
		return "12(3)"
	}
	return ""
}
