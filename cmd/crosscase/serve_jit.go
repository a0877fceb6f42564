package main

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"crosscase/evidence"
	"crosscase/sqldb"
)

// evidenceSweepEvery is how often serve deletes the JIT evidence that is
// due (Regulation (EU) 2023/969, Art. 21).
const evidenceSweepEvery = 5 * time.Minute

// parseSize reads a size such as 2GiB, 512MiB, 64KiB or a number of bytes.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		n      int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.n
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 || n > (1<<50)/mult {
		return 0, fmt.Errorf("%q is not a size such as 2GiB, 512MiB or a number of bytes", s)
	}
	return n * mult, nil
}

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
	go func() {
		t := time.NewTicker(evidenceSweepEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				sweep()
			}
		}
	}()
	return nil
}
