package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"crosscase/checkpoint"
	"crosscase/sqldb"
)

// startCheckpoints checkpoints the audit log as serve does — now, then
// every interval — with the store's key and checkpoint file in the data
// directory (DATA/audit-checkpoint.key, created when missing, and
// DATA/audit-checkpoints). It returns how to count the checkpoints
// written since, and their mean duration, and how to stop.
func startCheckpoints(ctx context.Context, db *sqldb.DB, sf *sqldb.Location, every time.Duration) (count func() (int, time.Duration), stop func(), err error) {
	s, _, err := checkpoint.LoadOrCreateKey(filepath.Join(sf.Data, "audit-checkpoint.key"))
	if err != nil {
		return nil, nil, fmt.Errorf("checkpoint key: %w", err)
	}
	w := &checkpoint.Writer{Store: db, Signer: s, File: filepath.Join(sf.Data, "audit-checkpoints"), Logger: slog.New(slog.DiscardHandler)}
	if _, err := w.Write(ctx, false); err != nil {
		return nil, nil, err
	}
	var mu sync.Mutex
	var n int
	var took time.Duration
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				start := time.Now()
				cp, err := w.Write(ctx, false)
				if err == nil && cp != nil {
					mu.Lock()
					n++
					took += time.Since(start)
					mu.Unlock()
				}
			}
		}
	}()
	count = func() (int, time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		if n == 0 {
			return 0, 0
		}
		return n, took / time.Duration(n)
	}
	return count, func() { cancel(); <-done }, nil
}
