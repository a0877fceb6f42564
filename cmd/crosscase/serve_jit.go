package main

import (
	"context"
	"log/slog"
	"time"

	"crosscase/evidence"
	"crosscase/sqldb"
)

// evidenceSweepEvery is how often serve deletes the JIT evidence that is
// due (Regulation (EU) 2023/969, Art. 21).
const evidenceSweepEvery = 5 * time.Minute

// startEvidence opens the evidence folder, gives it to db, sweeps once
// (which also removes files left behind by a crash) and then every
// evidenceSweepEvery until ctx ends. Several processes may sweep the same
// store and folder at once: each file's deletion is recorded once.
func (m *Main) startEvidence(ctx context.Context, db *sqldb.DB, dir string) error {
	files, err := evidence.Open(dir)
	if err != nil {
		return err
	}
	db.EvidenceFiles = files
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	sweep := func() {
		if n, err := db.SweepEvidence(systemContext(ctx)); err != nil {
			logger.Error("evidence sweep", "err", err)
		} else if n > 0 {
			logger.Info("evidence sweep", "deleted", n)
		}
	}
	sweep()
	go every(ctx, evidenceSweepEvery, sweep)
	return nil
}
