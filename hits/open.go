package hits

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"crosscase"
	"crosscase/match"
)

// Config is how a live hit check is set up. serve, the demo loader, the
// tests and the bench all start theirs through Open, so that a setting
// cannot be applied in one and forgotten in another.
type Config struct {
	// Thresholds are the least scores at which a candidate of each kind
	// of entity is recorded as a hit (nil: match.DefaultThresholds).
	Thresholds match.Thresholds
	// DocumentThreshold is the least score of a "same document,
	// different name" hit (README, "Hits"); 0 records none.
	DocumentThreshold int
	// Snapshot is the file of a saved index to start from ("": none).
	Snapshot string
	// Logger receives what the checker cannot fail a write for (nil:
	// discarded).
	Logger *slog.Logger
}

// DefaultConfig is the set-up serve runs with when not told otherwise:
// the matcher's default thresholds, same-document hits included, and no
// snapshot.
func DefaultConfig() Config {
	return Config{Thresholds: match.DefaultThresholds(), DocumentThreshold: match.DefaultDocumentThreshold}
}

// Open returns the live hit check over the store's feed and recorder
// with its index ready — from cfg.Snapshot when there is a usable one,
// then caught up with the store, or else read from every entity of the
// store — and says where the index came from. It follows no feed and
// saves nothing (Run and Index().SaveSnapshot do).
func Open(ctx context.Context, feed crosscase.EntityFeed, recorder crosscase.HitRecorder, cfg Config) (*Checker, string, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Thresholds == nil {
		cfg.Thresholds = match.DefaultThresholds()
	}
	ix, err := loadSnapshot(cfg.Snapshot)
	fromSnapshot := err == nil
	if !fromSnapshot {
		if cfg.Snapshot != "" && !errors.Is(err, os.ErrNotExist) {
			logger.Warn("match index snapshot not used; rebuilding from the store", "path", cfg.Snapshot, "err", err)
		}
		ix = match.NewIndex(cfg.Thresholds)
	}
	// A snapshot holds data, not settings: the thresholds are set before
	// the catch-up below checks anything.
	ix.SetThresholds(cfg.Thresholds)
	ix.SetDocumentThreshold(cfg.DocumentThreshold)
	c := NewChecker(feed, recorder, ix)
	c.Logger = logger
	if !fromSnapshot {
		if err := c.Load(ctx); err != nil {
			return nil, "", err
		}
		return c, "the store", nil
	}
	if _, err := c.Sync(ctx); err != nil {
		return nil, "", err
	}
	return c, "snapshot " + cfg.Snapshot, nil
}

func loadSnapshot(path string) (*match.Index, error) {
	if path == "" {
		return nil, os.ErrNotExist
	}
	return match.LoadSnapshot(path)
}
