package checkpoint

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"crosscase"
)

// Store is the audit log a Writer checkpoints (sqldb.DB): it signs the
// head of the chain with s and appends the note to the log as an entry,
// in one transaction. Unless always, it writes nothing and returns nil
// when the last entry is already a checkpoint signed by s.
type Store interface {
	WriteAuditCheckpoint(ctx context.Context, s *Signer, always bool) (*crosscase.AuditCheckpoint, error)
}

// Writer writes checkpoints of the audit log: into the log, then into the
// append-only checkpoint file outside the store.
type Writer struct {
	Store  Store
	Signer *Signer
	// File is the checkpoint file; empty for none.
	File string
	// Logger receives the errors of Run.
	Logger *slog.Logger
}

// Write writes one checkpoint; see Store for always. It returns the
// checkpoint written, or nil when there was nothing new to sign.
func (w *Writer) Write(ctx context.Context, always bool) (*crosscase.AuditCheckpoint, error) {
	cp, err := w.Store.WriteAuditCheckpoint(crosscase.SystemContext(ctx), w.Signer, always)
	if err != nil || cp == nil {
		return nil, err
	}
	if w.File != "" {
		if err := AppendNote(w.File, cp.Note); err != nil {
			return cp, fmt.Errorf("checkpoint file: %w", err)
		}
	}
	return cp, nil
}

// Run writes a checkpoint every interval until ctx ends, skipping those
// when nothing was appended since the last.
func (w *Writer) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := w.Write(ctx, false); err != nil && ctx.Err() == nil && w.Logger != nil {
				w.Logger.Error("audit checkpoint", "err", err)
			}
		}
	}
}
