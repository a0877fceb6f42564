// Package checkpoint signs and checks checkpoints of the audit log: the
// number of entries the log had and the hash of the last of them, signed
// with an Ed25519 key that the database does not hold. A checkpoint kept
// outside the database proves that the log had at least that many
// entries, ending in that hash; the chain alone proves only their order.
//
// A checkpoint is a C2SP signed note (https://c2sp.org/signed-note)
// whose text follows the C2SP checkpoint format
// (https://c2sp.org/tlog-checkpoint), with the head hash of the audit
// chain in place of a Merkle tree root:
//
//	crosscase-audit/7b45c8bff45a8a06
//	1234
//	8FBX21VsUR/uh7pSfzClYxMTaES0WCRkXVnfUxdZ8C0=
//
//	— crosscase-audit/7b45c8bff45a8a06 mlAzxJRrSBwwwzQeQoTTAt0ZAwwbRIb3gNNXqkotohOlmrvugPPaE3vUmbrmW7iMyEMdrrTtYfmzBV3oaoQ9h8oMXQE=
//
// The first line is the origin, which is also the key's name; the second
// the number of entries (the sequence number of the last); the third the
// base64 of that entry's SHA-256 hash. After a blank line come signature
// lines: an em dash (U+2014), a space, the key name, a space, and the
// base64 of the 4-byte key ID followed by the 64-byte Ed25519 signature of
// the text above the blank line (newlines included). The key ID is the
// first four bytes of SHA-256(key name, 0x0A, 0x01, public key).
//
// Only the standard library is used.
package checkpoint

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sigPrefix begins every signature line: an em dash and a space.
const sigPrefix = "\u2014 "

// algEd25519 is the signature type of Ed25519 in key IDs and verifier keys.
const algEd25519 = 0x01

// namePrefix begins the key name (and origin) of every crosscase key.
const namePrefix = "crosscase-audit/"

// MaxNoteBytes bounds the size of one note read back.
const MaxNoteBytes = 4096

// Errors of Open. Every error it returns wraps one of them.
var (
	// ErrMalformed: the text is not a signed checkpoint.
	ErrMalformed = errors.New("not a well-formed checkpoint")
	// ErrUnknownKey: the note carries no signature by the verifier's key.
	ErrUnknownKey = errors.New("not signed by this key")
	// ErrBadSignature: the note names the verifier's key, but the
	// signature does not verify: the text was changed or forged.
	ErrBadSignature = errors.New("signature does not verify")
)

// Checkpoint is what a note states: the log Origin had Size entries, the
// last of which has the hash Hash (hex, as the audit log stores it).
type Checkpoint struct {
	Origin string
	Size   int64
	Hash   string
}

// text returns the note text of c, the part its signatures cover.
func (c Checkpoint) text() (string, error) {
	h, err := hex.DecodeString(c.Hash)
	if err != nil || len(h) != sha256.Size {
		return "", fmt.Errorf("checkpoint: head hash %q is not a hex SHA-256", c.Hash)
	}
	if c.Size < 0 {
		return "", fmt.Errorf("checkpoint: negative size %d", c.Size)
	}
	if !validName(c.Origin) {
		return "", fmt.Errorf("checkpoint: origin %q is not a valid name", c.Origin)
	}
	return c.Origin + "\n" + strconv.FormatInt(c.Size, 10) + "\n" + base64.StdEncoding.EncodeToString(h) + "\n", nil
}

// validName reports whether s may be a key name: non-empty UTF-8 without
// spaces or '+'.
func validName(s string) bool {
	if s == "" || !utf8.ValidString(s) || strings.ContainsRune(s, '+') {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r < 0x20 {
			return false
		}
	}
	return true
}

// keyID is the C2SP key ID of an Ed25519 key named name.
func keyID(name string, pub ed25519.PublicKey) uint32 {
	h := sha256.New()
	h.Write([]byte(name))
	h.Write([]byte{'\n', algEd25519})
	h.Write(pub)
	return binary.BigEndian.Uint32(h.Sum(nil)[:4])
}

// KeyName is the name of the key pub, which is also the origin line of
// its checkpoints: "crosscase-audit/" and the first 16 hex digits of the
// SHA-256 of the public key. Each key names its own log, so a checkpoint
// of one deployment is never taken for another's.
func KeyName(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return namePrefix + hex.EncodeToString(h[:8])
}

// Signer signs checkpoints with a private key.
type Signer struct {
	key ed25519.PrivateKey
	v   *Verifier
}

// NewSigner returns the signer of the 32-byte Ed25519 seed.
func NewSigner(seed []byte) (*Signer, error) {
	if len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("checkpoint key: %d bytes, want a %d-byte Ed25519 seed", len(seed), ed25519.SeedSize)
	}
	key := ed25519.NewKeyFromSeed(seed)
	return &Signer{key: key, v: NewVerifier(key.Public().(ed25519.PublicKey))}, nil
}

// Name is the key's name and its checkpoints' origin.
func (s *Signer) Name() string { return s.v.name }

// Verifier returns the verifier of the signer's public key.
func (s *Signer) Verifier() *Verifier { return s.v }

// Sign returns the signed note stating that the log has size entries
// and that the last has the hex hash head.
func (s *Signer) Sign(size int64, head string) (string, error) {
	text, err := Checkpoint{Origin: s.v.name, Size: size, Hash: head}.text()
	if err != nil {
		return "", err
	}
	sig := make([]byte, 4, 4+ed25519.SignatureSize)
	binary.BigEndian.PutUint32(sig, s.v.id)
	sig = append(sig, ed25519.Sign(s.key, []byte(text))...)
	return text + "\n" + sigPrefix + s.v.name + " " + base64.StdEncoding.EncodeToString(sig) + "\n", nil
}

// Verifier checks checkpoints against a public key.
type Verifier struct {
	name string
	id   uint32
	pub  ed25519.PublicKey
}

// NewVerifier returns the verifier of an Ed25519 public key, named by
// KeyName.
func NewVerifier(pub ed25519.PublicKey) *Verifier {
	name := KeyName(pub)
	return &Verifier{name: name, id: keyID(name, pub), pub: pub}
}

// Name is the key's name and its checkpoints' origin.
func (v *Verifier) Name() string { return v.name }

// String returns the verifier key in the signed-note "vkey" encoding:
// name+hex(key ID)+base64(0x01 || public key).
func (v *Verifier) String() string {
	return fmt.Sprintf("%s+%08x+%s", v.name, v.id, base64.StdEncoding.EncodeToString(append([]byte{algEd25519}, v.pub...)))
}

// ParseVerifier reads a verifier key: the vkey encoding String writes,
// or the bare base64 of a 32-byte Ed25519 public key.
func ParseVerifier(s string) (*Verifier, error) {
	s = strings.TrimSpace(s)
	if pub, err := base64.StdEncoding.DecodeString(s); err == nil && len(pub) == ed25519.PublicKeySize {
		return NewVerifier(ed25519.PublicKey(pub)), nil
	}
	// The key's base64 may itself contain '+': split at the first two.
	name, rest, ok := strings.Cut(s, "+")
	idHex, keyB64, ok2 := strings.Cut(rest, "+")
	if !ok || !ok2 {
		return nil, fmt.Errorf("checkpoint public key: not a verifier key (name+id+key) nor the base64 of a 32-byte Ed25519 key")
	}
	id, err := strconv.ParseUint(idHex, 16, 32)
	if err != nil || len(idHex) != 8 {
		return nil, fmt.Errorf("checkpoint public key: key ID %q is not 8 hex digits", idHex)
	}
	raw, err := base64.StdEncoding.DecodeString(keyB64)
	if err != nil || len(raw) != 1+ed25519.PublicKeySize || raw[0] != algEd25519 {
		return nil, fmt.Errorf("checkpoint public key: not an Ed25519 verifier key")
	}
	v := NewVerifier(ed25519.PublicKey(raw[1:]))
	if v.name != name || uint32(id) != v.id {
		return nil, fmt.Errorf("checkpoint public key: name or key ID does not belong to the key (want %s)", v)
	}
	return v, nil
}

// signature is one signature line of a note.
type signature struct {
	name string
	id   uint32
	sig  []byte
}

// split separates a note into its text and its signature lines, checking
// the signed-note syntax.
func split(note string) (string, []signature, error) {
	if len(note) > MaxNoteBytes {
		return "", nil, fmt.Errorf("%w: longer than %d bytes", ErrMalformed, MaxNoteBytes)
	}
	if !utf8.ValidString(note) {
		return "", nil, fmt.Errorf("%w: not UTF-8", ErrMalformed)
	}
	for _, r := range note {
		if r < 0x20 && r != '\n' {
			return "", nil, fmt.Errorf("%w: control character", ErrMalformed)
		}
	}
	i := strings.LastIndex(note, "\n\n")
	if i < 0 || !strings.HasSuffix(note, "\n") {
		return "", nil, fmt.Errorf("%w: no blank line before the signatures", ErrMalformed)
	}
	text, sigs := note[:i+1], note[i+2:]
	var out []signature
	for _, line := range strings.SplitAfter(sigs, "\n") {
		if line == "" {
			continue
		}
		rest, ok := strings.CutPrefix(line, sigPrefix)
		rest, ok2 := strings.CutSuffix(rest, "\n")
		name, b64, ok3 := strings.Cut(rest, " ")
		if !ok || !ok2 || !ok3 || !validName(name) {
			return "", nil, fmt.Errorf("%w: bad signature line", ErrMalformed)
		}
		raw, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(raw) < 5 {
			return "", nil, fmt.Errorf("%w: bad signature line", ErrMalformed)
		}
		out = append(out, signature{name: name, id: binary.BigEndian.Uint32(raw), sig: raw[4:]})
	}
	if len(out) == 0 {
		return "", nil, fmt.Errorf("%w: no signature", ErrMalformed)
	}
	return text, out, nil
}

// parseText reads the checkpoint a note's text states.
func parseText(text string) (Checkpoint, error) {
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return Checkpoint{}, fmt.Errorf("%w: fewer than three lines", ErrMalformed)
	}
	c := Checkpoint{Origin: lines[0]}
	if !validName(c.Origin) {
		return Checkpoint{}, fmt.Errorf("%w: bad origin line", ErrMalformed)
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return Checkpoint{}, fmt.Errorf("%w: bad size line %q", ErrMalformed, lines[1])
	}
	c.Size = size
	h, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(h) != sha256.Size {
		return Checkpoint{}, fmt.Errorf("%w: bad hash line", ErrMalformed)
	}
	c.Hash = hex.EncodeToString(h)
	for _, ext := range lines[3:] {
		if ext == "" {
			return Checkpoint{}, fmt.Errorf("%w: empty extension line", ErrMalformed)
		}
	}
	return c, nil
}

// Parse reads the checkpoint a note states without checking any
// signature; what it says may be false.
func Parse(note string) (Checkpoint, error) {
	text, _, err := split(note)
	if err != nil {
		return Checkpoint{}, err
	}
	return parseText(text)
}

// Open checks the note's signature by v's key and returns the checkpoint
// it states. A note without a signature line of v's key is ErrUnknownKey;
// one whose signature line of v's key does not verify is ErrBadSignature.
func (v *Verifier) Open(note string) (Checkpoint, error) {
	text, sigs, err := split(note)
	if err != nil {
		return Checkpoint{}, err
	}
	found := false
	for _, s := range sigs {
		if s.name != v.name || s.id != v.id {
			continue
		}
		if len(s.sig) != ed25519.SignatureSize || !ed25519.Verify(v.pub, []byte(text), s.sig) {
			return Checkpoint{}, ErrBadSignature
		}
		found = true
		break
	}
	if !found {
		return Checkpoint{}, ErrUnknownKey
	}
	c, err := parseText(text)
	if err != nil {
		return Checkpoint{}, err
	}
	if c.Origin != v.name {
		return Checkpoint{}, fmt.Errorf("%w: origin %q is not the key's log %q", ErrMalformed, c.Origin, v.name)
	}
	return c, nil
}

// Notes splits the contents of a checkpoint file into its notes, in
// order. Notes follow one another, optionally separated by blank lines;
// each ends after its last signature line. An incomplete or malformed
// note is an error naming its number.
func Notes(data []byte) ([]string, error) {
	var notes []string
	var cur bytes.Buffer
	state := 0 // 0: between notes, 1: in a note's text, 2: after the blank line, 3: in its signatures
	lines := strings.SplitAfter(string(data), "\n")
	end := func() error {
		note := cur.String()
		cur.Reset()
		if _, _, err := split(note); err != nil {
			return fmt.Errorf("note %d: %w", len(notes)+1, err)
		}
		notes = append(notes, note)
		return nil
	}
	for _, line := range lines {
		if line == "" {
			continue
		}
		if !strings.HasSuffix(line, "\n") {
			return notes, fmt.Errorf("note %d: %w: the file ends in the middle of a line", len(notes)+1, ErrMalformed)
		}
		switch state {
		case 0:
			if line == "\n" {
				continue
			}
			cur.WriteString(line)
			state = 1
		case 1:
			cur.WriteString(line)
			if line == "\n" {
				state = 2
			}
		case 2:
			if !strings.HasPrefix(line, sigPrefix) {
				return notes, fmt.Errorf("note %d: %w: no signature after the blank line", len(notes)+1, ErrMalformed)
			}
			cur.WriteString(line)
			state = 3
		case 3:
			if strings.HasPrefix(line, sigPrefix) {
				cur.WriteString(line)
				continue
			}
			if err := end(); err != nil {
				return notes, err
			}
			state = 0
			if line != "\n" {
				cur.WriteString(line)
				state = 1
			}
		}
		if cur.Len() > MaxNoteBytes {
			return notes, fmt.Errorf("note %d: %w: longer than %d bytes", len(notes)+1, ErrMalformed, MaxNoteBytes)
		}
	}
	switch state {
	case 3:
		if err := end(); err != nil {
			return notes, err
		}
	case 1, 2:
		return notes, fmt.Errorf("note %d: %w: the file ends before its signature", len(notes)+1, ErrMalformed)
	}
	return notes, nil
}
