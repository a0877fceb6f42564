package match

import (
	"maps"
	"net/mail"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"crosscase"

	"github.com/nyaruka/phonenumbers"
)

// Limits on the tokens kept per record, so that Compare stays bounded.
const (
	maxGivenTokens   = 4
	maxFamilyTokens  = 4
	maxNamedTokens   = 8
	givenMarker      = '~' // leads the phonetic key of a given-name token
	maxTokenBytes    = 48
	maxIdentBytes    = 128
	minBlockTokenLen = 2
	minPhoneDigits   = 6 // national significant number of a number outside the known ranges
)

// honorifics are dropped from a given name that has other words.
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "herr": true,
	"frau": true, "mme": true, "mlle": true, "dhr": true, "mevr": true, "prof": true,
}

// nameTokens appends the plain tokens of the name s and their phonetic keys
// (each prefixed with marker when marker is not 0) to toks and phon, at
// most limit of them.
func nameTokens(toks, phon []string, s string, sc script, marker byte, limit int, drop map[string]bool) ([]string, []string) {
	segs := segments(s)
	n := 0
	for _, seg := range segs {
		if n == limit {
			break
		}
		plain, rich := translitBoth(seg, sc)
		if hasDigit(plain) {
			plain, rich = digitsAsLetters(plain), digitsAsLetters(rich)
		}
		if plain == "" || (drop != nil && drop[plain] && len(segs) > 1) {
			continue
		}
		if len(plain) > maxTokenBytes {
			plain = plain[:maxTokenBytes]
		}
		key := phonetic(rich)
		if key == "" {
			key = plain
		}
		if ak, ok := arabicKey(seg, plain); ok {
			key = ak // Arabic script: its consonant skeleton
		}
		if marker != 0 {
			key = string(marker) + key
		}
		toks = append(toks, plain)
		phon = append(phon, key)
		n++
	}
	return toks, phon
}

// digitsAsLetters reads the digits of a name token that stand between
// letters, or before them, as the letters they look like (M0hammed,
// 5ergei, Al1ce): 0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b. Digits after the
// letters (Rossi2) or a token of digits alone stay: they number people
// apart.
func digitsAsLetters(t string) string {
	letters := 0
	for i := 0; i < len(t); i++ {
		if t[i] >= 'a' && t[i] <= 'z' {
			letters++
		}
	}
	if letters < 2 {
		return t
	}
	end := len(t)
	for end > 0 && t[end-1] >= '0' && t[end-1] <= '9' {
		end-- // trailing digits stay
	}
	var b []byte
	for i := 0; i < end; i++ {
		c := t[i]
		if c < '0' || c > '9' {
			continue
		}
		l := digitLetters[c-'0']
		if l == 0 {
			return t
		}
		if b == nil {
			b = []byte(t)
		}
		b[i] = l
	}
	if b == nil {
		return t
	}
	return string(b)
}

// digitLetters are the letters digits stand for in names; 0 for none.
var digitLetters = [10]byte{'o', 'i', 0, 'e', 'a', 's', 0, 't', 'b', 0}

// fixMojibake returns s decoded again when it is UTF-8 that was read as
// Latin-1 or Windows-1252 and written out as UTF-8 once more (Ã© for é,
// Å‚ for ł), a damage names suffer between systems; else s.
func fixMojibake(s string) string {
	if !strings.ContainsAny(s, "ÃÅÄÐÑÂ") {
		return s
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < 0x100:
			b = append(b, byte(r))
		default:
			c, ok := cp1252[r]
			if !ok {
				return s
			}
			b = append(b, c)
		}
	}
	if !utf8.Valid(b) {
		return s
	}
	return string(b)
}

// cp1252 maps the characters Windows-1252 puts at 0x80–0x9f back to
// their bytes.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
	'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}

// personKeys fills the name keys of a person: given-name tokens first
// (their phonetic keys carry givenMarker), then family-name tokens.
func personKeys(k *Keys, given, family string) {
	given, family = fixMojibake(given), fixMojibake(family)
	given, family = hanPersonName(given, family) // a Chinese name in one field
	given, family = wadeGilesName(given, family) // a Chinese name in Wade–Giles
	sc := detectScript(given + " " + family)
	// A whole name in one field (a list with one name column) keeps as
	// many parts as both would: the family name of Maurits Willem van
	// der Valk is its fifth.
	gl, fl := maxGivenTokens, maxFamilyTokens
	if strings.TrimSpace(family) == "" {
		gl = maxCmpTokens
	} else if strings.TrimSpace(given) == "" {
		fl = maxCmpTokens
	}
	k.Tokens, k.Phonetic = nameTokens(nil, nil, given, sc, givenMarker, gl, honorifics)
	k.Tokens, k.Phonetic = nameTokens(k.Tokens, k.Phonetic, family, sc, 0, fl, nil)
}

// legalForms are company legal-form words written without spaces or
// punctuation (S.r.l. → srl, Sp. z o.o. → spzoo, Sh.p.k. → shpk).
var legalForms = map[string]bool{
	// English-speaking
	"ltd": true, "limited": true, "llc": true, "llp": true, "lp": true, "plc": true, "inc": true,
	"incorporated": true, "corp": true, "corporation": true, "co": true, "coltd": true, "pty": true, "ptyltd": true,
	"company": true, "lc": true, "pllc": true,
	// German-speaking
	"gmbh": true, "ag": true, "kg": true, "gmbhcokg": true, "cokg": true, "ohg": true, "ug": true,
	"ughaftungsbeschrankt": true, "ek": true, "ev": true, "kgaa": true, "gbr": true, "mbh": true,
	// French, Belgian, Luxembourgish
	"sarl": true, "sa": true, "sas": true, "sasu": true, "sci": true, "snc": true, "eurl": true,
	"sprl": true, "srl": true, "scs": true, "sca": true, "scrl": true, "bvba": true,
	// Italian, Spanish, Portuguese, Romanian
	"spa": true, "sapa": true, "srls": true, "sl": true, "slu": true, "sau": true, "ltda": true,
	"lda": true, "sgps": true, "sc": true,
	// Dutch
	"bv": true, "nv": true, "vof": true, "cv": true,
	// Nordic
	"ab": true, "as": true, "asa": true, "aps": true, "oy": true, "oyj": true, "hf": true, "ehf": true,
	// Polish, Czech, Slovak, Hungarian, Slovenian, Croatian, Serbian
	"spzoo": true, "sza": true, "spj": true, "spk": true, "sro": true, "vos": true,
	"kft": true, "zrt": true, "nyrt": true, "bt": true, "doo": true, "dd": true, "dooel": true,
	// Albanian
	"shpk": true, "sha": true,
	// Bulgarian, Greek, Cypriot, Turkish
	"ood": true, "eood": true, "ad": true, "ead": true, "ae": true, "epe": true, "ike": true,
	"oe": true, "ee": true, "ltdsti": true, "sti": true,
	// Russian, Ukrainian, Belarusian (transliterated)
	"ooo": true, "zao": true, "oao": true, "pao": true, "ao": true, "tov": true, "pat": true,
	"prat": true, "ip": true, "chp": true,
	// Societas Europaea
	"se": true,
}

// maxLegalFormWords is the most words one legal form spans (s p z o o).
const maxLegalFormWords = 6

// stripLegalForms removes legal-form words from the start and the end of
// toks (S.r.l., Sp. z o.o., GmbH & Co. KG), keeping at least one token.
// It returns the bounds [lo, hi) of what remains.
func stripLegalForms(toks []string) (lo, hi int) {
	lo, hi = 0, len(toks)
	for changed := true; changed && hi-lo > 1; {
		changed = false
		// longest legal form at the end
		for n := min(maxLegalFormWords, hi-lo-1); n >= 1; n-- {
			if legalForms[strings.Join(toks[hi-n:hi], "")] {
				hi -= n
				changed = true
				break
			}
		}
		if hi-lo <= 1 {
			break
		}
		for n := min(maxLegalFormWords, hi-lo-1); n >= 1; n-- {
			if legalForms[strings.Join(toks[lo:lo+n], "")] {
				lo += n
				changed = true
				break
			}
		}
	}
	return lo, hi
}

// namedKeys fills the keys of a company or group: the words of its name
// without legal form, and their phonetic keys.
func namedKeys(k *Keys, name string) {
	name = fixMojibake(name)
	sc := detectScript(name)
	toks, phon := nameTokens(nil, nil, name, sc, 0, 64, nil)
	lo, hi := 0, len(toks)
	for {
		l, h := stripLegalForms(toks[lo:hi])
		l, h = lo+l, lo+h
		for h-l > 1 && toks[l] == "the" {
			l++
		}
		if l == lo && h == hi {
			break
		}
		lo, hi = l, h
	}
	var keepT, keepP []string
	for i := lo; i < hi && len(keepT) < maxNamedTokens; i++ {
		if toks[i] == "and" || toks[i] == "und" || toks[i] == "et" {
			continue
		}
		keepT = append(keepT, toks[i])
		keepP = append(keepP, phon[i])
	}
	k.Tokens, k.Phonetic = keepT, keepP
}

// normIdent returns the normalised identifier of value for kind, or ""
// when kind is not an identifier kind or value cannot be read.
func normIdent(kind crosscase.EntityKind, value, country string) string {
	var s string
	switch kind {
	case crosscase.KindPhone:
		s = normPhone(value, country)
	case crosscase.KindIBAN:
		s = normIBAN(value)
	case crosscase.KindEmail:
		s = normEmail(value)
	case crosscase.KindVehicle, crosscase.KindDocument:
		s = normUpperAlnum(value)
	case crosscase.KindCryptoWallet:
		s = normWallet(value)
	case crosscase.KindAddress:
		s = addressIdent(value)
	}
	if len(s) > maxIdentBytes {
		return ""
	}
	return s
}

// normPhone returns the number in E.164 (+4930123456), reading a number
// without country code as one of country.
func normPhone(v, country string) string {
	v = strings.TrimSpace(v)
	region := strings.ToUpper(strings.TrimSpace(country))
	if strings.HasPrefix(v, "00") && region == "" {
		v = "+" + v[2:]
	}
	if v == "" || len(v) > 40 {
		return ""
	}
	num, err := phonenumbers.Parse(v, region)
	if err != nil {
		return ""
	}
	// A number of a known range, or one of a plausible length (new ranges
	// reach the metadata late).
	if !phonenumbers.IsValidNumber(num) &&
		(!phonenumbers.IsPossibleNumber(num) || len(phonenumbers.GetNationalSignificantNumber(num)) < minPhoneDigits) {
		return ""
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// normIBAN returns the IBAN in upper case without separators, or "" when
// its checksum is wrong.
func normIBAN(v string) string {
	s := crosscase.NormalizeIBAN(ibanSeparators.Replace(v))
	if !crosscase.ValidIBAN(s) {
		return ""
	}
	return s
}

// ibanSeparators are dropped from an IBAN; a Replacer is safe for
// concurrent use, so one serves every call.
var ibanSeparators = strings.NewReplacer("-", "", ".", "")

// normEmail returns the address in lower case ("Name <a@b>" gives a@b).
// Dots and plus parts are kept: providers differ in what they ignore.
func normEmail(v string) string {
	v = strings.TrimSpace(v)
	if a, err := mail.ParseAddress(v); err == nil {
		v = a.Address
	}
	v = strings.ToLower(v)
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || at == len(v)-1 || strings.ContainsAny(v, " \t\r\n") {
		return ""
	}
	return v
}

// lookalike maps Cyrillic and Greek capitals that plates and documents
// use as Latin letters (Russian А123ВС77, Greek ΙΚΑ-1234).
var lookalike = map[rune]rune{
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
	'С': 'C', 'Т': 'T', 'У': 'Y', 'Х': 'X', 'І': 'I',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M',
	'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
}

// normUpperAlnum returns the letters and digits of v in upper case
// (plates and document numbers: spaces, dashes and dots dropped).
func normUpperAlnum(v string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(v) {
		if l, ok := lookalike[r]; ok {
			r = l
		}
		switch {
		case r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 0x80 && unicode.IsLetter(r):
			b.WriteString(strings.ToUpper(transliterate(string(r), 0, false)))
		}
	}
	return b.String()
}

// normWallet returns a crypto wallet address without white space, in
// lower case: 0x hex (Ethereum and similar) and bech32 (bc1…) addresses
// carry no meaning in case, and base58 addresses (1…, 3…, T…), whose
// case does matter, are often copied in capitals from paper; two real
// base58 addresses that differ only in case are not to be expected.
func normWallet(v string) string {
	return strings.ToLower(strings.Join(strings.Fields(v), ""))
}

// addressShortForms shorten street words wherever they stand in an
// address run together, the longer forms first. Both sides of a
// comparison are shortened alike, so a word that merely contains one
// (Olivia) changes on both and still agrees.
var addressShortForms = strings.NewReplacer("strasse", "str", "street", "st", "avenue", "av", "ave", "av",
	"boulevard", "blvd", "ulitsa", "ul", "ulica", "ul", "platz", "pl", "place", "pl", "square", "sq",
	"road", "rd", "via", "v", "rue", "r", "calle", "c")

// addressIdent returns an address as an identifier: its letters and
// digits, transliterated, in lower case, run together, with street words
// shortened (Hauptstraße 5, Berlin; Hauptstr. 5 Berlin;
// HAUPTSTRASSE5,BERLIN are one address).
func addressIdent(v string) string {
	sc := detectScript(v)
	var b strings.Builder
	for _, seg := range segments(v) {
		b.WriteString(transliterate(seg, sc, false))
	}
	return addressShortForms.Replace(b.String())
}

// streetWords shortens the commonest street words so that "Hauptstraße
// 5" and "Hauptstr. 5" agree.
var streetWords = map[string]string{
	"strasse": "str", "street": "st", "road": "rd", "avenue": "ave", "av": "ave",
	"boulevard": "blvd", "ulica": "ul", "ulitsa": "ul", "place": "pl", "platz": "pl",
	"square": "sq", "via": "v", "rue": "r", "calle": "c",
}

// normAddress returns the address as lower-case ASCII words with street
// words shortened.
func normAddress(v string) string {
	sc := detectScript(v)
	var words []string
	for _, seg := range segments(v) {
		w := transliterate(seg, sc, false)
		if w == "" {
			continue
		}
		if s, ok := streetWords[w]; ok {
			w = s
		} else if strings.HasSuffix(w, "strasse") {
			w = strings.TrimSuffix(w, "strasse") + "str"
		}
		words = append(words, w)
	}
	return strings.Join(words, " ")
}

// Person identity numbers.
const (
	minPersonIDLen   = 4  // shorter identity numbers are ignored: too many people share them
	minPersonIDSlip  = 6  // from this length a number one slip apart is filed and compared as a likely typo
	maxPersonIDLen   = 24 // longer ones are not identity numbers
	maxAddressTokens = 12
	maxAddressTokLen = 32
)

// normPersonID returns a person's identity number as its letters and
// digits in capitals (spaces, dashes, dots and slashes dropped), or ""
// when it has fewer than minPersonIDLen or more than maxPersonIDLen of
// them or no digit: "AB 12 34 56 C" and "ab123456c" are one number.
func normPersonID(v string) string {
	s := normUpperAlnum(v)
	if len(s) < minPersonIDLen || len(s) > maxPersonIDLen || !hasDigit(s) {
		return ""
	}
	return s
}

// normNationality returns an ISO 3166-1 alpha-2 code in capitals, or ""
// for anything else.
func normNationality(v string) string {
	v = strings.ToUpper(strings.TrimSpace(v))
	if len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
		return ""
	}
	return v
}

// addressTokens returns the words of an address that tell addresses
// apart, in lower-case ASCII (see normAddress): street words (street,
// Straße, ulica, via …) are dropped, also where they are run together
// with the street's name ("Pridhamstreet", "Hauptstr."), and so are
// duplicates. At most maxAddressTokens words are kept.
func addressTokens(v string) []string {
	if strings.TrimSpace(v) == "" {
		return nil
	}
	var out []string
	for _, w := range strings.Fields(normAddress(v)) {
		if isStreetWord(w) {
			continue
		}
		for _, suffix := range []string{"street", "str"} {
			if len(w) > len(suffix)+2 && strings.HasSuffix(w, suffix) {
				w = strings.TrimSuffix(w, suffix)
				break
			}
		}
		if len(w) > maxAddressTokLen {
			w = w[:maxAddressTokLen]
		}
		if slices.Contains(out, w) {
			continue
		}
		out = append(out, w)
		if len(out) == maxAddressTokens {
			break
		}
	}
	return out
}

// isStreetWord reports whether w is a street word as normAddress writes it.
func isStreetWord(w string) bool { return droppedStreetWords[w] }

// droppedStreetWords are otherStreetWords and the short forms of
// streetWords.
var droppedStreetWords = func() map[string]bool {
	m := maps.Clone(otherStreetWords)
	for _, s := range streetWords {
		m[s] = true
	}
	return m
}()

// otherStreetWords are more words for a street that say nothing about
// which one it is.
var otherStreetWords = map[string]bool{
	"lane": true, "ln": true, "drive": true, "dr": true, "crescent": true, "cres": true,
	"court": true, "ct": true, "way": true, "close": true, "circuit": true, "parade": true,
	"terrace": true, "tce": true, "highway": true, "hwy": true, "gasse": true, "weg": true,
	"allee": true, "ulice": true, "utca": true, "strada": true, "calea": true, "odos": true,
	"viale": true, "piazza": true, "corso": true, "avenida": true, "rua": true, "carrer": true,
	"straat": true, "laan": true, "gatan": true, "vej": true, "katu": true, "no": true, "nr": true,
}
