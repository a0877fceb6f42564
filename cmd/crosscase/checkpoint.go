package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"crosscase"
	"crosscase/checkpoint"
	"crosscase/sqldb"
)

// The checkpoint key and file, by default in the data directory.
const (
	checkpointKeyName  = "audit-checkpoint.key"
	checkpointFileName = "audit-checkpoints"
	// checkpointEvery is how often serve checkpoints the audit log.
	checkpointEvery = 5 * time.Minute
)

// checkpointFlags are the flags of the audit log's signed checkpoints.
type checkpointFlags struct {
	key   string
	file  string
	every time.Duration
	// verify's: notes to check against, and the public key.
	notes  string
	pubkey string
}

// addCheckpointFlags registers the checkpoint flags of serve ("serve"),
// audit checkpoint ("write") or audit verify ("verify").
func addCheckpointFlags(fs *flag.FlagSet, cmd string) *checkpointFlags {
	cf := &checkpointFlags{}
	fs.StringVar(&cf.key, "checkpoint-key", "", "file of the Ed25519 key that signs the audit log's checkpoints (default DATA/"+checkpointKeyName+
		", created with mode 0600 when missing); "+checkpoint.EnvKey+" (a base64 seed) is used instead when set and this flag is not")
	if cmd != "verify" {
		fs.StringVar(&cf.file, "checkpoint-file", "", "append-only file the signed checkpoints are also written to, outside the store (default DATA/"+checkpointFileName+")")
	}
	if cmd == "serve" {
		fs.DurationVar(&cf.every, "checkpoint-every", checkpointEvery, "how often to checkpoint the audit log, besides at start and exit (0: only then)")
	}
	if cmd == "verify" {
		fs.StringVar(&cf.notes, "checkpoint", "", "file of signed checkpoints to check the log against, e.g. a witness's copy (DATA/"+checkpointFileName+" and the log's own are checked too)")
		fs.StringVar(&cf.pubkey, "checkpoint-pubkey", "", "public key of the checkpoints, as serve prints it (name+id+key), or a file holding it (default: derived from the key)")
	}
	return cf
}

// keyFile returns the key file and whether it was named on the command line.
func (cf *checkpointFlags) keyFile(sf *sqldb.Location) (string, bool) {
	if cf.key != "" {
		return cf.key, true
	}
	return filepath.Join(sf.Data, checkpointKeyName), false
}

func (cf *checkpointFlags) checkpointFile(sf *sqldb.Location) string {
	if cf.file != "" {
		return cf.file
	}
	return filepath.Join(sf.Data, checkpointFileName)
}

// signer returns the checkpoint key: the named key file, else the
// environment's key, else the key file in the data directory, created
// when missing. It says where the key came from.
func (m *Main) checkpointSigner(cf *checkpointFlags, sf *sqldb.Location) (*checkpoint.Signer, string, error) {
	path, named := cf.keyFile(sf)
	if env := m.Getenv(checkpoint.EnvKey); env != "" && !named {
		s, err := checkpoint.ParseKey(env)
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", checkpoint.EnvKey, err)
		}
		return s, checkpoint.EnvKey, nil
	}
	s, created, err := checkpoint.LoadOrCreateKey(path)
	if err != nil {
		return nil, "", fmt.Errorf("checkpoint key: %w", err)
	}
	if created {
		return s, "new key file " + path + " (keep a copy of it off this machine, and of the public key)", nil
	}
	return s, "key file " + path, nil
}

// checkpointVerifier returns the public key to check checkpoints with:
// --checkpoint-pubkey, else that of the key as checkpointSigner finds it
// (never creating one); nil when there is none.
func (m *Main) checkpointVerifier(cf *checkpointFlags, sf *sqldb.Location) (*checkpoint.Verifier, error) {
	if cf.pubkey != "" {
		v, err := checkpoint.ParseVerifier(cf.pubkey)
		if err == nil {
			return v, nil
		}
		b, ferr := os.ReadFile(cf.pubkey)
		if ferr != nil {
			return nil, fmt.Errorf("--checkpoint-pubkey: %w", err)
		}
		if v, err = checkpoint.ParseVerifier(string(b)); err != nil {
			return nil, fmt.Errorf("--checkpoint-pubkey %s: %w", cf.pubkey, err)
		}
		return v, nil
	}
	path, named := cf.keyFile(sf)
	if env := m.Getenv(checkpoint.EnvKey); env != "" && !named {
		s, err := checkpoint.ParseKey(env)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", checkpoint.EnvKey, err)
		}
		return s.Verifier(), nil
	}
	s, err := checkpoint.LoadKey(path)
	if errors.Is(err, fs.ErrNotExist) && !named {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("checkpoint key: %w", err)
	}
	return s.Verifier(), nil
}

// startCheckpoints checkpoints the audit log now, every --checkpoint-every
// until ctx ends, and once more when stop is called (at exit, after the
// server has stopped); it also sets the store to verify against them.
func (m *Main) startCheckpoints(ctx context.Context, db *sqldb.DB, sf *sqldb.Location, cf *checkpointFlags) (stop func(), err error) {
	if cf.every < 0 {
		return nil, fmt.Errorf("--checkpoint-every must not be negative")
	}
	s, from, err := m.checkpointSigner(cf, sf)
	if err != nil {
		return nil, err
	}
	file := cf.checkpointFile(sf)
	db.AuditAnchor = &sqldb.AuditAnchor{Verifier: s.Verifier(), Files: []string{file}}
	logger := slog.New(slog.NewTextHandler(m.Stderr, nil))
	w := &checkpoint.Writer{Store: db, Signer: s, File: file, Logger: logger}
	cp, err := w.Write(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("audit checkpoint: %w", err)
	}
	at := "the latest, unchanged"
	if cp != nil {
		at = crosscase.Count{Format: "%d entries", N: cp.Size}.String()
	}
	fmt.Fprintf(m.Stdout, "audit checkpoint (%s) in %s; signed with %s; public key %s\n", at, file, from, s.Verifier())
	loop, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if cf.every > 0 {
			w.Run(loop, cf.every)
		}
	}()
	return func() {
		cancel()
		<-done
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		if _, err := w.Write(ctx, false); err != nil {
			logger.Error("audit checkpoint at exit", "err", err)
		}
	}, nil
}

// runAuditCheckpoint writes a checkpoint of the audit log now, into the
// log and the checkpoint file, and prints it.
func (m *Main) runAuditCheckpoint(ctx context.Context, args []string) error {
	fs := m.newFlagSet("audit checkpoint")
	sf := m.addStoreFlags(fs)
	cf := addCheckpointFlags(fs, "write")
	if _, err := parseFlags(fs, args, 0); err != nil {
		return err
	}
	// The store first: a mistyped --data is refused before a key is
	// made for it.
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	s, from, err := m.checkpointSigner(cf, sf)
	if err != nil {
		return err
	}
	w := &checkpoint.Writer{Store: db, Signer: s, File: cf.checkpointFile(sf)}
	cp, err := w.Write(ctx, true)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "audit checkpoint of %s, recorded as entry %d and in %s; signed with %s\n%s\npublic key: %s\n",
		crosscase.Count{Format: "%d entries", N: cp.Size}, cp.Entry, w.File, from, strings.TrimSuffix(cp.Note, "\n"), s.Verifier())
	return nil
}

// auditAnchor is what audit verify checks the chain against: the
// checkpoints in --checkpoint and in the checkpoint file beside the store,
// and those the log records, with the public key.
func (m *Main) auditAnchor(cf *checkpointFlags, sf *sqldb.Location) (*sqldb.AuditAnchor, error) {
	v, err := m.checkpointVerifier(cf, sf)
	if err != nil {
		return nil, err
	}
	a := &sqldb.AuditAnchor{Verifier: v, Files: []string{cf.checkpointFile(sf)}}
	if cf.notes != "" {
		if _, err := os.Stat(cf.notes); err != nil {
			return nil, fmt.Errorf("--checkpoint: %w", err)
		}
		a.Files = append([]string{cf.notes}, a.Files...)
	}
	return a, nil
}
