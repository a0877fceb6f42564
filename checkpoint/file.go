package checkpoint

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// EnvKey is the environment variable that may hold the signing key: the
// base64 of a 32-byte Ed25519 seed, as in a key file.
const EnvKey = "CROSSCASE_CHECKPOINT_KEY"

// ParseKey returns the signer of a key as a key file or EnvKey holds it:
// the base64 of a 32-byte Ed25519 seed.
func ParseKey(s string) (*Signer, error) {
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("checkpoint key: not base64")
	}
	return NewSigner(seed)
}

// LoadKey reads the key file at path. A file that others than its owner
// may read is refused: whoever holds the key can sign a false history.
func LoadKey(path string) (*Signer, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("checkpoint key %s: mode %v lets others read it; chmod 600 it", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := ParseKey(string(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// LoadOrCreateKey reads the key file at path, or creates it (mode 0600,
// a new random key) when there is none, reporting whether it did. Two
// processes starting together end up with the same key: the file appears
// whole, or not at all, and never replaces one that exists.
func LoadOrCreateKey(path string) (*Signer, bool, error) {
	s, err := LoadKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return s, false, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, false, err
	}
	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		return nil, false, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".audit-checkpoint-key-*")
	if err != nil {
		return nil, false, err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, false, err
	}
	if _, err := tmp.WriteString(base64.StdEncoding.EncodeToString(seed) + "\n"); err != nil {
		tmp.Close()
		return nil, false, err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return nil, false, err
	}
	if err := tmp.Close(); err != nil {
		return nil, false, err
	}
	// A link never replaces an existing file: whoever came second reads
	// the first one's key.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			s, err := LoadKey(path)
			return s, false, err
		}
		return nil, false, err
	}
	syncDir(filepath.Dir(path))
	s, err = LoadKey(path)
	return s, err == nil, err
}

// AppendNote appends note to the checkpoint file at path, creating it
// when missing, and syncs it to disk before returning. The note is one
// write on a file opened for appending, so that notes written by several
// processes do not interleave.
func AppendNote(path, note string) error {
	_, err := os.Stat(path)
	created := errors.Is(err, fs.ErrNotExist)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(note); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if created {
		syncDir(filepath.Dir(path))
	}
	return nil
}

// ReadFile returns the notes of the checkpoint file at path, in order.
func ReadFile(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Notes(b)
}

// syncDir makes a new name in dir durable; errors are ignored, as some
// systems cannot sync a directory.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
