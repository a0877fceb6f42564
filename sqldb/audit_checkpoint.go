package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/checkpoint"
)

// AuditAnchor is what VerifyAudit checks the audit chain against beyond
// itself: signed checkpoints, recorded in the log and kept outside it.
type AuditAnchor struct {
	// Verifier checks the checkpoints' signatures. Without one no
	// checkpoint is trusted, and the report says that the log's
	// completeness was not checked.
	Verifier *checkpoint.Verifier
	// Files are checkpoint files (one note after another) kept outside
	// the store. A file that does not exist is skipped.
	Files []string
}

// auditObject is the object type of the log's own entries.
const auditObject = "audit"

// WriteAuditCheckpoint signs the head of the audit chain with s and
// appends the note to the log as an entry (action checkpoint, object id
// the number of entries it covers), in one transaction that holds the
// log's append lock: the note for N entries is always entry N+1. Unless
// always, nothing is written and nil returned when the last entry is
// already a checkpoint signed by s. Administrators and the system actor
// only.
func (d *DB) WriteAuditCheckpoint(ctx context.Context, s *checkpoint.Signer, always bool) (*crosscase.AuditCheckpoint, error) {
	if err := requireAdmin(ctx); err != nil {
		return nil, err
	}
	// Its own transaction, never a Batch's: entries queued there and not
	// yet in the table would come between the head and its checkpoint.
	ctx = context.WithValue(ctx, batchKey{}, (*Tx)(nil))
	var cp *crosscase.AuditCheckpoint
	err := d.withTx(ctx, func(tx *Tx) error {
		if tx.db.dialect == Postgres {
			if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, auditLockKey); err != nil {
				return err
			}
		}
		var size int64
		head := genesisHash
		var action, objectType, detail string
		err := tx.queryRow(ctx, `SELECT seq, hash, action, object_type, detail FROM audit_log ORDER BY seq DESC LIMIT 1`).
			Scan(&size, &head, &action, &objectType, &detail)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return translate(err)
		}
		if !always && action == crosscase.ActionCheckpoint && objectType == auditObject {
			if _, err := s.Verifier().Open(detail); err == nil {
				return nil
			}
		}
		note, err := s.Sign(size, head)
		if err != nil {
			return err
		}
		e := newAuditEntry(ctx, crosscase.ActionCheckpoint, auditObject, size, 0, note)
		tx.pending = append(tx.pending, e)
		if err := tx.flushAudit(ctx); err != nil {
			return err
		}
		cp = &crosscase.AuditCheckpoint{Origin: s.Name(), Size: size, Hash: head, Note: note, Entry: e.Seq, At: e.At,
			VerifierKey: s.Verifier().String()}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return cp, nil
}

// LatestAuditCheckpoint returns the latest checkpoint recorded in the log.
// It holds no personal data: any signed-in user may read it, so that a
// witness outside the agency can keep it with an account that sees
// nothing else (README, "Who sees what").
func (d *DB) LatestAuditCheckpoint(ctx context.Context) (*crosscase.AuditCheckpoint, error) {
	if _, err := requireUser(ctx); err != nil {
		return nil, err
	}
	var e *crosscase.AuditEntry
	err := d.read(ctx, func(tx *Tx) error {
		var err error
		e, err = scanAudit(tx.queryRow(ctx, `SELECT `+auditColumns+` FROM audit_log WHERE action = ? AND object_type = ? ORDER BY seq DESC LIMIT 1`,
			crosscase.ActionCheckpoint, auditObject))
		return translate(err)
	})
	if errors.Is(err, sql.ErrNoRows) || (err == nil && e == nil) {
		return nil, crosscase.Errorf(crosscase.ENOTFOUND, "No checkpoint of the audit log has been written yet.")
	}
	if err != nil {
		return nil, err
	}
	c, err := checkpoint.Parse(e.Detail)
	if err != nil {
		return nil, fmt.Errorf("audit entry %d: %w", e.Seq, err)
	}
	cp := &crosscase.AuditCheckpoint{Origin: c.Origin, Size: c.Size, Hash: c.Hash, Note: e.Detail, Entry: e.Seq, At: e.At}
	if a := d.AuditAnchor; a != nil && a.Verifier != nil {
		cp.VerifierKey = a.Verifier.String()
	}
	return cp, nil
}

// auditCheck verifies the chain entry by entry, in order, and checks it
// against the signed checkpoints: those in the anchor's files, known
// before the first entry is read, and those recorded in the log, each
// checked at the entry that records it.
//
// A checkpoint of S entries with hash H, signed by the key, says that
// entry S has the hash H and that entry S+1 records the checkpoint. The
// chain fails when it is shorter (truncation, deletion), when entry S's
// hash differs (history rewritten and rehashed), or when entry S+1 is not
// that record.
type auditCheck struct {
	key  *checkpoint.Verifier
	rep  *crosscase.AuditReport
	prev string // hash of the previous entry
	want int64  // the sequence number the next entry should have
	last int64  // the highest sequence number read

	chainBroken bool
	problems    []crosscase.AuditProblem

	// The files' checkpoints, by size.
	expected map[int64][]*expectedCheckpoint
	files    []*expectedCheckpoint
	// Signed checkpoints seen, by note; lastGood the largest size whose
	// hash matched so far.
	seen     map[string]bool
	lastGood int64
	// rewrites are the sizes already reported as rewritten.
	rewrites map[int64]bool
	otherKey int
	notices  []crosscase.AuditProblem
}

type expectedCheckpoint struct {
	cp       checkpoint.Checkpoint
	note     string
	source   crosscase.AuditSource
	hashSeen bool // entry Size was read
	recSeen  bool // entry Size+1 was read
}

func (d *DB) newAuditCheck() (*auditCheck, error) {
	c := &auditCheck{rep: &crosscase.AuditReport{}, prev: genesisHash, want: 1,
		expected: map[int64][]*expectedCheckpoint{}, seen: map[string]bool{}, rewrites: map[int64]bool{}}
	a := d.AuditAnchor
	if a == nil {
		a = &AuditAnchor{}
	}
	c.key = a.Verifier
	unchecked := 0
	for _, f := range a.Files {
		notes, err := checkpoint.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			if c.key != nil {
				c.notice("there is no checkpoint file %s", f)
			}
			continue
		}
		if err != nil && notes == nil && !errors.Is(err, checkpoint.ErrMalformed) {
			return nil, fmt.Errorf("checkpoint file %s: %w", f, err)
		}
		if err != nil {
			c.problem(0, "the checkpoint file %s is damaged (%s)", f, err.Error())
		}
		for i, n := range notes {
			if c.key == nil {
				unchecked++
				continue
			}
			src := crosscase.AuditSource{File: f, Note: i + 1}
			cp, err := c.key.Open(n)
			switch {
			case errors.Is(err, checkpoint.ErrUnknownKey):
				c.otherKey++
				continue
			case errors.Is(err, checkpoint.ErrBadSignature):
				c.problem(0, "the checkpoint in %s does not verify: it was changed or forged", src)
				continue
			case err != nil:
				c.problem(0, "the checkpoint in %s is malformed (%s)", src, err.Error())
				continue
			}
			x := &expectedCheckpoint{cp: cp, note: n, source: src}
			if cp.Size == 0 {
				x.hashSeen = true
			}
			c.expected[cp.Size] = append(c.expected[cp.Size], x)
			c.files = append(c.files, x)
			c.signed(cp, n, src, nil)
		}
	}
	if unchecked > 0 {
		c.notice("%d checkpoints in files were not checked, for want of a public key", unchecked)
	}
	return c, nil
}

// notice notes what the verification could not check, written from
// format and args.
func (c *auditCheck) notice(format string, args ...any) {
	c.notices = append(c.notices, crosscase.AuditProblem{Format: format, Args: args})
}

// problem notes a problem that puts entry seq in doubt (0: none in
// particular), written from format and args.
func (c *auditCheck) problem(seq int64, format string, args ...any) {
	c.problems = append(c.problems, crosscase.AuditProblem{Seq: seq, Format: format, Args: args})
}

// signed notes a checkpoint whose signature verified.
func (c *auditCheck) signed(cp checkpoint.Checkpoint, note string, source crosscase.AuditSource, e *crosscase.AuditEntry) {
	if !c.seen[note] {
		c.seen[note] = true
		c.rep.Checkpoints++
	}
	if l := c.rep.Checkpoint; l == nil || cp.Size > l.Size || (cp.Size == l.Size && l.Entry == 0 && e != nil) {
		c.rep.Checkpoint = &crosscase.AuditCheckpoint{Origin: cp.Origin, Size: cp.Size, Hash: cp.Hash, Note: note, Found: source,
			Source: source.String()}
		if e != nil {
			c.rep.Checkpoint.Source = "entry " + seqText(e.Seq)
		}
		if e != nil {
			c.rep.Checkpoint.Entry, c.rep.Checkpoint.At = e.Seq, e.At
		}
	}
}

func seqText(n int64) string { return strconv.FormatInt(n, 10) }

// entries is a count of n entries, which a problem writes in the form of
// its number ("the signed checkpoint of 1 entry"), in English or, on a
// page, in the reader's language (crosscase.Count).
func entries(n int64) crosscase.Count { return crosscase.Count{Format: "%d entries", N: n} }

// rewritten describes a checkpoint of size whose hash does not match.
func (c *auditCheck) rewritten(size int64, source crosscase.AuditSource) {
	if c.rewrites[size] {
		return // the same checkpoint, found in the log and in a file
	}
	c.rewrites[size] = true
	good := min(c.lastGood, size-1)
	if good > 0 {
		c.problem(good+1, "history has been rewritten: entry %d does not have the hash that the signed checkpoint of %s (%s) gives it; the checkpoint of %s still matches",
			size, entries(size), source, entries(good))
		return
	}
	c.problem(1, "history has been rewritten: entry %d does not have the hash that the signed checkpoint of %s (%s) gives it", size, entries(size), source)
}

// add checks the next entry of the log, in order of sequence number.
func (c *auditCheck) add(e *crosscase.AuditEntry) {
	c.rep.Entries++
	c.last = max(c.last, e.Seq)
	if !c.chainBroken {
		switch {
		case e.Seq != c.want:
			c.problem(e.Seq, "entry %d is missing", c.want)
			c.chainBroken = true
		case e.PrevHash != c.prev:
			c.problem(e.Seq, "the link of entry %d to the previous entry does not match", e.Seq)
			c.chainBroken = true
		case auditHash(e) != e.Hash:
			c.problem(e.Seq, "the content of entry %d does not match its hash", e.Seq)
			c.chainBroken = true
		}
	}
	// The files' checkpoints of e.Seq entries, and those recorded by e.
	for _, x := range c.expected[e.Seq] {
		x.hashSeen = true
		if e.Hash == x.cp.Hash {
			c.lastGood = max(c.lastGood, x.cp.Size)
		} else {
			c.rewritten(x.cp.Size, x.source)
		}
	}
	for _, x := range c.expected[e.Seq-1] {
		x.recSeen = true
		if e.Action != crosscase.ActionCheckpoint || e.ObjectType != auditObject || e.Detail != x.note {
			c.problem(e.Seq, "entry %d is not the record of the signed checkpoint of %s (%s), which was written as that entry: entries have been removed, inserted or rewritten",
				e.Seq, entries(x.cp.Size), x.source)
		}
	}
	if e.Action == crosscase.ActionCheckpoint && e.ObjectType == auditObject {
		c.recorded(e)
	}
	c.prev = e.Hash
	c.want = e.Seq + 1
}

// recorded checks the checkpoint entry e records: a checkpoint of the
// entries before it, ending in its predecessor's hash.
func (c *auditCheck) recorded(e *crosscase.AuditEntry) {
	src := crosscase.AuditSource{Entry: e.Seq}
	var cp checkpoint.Checkpoint
	var err error
	verified := false
	if c.key != nil {
		cp, err = c.key.Open(e.Detail)
		verified = err == nil
		if errors.Is(err, checkpoint.ErrUnknownKey) {
			c.otherKey++
			cp, err = checkpoint.Parse(e.Detail)
		}
	} else {
		cp, err = checkpoint.Parse(e.Detail)
	}
	switch {
	case errors.Is(err, checkpoint.ErrBadSignature):
		c.problem(e.Seq, "the checkpoint recorded at entry %d does not verify: it was changed or forged", e.Seq)
		return
	case err != nil:
		c.problem(e.Seq, "the checkpoint recorded at entry %d is malformed (%s)", e.Seq, err.Error())
		return
	}
	switch {
	case cp.Size != e.Seq-1:
		c.problem(e.Seq, "entry %d records the checkpoint of %s, which was written as entry %d: entries have been removed or inserted",
			e.Seq, entries(cp.Size), cp.Size+1)
	case cp.Hash != c.prev:
		c.rewritten(cp.Size, src)
	case verified:
		c.lastGood = max(c.lastGood, cp.Size)
	}
	if verified {
		c.signed(cp, e.Detail, src, e)
	}
}

// report finishes the check once every entry has been read.
func (c *auditCheck) report(files []string) *crosscase.AuditReport {
	// The files' checkpoints the log is too short for.
	var cut *expectedCheckpoint
	for _, x := range c.files {
		switch {
		case !x.hashSeen && x.cp.Size <= c.last:
			c.problem(x.cp.Size, "entry %d, covered by the signed checkpoint (%s), is missing", x.cp.Size, x.source)
		case (!x.hashSeen || !x.recSeen) && x.cp.Size+1 > c.last:
			if cut == nil || x.cp.Size > cut.cp.Size {
				cut = x
			}
		case !x.recSeen:
			c.problem(x.cp.Size+1, "entry %d, the record of the signed checkpoint (%s), is missing", x.cp.Size+1, x.source)
		}
	}
	if cut != nil {
		if c.rep.Entries == 0 {
			c.problem(1, "the audit log is empty, but the signed checkpoint (%s) shows it had %s: the log has been deleted",
				cut.source, entries(cut.cp.Size+1))
		} else if c.last+1 < cut.cp.Size+1 {
			c.problem(c.last+1, "the log ends at entry %d, but the signed checkpoint of %s (%s) was recorded as entry %d: entries %d to %d, at least, have been deleted",
				c.last, entries(cut.cp.Size), cut.source, cut.cp.Size+1, c.last+1, cut.cp.Size+1)
		} else {
			c.problem(c.last+1, "the log ends at entry %d, but the signed checkpoint of %s (%s) was recorded as entry %d: entry %d has been deleted",
				c.last, entries(cut.cp.Size), cut.source, cut.cp.Size+1, c.last+1)
		}
	}
	switch {
	case c.key == nil:
		c.notice("no public key to check checkpoints with: the chain shows the order of its entries, not that none is missing")
	case c.rep.Checkpoints == 0:
		if len(files) > 0 {
			c.problem(0, "no checkpoint signed by %s was found in the log or in %s: the log and its checkpoints have been deleted or replaced, or the key never signed a checkpoint of this log",
				c.key.Name(), strings.Join(files, ", "))
		} else {
			c.problem(0, "no checkpoint signed by %s was found in the log: the log and its checkpoints have been deleted or replaced, or the key never signed a checkpoint of this log",
				c.key.Name())
		}
	}
	if c.otherKey > 0 {
		c.notice("%d checkpoints signed by another key were not checked", c.otherKey)
	}
	rep := c.rep
	rep.OK = len(c.problems) == 0
	if !rep.OK {
		sort.SliceStable(c.problems, func(i, j int) bool {
			a, b := c.problems[i].Seq, c.problems[j].Seq
			return a != 0 && (b == 0 || a < b)
		})
		rep.FirstBroken = c.problems[0].Seq
		var texts []string
		for i, p := range c.problems {
			if i == 3 {
				rep.MoreProblems = len(c.problems) - 3
				texts = append(texts, fmt.Sprintf("and %d more", rep.MoreProblems))
				break
			}
			rep.Problems = append(rep.Problems, p)
			texts = append(texts, p.Text())
		}
		rep.Problem = strings.Join(texts, "; ")
	}
	rep.Notices = c.notices
	var notes []string
	for _, n := range c.notices {
		notes = append(notes, n.Text())
	}
	rep.Notice = strings.Join(notes, "; ")
	return rep
}
