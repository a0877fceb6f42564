package match

import "strings"

// Explanations in words.
//
// FieldScore names a field and how it agreed in codes (family_name,
// transliteration). Words turns one into a sentence a prosecutor reads
// without knowing the matcher: which field, what was found, and whether
// it counted for or against the two records being the same. They name
// no personal data: neither record's content is in a FieldScore.

// fieldWords name the fields.
var fieldWords = map[string]string{
	"family_name": "Family name",
	"given_name":  "Given names",
	"full_name":   "Name (nothing else to compare)",
	"birth_date":  "Date of birth",
	"id_number":   "Identity number",
	"address":     "Address",
	"nationality": "Nationality",
	"name":        "Name",
	"value":       "Value",
	"name_rarity": "How common the name is",
}

// howWords say what was found, and whether it counts for (+), a little
// for (~) or against (-).
var howWords = map[string]string{
	"exact":              "+the same",
	"phonetic":           "+the same name in another spelling or script (it sounds alike)",
	"transliteration":    "+the same name in another script",
	"typo":               "+the same but for a small slip (a letter or digit typed wrong, added, dropped or swapped)",
	"initial":            "~an initial that fits the full name on the other side",
	"nickname":           "+a short form or nickname of the same name (Bill for William, Sasha for Aleksandr)",
	"partial":            "~the same as far as both go; one record has more parts (a middle name, a second family name, a title)",
	"swapped":            "+the same, entered in the other field (given and family names swapped)",
	"spacing":            "+the same, written together on one side and apart on the other",
	"day_month_swapped":  "+the same with day and month swapped",
	"year_only":          "~only the year is known on one side, and it agrees",
	"same_year":          "-a different day in the same year",
	"part_differs":       "-a part of the name differs on each side (another name, or the form of a name for the other sex: Aleksandr and Aleksandra, Svoboda and Svobodová): often relatives (brothers, cousins, a husband and wife), not one person",
	"parent_swapped":     "-the same names, but in the other order around the word for \"son of\" or \"daughter of\" (bin, ibn, ben, bint, ould, ap): Abdullah bin Abdulaziz is Abdullah, the son of Abdulaziz; Abdulaziz bin Abdullah is his father, or another man of that name: not one person",
	"different":          "-different",
	"rare_in_register":   "+the name is rare in this register, so a coincidence is unlikely; this raised the score",
	"common_in_register": "-the name is common in this register (many people bear it), so this lowered the score",
}

// Words returns the field's finding as a sentence, ending with whether
// it counted for or against the records being the same.
func (f FieldScore) Words() string {
	field := fieldWords[f.Field]
	if field == "" {
		field = strings.ReplaceAll(f.Field, "_", " ")
	}
	w := howWords[f.How]
	if w == "" {
		w = "~" + strings.ReplaceAll(f.How, "_", " ")
	}
	var counts string
	switch w[0] {
	case '+':
		counts = "counts for"
	case '-':
		counts = "counts against"
	default:
		counts = "counts a little for"
	}
	if f.How == "typo" && f.Field == "id_number" {
		counts = "counts for, less than the same number"
	}
	if f.How == "different" && f.Field == "id_number" {
		counts = "counts against, a little: one person may hold several documents"
	}
	if f.How == "different" && f.Field == "nationality" {
		counts = "counts against, a little: people hold two"
	}
	return field + ": " + w[1:] + " — " + counts + "."
}

// Explain returns a candidate's explanation in words: a first line that
// says what kind of candidate it is and what its score means, then one
// line per field (see Words).
func Explain(c Candidate) []string {
	var head string
	switch {
	case c.Kind == CandidateSameDocument:
		head = "The same identity document under a clearly different name: possibly a false or stolen identity, not the same person."
	case c.Score >= 90:
		head = "Almost certainly the same."
	case c.Score >= 75:
		head = "Probably the same."
	default:
		head = "Possibly the same."
	}
	out := []string{head}
	for _, f := range c.Fields {
		out = append(out, f.Words())
	}
	return out
}
