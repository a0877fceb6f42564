package main

import "strings"

// semverLess reports whether version a sorts before version b, both in
// SemVer 2.0.0 form without a leading "v" ("1.21.3", "0.17.0",
// "0.0.0-20200124225646-8b5121be2f68"), as the OSV records give them. An
// invalid version (the empty string among them) sorts before every valid
// one, and two invalid versions are equal, as golang.org/x/mod/semver
// orders them.
func semverLess(a, b string) bool {
	return semverCompare(a, b) < 0
}

type semver struct {
	major, minor, patch string // decimal, no leading zeros
	pre                 []string
}

func parseSemver(s string) (semver, bool) {
	if i := strings.IndexByte(s, '+'); i >= 0 { // build metadata: no precedence
		if !validIdents(s[i+1:], false) {
			return semver{}, false
		}
		s = s[:i]
	}
	var v semver
	core := s
	if i := strings.IndexByte(s, '-'); i >= 0 {
		core = s[:i]
		if !validIdents(s[i+1:], true) {
			return semver{}, false
		}
		v.pre = strings.Split(s[i+1:], ".")
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return semver{}, false
	}
	for _, p := range parts {
		if !isNumber(p) {
			return semver{}, false
		}
	}
	v.major, v.minor, v.patch = parts[0], parts[1], parts[2]
	return v, true
}

// validIdents checks dot-separated identifiers of [0-9A-Za-z-]; in a
// pre-release, a numeric identifier has no leading zero.
func validIdents(s string, pre bool) bool {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return false
		}
		for _, c := range id {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-') {
				return false
			}
		}
		if pre && isDigits(id) && len(id) > 1 && id[0] == '0' {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isNumber(s string) bool {
	return isDigits(s) && (len(s) == 1 || s[0] != '0')
}

// compareNumbers compares two decimal numbers without leading zeros, of
// any length.
func compareNumbers(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func semverCompare(a, b string) int {
	va, okA := parseSemver(a)
	vb, okB := parseSemver(b)
	switch {
	case !okA && !okB:
		return 0
	case !okA:
		return -1
	case !okB:
		return 1
	}
	if c := compareNumbers(va.major, vb.major); c != 0 {
		return c
	}
	if c := compareNumbers(va.minor, vb.minor); c != 0 {
		return c
	}
	if c := compareNumbers(va.patch, vb.patch); c != 0 {
		return c
	}
	// A version without a pre-release sorts after one with.
	switch {
	case va.pre == nil && vb.pre == nil:
		return 0
	case va.pre == nil:
		return 1
	case vb.pre == nil:
		return -1
	}
	for i := 0; i < len(va.pre) && i < len(vb.pre); i++ {
		x, y := va.pre[i], vb.pre[i]
		if x == y {
			continue
		}
		nx, ny := isDigits(x), isDigits(y)
		switch {
		case nx && ny:
			return compareNumbers(x, y)
		case nx: // numeric identifiers sort before alphanumeric ones
			return -1
		case ny:
			return 1
		default:
			return strings.Compare(x, y)
		}
	}
	switch {
	case len(va.pre) < len(vb.pre):
		return -1
	case len(va.pre) > len(vb.pre):
		return 1
	}
	return 0
}
