package match

import (
	"crosscase"
)

// Same document, different name.
//
// Two persons with the same identity number (passport, national identity
// card) and clearly different names score low as persons: the names
// disagree. Yet that is not "no hit": it may be a false or stolen
// identity, which the desks that own the records want to know. So the
// index reports such a pair as a candidate of its own kind,
// CandidateSameDocument, scored by how much the shared number says
// (CompareDocument), with its own threshold (SetDocumentThreshold) and an
// explanation that says what was found.

// Candidate kinds.
const (
	// CandidateSameEntity is a candidate that probably is the same person,
	// company, group or identifier (the zero value).
	CandidateSameEntity = ""
	// CandidateSameDocument is a person whose identity number is the
	// query's while the names clearly differ.
	CandidateSameDocument = "same_document"
)

// DefaultDocumentThreshold is the least CompareDocument score at which
// the index reports a same-document candidate once enabled.
const DefaultDocumentThreshold = 90

// Document scores: the number alone, by its length, and what a
// nationality that differs takes away (two countries' numbering may
// coincide).
const (
	docScoreLong       = 100 // minDocLong characters or more
	docScoreShort      = 92  // minPersonIDSlip to minDocLong-1 characters
	minDocLong         = 8
	docNationalityDiff = 10
	// maxDocNameSim is the largest whole-name similarity at which the
	// names count as clearly different.
	maxDocNameSim = 0.5
)

// CompareDocument reports whether persons a and b hold the same identity
// document under clearly different names: the same identity number of at
// least six characters, and names that do not agree as one person's
// (Compare below the person threshold, and whole names alike at most
// maxDocNameSim or differing in a part on each side). It returns the
// score (0 when not), and the explanation: the number, the names, and the
// date of birth and nationality when both records know them.
func CompareDocument(a, b Keys) (int, []FieldScore) {
	return compareDocument(&a, &b, nil)
}

func compareDocument(a, b *Keys, buf []FieldScore) (int, []FieldScore) {
	if a.Kind != crosscase.KindPerson || b.Kind != crosscase.KindPerson || a.Ident == "" ||
		a.Ident != b.Ident || len(a.Ident) < minPersonIDSlip {
		return 0, nil
	}
	if s, _ := compare(a, b, buf); s >= DefaultThresholds()[crosscase.KindPerson] {
		return 0, nil // the same person: an ordinary hit
	}
	na, _ := split(a)
	nb, _ := split(b)
	if na == 0 || nb == 0 {
		return 0, nil
	}
	var m simMatrix
	m.fill(a, b, na, nb, true)
	ns, sim, h := compareNamesAlone(a, b, &m, na, nb)
	if sim > maxDocNameSim && ns > namesAloneDiffers {
		return 0, nil
	}
	if h != howDifferent {
		h = howPartDiffers
	}
	score := docScoreShort
	if len(a.Ident) >= minDocLong {
		score = docScoreLong
	}
	fields := append(buf[:0],
		FieldScore{Field: "id_number", Score: 1, How: howNames[howExact]},
		FieldScore{Field: "name", Score: round2(sim), How: howNames[h]})
	if bs, bh, ok := compareBirth(a, b); ok {
		fields = append(fields, FieldScore{Field: "birth_date", Score: round2(bs), How: howNames[bh]})
	}
	if a.Nationality != "" && b.Nationality != "" {
		if a.Nationality == b.Nationality {
			fields = append(fields, FieldScore{Field: "nationality", Score: 1, How: howNames[howExact]})
		} else {
			score -= docNationalityDiff
			fields = append(fields, FieldScore{Field: "nationality", Score: 0, How: howNames[howDifferent]})
		}
	}
	return score, fields
}

// SetDocumentThreshold makes checks also report same-document candidates
// (Candidate.Kind CandidateSameDocument) scoring at least th by
// CompareDocument; th ≤ 0 stops them, which is how a new index starts,
// so that a program reports them only where its pages and records tell
// them apart from ordinary hits.
func (ix *Index) SetDocumentThreshold(th int) {
	ix.mu.Lock()
	ix.docThreshold = max(th, 0)
	ix.mu.Unlock()
}

// DocumentThreshold returns the threshold of same-document candidates,
// 0 when they are not reported.
func (ix *Index) DocumentThreshold() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.docThreshold
}
