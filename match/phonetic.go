package match

// phonetic returns a key under which the usual Latin spellings of one
// name collide. Its input is the rich transliteration of a token
// (lower-case ASCII, š already spelt sh). The key folds the variants that
// German, French, Czech, Polish and English conventions produce for the
// same sound:
//
//   - sibilants and affricates: s z ss sh sch zh ch cz sz cs ts tz tsch tch → s
//     (ch before r or l is h: Christos, Hristos, Khristo);
//   - soft c (ce, ci, cy) → s, hard c ck q k → k, x → ks;
//   - g gh h kh → h (Russian writes a foreign h as г, Ukrainian reads г as h),
//     and an h or kh after a vowel and before a consonant is silent
//     (Zehrfuss, Khokhlov and Hohlov);
//   - f v w ph → f; d t th dt → t; dj → t (Serbian đ: Djordjevic,
//     Dordevic); mp → mb;
//   - i y j → i, and a y/j/i glide before e at the start or after a vowel is
//     dropped (Yevgeniy, Jewgeni, Evgeniy; Sergeyev, Sergejew, Sergeev);
//   - ou oo → u, ue → u, oe → o, ae → a (Müller, Mueller, Muller;
//     Bäcker, Baecker, Backer); io, yo, jo between consonants → e (Fyodor,
//     Fiodor, Fëdor);
//   - a final c is s (the Slavic -ić: Modric, Modrich);
//   - a letter repeated (after all of the above) counts once.
func phonetic(s string) string {
	var buf [64]byte
	out := buf[:0]
	emit := func(c byte) {
		if len(out) > 0 && out[len(out)-1] == c {
			return
		}
		out = append(out, c)
	}
	at := func(i int) byte {
		if i < 0 || i >= len(s) {
			return 0
		}
		return s[i]
	}
	lastVowel := func() bool {
		return len(out) > 0 && isVowelByte(out[len(out)-1])
	}
	for i := 0; i < len(s); {
		c, n := s[i], at(i+1)
		step := 1
		switch c {
		case 'a':
			emit('a')
			if n == 'e' {
				step = 2 // German ä written ae: Baecker, Bäcker, Backer
			}
		case 'e':
			emit('e')
		case 'o':
			switch n {
			case 'u', 'o':
				emit('u')
				step = 2
			case 'e':
				emit('o')
				step = 2
			default:
				emit('o')
			}
		case 'u':
			emit('u')
			if n == 'e' {
				step = 2
			}
		case 'i', 'y', 'j':
			if n == 'e' && (len(out) == 0 || lastVowel()) {
				break // the glide of ye/je/ie
			}
			if n == 'o' && len(out) > 0 && !lastVowel() && i+2 < len(s) && !isVowelByte(s[i+2]) {
				// Russian ё after a consonant: Fyodor, Fjodor, Fiodor, Fëdor;
				// Artyom, Artiom, Artem.
				emit('e')
				step = 2
				break
			}
			emit('i')
		case 'b':
			emit('b')
		case 'p':
			switch {
			case n == 'h':
				emit('f')
				step = 2
			case len(out) > 0 && out[len(out)-1] == 'm':
				emit('b')
			default:
				emit('p')
			}
		case 'c':
			switch n {
			case 'h':
				if m := at(i + 2); m == 'r' || m == 'l' {
					emit('h') // Greek and German ch: Christos, Hristos, Khristo
				} else {
					emit('s')
				}
				step = 2
			case 'k':
				emit('k')
				step = 2
			case 'z', 's':
				emit('s')
				step = 2
			case 'e', 'i', 'y', 'v', 'w':
				emit('s') // soft c, and Slavic cv: Cvetkov, Tsvetkov
			case 0:
				emit('s') // Slavic -ić written -ic: Modric, Modrić, Modrich
			default:
				emit('k')
			}
		case 'd':
			switch {
			case n == 't':
				emit('t')
				step = 2
			case n == 'j':
				emit('t') // Serbian đ written dj or d: Djordjevic, Dordevic
				step = 2
			default:
				emit('t')
			}
		case 't':
			switch {
			case n == 'h':
				emit('t')
				step = 2
			case n == 's' && at(i+2) == 'c' && at(i+3) == 'h':
				emit('s')
				step = 4
			case n == 'c' && at(i+2) == 'h':
				emit('s')
				step = 3
			case n == 's' || n == 'z':
				emit('s')
				step = 2
			default:
				emit('t')
			}
		case 'f', 'v', 'w':
			emit('f')
		case 'g':
			if n == 'h' {
				step = 2
			}
			emit('h')
		case 'h':
			if lastVowel() && !isVowelByte(n) {
				break // silent h: Zehrfuss, Mahler
			}
			emit('h')
		case 'k':
			switch {
			case n == 'h' && lastVowel() && at(i+2) != 0 && !isVowelByte(at(i+2)):
				step = 2 // kh before a consonant, as h: Khokhlov, Hohlov
			case n == 'h':
				emit('h')
				step = 2
			default:
				emit('k')
			}
		case 'q':
			emit('k')
			if n == 'u' {
				step = 2 // qu as k: Baquet, Bake
			}
		case 'x':
			emit('k')
			emit('s')
		case 's':
			switch {
			case n == 'c' && at(i+2) == 'h':
				step = 3
			case n == 'h' || n == 'z':
				step = 2
			}
			emit('s')
		case 'z':
			if n == 'h' {
				step = 2
			}
			emit('s')
		case 'r':
			if n == 'z' && len(out) > 0 && !isVowelByte(out[len(out)-1]) {
				emit('s') // Polish rz after a consonant: Przybylski
				step = 2
				break
			}
			emit('r')
		default:
			emit(c)
		}
		i += step
		if len(out) >= len(buf)-2 {
			break
		}
	}
	return string(out)
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}
