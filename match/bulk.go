package match

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// BulkHit is a candidate found for records[Row] by BulkCheck.
type BulkHit struct {
	Row int `json:"row"` // index in the records checked
	Candidate
}

// BulkCandidatesPerRecord is how many candidates BulkCheck keeps for one
// record, the best ones.
const BulkCandidatesPerRecord = 10

// BulkCheck checks every record against ix on workers goroutines
// (GOMAXPROCS when workers < 1), as Check does: candidates of the
// record's own CaseID are left out, so records that belong to no case
// (CaseID 0, say a list received from a national authority) are checked
// against every case. It returns the hits ordered by record, then best
// first. progress, when not nil, is called now and then with the number
// of records checked so far, from one goroutine at a time, and once at
// the end. BulkCheck stops with ctx's error when ctx ends. Apart from the
// hits, its memory does not grow with the number of records.
func BulkCheck(ctx context.Context, ix *Index, records []Record, workers int, progress func(done int)) ([]BulkHit, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(records)))
	const step = 256 // records a worker takes at once
	var (
		next     atomic.Int64
		done     atomic.Int64
		reportMu sync.Mutex
		reported int64
		wg       sync.WaitGroup
	)
	report := func(final bool) {
		if progress == nil {
			return
		}
		reportMu.Lock()
		defer reportMu.Unlock()
		d := done.Load()
		if final || d-reported >= 1000 {
			reported = d
			progress(int(d))
		}
	}
	hits := make([][]BulkHit, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				from := int(next.Add(step)) - step
				if from >= len(records) {
					return
				}
				to := min(from+step, len(records))
				for i := from; i < to && ctx.Err() == nil; i++ {
					r := &records[i]
					for _, c := range ix.CheckKeys(Normalize(*r), r.CaseID, BulkCandidatesPerRecord) {
						hits[w] = append(hits[w], BulkHit{Row: i, Candidate: c})
					}
					done.Add(1)
				}
				report(false)
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("bulk check stopped after %d of %d records: %w", done.Load(), len(records), err)
	}
	report(true)
	var out []BulkHit
	for _, h := range hits {
		out = append(out, h...)
	}
	slices.SortFunc(out, func(a, b BulkHit) int {
		if c := cmp.Compare(a.Row, b.Row); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.EntityID, b.EntityID)
	})
	return out, nil
}
