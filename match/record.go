// Package match finds entities of different cases that are probably the
// same person, company, group or identifier. It turns a Record into Keys
// (normalised, transliterated and phonetic forms), files Keys under
// blocking keys, and scores two Keys from 0 to 100 with a per-field
// explanation.
package match

import (
	"strings"
	"unicode"

	"crosscase"

	"golang.org/x/text/unicode/norm"
)

// Record is what the matcher knows about one entity of one case.
type Record struct {
	EntityID, CaseID, DeskID int64 // DeskID: the case's owner desk
	Kind                     crosscase.EntityKind
	GivenName, FamilyName    string         // persons
	Name                     string         // companies, groups
	BirthDate                crosscase.Date // zero when unknown; Year-only knowledge is expressed by BirthYear
	BirthYear                int            // when only the year is known (BirthDate zero)
	Nationality              string
	Value                    string // identifiers: phone, e-mail, IBAN, plate, wallet, document number, address
	Country                  string // where the identifier was issued/registered, or the case owner's country (phone parsing)
}

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
		Value:       e.Value,
		Country:     e.Country,
	}
	if r.Country == "" {
		r.Country = caseCountry
	}
	return r
}

// Keys are the normalised forms of a record, computed once and kept in the index.
type Keys struct {
	Kind      crosscase.EntityKind
	Tokens    []string // normalised name tokens (persons: given+family; companies: name without legal form), ASCII lower-case
	Phonetic  []string // a phonetic key per token (same order as Tokens)
	Birth     crosscase.Date
	BirthYear int
	Ident     string // normalised identifier (E.164 phone, IBAN, lower-case e-mail, plate, wallet, document); "" if not an identifier kind or unparsable
}

// Normalize computes the keys of r.
func Normalize(r Record) Keys {
	k := Keys{Kind: r.Kind, Birth: r.BirthDate, BirthYear: r.BirthYear}
	if k.BirthYear == 0 && !k.Birth.IsZero() {
		k.BirthYear = k.Birth.Year
	}
	switch {
	case r.Kind == crosscase.KindPerson:
		k.Tokens = simpleTokens(r.GivenName + " " + r.FamilyName)
	case r.Kind.IsNamed():
		k.Tokens = simpleTokens(r.Name)
	default:
		k.Ident = strings.ToLower(strings.Join(strings.Fields(r.Value), ""))
	}
	k.Phonetic = make([]string, len(k.Tokens))
	for i, t := range k.Tokens {
		k.Phonetic[i] = t
	}
	return k
}

func simpleTokens(s string) []string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// BlockingKeys returns the strings under which a record is filed so that
// likely matches share at least one key (identifiers: "id:"+Ident;
// persons: phonetic keys of each token, optionally combined with birth
// year; companies: tokens).
func BlockingKeys(k Keys) []string {
	if k.Ident != "" {
		return []string{"id:" + k.Ident}
	}
	var out []string
	for _, p := range k.Phonetic {
		out = append(out, "p:"+p)
	}
	return out
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
func Compare(a, b Keys) (score int, fields []FieldScore) {
	if a.Kind != b.Kind {
		return 0, nil
	}
	if a.Ident != "" || b.Ident != "" {
		if a.Ident != "" && a.Ident == b.Ident {
			return 100, []FieldScore{{Field: "value", Score: 1, How: "exact"}}
		}
		return 0, nil
	}
	if len(a.Tokens) == 0 || len(b.Tokens) == 0 {
		return 0, nil
	}
	same := 0
	for _, t := range a.Tokens {
		for _, u := range b.Tokens {
			if t == u {
				same++
				break
			}
		}
	}
	n := max(len(a.Tokens), len(b.Tokens))
	s := float64(same) / float64(n)
	field := "name"
	if a.Kind == crosscase.KindPerson {
		field = "family_name"
	}
	return int(s * 100), []FieldScore{{Field: field, Score: s, How: "exact"}}
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
