package match

// Spellings of one name in two romanisations.
//
// Arabic, Persian, Pashto, Urdu, Russian and Chinese names reach a
// register in Latin letters as each police force, embassy or newspaper
// wrote them: Osama and Usama, Laden and Ladin, Gaddafi, Qaddafi and
// Kadhafi, Muammar and Moammar, Mohamed and Muhammad, Hussein and Husayn.
// These are not slips of the hand but the normal case, and two of them
// in one name must not count as two typos. spellingVariant compares two
// parts on a folded reading in which the letters that romanisations
// write for one sound agree:
//
//   - vowels that romanisations put for one another: a and e, e and i,
//     o and u (ou and oo are u, y between consonants or at the end is i,
//     a doubled vowel is one vowel); never a on one side and i, o or u
//     on the other (Jamal and Jamil, Maria and Mario, Hassan and Hussein
//     stay two names), and no vowel is added or dropped;
//   - consonants that romanisations write for one letter: k, q, c (not
//     before e, i, y), ck, g and gh (ق); kh and h (خ, ح); d, t, dh and
//     th (د, ذ, ض, ت, ث); s, z and soft c; sh, ch and sch (ش); j and y
//     before a vowel (Yusuf, Jusuf); v and w; f and ph; a doubled
//     consonant is one. Not dj, dzh or zh for j (Djamel, Jamal): Serbian
//     writes Đ, Dž, Ž and J for four sounds (Đokić and Jokić are two
//     names);
//   - the article written into a name: Abdul, Abdel, Abdal and Abdoul
//     (عبد ال), -uddin, -eddine, -addin (الدين); a final e after -in that
//     French spelling writes and does not sound (Amine, Amin).
//
// Only parts of four letters or more, at most two letters apart in
// length, whose reading has two consonants and four sounds are compared
// so: a shorter skeleton is not selective (Ali, Aly). Two given names of
// the project's name lists (match/nicknames) that the lists do not give
// as forms of one name are two names however alike their spellings
// (Allen, Ellen). tokenSim counts such parts as it counts parts of one
// phonetic key: another spelling, not a slip.

// foldUnit is one sound of a folded reading: a consonant class (c), or
// a run of vowels (v[:n], c == 0).
type foldUnit struct {
	c byte
	n uint8
	v [4]byte
}

// foldReader reads a part sound by sound.
type foldReader struct {
	s    string
	i    int
	last byte // the class of the consonant read last, to read a doubled one once
}

func foldVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// vowelAt reports whether s[i] is a vowel of the folded reading: y is
// one unless a vowel follows it.
func vowelAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if s[i] == 'y' {
		return i+1 >= len(s) || !foldVowel(s[i+1])
	}
	return foldVowel(s[i])
}

// next returns the next sound of r, and false at the end.
func (r *foldReader) next() (foldUnit, bool) {
	s := r.s
	for r.i < len(s) {
		i := r.i
		if i >= 4 && i == len(s)-1 && s[i] == 'e' && s[i-1] == 'n' && s[i-2] == 'i' {
			// A final e French spelling writes after -in and does not
			// sound: Amine, Amin; Eddine, uddin.
			r.i = len(s)
			return foldUnit{}, false
		}
		if vowelAt(s, i) {
			var u foldUnit
			j := i
			for j < len(s) && vowelAt(s, j) {
				c := s[j]
				if c == 'y' {
					c = 'i'
				}
				switch {
				case c == 'o' && j+1 < len(s) && (s[j+1] == 'u' || s[j+1] == 'o'):
					c = 'u'
					j++
				case u.n > 0 && u.v[u.n-1] == c:
					j++
					continue
				}
				if u.n == uint8(len(u.v)) {
					return foldUnit{}, false // no name part has such a run
				}
				u.v[u.n] = c
				u.n++
				j++
			}
			if article(s, i, j) {
				u.n, u.v[0] = 1, 'a'
			}
			r.i, r.last = j, 0
			return u, true
		}
		c, n := consonantClass(s, i)
		r.i += n
		if c == 0 {
			continue // not a letter
		}
		if c == r.last {
			continue // a doubled consonant: Mohammed, Mohamed
		}
		r.last = c
		return foldUnit{c: c}, true
	}
	return foldUnit{}, false
}

// article reports whether the vowels s[i:j] are those of the Arabic
// article written into a name: Abdul, Abdel, Abdoul (abd-l); -uddin,
// -eddine, -uddeen at the end.
func article(s string, i, j int) bool {
	if i == 3 && s[:3] == "abd" && j < len(s) && s[j] == 'l' {
		return true
	}
	if i == 0 {
		return false
	}
	e := s[j:]
	return e == "ddin" || e == "ddine" || e == "ddeen"
}

// consonantClass returns the class of the consonant that starts at s[i]
// and how many letters it takes; 0 for a byte that is no letter.
func consonantClass(s string, i int) (byte, int) {
	c := s[i]
	var n byte
	if i+1 < len(s) {
		n = s[i+1]
	}
	switch c {
	case 'k', 'q', 'g':
		if n == 'h' {
			if c == 'k' {
				return 'h', 2 // kh: خ
			}
			return 'k', 2 // gh, qh
		}
		return 'k', 1
	case 'c':
		switch n {
		case 'k':
			return 'k', 2
		case 'h':
			return 'x', 2 // ch: ش in French spelling (Chafik)
		case 'e', 'i', 'y':
			return 's', 1
		}
		return 'k', 1
	case 'd':
		if n == 'h' {
			return 'd', 2
		}
		return 'd', 1
	case 't':
		if n == 'h' {
			return 'd', 2
		}
		return 'd', 1
	case 's':
		if n == 'h' {
			return 'x', 2
		}
		if n == 'c' && i+2 < len(s) && s[i+2] == 'h' {
			return 'x', 3
		}
		return 's', 1
	case 'z':
		return 's', 1
	case 'j', 'y':
		return 'j', 1
	case 'v', 'w':
		return 'v', 1
	case 'p':
		if n == 'h' {
			return 'f', 2
		}
		return 'p', 1
	case 'b', 'f', 'h', 'l', 'm', 'n', 'r', 'x':
		return c, 1
	}
	return 0, 1
}

// vowelsAgree reports whether two runs of vowels can be one sound in two
// romanisations: as long, and letter by letter the same or a and e, e
// and i, o and u.
func vowelsAgree(x, y *foldUnit) bool {
	if x.n != y.n {
		return false
	}
	for k := uint8(0); k < x.n; k++ {
		a, b := min(x.v[k], y.v[k]), max(x.v[k], y.v[k])
		if a != b && !(a == 'a' && b == 'e') && !(a == 'e' && b == 'i') && !(a == 'o' && b == 'u') {
			return false
		}
	}
	return true
}

// spellingVariant reports whether a and b (lower-case ASCII parts) are one
// name in two romanisations (see above).
func spellingVariant(a, b string) bool {
	// Cheap refusals first: tokenSim asks this of most pairs it compares.
	if len(a) < 4 || len(b) < 4 || len(a)-len(b) > 2 || len(b)-len(a) > 2 || a == b {
		return false
	}
	if a[0] != b[0] && !letterAgrees(a, 0, b, 0) || a[len(a)-1] != b[len(b)-1] && !letterAgrees(a, len(a)-1, b, len(b)-1) {
		return false
	}
	ra, rb := foldReader{s: a}, foldReader{s: b}
	cons, sounds := 0, 0
	for {
		x, okx := ra.next()
		y, oky := rb.next()
		if !okx || !oky {
			if okx || oky || ra.i < len(a) || rb.i < len(b) {
				return false
			}
			break
		}
		if x.c != y.c || x.c == 0 && !vowelsAgree(&x, &y) {
			return false
		}
		if x.c != 0 {
			cons++
		}
		sounds++
	}
	if cons < 2 || sounds < 4 {
		return false
	}
	ga, gb := nicknameGroups[a], nicknameGroups[b]
	return len(ga) == 0 || len(gb) == 0 || shareGroup(ga, gb)
}

// letterAgrees is a cheap refusal for spellingVariant: whether the
// letters a[i] and b[j], the first or the last of two parts, can be one
// sound of the folded reading. It answers yes where a letter's sound
// depends on its neighbours (c; an h after a consonant; a y; the final e
// of -ine).
func letterAgrees(a string, i int, b string, j int) bool {
	x, y := letterKind(a, i), letterKind(b, j)
	if x == '?' || y == '?' || x == y {
		return true
	}
	x, y = min(x, y), max(x, y)
	return x == 'a' && y == 'e' || x == 'e' && y == 'i' || x == 'o' && y == 'u'
}

// letterKind is the kind of the letter s[i] for letterAgrees: a vowel
// itself, a consonant its class, '?' when its neighbours decide.
func letterKind(s string, i int) byte {
	k := letterKinds[s[i]]
	switch k {
	case 'a', 'o', 'u', 'i', '?':
		return k
	case 'e':
		if i >= 2 && i == len(s)-1 && s[i-1] == 'n' {
			return '?' // Amine, Amin
		}
		return k
	case 'h':
		if i > 0 && !foldVowel(s[i-1]) {
			return '?' // the second letter of kh, gh, sh, th, dh, ph
		}
		return k
	}
	if i+1 < len(s) && s[i+1] == 'h' {
		return '?'
	}
	return k
}

// letterKinds maps a letter to its kind for letterKind: vowels
// themselves; c and y '?'; other letters their consonant class; 0 for
// a byte that is no letter.
var letterKinds = func() (t [256]byte) {
	for c := 'a'; c <= 'z'; c++ {
		k, _ := consonantClass(string(c), 0)
		t[c] = k
	}
	for _, c := range "aeiou" {
		t[c] = byte(c)
	}
	t['c'], t['y'] = '?', '?'
	return t
}()
