package match

import (
	"slices"
	"strings"
)

// Names alone.
//
// When two persons are known by nothing but their names — no date of
// birth, identity number or address on either side — Compare's weights
// have nothing to add up beyond the names, and how the names happen to
// be split into given and family name (a list with one "name" column,
// a family name entered in the given-name field) says nothing about
// the person. So such a pair is scored by how alike the whole names
// are, all their parts matched one to one whatever the field:
//
//   - the same name, every part agreeing: namesAloneMax, "probably";
//     a single word against a single word scores namesAloneSingle at
//     most, a bare given name being weaker evidence than a full name;
//   - a part that agrees as a variant (transliteration, sound, a typo, an
//     initial, a nickname, a different spacing) lowers the score in
//     proportion to how far it is from the same spelling;
//   - a part on one side only (a middle name, a second family name, a
//     title) costs namesAloneExtra, but one word against a full name
//     stays below a hit;
//   - a part on each side that agrees with nothing — two long names that
//     differ in the father's or the grandfather's name, two given names
//     under one family name — makes them two people: the score is capped
//     at namesAloneDiffers, whatever the rest.
//
// Particles and titles (van, de, al, bin, Dr, Jr …) neither agree nor
// disagree. Names alone never reach "almost certainly".
const (
	namesAloneMax    = 88
	namesAloneSingle = 84
	namesAloneSubset = 72 // one word against a name of several
	namesAloneExtra  = 3  // per part on one side only
	// namesAloneExtraInitial is what an initial on one side only costs.
	namesAloneExtraInitial = 1
	namesAloneDiffers      = 60
	// namesAloneSlope is how many points a part's distance from the same
	// spelling (1 - similarity) costs, weighted by its length.
	namesAloneSlope = 110
	// namesAloneInitial is the similarity of an initial to a name that
	// begins with it.
	namesAloneInitial = 0.75
)

// minorNameWords are particles and titles: they neither agree nor
// disagree when names alone are compared.
var minorNameWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range nameParticles {
		m[w] = true
	}
	for w := range honorifics {
		m[w] = true
	}
	delete(m, "ben") // also a given name
	for w := range generation {
		m[w] = true
	}
	for _, w := range []string{"mw", "dhr", "drs", "ir", "jhr", "ds", "ms", "mrs", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv", "xvi", "i", "jr", "sr", "ii", "iii", "iv", "ibn", "abu", "abd", "der", "den", "des", "dei", "degli", "ter", "ten", "st", "sir", "lord", "sheikh", "shaikh", "haji", "hajji", "mme", "sra", "sr", "pan", "pani", "ing", "mgr", "phd", "md", "raden", "mc", "mac",
		// Which of a family's namesakes (the elder, the younger): on one
		// side only it takes nothing away; two that differ are two people
		// (generationsDiffer).
		"the"} {
		m[w] = true
	}
	return m
}()

// namesAlone reports whether nothing but the names can be compared: no
// date of birth, identity number or address known on both sides, and no
// nationality that differs.
func namesAlone(a, b *Keys) bool {
	if (a.BirthYear != 0 || !a.Birth.IsZero()) && (b.BirthYear != 0 || !b.Birth.IsZero()) {
		return false
	}
	if a.Ident != "" && b.Ident != "" {
		return false
	}
	if len(a.Address) > 0 && len(b.Address) > 0 {
		return false
	}
	return a.Nationality == "" || b.Nationality == "" || a.Nationality == b.Nationality
}

// compareNamesAlone scores two persons by their whole names (see above)
// from the similarity matrix m of their na and nb tokens. It returns the
// score, the names' similarity and how they agreed.
func compareNamesAlone(a, b *Keys, m *simMatrix, na, nb int) (int, float64, how) {
	if na == 0 || nb == 0 {
		return 0, 0, howDifferent
	}
	// Run together or split apart: "SergeiLavrov" and "Sergei Lavrov".
	var ja, jb [maxCmpLen]byte
	ca, cb := joinTokens(ja[:0], a.Tokens[:na]), joinTokens(jb[:0], b.Tokens[:nb])
	spaced := (na > 1 || nb > 1) && na != nb
	if spaced && len(ca) >= 6 && string(ca) == string(cb) {
		return namesAloneMax - 3, simPhonetic, howSpacing
	}
	s, sim, h := namesAloneParts(a, b, m, na, nb)
	if !spaced {
		return s, sim, h
	}
	compound := noInitials(a, na) && noInitials(b, nb) && sameCompound(ca, cb)
	if min(len(ca), len(cb)) >= 8 { // both sides: the score is the same either way round
		// Run together with a slip (Abdulaziz, Abd al-Aziz).
		if allowed := editsAllowed(max(len(ca), len(cb))); !lettersApart(string(ca), string(cb), allowed) {
			if d := damerauBytes(string(ca), cb, allowed); d <= allowed {
				jsim := simEdit[d]
				if d > 0 && compound {
					// The same consonants, the article spelt another way
					// (Abdul Rahman, Abdurrahman): a variant spelling.
					jsim = simPhonetic
				}
				if js := spacingScore(jsim); js > s {
					return js, jsim, howSpacing
				}
			}
		}
	}
	if compound && (arabicName(a, na) || arabicName(b, nb) || damerauBytes(string(ca), cb, 3) <= 3) {
		// The same compound, written together on one side: Arabic
		// script writes no short vowels, so its compound agrees by its
		// consonants (عبد الرحمن, Abderrahmane); Latin spellings a slip
		// or two apart (Abu Bakr, Abubakar).
		if js := spacingScore(simPhonetic); js > s {
			return js, simPhonetic, howSpacing
		}
	}
	return s, sim, h
}

// spacingScore is the score of names that agree, written together on one
// side and apart on the other, with similarity sim.
func spacingScore(sim float64) int {
	return namesAloneMax - 3 - int(namesAloneSlope*(1-sim)/2+0.5)
}

// sameCompound reports whether two names run together have the same
// compound form (see compoundForm) of minCompound consonants or more.
func sameCompound(a, b []byte) bool {
	var fa, fb [maxCmpLen]byte
	x, y := compoundForm(fa[:0], a), compoundForm(fb[:0], b)
	return len(x) >= minCompound && string(x) == string(y)
}

// noInitials reports whether none of the first n tokens of k is an
// initial: H. Meijer and H.A. Meijer differ by a name, not by spacing.
func noInitials(k *Keys, n int) bool {
	for _, t := range k.Tokens[:n] {
		if len(t) == 1 {
			return false
		}
	}
	return true
}

// arabicName reports whether one of the first n tokens of k was written
// in Arabic script.
func arabicName(k *Keys, n int) bool {
	for _, p := range k.Phonetic[:n] {
		if isArabicKey(stripMarker(p)) {
			return true
		}
	}
	return false
}

// namesAloneParts is compareNamesAlone for names matched part by part.
func namesAloneParts(a, b *Keys, m *simMatrix, na, nb int) (int, float64, how) {
	var usedA, usedB [maxCmpTokens]bool
	var weight, dist float64
	matched, worst := 0, howExact
	// Greedy one-to-one matching, the most similar parts first.
	for {
		bi, bj, best := -1, -1, 0.0
		for i := 0; i < na; i++ {
			if usedA[i] {
				continue
			}
			for j := 0; j < nb; j++ {
				if !usedB[j] && m.s[i][j] > best {
					bi, bj, best = i, j, m.s[i][j]
				}
			}
		}
		if bi < 0 {
			break
		}
		usedA[bi], usedB[bj] = true, true
		matched++
		h := m.h[bi][bj]
		w := float64(max(len(a.Tokens[bi]), len(b.Tokens[bj]), 3))
		if h == howInitial {
			// An initial that fits a name: weak evidence, but no sign of
			// another person (J. Smith and John Smith).
			w, best = 3, namesAloneInitial
		}
		weight += w
		dist += w * (1 - best)
		if h != howExact && (worst == howExact || h == howInitial) {
			worst = h
		}
	}
	if matched == 0 {
		return 0, 0, howDifferent
	}
	// Parts left on both sides that are still alike (David, Deivids;
	// Attenborough, Atenboro) agree loosely, at a cost, rather than
	// disagree.
	for i := 0; i < na; i++ {
		if usedA[i] || len(a.Tokens[i]) < 3 {
			continue
		}
		for j := 0; j < nb; j++ {
			if usedB[j] || len(b.Tokens[j]) < 3 {
				continue
			}
			if jw := jaroWinkler(a.Tokens[i], b.Tokens[j]); jw >= looseJW && !otherName(a.Tokens[i], b.Tokens[j]) {
				usedA[i], usedB[j] = true, true
				w := float64(max(len(a.Tokens[i]), len(b.Tokens[j])))
				weight += w
				dist += w * (1 - looseSim)
				worst = howTypo
				break
			}
		}
	}
	extraA, namesA := extraParts(a, na, &usedA, b, nb)
	extraB, namesB := extraParts(b, nb, &usedB, a, na)
	// An initial that took the place of a name on the side that has
	// another name left over stands for a different name (A. Gosselet
	// and Annie Anowtalik). Initials left over are middle names the
	// other side did not write (P.F. Hubrecht and Paul Hubrecht).
	if namesA > 0 && initialsMatched(a, na, &usedA) > 0 || namesB > 0 && initialsMatched(b, nb, &usedB) > 0 {
		extraA, extraB = max(extraA, 1), max(extraB, 1)
	}
	sim := 1 - dist/weight
	ceiling := namesAloneMax
	if significant(a, na) <= 1 && significant(b, nb) <= 1 {
		ceiling = namesAloneSingle
	}
	s := float64(ceiling) - namesAloneSlope*dist/weight
	if generationsDiffer(a, na, b, nb) {
		// The elder and the younger (Pieter Bruegel the Elder and the
		// Younger, Sr. and Jr., II and III): a father and a son.
		return min(int(s+0.5), namesAloneDiffers), sim, howDifferent
	}
	if parentSwapped(a, na, b, nb, m) {
		// Abdullah bin Abdulaziz and Abdulaziz bin Abdullah: a son and
		// his father.
		return min(int(s+0.5), namesAloneDiffers), sim, howParentSwapped
	}
	switch {
	case extraA > 0 && extraB > 0:
		// A part on each side agrees with nothing: two people.
		s = min(s, namesAloneDiffers)
		worst = howDifferent
	case extraA+extraB > 0:
		// A middle initial left over says less than a middle name.
		s -= float64(namesAloneExtra*(namesA+namesB) + namesAloneExtraInitial*(extraA+extraB-namesA-namesB))
		// Particles matched on either side, so that the score is the same
		// either way round (id, a Hungarian word for the elder, met iyd).
		if matched-max(minorMatched(a, b, &usedA, na), minorMatched(b, a, &usedB, nb)) <= 1 {
			s = min(s, namesAloneSubset)
		}
		if worst == howExact {
			worst = howPartial
		}
	}
	return int(s + 0.5), sim, worst
}

// generation says which of a family's namesakes a name word marks: 'e'
// the elder, 'y' the younger, or the ordinal itself (ii, iii …); a
// one-letter ordinal is read as an initial.
var generation = func() map[string]string {
	m := map[string]string{}
	// In the EU's languages and the commonest others; l'Ancien is read
	// lancien (the apostrophe joins), Hungarian writes id. and ifj.
	for _, w := range strings.Fields(elderWords) {
		m[w] = "e"
	}
	for _, w := range strings.Fields(youngerWords) {
		m[w] = "y"
	}
	for _, w := range strings.Fields("ii iii iv vi vii viii ix xi xii xiii xiv xv xvi") {
		m[w] = w
	}
	return m
}()

// The words of the elder and of the younger of a family's namesakes, as
// the names' tokens spell them (plain ASCII, lower case).
const (
	elderWords = "senior sr elder altere aeltere maior starszy ancien lancien vecchio viejo velho stariji starsi " +
		"starejsi id idosebb vanem vanhempi aldre vecakais vyresnysis batran starshiy starshii starshi"
	youngerWords = "junior jr younger jungere juengere minor mlodszy jeune giovane joven filho moco mladi mladji " +
		"mladsi mlajsi ifj ifjabb noorem nuorempi yngre jaunakais jaunesnysis tanar mladshiy mladshii mladshi"
)

// generationsDiffer reports whether both names mark which namesake of a
// family they are, and not alike (the Elder and the Younger, II and
// III). A mark on one side only takes nothing away.
func generationsDiffer(a *Keys, na int, b *Keys, nb int) bool {
	var ga, gb string
	for _, t := range a.Tokens[:na] {
		if g := generation[t]; g != "" {
			ga = g
		}
	}
	for _, t := range b.Tokens[:nb] {
		if g := generation[t]; g != "" {
			gb = g
		}
	}
	return ga != "" && gb != "" && ga != gb
}

// patronymicWords say "son of" or "daughter of" between a name and the
// father's: Arabic bin, ibn, bint (Malay binti, Indonesian ibnu), Hebrew
// ben, Mauritanian ould, Welsh ap. Not Mac and Mc: Irish and Scottish
// names wrote them into the family name long ago (MacDonald, Mac Donald).
var patronymicWords = map[string]bool{"bin": true, "ibn": true, "ibnu": true, "ben": true, "bint": true, "binti": true, "ould": true, "ap": true}

// patronymic returns the position of the first word of k's n tokens that
// says "son of" between two names (not initials: B. (Ben) Grishaaver),
// or -1.
func patronymic(k *Keys, n int) int {
	for i := 1; i < n-1; i++ {
		if patronymicWords[k.Tokens[i]] && len(k.Tokens[i-1]) > 1 && len(k.Tokens[i+1]) > 1 {
			return i
		}
	}
	return -1
}

// parentSwapped reports whether both names say "son of" and the parts
// on either side of it are in the other order: the name before it on one
// side is the name after it on the other, and the other way round, both
// more alike than either pair of parts in the same place. Around bin or ibn the
// order is the name: Abdullah bin Abdulaziz is Abdullah, the son of
// Abdulaziz; Abdulaziz bin Abdullah is his father, or another man.
func parentSwapped(a *Keys, na int, b *Keys, nb int, m *simMatrix) bool {
	i, j := patronymic(a, na), patronymic(b, nb)
	if i < 0 || j < 0 {
		return false
	}
	return min(m.s[i-1][j+1], m.s[i+1][j-1]) > max(m.s[i-1][j-1], m.s[i+1][j+1])
}

// otherName reports whether two parts are the forms of a name for the
// two sexes (Svoboda, Svobodová) or two names a letter apart (Marvin,
// Martin): alike, but not to be read as one name loosely.
func otherName(a, b string) bool {
	return genderVariant(a, b) || damerau(a, b, 1) == 1 && distinctNames(a, b)
}

// Loose agreement of two parts that tokenSim calls different.
const (
	looseJW  = 0.85
	looseSim = 0.6
)

// extraParts counts the tokens of k left unmatched that are names:
// not particles, titles or numbers, and not an initial of a token of the
// other record o; and, of those, the ones that are names the other side
// does not have: longer than an initial, or an initial written before an
// initial that was matched.
func extraParts(k *Keys, n int, used *[maxCmpTokens]bool, o *Keys, on int) (c, names int) {
	for i := 0; i < n; i++ {
		t := k.Tokens[i]
		if used[i] || minorNameWords[t] || hasDigit(t) {
			continue
		}
		if len(t) == 1 && slices.ContainsFunc(o.Tokens[:on], func(x string) bool { return x[0] == t[0] }) {
			continue
		}
		c++
		if len(t) > 1 && !spelledOut(k, n, used, t) || len(t) == 1 && initialMatchedAfter(k, n, used, i) {
			names++
		}
	}
	return c, names
}

// spelledOut reports whether the name t left over is a matched initial
// of k spelt out beside it (P. (Peter) Kloos against P. Kloos): a part
// on one side only, not another name.
func spelledOut(k *Keys, n int, used *[maxCmpTokens]bool, t string) bool {
	for j := 0; j < n; j++ {
		if used[j] && len(k.Tokens[j]) == 1 && k.Tokens[j][0] == t[0] {
			return true
		}
	}
	return false
}

// initialMatchedAfter reports whether a token of k after the i-th is a
// matched initial: an initial left over before it (E. in E.H. Koning
// against Gerard Koning) is a first name the other side does not have.
func initialMatchedAfter(k *Keys, n int, used *[maxCmpTokens]bool, i int) bool {
	for j := i + 1; j < n; j++ {
		if used[j] && len(k.Tokens[j]) == 1 {
			return true
		}
	}
	return false
}

// initialsMatched counts the matched tokens of k that are initials.
func initialsMatched(k *Keys, n int, used *[maxCmpTokens]bool) int {
	c := 0
	for i := 0; i < n; i++ {
		if used[i] && len(k.Tokens[i]) == 1 {
			c++
		}
	}
	return c
}

// significant counts the tokens of k that are not particles or titles.
func significant(k *Keys, n int) int {
	c := 0
	for _, t := range k.Tokens[:n] {
		if !minorNameWords[t] {
			c++
		}
	}
	return c
}

// minorMatched counts the matched tokens of a that are particles or titles.
func minorMatched(a, _ *Keys, used *[maxCmpTokens]bool, na int) int {
	c := 0
	for i := 0; i < na; i++ {
		if used[i] && minorNameWords[a.Tokens[i]] {
			c++
		}
	}
	return c
}
