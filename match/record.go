// Package match finds entities of different cases that are probably the
// same person, company, group or identifier. It turns a Record into Keys
// (normalised, transliterated and phonetic forms), files Keys under
// blocking keys, and scores two Keys from 0 to 100 with a per-field
// explanation.
package match

import (
	"slices"
	"strconv"
	"strings"

	"crosscase"
)

// Record is what the matcher knows about one entity of one case, or
// about one row of a list to check. It is the domain's ListRecord, so that
// the list check service speaks of it without importing the matcher.
type Record = crosscase.ListRecord

// FromEntity builds a Record from a stored entity and its case's owner desk and country.
func FromEntity(e *crosscase.Entity, deskID int64, caseCountry string) Record {
	r := Record{
		EntityID:    e.ID,
		CaseID:      e.CaseID,
		DeskID:      deskID,
		Kind:        e.Kind,
		GivenName:   e.GivenName,
		FamilyName:  e.FamilyName,
		Name:        e.Name,
		BirthDate:   e.BirthDate,
		Nationality: e.Nationality,
		IDNumber:    e.IDNumber,
		Address:     e.Address,
		Value:       e.Value,
		Country:     e.Country,
	}
	if r.Country == "" {
		r.Country = caseCountry
	}
	return r
}

// Keys are the normalised forms of a record, computed once and kept in the index.
//
// For persons the given-name tokens come first and their phonetic keys
// start with '~', so that Compare can tell given from family names (and
// notice them swapped) from Tokens and Phonetic alone; BlockingKeys drops
// the mark. Store Phonetic strings as they are.
type Keys struct {
	Kind      crosscase.EntityKind
	Tokens    []string // normalised name tokens (persons: given+family; companies: name without legal form), ASCII lower-case
	Phonetic  []string // a phonetic key per token (same order as Tokens)
	Birth     crosscase.Date
	BirthYear int
	Ident     string // normalised identifier (E.164 phone, IBAN, lower-case e-mail, plate, wallet, document; persons: their identity number); "" if none or unparsable

	// Persons only.
	Nationality string   // ISO 3166-1 alpha-2 in capitals, "" when unknown
	Address     []string // the words of a known address (see addressTokens)
}

// Normalize computes the keys of r.
//
// Names are transliterated to lower-case ASCII (Cyrillic in the Russian,
// Ukrainian, Bulgarian or Serbian reading, Greek after ELOT 743), Latin
// diacritics dropped (Müller → muller, Łukasz → lukasz); each token gets
// a phonetic key under which the German, French, Czech, Polish and
// English spellings of one name collide (see phonetic). Company and group
// names lose their legal form (GmbH, S.r.l., Sp. z o.o., …). Identifiers
// are normalised by kind (see normIdent). A person's identity number is
// kept as its letters and digits (normPersonID), their address as the
// words that tell addresses apart (addressTokens), their nationality as
// an ISO code.
func Normalize(r Record) Keys {
	k := Keys{Kind: r.Kind}
	switch {
	case r.Kind == crosscase.KindPerson:
		given, family := r.GivenName, r.FamilyName
		if strings.TrimSpace(given+family) == "" && r.Name != "" {
			// A person whose whole name came in the name field.
			given, family = SplitFullName(r.Name)
		}
		personKeys(&k, given, family)
		k.Birth = r.BirthDate
		k.BirthYear = r.BirthYear
		if !k.Birth.IsZero() {
			k.BirthYear = k.Birth.Year
		}
		k.Ident = normPersonID(r.IDNumber)
		k.Nationality = normNationality(r.Nationality)
		k.Address = addressTokens(r.Address)
	case r.Kind.IsNamed():
		namedKeys(&k, r.Name)
	default:
		k.Ident = normIdent(r.Kind, r.Value, r.Country)
	}
	return k
}

// BlockingKeys returns the strings under which a record is filed so that
// likely matches share at least one key (identifiers: "id:"+Ident;
// persons: phonetic keys of each token, optionally combined with birth
// year, and their identity number; companies: tokens).
//
// Persons are filed under "p:"+phonetic key of every token of two or more
// letters (initials are not filed), the phonetic key of its plain
// spelling when that differs, and, for keys longer than four, their first
// four sounds ("q:") and all but their first three ("r:"), so that a slip
// in a name still leaves one key in common. When the full date of birth
// is known they are also filed under "b:"+date+the first sounds of the
// given and the family name: a small block in which a misspelt short name
// still meets its twin record; when the year is known, under
// "y:"+year+the same sounds. A person with an identity number is also
// filed under "n:"+the number and, from minPersonIDSlip characters, under
// the number with each character left out, so that a number mistyped
// once still meets its twin whatever became of the names. Names are also
// filed under their compound forms, run together ("j:") or as one word
// ("k:"), so that a name written together meets it written apart (see
// compound.go). Companies and groups are filed under
// "c:"+phonetic key of each word except very common ones, under all
// their words run together ("cj:"), and under the first and the last six
// letters of those ("cq:", "cr:"), and under their first four consonants
// ("cs:").
// Persons are also filed under every pair of their first name words
// ("w:", see pairKeys). A check never ranks by those: it walks them to
// find the namesakes that only the keys of common names hold.
func BlockingKeys(k Keys) []string {
	if k.Ident != "" && k.Kind != crosscase.KindPerson {
		return []string{"id:" + k.Ident}
	}
	var out []string
	add := func(s string) {
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	n := min(len(k.Tokens), len(k.Phonetic))
	switch {
	case k.Kind == crosscase.KindPerson:
		if (!k.Birth.IsZero() || k.BirthYear > 0) && n > 0 {
			// The date with the first sounds of the given and the family
			// name: a misspelt short name still meets its twin record, and
			// the block stays small. The year with the same sounds: a
			// record that knows only the year meets its twin that knows
			// the date, ahead of the namesakes born in other years.
			_, g := split(&k)
			var first []byte
			if p := stripMarker(k.Phonetic[0]); p != "" {
				first = append(first, p[0])
			}
			if g > 0 && g < n && k.Phonetic[g] != "" {
				first = append(first, k.Phonetic[g][0])
				slices.Sort(first)
			}
			if !k.Birth.IsZero() {
				add("b:" + k.Birth.String() + ":" + string(first))
			}
			year := k.BirthYear
			if year == 0 {
				year = k.Birth.Year
			}
			add("y:" + strconv.Itoa(year) + ":" + string(first))
		}
		if id := k.Ident; id != "" {
			// The identity number, and, from minPersonIDSlip characters,
			// the number with each one of its characters left out: a
			// character mistyped, two swapped, one added or dropped still
			// leaves a key in common (a deletion neighbourhood), and the
			// blocks stay tiny.
			add("n:" + id)
			if len(id) >= minPersonIDSlip {
				for i := range len(id) {
					add("n:" + id[:i] + id[i+1:])
				}
			}
		}
		for i := 0; i < n; i++ {
			if len(k.Tokens[i]) >= minBlockTokenLen {
				p := stripMarker(k.Phonetic[i])
				add("p:" + p)
				// The consonant skeleton, under which names written in
				// Arabic script meet their Latin spellings.
				if s := skeletonKeys(k.Tokens[i], p); s != "" {
					add(s)
				}
				if isArabicKey(p) {
					continue
				}
				// The plain spelling's own key, so that Čolić meets Colic.
				if q := phonetic(k.Tokens[i]); q != p {
					add("p:" + q)
				}
				if len(p) > 4 {
					// A slip in the name leaves its start or its end: the
					// first four sounds, and all but the first three (not
					// just the ending, which -enko, -ović, -poulos share).
					add("q:" + p[:4])
					add("r:" + p[min(3, len(p)-4):])
				}
			}
		}
		// Compound names written together or apart (see compound.go).
		compoundKeys(k.Tokens[:n], add)
		for _, w := range pairKeys(&k, nil) {
			add(w)
		}
	case k.Kind.IsNamed():
		for i := 0; i < n; i++ {
			if len(k.Tokens[i]) >= minBlockTokenLen && (!commonCompanyWords[k.Tokens[i]] || n == 1) {
				add("c:" + k.Phonetic[i])
			}
		}
		if n > 0 {
			var b strings.Builder
			for _, t := range k.Tokens[:n] {
				b.WriteString(t)
			}
			j := b.String()
			add("cj:" + j)
			if len(j) >= 2*companyEnds {
				// The start and the end of the whole name: a slip in one
				// word (or a word split) still leaves two keys in common
				// with the right company, not just the key of a word that
				// thousands of companies share.
				add("cq:" + j[:companyEnds])
				add("cr:" + j[len(j)-companyEnds:])
			}
			// The first consonants, which a slip in a vowel or a letter
			// doubled leaves (Rosseau, Rousseau; Marni, Marin).
			if c := consonantsOf(j, companyEnds-2); len(c) >= 3 {
				add("cs:" + c)
			}
		}
	}
	return out
}

// lookupKeys returns the keys a check of k looks up: its BlockingKeys,
// except that a Latin token's skeleton key ("s:") is looked up as the key
// of Arabic-script tokens ("p:^"), and an Arabic-script token's key is
// also looked up among the Latin skeletons. So a Latin and an Arabic
// spelling meet, and two Latin spellings do not meet by skeleton alone.
// Likewise a run of words' compound key ("j:") is looked up among single
// words ("k:") and the other way round (see compound.go).
// A pair meets when the lookup keys of either share a key with the
// BlockingKeys of the other; the relation is symmetric.
func lookupKeys(k Keys) []string {
	keys := BlockingKeys(k)
	out := keys[:0:0]
	for _, b := range keys {
		switch {
		case strings.HasPrefix(b, "s:"):
			out = append(out, "p:^"+b[2:])
		case strings.HasPrefix(b, "p:^"):
			out = append(out, b, "s:"+b[3:])
		case strings.HasPrefix(b, "j:"):
			out = append(out, "k:"+b[2:])
		case strings.HasPrefix(b, "k:"):
			out = append(out, "j:"+b[2:])
		case strings.HasPrefix(b, "w:"):
			// Walked, not ranked (see pairKeys).
		default:
			out = append(out, b)
		}
	}
	return out
}

// consonantsOf returns the first n consonants of s in the order they
// come, a letter repeated once.
func consonantsOf(s string, n int) string {
	var out []byte
	for i := 0; i < len(s) && len(out) < n; i++ {
		c := s[i]
		if isVowelByte(c) || c >= '0' && c <= '9' || len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}

// companyEnds is how many letters of a company's joined name its start
// and end keys hold.
const companyEnds = 6

// commonCompanyWords are words so many company names share that filing
// under them would make huge blocks; they still count when scoring.
var commonCompanyWords = map[string]bool{
	"trading": true, "trade": true, "international": true, "group": true, "holding": true,
	"holdings": true, "services": true, "service": true, "consulting": true, "invest": true,
	"investment": true, "investments": true, "capital": true, "global": true, "management": true,
	"logistics": true, "import": true, "export": true, "impex": true, "transport": true,
	"construction": true, "development": true, "solutions": true, "partners": true,
	"enterprises": true, "industries": true, "systems": true, "technologies": true,
	"real": true, "estate": true, "europe": true, "euro": true, "bau": true, "handel": true,
	"commerce": true, "commercial": true, "finance": true, "financial": true, "bank": true,
	"of": true, "de": true, "la": true, "del": true, "der": true, "die": true, "van": true, "von": true,
}

// FieldScore says how strongly one field agreed, for explaining a hit (no
// personal data in Field names).
type FieldScore struct {
	Field string  `json:"field"` // "family_name", "given_name", "birth_date", "nationality", "name", "value", ...
	Score float64 `json:"score"` // 0..1
	How   string  `json:"how"`   // "exact", "transliteration", "phonetic", "typo", "swapped", "year_only", "day_month_swapped", ...
}

// Compare scores two records' keys: Score 0..100 (≥ 90 almost certainly
// the same, 75–89 probably, < 75 possibly) and the per-field explanation.
//
// Records of different kinds score 0. Identifiers score 100 when their
// Idents are equal and 0 otherwise. Persons are scored as the odds that
// they are one person (see personWeights): each of family name, given
// name and date of birth adds weight when it agrees (exactly, as a
// transliteration or phonetic variant, with a typo, swapped, as an
// initial; the date exactly, with day and month swapped, with a digit
// slipped, by year only) and takes weight away when it disagrees; so do
// the identity number (equal, or one slip apart), the address (the share
// of its words that agree) and the nationality, with weights of their own.
// A field unknown on either side adds nothing. Two persons known by
// nothing but their names are scored by how alike the whole names are,
// whichever field holds them (see score_names.go); names alone never
// reach "almost certainly". Companies and groups score the share of the
// words of both names that have a partner in the other.
//
// Compare allocates only the returned slice.
func Compare(a, b Keys) (score int, fields []FieldScore) {
	return compare(&a, &b, nil)
}

// Thresholds: the default minimum score for a hit per kind; configurable.
type Thresholds map[crosscase.EntityKind]int

// DefaultThresholds returns the minimum score for a hit of each kind.
func DefaultThresholds() Thresholds {
	t := Thresholds{}
	for _, k := range crosscase.EntityKinds() {
		t[k] = 100
	}
	t[crosscase.KindPerson] = 80
	t[crosscase.KindCompany] = 85
	t[crosscase.KindOCG] = 85
	return t
}

// pairBuckets is how many pair keys there are: a pair of names is filed
// under one of them, chosen by a hash of the pair. A register of real
// names has millions of distinct pairs, most held by one person; a key
// each would cost the index a map entry each (at 20,000,000 people with
// real names, 390 MiB more heap instead of about 100). A bucket holds the
// namesakes of its pairs plus, on average, entities/pairBuckets others,
// which the walk looks up in the large keys and passes over.
const pairBuckets = 1 << 20

// pairBucket returns the pair key of the phonetic keys a and b: "w:" and
// the bucket, from FNV-1a over "a b", in hexadecimal.
func pairBucket(a, b string) string {
	h := uint64(14695981039346656037)
	add := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
	}
	add(a)
	add(" ")
	add(b)
	return "w:" + strconv.FormatUint(h%pairBuckets, 16)
}

// maxPairWords is how many name words of a person pairKeys pairs.
const maxPairWords = 4

// pairKeys appends to dst the pair keys of a person: the bucket
// (pairBucket) of the phonetic keys of two of its first maxPairWords name
// words of three letters or more (not particles or titles), in sorted
// order, for every such pair. So a given and a family name meet in one key whichever
// field holds them, in either order and with a middle name between.
//
// The keys of a common name hold many thousands of people; the pair of
// two common names holds its namesakes. A check does not rank by pair
// keys (they would count a shared name twice): when two or more of its
// keys are large, it walks the entries of its pair keys to find the
// entries that only large keys hold, instead of walking the smallest
// large key from its newest entry (see Index.check).
func pairKeys(k *Keys, dst []string) []string {
	if k.Kind != crosscase.KindPerson {
		return dst
	}
	var words [maxPairWords]string
	n := 0
	for i := 0; i < min(len(k.Tokens), len(k.Phonetic)) && n < maxPairWords; i++ {
		t, p := k.Tokens[i], stripMarker(k.Phonetic[i])
		if len(t) < 3 || p == "" || minorNameWords[t] || hasDigit(t) || slices.Contains(words[:n], p) {
			continue
		}
		words[n] = p
		n++
	}
	for i := range n {
		for j := i + 1; j < n; j++ {
			a, b := words[i], words[j]
			if b < a {
				a, b = b, a
			}
			dst = append(dst, pairBucket(a, b))
		}
	}
	return dst
}
