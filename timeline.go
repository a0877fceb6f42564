package crosscase

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// The timeline of a case (README, "Case timeline"): its opening and
// closing, instruments and their clocks, meetings, action days and
// coordination centres, results, hits and retention reviews, in one
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
	TimelineResult     TimelineKind = "result"
	TimelineHit        TimelineKind = "hit"
	TimelineRetention  TimelineKind = "retention"
)

// TimelineKinds lists the kinds in display order.
func TimelineKinds() []TimelineKind {
	return []TimelineKind{TimelineCase, TimelineInstrument, TimelineMeeting, TimelineAction, TimelineResult, TimelineHit, TimelineRetention}
}

// TimelineEvent is one dated event of a case.
type TimelineEvent struct {
	On    Date         `json:"on"`
	At    time.Time    `json:"at,omitzero"` // when the time of day is known
	Kind  TimelineKind `json:"kind"`
	Title string       `json:"title"`
	Link  string       `json:"link,omitempty"` // a page path
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
	add(TimelineEvent{On: c.OpenedOn, Kind: TimelineCase, Title: "Case opened", Link: caseLink})
	add(TimelineEvent{On: c.ClosedOn, Kind: TimelineCase, Title: "Case closed", Link: caseLink})
	for _, in := range p.Instruments {
		link := "/instruments/" + strconv.FormatInt(in.ID, 10)
		add(TimelineEvent{On: in.IssuedOn, Kind: TimelineInstrument, Title: fmt.Sprintf("%s %s issued by %s to %s", in.Type.Label(), in.Reference, in.IssuingCountry, in.ExecutingCountry), Link: link})
		for _, cl := range in.Clocks {
			if !cl.Met.IsZero() {
				add(TimelineEvent{On: cl.Met, Kind: TimelineInstrument, Title: fmt.Sprintf("%s %s: %s", in.Type.Label(), in.Reference, cl.Label), Link: link, State: string(cl.State)})
			} else if !cl.Due.IsZero() && (cl.State == ClockRunning || cl.State == ClockOverdue) {
				add(TimelineEvent{On: cl.Due, Kind: TimelineInstrument, Title: fmt.Sprintf("%s %s: %s due (%s)", in.Type.Label(), in.Reference, cl.Label, cl.Article), Link: link, State: string(cl.State)})
			}
		}
	}
	for _, m := range p.Meetings {
		title := "Coordination meeting"
		if m.Outcome == "" && m.StartsAt.After(time.Now()) {
			title += " (scheduled)"
		}
		add(TimelineEvent{On: DateOf(m.StartsAt.UTC()), At: m.StartsAt, Kind: TimelineMeeting, Title: title, Link: "/meetings/" + strconv.FormatInt(m.ID, 10) + "/edit"})
	}
	for _, a := range p.Actions {
		add(TimelineEvent{On: a.Date, Kind: TimelineAction, Title: "Action day: " + a.Name, Link: caseLink + "#results"})
	}
	for _, ce := range p.Centres {
		add(TimelineEvent{On: ce.ActionDate, Kind: TimelineAction, Title: "Coordination centre: " + ce.Name, Link: "/centres/" + strconv.FormatInt(ce.ID, 10), State: string(ce.State)})
	}
	for _, r := range p.Results {
		add(TimelineEvent{On: r.Date, Kind: TimelineResult, Title: resultTitle(r), Link: caseLink + "#results"})
	}
	for _, h := range p.Hits {
		add(TimelineEvent{On: DateOf(h.CreatedAt.UTC()), At: h.CreatedAt, Kind: TimelineHit, Title: fmt.Sprintf("Hit with a case of %s (score %d)", h.OtherCountry, h.Score), Link: "/hits/" + strconv.FormatInt(h.ID, 10), State: string(h.Status)})
	}
	if r := p.Retention; r != nil {
		for _, rv := range r.Reviews {
			add(TimelineEvent{On: DateOf(rv.DecidedAt.UTC()), At: rv.DecidedAt, Kind: TimelineRetention, Title: "Retention review: " + string(rv.Decision), Link: caseLink + "/retention"})
		}
		if !r.ErasedAt.IsZero() {
			add(TimelineEvent{On: DateOf(r.ErasedAt.UTC()), At: r.ErasedAt, Kind: TimelineRetention, Title: "Personal data deleted (Art. " + string(r.ErasedGround) + ")", Link: caseLink + "/retention"})
		}
		if !r.Due.DeleteOn.IsZero() && r.ErasedAt.IsZero() {
			add(TimelineEvent{On: r.Due.DeleteOn, Kind: TimelineRetention, Title: "Personal data to be deleted (Art. " + string(r.Due.Ground) + ")", Link: caseLink + "/retention"})
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

// resultTitle says what a result was, in words.
func resultTitle(r *Result) string {
	switch {
	case r.Kind.IsCount():
		plural := map[ResultKind]string{ResultArrest: "arrests", ResultSearch: "searches", ResultInterrogation: "interrogations", ResultSurrender: "surrenders"}[r.Kind]
		return fmt.Sprintf("%d %s in %s", r.Count, plural, r.Country)
	case r.Kind == ResultAssetReturn:
		return fmt.Sprintf("Assets worth EUR %d returned in %s", r.ValueEUR, r.Country)
	}
	what := r.SeizureType
	if r.Substance != "" {
		what = r.Substance
	}
	return fmt.Sprintf("%s %s in %s", what, r.Measure, r.Country)
}
