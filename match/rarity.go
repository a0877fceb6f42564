package match

import (
	"math"

	"crosscase"
)

// Rare names in a register.
//
// Compare weighs agreement on a name the same whatever the name. That is
// right for common names, and too cautious for rare ones: two records
// with the same rare given name and the same exact date of birth are
// hardly a coincidence even when their family names differ (a name
// changed at marriage, an alias, another field typed in its place), and
// the same rare full name is hardly a namesake even when the dates of
// birth differ (a mistyped date). Whether a name is rare depends on the
// register it is looked up in, so the question is asked of the index:
// how many people would agree this way by chance?
//
//   - Same given name, same exact date of birth, family name different:
//     by chance, about count(given name) / days over which dates of birth
//     spread other people of the register agree.
//   - Same given and family name, date of birth different: about
//     count(given) × count(family) / persons other people share the name
//     (the two parts taken as independent).
//
// When that expected number is at most maxChance, the pair scores
// rescueScore ("probably the same"), and its explanation says why with a
// field "name_rarity". What the register actually holds overrides the
// estimate: when more than maxRescued entries agree with one query this
// way (many people recorded as born on 1 January, say), none is rescued. Counts are those of the phonetic blocking keys:
// every entity with a name token that sounds alike counts, so a name is
// taken as at least as common as it is.
const (
	// birthSpreadDays is the span of days over which the dates of birth
	// of a register spread (80 years).
	birthSpreadDays = 80 * 365.25
	// maxChance is the largest expected number of chance agreements in
	// the register at which a pair is still rescued.
	maxChance = 0.01
	// rescueScore is the score of a rescued pair: "probably", exactly the
	// default person threshold.
	rescueScore = 80
	// maxRescued is how many rescued candidates one query may have before
	// the coincidence counts as common in this register.
	maxRescued = 5
)

// nameCounts answers how common a name is in a register.
type nameCounts struct {
	// count returns how many entities have a name token whose phonetic
	// key (without marker) is p; 0 when unknown.
	count func(p string) int
	// persons is the number of persons in the register.
	persons int
}

// rescue returns the score of persons a and b, scored s with fields by
// Compare, raised to rescueScore when their agreement would be a rare
// coincidence in the register (see above), and s and fields otherwise.
func (c nameCounts) rescue(a *Keys, s int, fields []FieldScore) (int, []FieldScore) {
	if s >= rescueScore || a.Kind != crosscase.KindPerson || c.count == nil || c.persons == 0 {
		return s, fields
	}
	var fam, giv, birth *FieldScore
	for i := range fields {
		switch fields[i].Field {
		case "family_name":
			fam = &fields[i]
		case "given_name":
			giv = &fields[i]
		case "birth_date":
			birth = &fields[i]
		case "id_number":
			if fields[i].Score == 0 {
				// Different identity numbers: no coincidence to weigh.
				return s, fields
			}
		}
	}
	if giv == nil || fam == nil || birth == nil || giv.Score < 0.9 {
		return s, fields
	}
	n, g := split(a)
	if g == 0 || g == n {
		return s, fields
	}
	cg, cf := c.rarest(a, 0, g), c.rarest(a, g, n)
	var chance float64
	switch {
	case birth.How == howNames[howExact] && fam.Score < 0.5 && cg > 0:
		chance = float64(cg) / birthSpreadDays
	case fam.Score >= 0.9 && birth.Score < 0.5 && cg > 0 && cf > 0:
		chance = float64(cg) * float64(cf) / float64(c.persons)
	default:
		return s, fields
	}
	if chance > maxChance {
		return s, fields
	}
	out := make([]FieldScore, len(fields), len(fields)+1)
	copy(out, fields)
	return rescueScore, append(out, FieldScore{Field: "name_rarity", Score: round2(1 - chance), How: "rare_in_register"})
}

// rarest returns the count of the rarest token of k.Tokens[lo:hi] that
// has a blocking key, 0 when none has.
func (c nameCounts) rarest(k *Keys, lo, hi int) int {
	best := 0
	for i := lo; i < hi && i < len(k.Phonetic); i++ {
		if len(k.Tokens[i]) < minBlockTokenLen {
			continue
		}
		if n := c.count(stripMarker(k.Phonetic[i])); n > 0 && (best == 0 || n < best) {
			best = n
		}
	}
	return best
}

// Common names in a register.
//
// Two persons known by name alone score by how alike their names are
// (see score_names.go), whatever the name. When neither record holds
// anything but the name, in a register of millions the same common name
// is mostly a namesake: so the index estimates how many people of the
// register would bear the name by chance — persons × Π count(part) /
// persons over the name's parts filed under a key, the parts taken as
// independent — and, when that is more than maxNamesakes, lowers the
// score by namesakePenalty per natural-log unit, at most
// maxNamesakePenalty, and says so in the explanation (field
// "name_rarity", how "common_in_register").
const (
	maxNamesakes       = 2
	namesakePenalty    = 2.5
	maxNamesakePenalty = 20
	// minNamesakeRegister is the fewest persons a register needs before
	// its counts say how common a name is.
	minNamesakeRegister = 1000
)

// common returns the score of persons a and b, scored s with fields,
// lowered when both are known by nothing but a name and a's name is
// common in the register. (When one record knows more, a date of birth
// say, the other's silence is no evidence of a namesake; the score of
// such pairs is capped as before.)
func (c nameCounts) common(a, b *Keys, s int, fields []FieldScore) (int, []FieldScore) {
	if c.count == nil || c.persons < minNamesakeRegister || a.Kind != crosscase.KindPerson || !nameOnly(a) || !nameOnly(b) {
		return s, fields
	}
	alone := false
	for i := range fields {
		if fields[i].Field == "full_name" {
			alone = true
		}
	}
	if !alone {
		return s, fields
	}
	n, _ := split(a)
	expected, parts := float64(c.persons), 0
	for i := 0; i < n; i++ {
		t := a.Tokens[i]
		if len(t) < minBlockTokenLen || minorNameWords[t] {
			continue
		}
		cnt := c.count(stripMarker(a.Phonetic[i]))
		if cnt == 0 {
			continue
		}
		parts++
		expected *= float64(cnt) / float64(c.persons)
	}
	if parts == 0 || expected <= maxNamesakes {
		return s, fields
	}
	penalty := min(maxNamesakePenalty, int(math.Round(namesakePenalty*math.Log(expected))))
	if penalty <= 0 {
		return s, fields
	}
	out := make([]FieldScore, len(fields), len(fields)+1)
	copy(out, fields)
	return s - penalty, append(out, FieldScore{Field: "name_rarity", Score: round2(1 / expected), How: "common_in_register"})
}

// nameOnly reports whether k knows nothing of a person but the name.
func nameOnly(k *Keys) bool {
	return k.Birth.IsZero() && k.BirthYear == 0 && k.Ident == "" && len(k.Address) == 0 && k.Nationality == ""
}

// mayRescueBirthDiffers reports whether rescue could lift a comparison
// of a whose names agree and whose birth dates do not: whether the
// coincidence of a's given and family names is rare enough in the
// register. When it is not, such a comparison keeps its score.
func (c nameCounts) mayRescueBirthDiffers(a *Keys) bool {
	if a.Kind != crosscase.KindPerson || c.count == nil || c.persons == 0 {
		return false
	}
	n, g := split(a)
	if g == 0 || g == n {
		return false
	}
	cg, cf := c.rarest(a, 0, g), c.rarest(a, g, n)
	return cg > 0 && cf > 0 && float64(cg)*float64(cf)/float64(c.persons) <= maxChance
}
