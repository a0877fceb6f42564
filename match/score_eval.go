package match

import (
	"fmt"

	"crosscase"
)

// Quality says how well the matcher finds the true pairs of a labelled
// set at one threshold.
type Quality struct {
	Threshold   int     `json:"threshold"`
	TruePairs   int     `json:"true_pairs"`   // pairs that are one entity
	Found       int     `json:"found"`        // pairs scoring at least Threshold
	Correct     int     `json:"correct"`      // found pairs that are true pairs
	Blocked     int     `json:"blocked"`      // true pairs that share a blocking key
	Compared    int     `json:"compared"`     // pairs compared after blocking
	Precision   float64 `json:"precision"`    // Correct / Found
	Recall      float64 `json:"recall"`       // Correct / TruePairs
	F1          float64 `json:"f1"`           // harmonic mean of the two
	BlockRecall float64 `json:"block_recall"` // Blocked / TruePairs
}

func (q *Quality) finish() {
	if q.Found > 0 {
		q.Precision = float64(q.Correct) / float64(q.Found)
	}
	if q.TruePairs > 0 {
		q.Recall = float64(q.Correct) / float64(q.TruePairs)
		q.BlockRecall = float64(q.Blocked) / float64(q.TruePairs)
	}
	if q.Precision+q.Recall > 0 {
		q.F1 = 2 * q.Precision * q.Recall / (q.Precision + q.Recall)
	}
}

// String formats q for a log line.
func (q Quality) String() string {
	return fmt.Sprintf("threshold %d: precision %.4f recall %.4f F1 %.4f (true pairs %d, found %d, correct %d, blocking recall %.4f, compared %d)",
		q.Threshold, q.Precision, q.Recall, q.F1, q.TruePairs, q.Found, q.Correct, q.BlockRecall, q.Compared)
}

// EvaluateLinkage finds the duplicates within recs as the index does:
// it files every record under its BlockingKeys, compares once every pair
// where the keys one looks up (lookupKeys) find the other, and counts the pairs scoring at least each of the
// thresholds. entity[i] names the real entity of recs[i]; records with
// the same name are the true pairs. It returns one Quality per threshold.
func EvaluateLinkage(recs []Record, entity []string, thresholds ...int) []Quality {
	keys := make([]Keys, len(recs))
	blocks := map[string][]int{}
	size := map[string]int{}
	for i, r := range recs {
		keys[i] = Normalize(r)
		for _, b := range BlockingKeys(keys[i]) {
			blocks[b] = append(blocks[b], i)
		}
		size[entity[i]]++
	}
	persons := 0
	for _, r := range recs {
		if r.Kind == crosscase.KindPerson {
			persons++
		}
	}
	counts := nameCounts{count: func(p string) int { return len(blocks["p:"+p]) }, persons: persons}
	truePairs := 0
	for _, n := range size {
		truePairs += n * (n - 1) / 2
	}
	var scored []scoredPair
	// rescued[i] counts the pairs of record i that only its name's rarity
	// made a hit; as in Index.check, more than maxRescued cancel them.
	rescued := make([]int, len(recs))
	type rescuedPair struct{ at, i, j, orig int }
	var pending []rescuedPair
	seen := map[[2]int]bool{}
	for x := range recs {
		for _, key := range lookupKeys(keys[x]) {
			for _, y := range blocks[key] {
				i, j := min(x, y), max(x, y)
				if i == j || seen[[2]int{i, j}] {
					continue
				}
				seen[[2]int{i, j}] = true
				s, f := Compare(keys[i], keys[j])
				if r, _ := counts.rescue(&keys[i], s, f); r != s {
					rescued[i]++
					rescued[j]++
					pending = append(pending, rescuedPair{len(scored), i, j, s})
					s = r
				}
				scored = append(scored, scoredPair{score: s, same: entity[i] == entity[j]})
			}
		}
	}
	for _, p := range pending {
		if rescued[p.i] > maxRescued || rescued[p.j] > maxRescued {
			scored[p.at].score = p.orig
		}
	}
	return tally(scored, truePairs, thresholds)
}

// scoredPair is one compared pair: its score and whether it is a true pair.
type scoredPair struct {
	score int
	same  bool
}

func tally(scored []scoredPair, truePairs int, thresholds []int) []Quality {
	out := make([]Quality, len(thresholds))
	for t, th := range thresholds {
		q := Quality{Threshold: th, TruePairs: truePairs, Compared: len(scored)}
		for _, p := range scored {
			if p.same {
				q.Blocked++
			}
			if p.score >= th {
				q.Found++
				if p.same {
					q.Correct++
				}
			}
		}
		q.finish()
		out[t] = q
	}
	return out
}

// LabelledPair is two records and whether they are the same entity.
type LabelledPair struct {
	A, B Record
	Same bool
}

// EvaluatePairs scores labelled pairs: a pair is found at a threshold
// when the two records share a blocking key and score at least the
// threshold. It returns one Quality per threshold.
func EvaluatePairs(pairs []LabelledPair, thresholds ...int) []Quality {
	var scored []scoredPair
	truePairs := 0
	for _, p := range pairs {
		ka, kb := Normalize(p.A), Normalize(p.B)
		if p.Same {
			truePairs++
		}
		if !meets(ka, kb) {
			continue
		}
		s, _ := Compare(ka, kb)
		scored = append(scored, scoredPair{score: s, same: p.Same})
	}
	return tally(scored, truePairs, thresholds)
}

// meets reports whether a check of a looks up a key b is filed under
// (and so the other way round).
func meets(a, b Keys) bool { return shareKey(lookupKeys(a), BlockingKeys(b)) }

func shareKey(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
