// Package hits runs the live hit/no-hit check: it keeps the matcher's
// index in step with the store through the store's entity feed, checks
// every entity entered or changed against the entities of every other
// case, and records what it finds as hits.
//
// Every serve process runs one Checker. Each follows the same feed (the
// audit log's order), so an entity written through any process reaches
// every index within one poll interval; the store keeps one hit per pair
// of entities, so a pair found by several processes is recorded once.
package hits

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"crosscase"
	"crosscase/match"
)

// Checker keeps an index of every entity and records hits.
type Checker struct {
	feed     crosscase.EntityFeed
	recorder crosscase.HitRecorder
	index    *match.Index

	// Limit is how many candidates one check returns at most.
	Limit int
	// Logger receives sync errors, which never fail the write that
	// triggered them: the next poll retries.
	Logger *slog.Logger

	// AfterErase runs after personal data were deleted under the
	// retention rules and the index has dropped them, to rewrite what
	// holds a copy of the index (serve saves the snapshot). README,
	// "Retention and review".
	AfterErase func(ctx context.Context)

	mu sync.Mutex // one sync at a time, so the index follows the feed in order
}

// NewChecker returns a checker over the store's feed and hit recorder,
// filing entities in index.
func NewChecker(feed crosscase.EntityFeed, recorder crosscase.HitRecorder, index *match.Index) *Checker {
	return &Checker{feed: feed, recorder: recorder, index: index, Limit: 20, Logger: slog.New(slog.DiscardHandler)}
}

// Index returns the checker's index.
func (c *Checker) Index() *match.Index { return c.index }

// Load fills the index with every entity of the store and remembers the
// feed position, so that Sync continues from there. It does not check the
// loaded entities against each other: they were checked when written.
func (c *Checker) Load(ctx context.Context) (err error) {
	defer crosscase.Wrap(&err, "load the match index")
	c.mu.Lock()
	defer c.mu.Unlock()
	const batch = 50_000
	var records []match.Record
	flush := func() error {
		err := c.index.UpsertAll(ctx, records, runtime.GOMAXPROCS(0))
		records = records[:0]
		return err
	}
	pos, err := c.feed.ScanEntities(crosscase.SystemContext(ctx), func(ch crosscase.EntityChange) error {
		records = append(records, match.FromEntity(ch.Entity, ch.DeskID, ch.CaseCountry))
		if len(records) == batch {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	c.index.SetWatermark(pos)
	return nil
}

// Sync applies the feed's changes since the index's position: new and
// changed entities are filed and checked against every other case,
// deleted ones removed. It returns how many new hits it recorded.
func (c *Checker) Sync(ctx context.Context) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sys := crosscase.SystemContext(ctx)
	created := 0
	for {
		changes, err := c.feed.EntityChanges(sys, c.index.Watermark(), 1000)
		if err != nil {
			return created, fmt.Errorf("read entity changes: %w", err)
		}
		if len(changes) == 0 {
			return created, nil
		}
		var found []crosscase.HitCandidate
		for _, ch := range changes {
			switch {
			case ch.Deleted:
				c.index.Remove(ch.EntityID)
			case ch.Entity != nil:
				r := match.FromEntity(ch.Entity, ch.DeskID, ch.CaseCountry)
				c.index.Upsert(r)
				for _, cand := range c.index.Check(r, c.Limit) {
					found = append(found, candidate(ch.EntityID, cand))
				}
			}
		}
		if len(found) > 0 {
			n, err := c.recorder.RecordHits(sys, found)
			if err != nil {
				return created, fmt.Errorf("record hits: %w", err)
			}
			created += n
		}
		c.index.SetWatermark(changes[len(changes)-1].Seq)
	}
}

// candidate turns what the index found for entityID into a hit to record.
func candidate(entityID int64, cand match.Candidate) crosscase.HitCandidate {
	return crosscase.HitCandidate{EntityID: entityID, FoundEntityID: cand.EntityID, Score: cand.Score, Fields: hitFields(cand.Fields), MatchKind: cand.Kind}
}

// hitFields turns the matcher's explanation into the domain's.
func hitFields(fields []match.FieldScore) []crosscase.HitField {
	var out []crosscase.HitField
	for _, f := range fields {
		out = append(out, crosscase.HitField{Field: f.Field, Score: f.Score, How: f.How})
	}
	return out
}

// Run syncs every interval until ctx ends, to pick up entities written
// through other processes.
func (c *Checker) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			// A failing store is logged when it starts failing and when it
			// recovers, not every interval.
			_, err := c.Sync(ctx)
			switch {
			case err != nil && ctx.Err() == nil && !failing:
				failing = true
				c.Logger.Error("hit check: the entity feed cannot be read; retrying every interval", "err", err)
			case err == nil && failing:
				failing = false
				c.Logger.Info("hit check: the entity feed is read again")
			}
		}
	}
}

// CheckList checks a list against the index (the bulk check): candidates
// of a record's own CaseID are left out, so a list that belongs to no case
// is checked against every case.
func (c *Checker) CheckList(ctx context.Context, records []crosscase.ListRecord, workers int) ([]crosscase.ListHit, error) {
	if err := crosscase.CanCheckList(crosscase.UserFromContext(ctx)); err != nil {
		return nil, err
	}
	found, err := match.BulkCheck(ctx, c.index, records, workers, nil)
	if err != nil {
		return nil, err
	}
	out := make([]crosscase.ListHit, len(found))
	for i, h := range found {
		out[i] = crosscase.ListHit{Row: h.Row, EntityID: h.EntityID, CaseID: h.CaseID, Score: h.Score, Fields: hitFields(h.Fields), MatchKind: h.Kind}
	}
	return out, nil
}

// Wrap returns svc with the live hit check around every entity write
// (one at a time or imported with cases) and every deletion of personal
// data, and the list check on c's index. It is the one place the check is wired:
// serve and the tests run on what it returns.
func Wrap(svc crosscase.Services, c *Checker) crosscase.Services {
	ents := entities{EntityReader: svc.Entities, writer: svc.Entities, checker: c}
	svc.Entities = ents
	svc.CaseImporter = caseImporter{importer: svc.CaseImporter, entities: ents}
	svc.Lists = c
	svc.Retention = retention{RetentionReader: svc.Retention, writer: svc.Retention, checker: c}
	svc.Search = search{checker: c, svc: svc}
	return svc
}

// entities checks every entity it creates, changes, deletes or imports
// before the call returns, so the desk learns of a hit at once. It embeds
// only the reads: each write of crosscase.EntityWriter is a method here,
// so a new one does not compile until it is checked too.
type entities struct {
	crosscase.EntityReader
	writer  crosscase.EntityWriter
	checker *Checker
}

var _ crosscase.EntityService = entities{}

// CreateEntity stores e, then checks it.
func (s entities) CreateEntity(ctx context.Context, e *crosscase.Entity) error {
	if err := s.writer.CreateEntity(ctx, e); err != nil {
		return err
	}
	s.sync(ctx)
	return nil
}

// UpdateEntity changes an entity, then checks it again.
func (s entities) UpdateEntity(ctx context.Context, id int64, upd crosscase.EntityUpdate) (*crosscase.Entity, error) {
	e, err := s.writer.UpdateEntity(ctx, id, upd)
	if err != nil {
		return nil, err
	}
	s.sync(ctx)
	return e, nil
}

// DeleteEntity removes an entity, and it from the index.
func (s entities) DeleteEntity(ctx context.Context, id int64) error {
	if err := s.writer.DeleteEntity(ctx, id); err != nil {
		return err
	}
	s.sync(ctx)
	return nil
}

// ImportEntities adds many entities at once, then checks them.
func (s entities) ImportEntities(ctx context.Context, caseID int64, list []*crosscase.Entity, lines []int, progress func(done int)) (int, error) {
	relations, err := s.writer.ImportEntities(ctx, caseID, list, lines, progress)
	if err != nil {
		return 0, err
	}
	s.sync(ctx)
	return relations, nil
}

// caseImporter checks the entities of imported cases before the import
// returns, as entities does for one write.
type caseImporter struct {
	importer crosscase.CaseImporter
	entities entities
}

// ImportCases imports the bundles, then checks their entities.
func (s caseImporter) ImportCases(ctx context.Context, bundles []*crosscase.CaseBundle) error {
	err := s.importer.ImportCases(ctx, bundles)
	if err == nil {
		s.entities.sync(ctx)
	}
	return err
}

func (s entities) sync(ctx context.Context) {
	if _, err := s.checker.Sync(context.WithoutCancel(ctx)); err != nil {
		s.checker.Logger.Error("hit check after a write", "err", err)
	}
}

// retention takes erased entities out of the index before the call
// returns, and then runs the checker's AfterErase, so that no copy of a
// deleted person outlives the deletion. It embeds only the reads: each
// write of crosscase.RetentionWriter is a method here, so a new one does
// not compile until it is handled too.
type retention struct {
	crosscase.RetentionReader
	writer  crosscase.RetentionWriter
	checker *Checker
}

// SetRetentionDates records dates; it deletes nothing.
func (s retention) SetRetentionDates(ctx context.Context, caseID int64, d crosscase.RetentionDates) (*crosscase.CaseRetention, error) {
	return s.writer.SetRetentionDates(ctx, caseID, d)
}

// ReviewRetention records a review; a decision to delete is erased from
// the index too.
func (s retention) ReviewRetention(ctx context.Context, caseID int64, r *crosscase.RetentionReview) (*crosscase.CaseRetention, error) {
	out, err := s.writer.ReviewRetention(ctx, caseID, r)
	if err == nil && r.Decision == crosscase.ReviewDelete {
		s.erased(ctx)
	}
	return out, err
}

// RecordAcquittal deletes the person, and them from the index.
func (s retention) RecordAcquittal(ctx context.Context, caseID, entityID int64, finalOn crosscase.Date) error {
	if err := s.writer.RecordAcquittal(ctx, caseID, entityID, finalOn); err != nil {
		return err
	}
	s.erased(ctx)
	return nil
}

// SweepRetention deletes what is due, and it from the index.
func (s retention) SweepRetention(ctx context.Context) (int, error) {
	n, err := s.writer.SweepRetention(ctx)
	if n > 0 {
		s.erased(ctx)
	}
	return n, err
}

func (s retention) erased(ctx context.Context) {
	ctx = context.WithoutCancel(ctx)
	if _, err := s.checker.Sync(ctx); err != nil {
		s.checker.Logger.Error("index after a deletion of personal data", "err", err)
		return
	}
	if s.checker.AfterErase != nil {
		s.checker.AfterErase(ctx)
	}
}
