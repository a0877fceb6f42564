package match

import (
	"math"
	"math/bits"
	"strings"

	"crosscase"
)

// how says how a field agreed; howNames spells it for FieldScore.How.
type how uint8

const (
	howDifferent how = iota
	howExact
	howPhonetic
	howTypo
	howInitial
	howPartial
	howSwapped
	howDayMonthSwapped
	howYearOnly
	howSameYear
	howSpacing
	howYearTypo // years of birth one digit apart, only the year known
	howUnknown  // not known on either side; never reported
	howNickname
	howPartDiffers
	howParentSwapped
)

var howNames = [...]string{
	howDifferent:       "different",
	howExact:           "exact",
	howPhonetic:        "phonetic",
	howTypo:            "typo",
	howInitial:         "initial",
	howPartial:         "partial",
	howSwapped:         "swapped",
	howDayMonthSwapped: "day_month_swapped",
	howYearOnly:        "year_only",
	howSameYear:        "same_year",
	howSpacing:         "spacing",
	howYearTypo:        "typo",
	howUnknown:         "unknown",
	howNickname:        "nickname",
	howPartDiffers:     "part_differs",
	howParentSwapped:   "parent_swapped",
}

// Token similarities: 1 for equal tokens, simPhonetic for equal phonetic
// keys, simEdit[d] for tokens (or keys) d edits apart, simInitial for an
// initial against a name; 0 for different names.
const (
	simPhonetic = 0.95
	simInitial  = 0.7
	minEditLen  = 4 // shorter tokens must agree exactly or phonetically
)

var simEdit = [...]float64{1: 0.9, 2: 0.85, 3: 0.8}

// editsAllowed is how many edits two tokens of which the longer has n
// letters may be apart and still count as one name misspelt.
func editsAllowed(n int) int {
	switch {
	case n >= 11:
		return 3
	case n >= 7:
		return 2
	}
	return 1
}

// personWeights are the agreement and disagreement weights of the person
// fields, in natural-log odds (Fellegi–Sunter): a field that agrees adds
// its agreement weight, one that disagrees adds its (negative)
// disagreement weight, an unknown field adds nothing, and a partial
// agreement (a typo, a phonetic match) lies in between in proportion to
// the token similarity. The score is 100·σ(Prior + Σ weights), so it
// reads as the percentage odds that the two records are one person.
type personWeights struct {
	Prior                  float64
	FamilyAgree, FamilyDis float64
	GivenAgree, GivenDis   float64
	Birth                  [howYearTypo + 1]float64 // weight of each way dates compare
	BirthDis               float64
	// Added when a name part is missing on either side: a record that
	// says less is weaker evidence.
	FamilyUnknown, GivenUnknown float64
	// Caps on the score when the family name or the date of birth is
	// unknown on either side: names alone are at most "probably" the same.
	CapNoFamily, CapNoBirth int
	// Cap on the score when only a year of birth is known on either side:
	// a year alone never makes it "almost certain".
	CapYearOnly int
	// Cap on the score when a name part disagrees: twins share a family
	// name and a date of birth, so that is at most "probably".
	CapNameDiffers int
	// Identity numbers: the same number, one a slip of the other, or
	// different numbers (a person may hold several documents, so that
	// counts less against than a different name). An equal number lifts CapNoBirth and
	// CapYearOnly: it says more than a date of birth.
	IDAgree, IDSlip, IDDis float64
	// Addresses: the weight at full agreement and at none; a partial
	// agreement lies in between (people move, so none counts little).
	AddressAgree, AddressDis float64
	// Nationalities: the same, or different (people hold two).
	NationalityAgree, NationalityDis float64
}

var defaultWeights = personWeights{
	Prior:       -6,
	FamilyAgree: 5, FamilyDis: -3.5,
	GivenAgree: 3.5, GivenDis: -2,
	Birth: [...]float64{
		howExact:           6,
		howDayMonthSwapped: 4.5,
		howTypo:            2.7,
		howYearOnly:        3,
		howSameYear:        -1.5,
		howYearTypo:        0,
	},
	FamilyUnknown:  -1.5,
	GivenUnknown:   -1,
	BirthDis:       -1.8,
	CapNoFamily:    85,
	CapNoBirth:     88,
	CapYearOnly:    89,
	CapNameDiffers: 89,
	IDAgree:        8, IDSlip: 4, IDDis: -2.5,
	AddressAgree: 2.5, AddressDis: -0.5,
	NationalityAgree: 0.5, NationalityDis: -1,
}

// maxCmpTokens bounds the tokens Compare looks at per record.
const maxCmpTokens = maxGivenTokens + maxFamilyTokens

// tokenSim returns how similar two name tokens are (plain forms a, b and
// phonetic keys pa, pb without marker), 0 when they are different names.
func tokenSim(a, pa, b, pb string, initials bool) (float64, how) {
	if a == b {
		return 1, howExact
	}
	if isArabicKey(pa) || isArabicKey(pb) {
		return arabicSim(a, pa, b, pb, initials) // written in Arabic script
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0, howDifferent
	}
	if la == 1 || lb == 1 {
		// An initial agrees with a name spelt with the same first letter,
		// or the same first sound (V. and Wjatscheslaw, G. and Halyna).
		if initials && (a[0] == b[0] || len(pa) > 0 && len(pb) > 0 && pa[0] == pb[0] && initialVariant(a[0], b[0])) &&
			!isOrdinal(a) && !isOrdinal(b) {
			return simInitial, howInitial
		}
		return 0, howDifferent
	}
	// The phonetic keys' forms are asked too (Aleksandr, Alexandra), but
	// only of parts whose last letters differ: the keys drop a final h,
	// which must not make Saleh the feminine of Salah.
	if genderVariant(a, b) || a[la-1] != b[lb-1] && genderVariant(pa, pb) || hasDigit(a) || hasDigit(b) {
		// Numbers in a name (Rossi2) tell people apart; they are not typos.
		return 0, howDifferent
	}
	if pa == pb || inflected(a, b) || spellingVariant(a, b) {
		// Another spelling: Osama, Usama; Gaddafi, Kadhafi (translit_fold.go).
		return simPhonetic, howPhonetic
	}
	if min(la, lb) < minEditLen {
		// A short name with a letter dropped or added (Ban, Banc; Rya, Ryan).
		if min(la, lb) == minEditLen-1 && la != lb && damerau(a, b, 1) == 1 {
			return simEdit[2], howTypo
		}
		return 0, howDifferent
	}
	allowed := editsAllowed(max(la, lb))
	d, h := allowed+1, howTypo
	if !lettersApart(a, b, allowed) {
		d = damerau(a, b, allowed)
	}
	if d > 0 && !lettersApart(pa, pb, allowed) {
		if dp := damerau(pa, pb, allowed); dp < d {
			d, h = dp, howPhonetic
		}
	}
	if d > allowed || d == 1 && h == howTypo && distinctNames(a, b) {
		return 0, howDifferent
	}
	if a[0] != b[0] && pa[0] != pb[0] {
		// A different first letter is seldom a slip (Fernandez, Hernandez).
		return simEdit[len(simEdit)-1], h
	}
	return simEdit[d], h
}

// initialVariant reports whether two first letters can be one letter of
// another script read two ways (Г g or h, В v or w, Ю Я j or y, К c or
// k): W. is not Fiona, nor J. Irene, though their first sounds share a
// phonetic key.
func initialVariant(x, y byte) bool {
	v := func(c byte) byte {
		switch c {
		case 'h':
			return 'g'
		case 'w':
			return 'v'
		case 'y':
			return 'j'
		case 'k':
			return 'c'
		}
		return c
	}
	return v(x) == v(y)
}

// isOrdinal reports whether t is a roman ordinal of two letters or more
// (II, III, IV): not a name an initial stands for.
func isOrdinal(t string) bool {
	return len(t) > 1 && generation[t] == t
}

// lettersApart reports whether a and b are surely more than allowed
// edits apart because the sets of letters they use differ in more than
// 2·allowed letters (an edit changes at most two): a cheap test before
// the edit distance.
func lettersApart(a, b string, allowed int) bool {
	return bits.OnesCount32(letterSet(a)^letterSet(b)) > 2*allowed
}

// letterSet has bit c-'a' set for each letter c of s (digits share bit 26).
func letterSet(s string) uint32 {
	var m uint32
	for i := 0; i < len(s); i++ {
		c := s[i] - 'a'
		if c >= 26 {
			c = 26
		}
		m |= 1 << c
	}
	return m
}

// genderVariant reports whether a and b are the male and female forms of
// one name: Petrov/Petrova, Kowalski/Kowalska, Novotný/Novotná,
// Dostoevsky/Dostoevskaya, Ivan/Ivana, Aleksandr/Aleksandra,
// Papadopoulos/Papadopoulou, Papadakis/Papadaki, and the endings of
// otherSexEnding. They are different people, however alike the spelling.
func genderVariant(a, b string) bool {
	if otherSexEnding(a, b) || otherSexEnding(b, a) {
		return true
	}
	fa, fb := endsWith(a, "a"), endsWith(b, "a")
	if fa != fb {
		if fa {
			a, b = b, a // a is the masculine, b the feminine form
		}
		sa, sb := trimVowels(a), trimVowels(b)
		if len(sa) >= 3 && (sa == sb ||
			// Aleksander, Aleksandra
			endsWith(sa, "er") && len(sb) == len(sa)-1 && sb == sa[:len(sa)-2]+"r") {
			return true
		}
	}
	// Greek: masculine -os/-is/-as, feminine -ou/-i/-a.
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) < 4 {
		return false
	}
	switch {
	case len(b) == len(a)+1 && b[:len(a)] == a && b[len(b)-1] == 's' && (endsWith(b, "is") || endsWith(b, "as")):
		return true
	case len(a) == len(b) && endsWith(a, "ou") && endsWith(b, "os") && a[:len(a)-2] == b[:len(b)-2],
		len(a) == len(b) && endsWith(b, "ou") && endsWith(a, "os") && a[:len(a)-2] == b[:len(b)-2]:
		return true
	}
	return false
}

// distinctNames reports whether a and b, one edit apart, are two given
// names of the name lists that are not forms of one name (Marin and
// Martin, Alice and Aline, Mark and Mary, Harry and Larry), and the edit
// is one that spellings of one name do not make: not a vowel, h, y or j
// added or dropped, a doubled letter, a vowel for a vowel, c for k, w
// for v, z for s, j for i or y, two letters swapped (Jon and John, Dana
// and Dina, Carl and Karl, Ivan and Iwan, Sergei and Sergej stay a slip,
// as does a name of the lists beside one that is not).
func distinctNames(a, b string) bool {
	ga, gb := nicknameGroups[a], nicknameGroups[b]
	if len(ga) == 0 || len(gb) == 0 || shareGroup(ga, gb) {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	spelling := func(c byte) bool { return strings.IndexByte("aeiouyhj", c) >= 0 }
	if len(a) < len(b) { // b has one letter more, at i
		c := b[i]
		if i == len(a) && strings.IndexByte("tdsxz", c) >= 0 {
			return false // a final letter French does not sound (Laurent, Lauren)
		}
		return !spelling(c) && (i == 0 || b[i-1] != c) && (i+1 >= len(b) || b[i+1] != c)
	}
	if i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] {
		return false // two letters swapped
	}
	x, y := min(a[i], b[i]), max(a[i], b[i])
	vowel := func(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
	if vowel(x) && vowel(y) {
		return false // Stephan, Stephen; Dana, Dina
	}
	switch string([]byte{x, y}) {
	case "ck", "kq", "cq", "vw", "sz", "cs", "fv", "bp", "dt", "gk", // Carl, Karl
		"ij", "iy", "jy", "hj", "gh", "uv", "uw": // Sergei, Sergej; Jose, Hose; Galina, Halina
		return false
	}
	return true // Mark, Mary; Harry, Larry; Marge, Marie
}

// sexEndings are masculine endings and the feminine endings that take
// their place on one stem: Latin given names (Albertus, Alberta; Cornelius,
// Cornelia), Czech and Slovak family names (Svoboda, Svobodová; Hájek,
// Hájková; Němec, Němcová; Havel, Havlová; not Novák and Nováková: Czech
// writes a foreign woman's name so too, Blytonová for Enid Blyton, and
// one slip does not make Novák of Nováková anyway), Lithuanian
// ones (Kazlauskas, Kazlauskienė, Kazlauskaitė; Petraitis, Petraitienė,
// Petraitytė; Butkus, Butkienė, Butkutė; Grigas, Grigaitė) and Latvian
// ones (Apkalns, Apkalna; Bērziņš, Bērziņa). "" is the bare stem.
var sexEndings = [...]struct{ m, f string }{
	{"us", "a"},
	{"a", "ova"}, {"ek", "kova"}, {"ec", "cova"}, {"el", "lova"},
	{"as", "iene"}, {"as", "aite"}, {"is", "iene"}, {"is", "yte"}, {"us", "iene"},
	{"us", "ute"}, {"ys", "iene"}, {"ys", "yte"}, {"a", "aite"}, {"e", "yte"},
	{"s", "a"},
}

// otherSexEnding reports whether m is a masculine name and f the feminine
// form of it by one of sexEndings, on a stem of three letters or more
// (four before an ending of one letter: Hájek, Hájková; Svoboda,
// Svobodová). Latvian -s and -a must follow a consonant:
// Andreas and Andrea, Lucas and Luca are one name in two languages.
func otherSexEnding(m, f string) bool {
	// Cheap refusals first: tokenSim asks this of most pairs it compares.
	// Every feminine ending ends in a or e, every masculine one in s, a,
	// k, c or l.
	if len(m) < 4 || len(f) < 4 || m[:3] != f[:3] || f[len(f)-1] != 'a' && f[len(f)-1] != 'e' {
		return false
	}
	if c := m[len(m)-1]; c != 's' && c != 'a' && c != 'k' && c != 'c' && c != 'l' {
		return false
	}
	for i := range sexEndings {
		e := &sexEndings[i]
		if !endsWith(m, e.m) || !endsWith(f, e.f) {
			continue
		}
		stem := m[:len(m)-len(e.m)]
		if len(stem)+min(len(e.m), 2) < 5 || f[:len(f)-len(e.f)] != stem {
			continue
		}
		if e.m == "s" && strings.IndexByte("aeiouy", stem[len(stem)-1]) >= 0 {
			continue
		}
		return true
	}
	return false
}

// nominativeEndings are the endings Latvian and Lithuanian give a
// foreign name in the nominative (Napoleons, Deividas, Livingstonas,
// Bonaparts), and Latin gives a name (Ferdinandus, Hendrikus), longest
// first.
var nominativeEndings = [...]string{"us", "as", "is", "ys", "s"}

// inflected reports whether a and b are one name with a nominative
// ending on one side or different ones on each (Napoleons and Napoleon,
// Bonaparts and Bonaparte, Ferdinandus and Ferdinand, Gerards and
// Gerardus). The side without an ending may end in an e the ending
// replaced; stems are four letters or more. Call it after genderVariant:
// Papadakis and Papadaki, Petras and Petra are two people.
func inflected(a, b string) bool {
	// Cheap refusals first: tokenSim asks this of most pairs it compares.
	// Every ending ends in s, adds at most two letters and leaves a stem
	// of four whose start the other name shares.
	la, lb := len(a), len(b)
	if la < 4 || lb < 4 || la-lb > 2 || lb-la > 2 || a[la-1] != 's' && b[lb-1] != 's' || a[:4] != b[:4] {
		return false
	}
	sa, sb := nominativeStem(a), nominativeStem(b)
	if sa == a && sb == b || len(sa) < 4 || len(sb) < 4 {
		return false
	}
	return sa == sb || sa == a && strings.TrimSuffix(sa, "e") == sb || sb == b && strings.TrimSuffix(sb, "e") == sa
}

// nominativeStem returns s without its nominative ending, if it has one
// and keeps four letters.
func nominativeStem(s string) string {
	for _, e := range nominativeEndings {
		if len(s) >= len(e)+4 && s[len(s)-len(e):] == e {
			return s[:len(s)-len(e)]
		}
	}
	return s
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func endsWith(s, suffix string) bool {
	return len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix
}

// trimVowels returns s without its trailing vowels (and y, j).
func trimVowels(s string) string {
	for len(s) > 0 {
		switch s[len(s)-1] {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'j':
			s = s[:len(s)-1]
			continue
		}
		break
	}
	return s
}

// stripMarker returns the phonetic key p without the given-name marker.
func stripMarker(p string) string {
	if len(p) > 0 && p[0] == givenMarker {
		return p[1:]
	}
	return p
}

// simMatrix holds the similarity of every token of one record to every
// token of another.
type simMatrix struct {
	s [maxCmpTokens][maxCmpTokens]float64
	h [maxCmpTokens][maxCmpTokens]how
}

// split returns how many tokens of k Compare uses and how many of them
// belong to the given name (their phonetic keys carry givenMarker).
func split(k *Keys) (n, given int) {
	n = min(len(k.Tokens), len(k.Phonetic), maxCmpTokens)
	for given < n && len(k.Phonetic[given]) > 0 && k.Phonetic[given][0] == givenMarker {
		given++
	}
	return n, given
}

func (m *simMatrix) fill(a, b *Keys, na, nb int, initials bool) {
	// Nickname groups, looked up once per token (persons only).
	var gb [maxCmpTokens][]uint16
	if initials {
		for j := 0; j < nb; j++ {
			gb[j] = nicknameGroups[b.Tokens[j]]
		}
	}
	for i := 0; i < na; i++ {
		pa := stripMarker(a.Phonetic[i])
		var ga []uint16
		if initials {
			ga = nicknameGroups[a.Tokens[i]]
		}
		for j := 0; j < nb; j++ {
			m.s[i][j], m.h[i][j] = tokenSim(a.Tokens[i], pa, b.Tokens[j], stripMarker(b.Phonetic[j]), initials)
			if m.s[i][j] < simNickname && len(ga) > 0 && len(gb[j]) > 0 && shareGroup(ga, gb[j]) {
				m.s[i][j], m.h[i][j] = simNickname, howNickname
			}
		}
	}
}

// group scores the tokens [alo, ahi) of one record against [blo, bhi) of
// the other: each token of the shorter list is matched to its best
// partner in the longer, so a middle name or a second surname on one side
// costs nothing (lists of equal length are matched both ways and the
// results averaged, so that the order of the records does not matter).
// It returns -1 when either list is empty.
func (m *simMatrix) group(alo, ahi, blo, bhi int) (float64, how) {
	na, nb := ahi-alo, bhi-blo
	if na <= 0 || nb <= 0 {
		return -1, howDifferent
	}
	var s float64
	var h how
	switch {
	case na < nb:
		s, h = m.bestOfRows(alo, ahi, blo, bhi)
	case na > nb:
		s, h = m.bestOfCols(alo, ahi, blo, bhi)
	default:
		s1, h1 := m.bestOfRows(alo, ahi, blo, bhi)
		s2, h2 := m.bestOfCols(alo, ahi, blo, bhi)
		s = (s1 + s2) / 2
		switch {
		case s1 < s2:
			h = h1
		case s2 < s1:
			h = h2
		default:
			h = max(h1, h2)
		}
	}
	if h == howExact && na != nb {
		h = howPartial
	}
	return s, h
}

// bestOfRows matches each row token to its best column token and returns
// the mean similarity and how the weakest of them agreed.
func (m *simMatrix) bestOfRows(alo, ahi, blo, bhi int) (float64, how) {
	sum, worst, worstHow := 0.0, 2.0, howDifferent
	for i := alo; i < ahi; i++ {
		best, bh := 0.0, howDifferent
		for j := blo; j < bhi; j++ {
			if m.s[i][j] > best {
				best, bh = m.s[i][j], m.h[i][j]
			}
		}
		sum += best
		if best < worst {
			worst, worstHow = best, bh
		}
	}
	return sum / float64(ahi-alo), worstHow
}

// bestOfCols is bestOfRows the other way round.
func (m *simMatrix) bestOfCols(alo, ahi, blo, bhi int) (float64, how) {
	sum, worst, worstHow := 0.0, 2.0, howDifferent
	for j := blo; j < bhi; j++ {
		best, bh := 0.0, howDifferent
		for i := alo; i < ahi; i++ {
			if m.s[i][j] > best {
				best, bh = m.s[i][j], m.h[i][j]
			}
		}
		sum += best
		if best < worst {
			worst, worstHow = best, bh
		}
	}
	return sum / float64(bhi-blo), worstHow
}

// joinedSim compares one token of one record against several tokens of
// the other run together ("Coulson" and "Coul Son", "Talia" and "Tal
// Ia"). It returns -1 unless one side has one token and the other more.
func joinedSim(a *Keys, alo, ahi int, b *Keys, blo, bhi int) (float64, how) {
	if ahi-alo > 1 && bhi-blo == 1 {
		a, alo, ahi, b, blo, bhi = b, blo, bhi, a, alo, ahi
	}
	if ahi-alo != 1 || bhi-blo < 2 {
		return -1, howDifferent
	}
	var buf [maxCmpLen]byte
	joined := joinTokens(buf[:0], b.Tokens[blo:bhi])
	t := a.Tokens[alo]
	if string(joined) == t {
		return simPhonetic, howSpacing
	}
	if allowed := editsAllowed(max(len(t), len(joined))); len(t) >= minEditLen {
		if d := damerauBytes(t, joined, allowed); d <= allowed {
			return simEdit[d], howTypo
		}
	}
	return -1, howDifferent
}

// comparePersons scores two persons from their names and dates of birth.
// The explanation is appended to buf[:0].
func comparePersons(a, b *Keys, w *personWeights, buf []FieldScore) (int, []FieldScore) {
	na, ga := split(a)
	nb, gb := split(b)
	var m simMatrix
	m.fill(a, b, na, nb, true)

	field := func(alo, ahi, blo, bhi int) (float64, how) {
		s, h := m.group(alo, ahi, blo, bhi)
		if s >= 0 && s < 1 {
			if js, jh := joinedSim(a, alo, ahi, b, blo, bhi); js > s {
				s, h = js, jh
			}
		}
		return s, h
	}
	fam, famHow := field(ga, na, gb, nb)
	giv, givHow := field(0, ga, 0, gb)
	swapped := false
	switch {
	case ga > 0 && na > ga && gb > 0 && nb > gb:
		// Both have given and family names: were they entered swapped?
		// The better agreeing pair counts as the family name.
		sf, sfh := field(ga, na, 0, gb)
		sg, sgh := field(0, ga, gb, nb)
		if sf+sg > fam+giv+0.05 {
			if sg > sf {
				sf, sfh, sg, sgh = sg, sgh, sf, sfh
			}
			fam, famHow, giv, givHow = sf*0.99, sfh, sg*0.99, sgh
			swapped = true
		}
	case ga == 0 && gb > 0 && nb > gb:
		// a has a family name only: it may be b's given name in the wrong field.
		if sf, sfh := field(0, na, 0, gb); sf*0.95 > fam {
			fam, famHow, swapped = sf*0.95, sfh, true
		}
	case gb == 0 && ga > 0 && na > ga:
		if sf, sfh := field(0, ga, 0, nb); sf*0.95 > fam {
			fam, famHow, swapped = sf*0.95, sfh, true
		}
	case ga == na && na > 0 && nb > gb && gb > 0:
		// a has a given name only: it may be b's family name in the wrong field.
		if sf, sfh := field(0, na, gb, nb); sf*0.95 > giv {
			fam, famHow, giv, swapped = sf*0.95, sfh, -1, true
		}
	case gb == nb && nb > 0 && na > ga && ga > 0:
		if sf, sfh := field(ga, na, 0, nb); sf*0.95 > giv {
			fam, famHow, giv, swapped = sf*0.95, sfh, -1, true
		}
	}
	if swapped && famHow != howDifferent {
		famHow = howSwapped
		if giv >= 0 && givHow != howDifferent {
			givHow = howSwapped
		}
	}
	birth, birthHow, birthKnown := compareBirth(a, b)

	l := w.Prior
	fields := buf[:0]
	if cap(fields) == 0 {
		fields = make([]FieldScore, 0, 6) // Compare's only allocation
	}
	if fam >= 0 {
		l += w.FamilyDis + (w.FamilyAgree-w.FamilyDis)*fam
		fields = append(fields, FieldScore{Field: "family_name", Score: round2(fam), How: howNames[famHow]})
	}
	if giv >= 0 {
		l += w.GivenDis + (w.GivenAgree-w.GivenDis)*giv
		fields = append(fields, FieldScore{Field: "given_name", Score: round2(giv), How: howNames[givHow]})
	}
	if birthKnown {
		if birthHow == howDifferent {
			l += w.BirthDis
		} else {
			l += w.Birth[birthHow]
		}
		fields = append(fields, FieldScore{Field: "birth_date", Score: round2(birth), How: howNames[birthHow]})
	}
	idHow := compareIDs(a.Ident, b.Ident)
	switch idHow {
	case howExact:
		l += w.IDAgree
		fields = append(fields, FieldScore{Field: "id_number", Score: 1, How: howNames[idHow]})
	case howTypo:
		l += w.IDSlip
		fields = append(fields, FieldScore{Field: "id_number", Score: 0.8, How: howNames[idHow]})
	case howDifferent:
		l += w.IDDis
		fields = append(fields, FieldScore{Field: "id_number", Score: 0, How: howNames[idHow]})
	}
	if addr, addrHow, ok := compareAddresses(a.Address, b.Address); ok {
		l += w.AddressDis + (w.AddressAgree-w.AddressDis)*addr
		fields = append(fields, FieldScore{Field: "address", Score: round2(addr), How: howNames[addrHow]})
	}
	if a.Nationality != "" && b.Nationality != "" {
		if a.Nationality == b.Nationality {
			l += w.NationalityAgree
			fields = append(fields, FieldScore{Field: "nationality", Score: 1, How: howNames[howExact]})
		} else {
			l += w.NationalityDis
			fields = append(fields, FieldScore{Field: "nationality", Score: 0, How: howNames[howDifferent]})
		}
	}
	if namesAlone(a, b) && na > 0 && nb > 0 {
		// Nothing but the names: how alike the whole names are.
		ns, sim, h := compareNamesAlone(a, b, &m, na, nb)
		if h == howDifferent && sim > 0 {
			h = howPartDiffers
		}
		fields = append(fields, FieldScore{Field: "full_name", Score: round2(sim), How: howNames[h]})
		return ns, fields
	}
	if fam < 0 && giv < 0 {
		return 0, fields
	}
	if fam < 0 {
		l += w.FamilyUnknown
	}
	if giv < 0 {
		l += w.GivenUnknown
	}
	s := int(math.Round(100 / (1 + math.Exp(-l))))
	if fam < 0 {
		s = min(s, w.CapNoFamily)
	}
	switch {
	case idHow == howExact:
	case !birthKnown || birthHow == howYearTypo:
		s = min(s, w.CapNoBirth)
	case birthHow == howYearOnly:
		s = min(s, w.CapYearOnly)
	}
	if fam == 0 || giv == 0 {
		s = min(s, w.CapNameDiffers)
	}
	return s, fields
}

// compareIDs compares two persons' identity numbers: howExact, howTypo
// when one is a slip of the other (one character changed, added or
// dropped, or two neighbours swapped, from minPersonIDSlip characters),
// howDifferent, or howUnknown when either is unknown.
func compareIDs(a, b string) how {
	switch {
	case a == "" || b == "":
		return howUnknown
	case a == b:
		return howExact
	case min(len(a), len(b)) >= minPersonIDSlip && damerau(a, b, 1) <= 1:
		return howTypo
	}
	return howDifferent
}

// compareAddresses scores two addresses' words (see addressTokens): each
// word of the shorter address is matched to its best partner in the
// other, numbers (house numbers, postcodes) only to the same number,
// other words also with a typo. It returns the mean similarity, how the
// words agreed (howExact when all did, howPartial when some did, howTypo
// when any agreed by a typo), and false when either address is unknown.
func compareAddresses(a, b []string) (float64, how, bool) {
	if len(a) == 0 || len(b) == 0 {
		return 0, howDifferent, false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	sum, exact, typo := 0.0, 0, false
	for _, x := range a {
		best := 0.0
		for _, y := range b {
			if x == y {
				best = 1
				break
			}
			if hasDigit(x) || hasDigit(y) || min(len(x), len(y)) < minEditLen {
				continue
			}
			allowed := editsAllowed(max(len(x), len(y)))
			if d := damerau(x, y, allowed); d <= allowed && simEdit[d] > best {
				best = simEdit[d]
			}
		}
		sum += best
		switch {
		case best == 1:
			exact++
		case best > 0:
			typo = true
		}
	}
	s := sum / float64(len(a))
	h := howPartial
	switch {
	case s == 0:
		h = howDifferent
	case exact == len(a):
		h = howExact
	case typo:
		h = howTypo
	}
	return s, h, true
}

// compareBirth compares dates of birth (or years of birth when only the
// year is known). known is false when either side knows nothing.
func compareBirth(a, b *Keys) (float64, how, bool) {
	ya, yb := a.BirthYear, b.BirthYear
	if ya == 0 {
		ya = a.Birth.Year
	}
	if yb == 0 {
		yb = b.Birth.Year
	}
	if ya == 0 || yb == 0 {
		return 0, howDifferent, false
	}
	fa, fb := !a.Birth.IsZero(), !b.Birth.IsZero()
	if !fa || !fb {
		switch digitSlips(ya, yb, 4) {
		case 0:
			return 0.6, howYearOnly, true
		case 1:
			return 0.35, howYearTypo, true
		}
		return 0, howDifferent, true
	}
	da, db := a.Birth, b.Birth
	if da == db {
		return 1, howExact, true
	}
	if da.Year == db.Year && da.Day == int(db.Month) && int(da.Month) == db.Day {
		return 0.8, howDayMonthSwapped, true
	}
	va := da.Year*10000 + int(da.Month)*100 + da.Day
	vb := db.Year*10000 + int(db.Month)*100 + db.Day
	switch digitSlips(va, vb, 8) {
	case 1:
		return 0.75, howTypo, true
	case -1:
		return 0.7, howTypo, true
	}
	if da.Year == db.Year {
		return 0.2, howSameYear, true
	}
	return 0, howDifferent, true
}

// digitSlips compares the n low decimal digits of a and b: the number of
// positions that differ, or -1 when exactly two adjacent digits are
// swapped.
func digitSlips(a, b, n int) int {
	var da, db [8]int
	diff := 0
	for i := 0; i < n && i < 8; i++ {
		da[i], db[i] = a%10, b%10
		a, b = a/10, b/10
		if da[i] != db[i] {
			diff++
		}
	}
	if diff == 2 {
		for i := 0; i+1 < n; i++ {
			if da[i] != db[i] {
				if da[i] == db[i+1] && da[i+1] == db[i] {
					return -1
				}
				break
			}
		}
	}
	return diff
}

// compareNamed scores two companies or groups by the words of their names.
func compareNamed(a, b *Keys, buf []FieldScore) (int, []FieldScore) {
	na := min(len(a.Tokens), len(a.Phonetic), maxCmpTokens)
	nb := min(len(b.Tokens), len(b.Phonetic), maxCmpTokens)
	if na == 0 || nb == 0 {
		return 0, nil
	}
	var m simMatrix
	m.fill(a, b, na, nb, false)
	s1, h1 := m.bestOfRows(0, na, 0, nb)
	s2, h2 := m.bestOfCols(0, na, 0, nb)
	worstHow := max(h1, h2)
	switch {
	case s1 < s2:
		worstHow = h1
	case s2 < s1:
		worstHow = h2
	}
	sum := s1*float64(na) + s2*float64(nb)
	s := sum / float64(na+nb)
	// Words run together or split apart: "Eurotrans" and "Euro Trans".
	var ja, jb [maxCmpLen]byte
	ca, cb := joinTokens(ja[:0], a.Tokens[:na]), joinTokens(jb[:0], b.Tokens[:nb])
	if string(ca) == string(cb) {
		s, worstHow = 1, howExact
	} else if j := jaroWinklerBytes(ca, cb); j >= 0.93 && j*0.95 > s {
		s, worstHow = j*0.95, howTypo
	}
	return int(math.Round(100 * s)), append(buf[:0], FieldScore{Field: "name", Score: round2(s), How: howNames[worstHow]})
}

// joinTokens appends the tokens to dst without separators, up to its
// capacity.
func joinTokens(dst []byte, toks []string) []byte {
	for _, t := range toks {
		n := min(len(t), cap(dst)-len(dst))
		dst = append(dst, t[:n]...)
	}
	return dst
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// compare is Compare.
// The explanation is appended to buf[:0], so that a caller that keeps
// buf compares without allocating.
func compare(a, b *Keys, buf []FieldScore) (int, []FieldScore) {
	if a.Kind != b.Kind {
		return 0, nil
	}
	switch {
	case a.Kind == crosscase.KindPerson:
		return comparePersons(a, b, &defaultWeights, buf)
	case a.Kind.IsNamed():
		return compareNamed(a, b, buf)
	}
	if a.Ident != "" && a.Ident == b.Ident {
		return 100, append(buf[:0], FieldScore{Field: "value", Score: 1, How: "exact"})
	}
	return 0, nil
}

// personScoreBound returns a score comparePersons(a, b, w, ...) cannot
// exceed, whatever b's names, from what else b holds: its birth date,
// identity number and nationality, and whether it has an address (b's
// names and address words are not read). Names count at full agreement,
// an address at full agreement; the caps only lower a score. It reports
// false when a and b would be scored by their names alone, which the
// bound does not cover.
func personScoreBound(a, b *Keys, bHasAddress bool, w *personWeights) (int, bool) {
	other := (a.BirthYear != 0 || !a.Birth.IsZero()) && (b.BirthYear != 0 || !b.Birth.IsZero()) ||
		a.Ident != "" && b.Ident != "" || len(a.Address) > 0 && bHasAddress
	if !other && (a.Nationality == "" || b.Nationality == "" || a.Nationality == b.Nationality) {
		return 0, false // as namesAlone
	}
	l := w.Prior + max(w.FamilyAgree, w.FamilyDis, w.FamilyUnknown) + max(w.GivenAgree, w.GivenDis, w.GivenUnknown)
	if _, birthHow, known := compareBirth(a, b); known {
		if birthHow == howDifferent {
			l += w.BirthDis
		} else {
			l += w.Birth[birthHow]
		}
	}
	switch compareIDs(a.Ident, b.Ident) {
	case howExact:
		l += w.IDAgree
	case howTypo:
		l += w.IDSlip
	case howDifferent:
		l += w.IDDis
	}
	if len(a.Address) > 0 && bHasAddress {
		l += max(w.AddressAgree, w.AddressDis)
	}
	if a.Nationality != "" && b.Nationality != "" {
		if a.Nationality == b.Nationality {
			l += w.NationalityAgree
		} else {
			l += w.NationalityDis
		}
	}
	return int(math.Round(100 / (1 + math.Exp(-l)))), true
}
