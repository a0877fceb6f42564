package main

import (
	"context"
	"log/slog"
	"time"

	"crosscase"
	"crosscase/sqldb"
)

// sweepDeadlines records the missed time limits of arrest warrants and
// tells the desks concerned: a missed decision limit (Framework Decision
// 2002/584/JHA Art. 17(7); the surrender agreements' own articles), an
// expired surrender limit as a release alert (Art. 23(5) and theirs), at
// once and then every interval until ctx ends. Every serve process
// runs it; the store records each breach once however many sweep.
func sweepDeadlines(ctx context.Context, db *sqldb.DB, interval time.Duration, logger *slog.Logger) {
	sys := systemContext(ctx)
	sweep := func() {
		if n, err := db.SweepMissedDeadlines(sys); err != nil && ctx.Err() == nil {
			logger.Error("sweep missed deadlines", "err", err)
		} else if n > 0 {
			logger.Info("missed time limits recorded", "count", n)
		}
	}
	sweep()
	every(ctx, interval, sweep)
}

// sweepRetention deletes the personal data of cases past their retention
// limit with no decision to keep them (Regulation (EU) 2018/1727,
// Art. 29(2) and (3); README, "Retention and review"), at once and then
// every interval until ctx ends.
func sweepRetention(ctx context.Context, svc crosscase.RetentionService, interval time.Duration, logger *slog.Logger) {
	sys := systemContext(ctx)
	sweep := func() {
		if n, err := svc.SweepRetention(sys); err != nil && ctx.Err() == nil {
			logger.Error("sweep retention limits", "err", err)
		} else if n > 0 {
			logger.Info("personal data deleted at their retention limit", "cases", n)
		}
	}
	sweep()
	every(ctx, interval, sweep)
}
