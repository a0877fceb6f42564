package checkpoint

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func testSigner(t *testing.T, b byte) *Signer {
	t.Helper()
	s, err := NewSigner(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func headHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// TestNoteFormat checks a note against the C2SP signed-note and
// checkpoint formats, computed here from their definitions.
func TestNoteFormat(t *testing.T) {
	s := testSigner(t, 7)
	head := headHash("entry 42")
	note, err := s.Sign(42, head)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := hex.DecodeString(head)
	text := s.Name() + "\n42\n" + base64.StdEncoding.EncodeToString(raw) + "\n"
	if !strings.HasPrefix(note, text+"\n\u2014 "+s.Name()+" ") || !strings.HasSuffix(note, "\n") || strings.Count(note, "\n") != 5 {
		t.Fatalf("note:\n%s", note)
	}
	if !strings.HasPrefix(s.Name(), "crosscase-audit/") || len(s.Name()) != len("crosscase-audit/")+16 {
		t.Errorf("key name %q", s.Name())
	}
	line := strings.TrimSuffix(note[len(text)+1:], "\n")
	sig, err := base64.StdEncoding.DecodeString(line[strings.LastIndex(line, " ")+1:])
	if err != nil || len(sig) != 68 {
		t.Fatalf("signature: %d bytes, %v", len(sig), err)
	}
	pub := s.key.Public().(ed25519.PublicKey)
	h := sha256.Sum256(append(append([]byte(s.Name()), '\n', 0x01), pub...))
	if binary.BigEndian.Uint32(sig) != binary.BigEndian.Uint32(h[:4]) {
		t.Error("key ID is not SHA-256(name || 0x0A || 0x01 || key)[:4]")
	}
	if !ed25519.Verify(pub, []byte(text), sig[4:]) {
		t.Error("signature is not over the note text")
	}
	cp, err := s.Verifier().Open(note)
	if err != nil || cp != (Checkpoint{Origin: s.Name(), Size: 42, Hash: head}) {
		t.Fatalf("open: %+v %v", cp, err)
	}
	// The verifier key round-trips, and so does the bare public key.
	for _, k := range []string{s.Verifier().String(), base64.StdEncoding.EncodeToString(pub)} {
		v, err := ParseVerifier(k)
		if err != nil || v.String() != s.Verifier().String() {
			t.Errorf("ParseVerifier(%q) = %v, %v", k, v, err)
		}
	}
	if _, err := ParseVerifier(strings.Replace(s.Verifier().String(), "+", "+0", 1)); err == nil {
		t.Error("a wrong key ID accepted")
	}
}

func TestOpenRefuses(t *testing.T) {
	s, other := testSigner(t, 1), testSigner(t, 2)
	note, _ := s.Sign(10, headHash("x"))
	v := s.Verifier()
	for name, tc := range map[string]struct {
		note string
		want error
	}{
		"size changed":   {strings.Replace(note, "\n10\n", "\n11\n", 1), ErrBadSignature},
		"other key":      {func() string { n, _ := other.Sign(10, headHash("x")); return n }(), ErrUnknownKey},
		"no blank line":  {strings.Replace(note, "\n\n", "\n", 1), ErrMalformed},
		"no signature":   {note[:strings.Index(note, "\n\n")+2], ErrMalformed},
		"control char":   {strings.Replace(note, "10", "1\t0", 1), ErrMalformed},
		"truncated":      {note[:len(note)-10] + "\n", ErrMalformed},
		"hyphen for em":  {strings.Replace(note, "\u2014", "-", 1), ErrMalformed},
		"leading zeroes": {strings.Replace(note, "\n10\n", "\n010\n", 1), ErrBadSignature},
	} {
		if _, err := v.Open(tc.note); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	// A note with the other key's signature too still opens with ours.
	n2, _ := other.Sign(10, headHash("x"))
	both := note + n2[strings.Index(n2, "\n\n")+2:]
	if _, err := v.Open(both); err != nil {
		t.Errorf("cosigned note: %v", err)
	}
}

func TestNotesOfAFile(t *testing.T) {
	s := testSigner(t, 3)
	var all []string
	var file string
	for i := range 4 {
		n, _ := s.Sign(int64(i*10), headHash(strings.Repeat("a", i)))
		all = append(all, n)
		file += n
		if i == 2 {
			file += "\n" // blank lines between notes are allowed
		}
	}
	got, err := Notes([]byte(file))
	if err != nil || len(got) != 4 {
		t.Fatalf("%d notes, %v", len(got), err)
	}
	for i := range got {
		if got[i] != all[i] {
			t.Errorf("note %d:\n%q\nwant\n%q", i+1, got[i], all[i])
		}
	}
	// A file cut in the middle of a note is damaged, and says where.
	for _, cut := range []int{len(file) - 5, len(file) - len(all[3]) + 20} {
		got, err := Notes([]byte(file[:cut]))
		if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "note 4") || len(got) != 3 {
			t.Errorf("cut at %d: %d notes, %v", cut, len(got), err)
		}
	}
}

func TestKeyFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "audit-checkpoint.key")
	// Processes starting together agree on one key.
	var wg sync.WaitGroup
	names := make([]string, 8)
	created := make([]bool, 8)
	for i := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, c, err := LoadOrCreateKey(path)
			if err != nil {
				t.Error(err)
				return
			}
			names[i], created[i] = s.Verifier().String(), c
		}()
	}
	wg.Wait()
	n := 0
	for i := range names {
		if names[i] != names[0] {
			t.Fatalf("two keys: %s and %s", names[0], names[i])
		}
		if created[i] {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d processes created the key", n)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", fi, err)
	}
	b, _ := os.ReadFile(path)
	if s, err := ParseKey(string(b)); err != nil || s.Verifier().String() != names[0] {
		t.Errorf("key file holds %q: %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadKey(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("a key others may read: %v", err)
	}
}

func TestAppendNote(t *testing.T) {
	s := testSigner(t, 4)
	path := filepath.Join(t.TempDir(), "audit-checkpoints")
	var want []string
	for i := range 3 {
		n, _ := s.Sign(int64(i), headHash(string(rune('a'+i))))
		if err := AppendNote(path, n); err != nil {
			t.Fatal(err)
		}
		want = append(want, n)
	}
	got, err := ReadFile(path)
	if err != nil || strings.Join(got, "") != strings.Join(want, "") {
		t.Fatalf("%q %v", got, err)
	}
}

// TestDocumentedExample: the example note of the README and the package
// documentation is what the example key signs.
func TestDocumentedExample(t *testing.T) {
	seed := sha256.Sum256([]byte("crosscase README example key"))
	s, err := NewSigner(seed[:])
	if err != nil {
		t.Fatal(err)
	}
	note := "crosscase-audit/7b45c8bff45a8a06\n1234\n8FBX21VsUR/uh7pSfzClYxMTaES0WCRkXVnfUxdZ8C0=\n\n" +
		"\u2014 crosscase-audit/7b45c8bff45a8a06 mlAzxJRrSBwwwzQeQoTTAt0ZAwwbRIb3gNNXqkotohOlmrvugPPaE3vUmbrmW7iMyEMdrrTtYfmzBV3oaoQ9h8oMXQE=\n"
	if got, _ := s.Sign(1234, headHash("entry 1234")); got != note {
		t.Errorf("signed:\n%s", got)
	}
	if s.Verifier().String() != "crosscase-audit/7b45c8bff45a8a06+9a5033c4+AQMUFxaeFfrvWrejzFh08hYnkpojgZ/KgE4rqJNgxxd0" {
		t.Errorf("verifier key %s", s.Verifier())
	}
}
