package server

import (
	"context"
	"net/url"
	"slices"
	"strings"

	"crosscase"
)

// CaseTimeline reads the parts of case id the caller may see, each
// through its own service, and orders them (crosscase.Timeline). Parts
// the caller's role does not read (the hits, the retention record) are
// left out rather than failing the timeline.
func (s *Server) CaseTimeline(ctx context.Context, id int64, only []crosscase.TimelineKind) (*crosscase.Case, []crosscase.TimelineEvent, error) {
	c, err := s.Cases.FindCaseByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	p := crosscase.TimelineParts{Case: c}
	if p.Instruments, err = s.Instruments.FindInstruments(ctx, id); err != nil {
		return nil, nil, err
	}
	if p.Meetings, err = s.Meetings.FindMeetings(ctx, id); err != nil {
		return nil, nil, err
	}
	if p.Actions, err = s.Results.FindActions(ctx, id); err != nil {
		return nil, nil, err
	}
	if p.Results, err = s.Results.FindResults(ctx, id); err != nil {
		return nil, nil, err
	}
	if p.Centres, err = s.Centres.FindCentres(ctx, id); err != nil {
		return nil, nil, err
	}
	if p.JITs, err = s.CaseJITs(ctx, id); err != nil {
		return nil, nil, err
	}
	if crosscase.CanSeeHits(crosscase.UserFromContext(ctx)) && c.Access == crosscase.AccessOwner {
		if p.Hits, _, err = s.Hits.FindHits(ctx, crosscase.HitFilter{CaseID: id, Limit: 200}); err != nil {
			return nil, nil, err
		}
	}
	if p.Retention, err = s.Retention.FindRetention(ctx, id); err != nil {
		return nil, nil, err
	}
	return c, crosscase.Timeline(p, only), nil
}

// CaseJITs returns the JITs linked to case id among those the caller
// sees; a role that joins no JIT has none.
func (s *Server) CaseJITs(ctx context.Context, id int64) ([]*crosscase.JIT, error) {
	jits, err := s.JITs.FindJITs(ctx)
	if crosscase.ErrorCode(err) == crosscase.EFORBIDDEN {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	var out []*crosscase.JIT
	for _, j := range jits {
		if slices.Contains(j.CaseIDs, id) {
			out = append(out, j)
		}
	}
	return out, nil
}

// TimelineKinds reads the kinds to keep from values "kind" (repeated or
// comma-separated); an unknown kind is refused naming the field.
func TimelineKinds(v url.Values) ([]crosscase.TimelineKind, error) {
	var out []crosscase.TimelineKind
	for _, raw := range v["kind"] {
		for _, k := range strings.Split(raw, ",") {
			k = strings.TrimSpace(k)
			if k == "" {
				continue
			}
			ok := false
			for _, known := range crosscase.TimelineKinds() {
				ok = ok || string(known) == k
			}
			if !ok {
				return nil, crosscase.FieldErrorf("kind", "%q is not a kind of timeline event.", crosscase.Clip(k))
			}
			out = append(out, crosscase.TimelineKind(k))
		}
	}
	return out, nil
}
