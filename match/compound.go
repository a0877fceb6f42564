package match

// Compound names written together or apart.
//
// A name may be one word on one record and several on another:
// Abdulaziz and عبد العزيز (Abd al-Aziz), Abubakar and Abu Bakr,
// Nasreddin and Nasr al-Din, Jeanpierre and Jean-Pierre, Vanderberg and
// Van der Berg, McDonald and Mac Donald, SergeiLavrov and Sergei Lavrov.
// Such spellings share no token, so no phonetic key either. They are
// compared and filed by their compound form: the consonant skeleton of
// the words run together (see skeleton), with an l standing between two
// other consonants dropped, because the Arabic article is written al, el,
// ul or assimilated (Abdul Rahman, Abdurrahman, Abderrahmane: bdrhmn).
//
// Filing is asymmetric, as for Arabic skeletons: runs of two or three
// adjacent words are filed under "j:"+compound and look up "k:", single
// words long enough to be a compound are filed under "k:"+compound and
// look up "j:". So a name run together meets the same name split, while
// two records that both split it (or both run it together) do not meet
// through these keys a second time: a shared name is counted once when
// the index ranks candidates.

// Compound keys.
const (
	// minCompound is the fewest consonants of a compound form that is
	// filed: shorter ones (Li Na, ln) would make large blocks.
	minCompound = 3
	// minCompoundWord is the fewest letters of a single word filed as a
	// possible compound.
	minCompoundWord = 6
	// maxCompoundMiddle is the most letters of the middle word of a run
	// of three (al, el, der, van, ibn, a).
	maxCompoundMiddle = 3
)

// compoundForm appends to dst the compound form of the lower-case ASCII
// letters s (a word, or words run together): its consonant skeleton
// with every l between two other consonants dropped.
func compoundForm[S string | []byte](dst []byte, s S) []byte {
	start := len(dst)
	dst = skeleton(dst, s)
	out := start
	for i := start; i < len(dst); i++ {
		c := dst[i]
		if c == 'l' && out > start && i+1 < len(dst) && dst[out-1] != 'l' && dst[i+1] != 'l' {
			continue
		}
		dst[out] = c
		out++
	}
	return dst[:out]
}

// compoundKeys calls add with the compound keys of the name tokens toks
// (see above): "j:" for each run of two adjacent tokens, and of three
// whose middle one is short, "k:" for each token of minCompoundWord
// letters or more.
func compoundKeys(toks []string, add func(string)) {
	var buf, form [2 * maxCmpLen]byte
	file := func(prefix string, s []byte) {
		for _, c := range s {
			if c >= '0' && c <= '9' {
				return // numbers tell people apart (Rossi2)
			}
		}
		f := compoundForm(append(form[:0], prefix...), s)
		if len(f)-len(prefix) >= minCompound {
			add(string(f))
		}
	}
	for i, t := range toks {
		if len(t) >= minCompoundWord {
			file("k:", append(buf[:0], t...))
		}
		if i+1 < len(toks) && !(len(t) == 1 && len(toks[i+1]) == 1) {
			file("j:", joinTokens(buf[:0], toks[i:i+2]))
			if i+2 < len(toks) && len(toks[i+1]) <= maxCompoundMiddle {
				file("j:", joinTokens(buf[:0], toks[i:i+3]))
			}
		}
	}
}
