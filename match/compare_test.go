package match

import (
	"math"
	"testing"
)

func TestJaroWinkler(t *testing.T) {
	// Values from Winkler's papers and common reference implementations.
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"martha", "marhta", 0.9611},
		{"dwayne", "duane", 0.84},
		{"dixon", "dicksonx", 0.8133},
		{"abc", "abc", 1},
		{"abc", "xyz", 0},
		{"", "abc", 0},
	} {
		if got := jaroWinkler(c.a, c.b); math.Abs(got-c.want) > 0.0005 {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want %.4f", c.a, c.b, got, c.want)
		}
		if got := jaroWinklerBytes([]byte(c.a), []byte(c.b)); math.Abs(got-c.want) > 0.0005 {
			t.Errorf("jaroWinklerBytes(%q, %q) = %.4f, want %.4f", c.a, c.b, got, c.want)
		}
	}
}

func TestDamerau(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"kitten", "sitting", 5, 3},
		{"kitten", "sitting", 2, 3}, // more than the limit: limit+1
		{"martha", "marhta", 3, 1},  // a transposition is one edit
		{"abc", "abc", 1, 0},
		{"", "abc", 5, 3},
		{"ca", "abc", 5, 3}, // optimal string alignment, not full Damerau
		{"shevchenko", "shevchneko", 1, 1},
	} {
		if got := damerau(c.a, c.b, c.limit); got != c.want {
			t.Errorf("damerau(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
		if got := damerauBytes(c.a, []byte(c.b), c.limit); got != c.want {
			t.Errorf("damerauBytes(%q, %q, %d) = %d, want %d", c.a, c.b, c.limit, got, c.want)
		}
	}
}

func TestSimilarityDoesNotAllocate(t *testing.T) {
	a, b := "schewtschenko", "shevchenko"
	if n := testing.AllocsPerRun(100, func() { jaroWinkler(a, b); damerau(a, b, 3) }); n != 0 {
		t.Errorf("%v allocations", n)
	}
}
