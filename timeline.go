package crosscase

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// The timeline of a case (README, "Case timeline"): its opening and
// closing, instruments and their clocks, meetings, action days and
// coordination centres, the JITs linked to it, results, hits and
// retention reviews, in one
// chronological list. Each part is read through its own service, so need
// to know and the audit apply as for the part itself; Timeline only puts
// them in order.

// TimelineKind is what a timeline event is about, for filtering.
type TimelineKind string

// The kinds of timeline events.
const (
	TimelineCase       TimelineKind = "case"
	TimelineInstrument TimelineKind = "instrument"
	TimelineMeeting    TimelineKind = "meeting"
	TimelineAction     TimelineKind = "action"
	TimelineJIT        TimelineKind = "jit"
	TimelineResult     TimelineKind = "result"
	TimelineHit        TimelineKind = "hit"
	TimelineRetention  TimelineKind = "retention"
)

// TimelineKinds lists the kinds in display order.
func TimelineKinds() []TimelineKind {
	return []TimelineKind{TimelineCase, TimelineInstrument, TimelineMeeting, TimelineAction, TimelineJIT, TimelineResult, TimelineHit, TimelineRetention}
}

// TimelineEvent is one dated event of a case.
type TimelineEvent struct {
	On    Date         `json:"on"`
	At    time.Time    `json:"at,omitzero"` // when the time of day is known
	Kind  TimelineKind `json:"kind"`
	Title string       `json:"title"`
	// TitleFormat and TitleArgs are Title before its values were filled
	// in (one of TimelineTitleFormats), so that pages write it in the
	// reader's language.
	TitleFormat string `json:"-"`
	TitleArgs   []any  `json:"-"`
	Link        string `json:"link,omitempty"` // a page path
	// State is a clock's or a hit's state where it matters (overdue,
	// met_late, new, …).
	State string `json:"state,omitempty"`
}

// TimelineParts are the parts of a case a timeline is made of, as the
// caller may read them.
type TimelineParts struct {
	Case        *Case
	Instruments []*Instrument
	Meetings    []*Meeting
	Actions     []*Action
	Results     []*Result
	Centres     []*Centre
	JITs        []*JIT // the JITs linked to the case that the caller sees
	Hits        []*Hit
	Retention   *CaseRetention
}

// Timeline orders the events of p, oldest first, keeping the kinds in
// only (all when empty).
func Timeline(p TimelineParts, only []TimelineKind) []TimelineEvent {
	var out []TimelineEvent
	keep := func(k TimelineKind) bool {
		if len(only) == 0 {
			return true
		}
		for _, o := range only {
			if o == k {
				return true
			}
		}
		return false
	}
	add := func(e TimelineEvent) {
		if keep(e.Kind) && !e.On.IsZero() {
			out = append(out, e)
		}
	}
	c := p.Case
	caseLink := "/cases/" + strconv.FormatInt(c.ID, 10)
	add(titled(TimelineEvent{On: c.OpenedOn, Kind: TimelineCase, Link: caseLink}, "Case opened"))
	add(titled(TimelineEvent{On: c.ClosedOn, Kind: TimelineCase, Link: caseLink}, "Case closed"))
	for _, in := range p.Instruments {
		link := "/instruments/" + strconv.FormatInt(in.ID, 10)
		add(titled(TimelineEvent{On: in.IssuedOn, Kind: TimelineInstrument, Link: link}, "%s %s issued by %s to %s", in.Type.Label(), in.Reference, in.IssuingCountry, in.ExecutingCountry))
		for _, cl := range in.Clocks {
			if !cl.Met.IsZero() {
				add(titled(TimelineEvent{On: cl.Met, Kind: TimelineInstrument, Link: link, State: string(cl.State)}, "%s %s: %s", in.Type.Label(), in.Reference, cl.Label))
			} else if !cl.Due.IsZero() && (cl.State == ClockRunning || cl.State == ClockOverdue) {
				add(titled(TimelineEvent{On: cl.Due, Kind: TimelineInstrument, Link: link, State: string(cl.State)}, "%s %s: %s due (%s)", in.Type.Label(), in.Reference, cl.Label, cl.Article))
			}
		}
	}
	for _, m := range p.Meetings {
		e := TimelineEvent{On: DateOf(m.StartsAt.UTC()), At: m.StartsAt, Kind: TimelineMeeting, Link: caseLink + "#meeting-" + strconv.FormatInt(m.ID, 10)}
		if m.Outcome == "" && m.StartsAt.After(time.Now()) {
			add(titled(e, "Coordination meeting (scheduled)"))
		} else {
			add(titled(e, "Coordination meeting"))
		}
	}
	for _, a := range p.Actions {
		add(titled(TimelineEvent{On: a.Date, Kind: TimelineAction, Link: caseLink + "#results"}, "Action day: %s", a.Name))
	}
	for _, ce := range p.Centres {
		add(titled(TimelineEvent{On: ce.ActionDate, Kind: TimelineAction, Link: "/centres/" + strconv.FormatInt(ce.ID, 10), State: string(ce.State)}, "Coordination centre: %s", ce.Name))
	}
	for _, j := range p.JITs {
		link := "/jits/" + strconv.FormatInt(j.ID, 10)
		add(titled(TimelineEvent{On: j.SignedOn, Kind: TimelineJIT, Link: link}, "JIT signed: %s", j.Name))
		for _, x := range j.Extensions {
			// Dated the day the parties agreed it, not the day it was
			// recorded (README, Joint investigation teams (JITs)).
			add(titled(TimelineEvent{On: x.AgreedOn, Kind: TimelineJIT, Link: link}, "JIT extended to %s: %s", x.NewEndsOn, j.Name))
		}
		end := j.CurrentEndsOn
		if end.IsZero() {
			end = j.EndsOn
		}
		if end.Before(DateOf(time.Now().UTC())) {
			add(titled(TimelineEvent{On: end, Kind: TimelineJIT, Link: link}, "JIT ended: %s", j.Name))
		} else {
			add(titled(TimelineEvent{On: end, Kind: TimelineJIT, Link: link}, "JIT ends: %s", j.Name))
		}
	}
	for _, r := range p.Results {
		format, args := resultTitle(r)
		add(titled(TimelineEvent{On: r.Date, Kind: TimelineResult, Link: caseLink + "#results"}, format, args...))
	}
	for _, h := range p.Hits {
		add(titled(TimelineEvent{On: DateOf(h.CreatedAt.UTC()), At: h.CreatedAt, Kind: TimelineHit, Link: "/hits/" + strconv.FormatInt(h.ID, 10), State: string(h.Status)}, "Hit with a case of %s (score %d)", h.OtherCountry, h.Score))
	}
	if r := p.Retention; r != nil {
		for _, rv := range r.Reviews {
			add(titled(TimelineEvent{On: DateOf(rv.DecidedAt.UTC()), At: rv.DecidedAt, Kind: TimelineRetention, Link: caseLink + "/retention"}, "Retention review: %s", rv.Decision))
		}
		if !r.ErasedAt.IsZero() {
			add(titled(TimelineEvent{On: DateOf(r.ErasedAt.UTC()), At: r.ErasedAt, Kind: TimelineRetention, Link: caseLink + "/retention"}, "Personal data deleted (Art. %s)", string(r.ErasedGround)))
		}
		if !r.Due.DeleteOn.IsZero() && r.ErasedAt.IsZero() {
			add(titled(TimelineEvent{On: r.Due.DeleteOn, Kind: TimelineRetention, Link: caseLink + "/retention"}, "Personal data to be deleted (Art. %s)", string(r.Due.Ground)))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].On != out[j].On {
			return out[i].On.Before(out[j].On)
		}
		return out[i].At.Before(out[j].At)
	})
	return out
}

// resultTitle says what a result was, in words: a format and its values.
func resultTitle(r *Result) (string, []any) {
	switch {
	case r.Kind.IsCount():
		format := map[ResultKind]string{ResultArrest: "%d arrests in %s", ResultSearch: "%d searches in %s",
			ResultInterrogation: "%d interrogations in %s", ResultSurrender: "%d surrenders in %s"}[r.Kind]
		return format, []any{r.Count, r.Country}
	case r.Kind == ResultAssetReturn:
		return "Assets worth EUR %d returned in %s", []any{r.ValueEUR, r.Country}
	}
	what := r.SeizureType
	if r.Substance != "" {
		what = r.Substance
	}
	return "%s %s in %s", []any{what, r.Measure, r.Country}
}

// titled gives e its title: format filled in with args, in English's
// singular where format counts its first value and that is one ("1
// arrest in IT": CountInEnglish).
func titled(e TimelineEvent, format string, args ...any) TimelineEvent {
	e.TitleFormat, e.TitleArgs = format, args
	e.Title = format
	if len(args) > 0 {
		e.Title = fmt.Sprintf(format, args...)
		if n, ok := args[0].(int64); ok {
			e.Title = CountInEnglish(format, n, args...)
		}
	}
	return e
}

// TimelineTitleFormats are the formats of the titles of timeline events,
// for their translations (README, "Languages").
func TimelineTitleFormats() []string {
	return []string{"Case opened", "Case closed", "%s %s issued by %s to %s", "%s %s: %s", "%s %s: %s due (%s)",
		"Coordination meeting", "Coordination meeting (scheduled)", "Action day: %s", "Coordination centre: %s",
		"JIT signed: %s", "JIT extended to %s: %s", "JIT ended: %s", "JIT ends: %s",
		"%d arrests in %s", "%d searches in %s", "%d interrogations in %s", "%d surrenders in %s",
		"Assets worth EUR %d returned in %s", "%s %s in %s", "Hit with a case of %s (score %d)",
		"Retention review: %s", "Personal data deleted (Art. %s)", "Personal data to be deleted (Art. %s)"}
}
