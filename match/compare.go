package match

// maxCmpLen bounds the strings the similarity functions look at; tokens
// are cut to maxTokenBytes when normalised, so this never cuts a token.
const maxCmpLen = 64

// jaroWinkler returns the Jaro-Winkler similarity of a and b (0..1, 1 for
// equal strings) with the usual prefix scale 0.1 over at most 4 bytes.
// It does not allocate.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	return jw(a, b)
}

// jaroWinklerBytes is jaroWinkler for byte slices.
func jaroWinklerBytes(a, b []byte) float64 { return jw(a, b) }

func jw[T ~string | ~[]byte](a, b T) float64 {
	if len(a) > maxCmpLen {
		a = a[:maxCmpLen]
	}
	if len(b) > maxCmpLen {
		b = b[:maxCmpLen]
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	window := max(la, lb)/2 - 1
	if window < 0 {
		window = 0
	}
	var ma, mb [maxCmpLen]bool
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-window), min(lb, i+window+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, j := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if a[i] != b[j] {
			t++
		}
		j++
	}
	mf := float64(m)
	jaro := (mf/float64(la) + mf/float64(lb) + (mf-float64(t)/2)/mf) / 3
	p := 0
	for p < 4 && p < la && p < lb && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// damerau returns the optimal-string-alignment distance between a and b
// (insertions, deletions, substitutions and transpositions of adjacent
// bytes), or limit+1 when it is more than limit. It does not allocate.
func damerau(a, b string, limit int) int { return osa(a, b, limit) }

// damerauBytes is damerau for a string and a byte slice.
func damerauBytes(a string, b []byte, limit int) int { return osa(a, b, limit) }

func osa[S, T ~string | ~[]byte](a S, b T, limit int) int {
	if len(a) > maxCmpLen {
		a = a[:maxCmpLen]
	}
	if len(b) > maxCmpLen {
		b = b[:maxCmpLen]
	}
	la, lb := len(a), len(b)
	if d := la - lb; d > limit || -d > limit {
		return limit + 1
	}
	var rows [3][maxCmpLen + 1]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[lb] > limit {
		return limit + 1
	}
	return prev[lb]
}
