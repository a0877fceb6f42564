// Package evidence keeps the bytes of JIT evidence files in a folder, so
// that nothing acknowledged is lost and nothing half-written is ever seen
// (docs/design.md, rule 4): a file is streamed to a temporary name while its
// SHA-256 is computed, synced, renamed to its final name, and the folder
// is synced, before the store records it. With several serve processes
// (PostgreSQL) the folder must be one they all share.
package evidence

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"crosscase"
)

// tmpPrefix marks files still being written.
const tmpPrefix = ".tmp-"

// bufSize is the copy buffer: memory per upload stays this size,
// whatever the file's size.
const bufSize = 1 << 20

// Dir is a folder of evidence files. It implements crosscase.EvidenceFiles.
type Dir struct {
	path string
}

// Open returns the evidence folder at path, creating it when missing.
func Open(path string) (*Dir, error) {
	if err := os.MkdirAll(path, 0o700); err != nil {
		return nil, fmt.Errorf("evidence folder: %w", err)
	}
	return &Dir{path: path}, nil
}

// Path returns the folder's path.
func (d *Dir) Path() string { return d.path }

// Create implements crosscase.EvidenceFiles.
func (d *Dir) Create(ctx context.Context, r io.Reader, max int64) (_ *crosscase.EvidenceFile, err error) {
	name := randomName()
	tmp := filepath.Join(d.path, tmpPrefix+name)
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create evidence file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	h := sha256.New()
	// Read one byte more than max, to tell "exactly max" from "over".
	lr := &io.LimitedReader{R: r, N: max + 1}
	buf := make([]byte, bufSize)
	n, err := io.CopyBuffer(io.MultiWriter(f, h), readerOnly{ctxReader{ctx, lr}}, buf)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, tooLargeError(max)
		}
		return nil, fmt.Errorf("write evidence file: %w", err)
	}
	if n > max {
		return nil, tooLargeError(max)
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("sync evidence file: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("close evidence file: %w", err)
	}
	if err := os.Rename(tmp, filepath.Join(d.path, name)); err != nil {
		return nil, fmt.Errorf("rename evidence file: %w", err)
	}
	if err := d.syncDir(); err != nil {
		os.Remove(filepath.Join(d.path, name))
		return nil, err
	}
	return &crosscase.EvidenceFile{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

func tooLargeError(max int64) error {
	return &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "file",
		Message: fmt.Sprintf("The file is larger than the limit of %d bytes (%s); nothing was kept.", max, FormatSize(max))}
}

// FormatSize writes a file size in binary units, as people read them:
// "2 GiB", "1.4 MiB", "532 bytes"; a whole number of units has no decimal.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		size int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.size {
			if n%u.size == 0 {
				return fmt.Sprintf("%d %s", n/u.size, u.name)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.size), u.name)
		}
	}
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// syncDir makes the folder's entries (a rename, a removal) durable.
func (d *Dir) syncDir() error {
	f, err := os.Open(d.path)
	if err != nil {
		return fmt.Errorf("open evidence folder: %w", err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync evidence folder: %w", err)
	}
	return nil
}

// Open implements crosscase.EvidenceFiles.
func (d *Dir) Open(name string) (io.ReadSeekCloser, error) {
	if !validName(name) {
		return nil, fmt.Errorf("evidence file name %q: %w", name, fs.ErrInvalid)
	}
	return os.Open(filepath.Join(d.path, name))
}

// Remove implements crosscase.EvidenceFiles.
func (d *Dir) Remove(name string) error {
	if !validName(name) {
		return fmt.Errorf("evidence file name %q: %w", name, fs.ErrInvalid)
	}
	if err := os.Remove(filepath.Join(d.path, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return d.syncDir()
}

// CleanOrphans implements crosscase.EvidenceFiles. Only files unchanged
// since olderThan are touched, so that an upload still being written, or
// renamed but not yet recorded, by another process is left alone.
func (d *Dir) CleanOrphans(keep map[string]bool, olderThan time.Time) (int, error) {
	entries, err := os.ReadDir(d.path)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || keep[e.Name()] {
			continue
		}
		if !strings.HasPrefix(e.Name(), tmpPrefix) && !validName(e.Name()) {
			continue // not ours
		}
		info, err := e.Info()
		if err != nil || info.ModTime().After(olderThan) {
			continue
		}
		if err := os.Remove(filepath.Join(d.path, e.Name())); err == nil {
			n++
		}
	}
	if n > 0 {
		return n, d.syncDir()
	}
	return n, nil
}

// randomName returns 32 hex characters.
func randomName() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func validName(name string) bool {
	if len(name) != 32 {
		return false
	}
	_, err := hex.DecodeString(name)
	return err == nil
}

// ctxReader stops reading when ctx ends (a client gone away).
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readerOnly hides any WriterTo of the source so that CopyBuffer uses
// the fixed buffer.
type readerOnly struct{ io.Reader }

// ParseSize reads the size of a file such as 2GiB, 512MiB, 64KiB or a
// number of bytes, as the evidence size limit is given.
func ParseSize(s string) (int64, error) {
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
