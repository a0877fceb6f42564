package match

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"crosscase"
)

// linkageDir holds the public labelled linkage data (see its README.md).
const linkageDir = "../../shared/data/linkage"

func linkageFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(linkageDir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("linkage data not available: %v", err)
	}
	return p
}

// readFEBRL reads a FEBRL CSV (a space after each comma) into person
// records and the real entity of each (rec-N-org and rec-N-dup-K are N).
func readFEBRL(t testing.TB, name string) ([]Record, []string) {
	t.Helper()
	f, err := os.Open(linkageFile(t, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []Record
	var ent []string
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		if header {
			header = false
			continue
		}
		cols := strings.Split(sc.Text(), ",")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		if len(cols) < 11 {
			t.Fatalf("%s: short line %q", name, sc.Text())
		}
		id := strings.Split(cols[0], "-")
		if len(id) < 3 || id[0] != "rec" {
			t.Fatalf("%s: bad rec_id %q", name, cols[0])
		}
		r := Record{EntityID: int64(len(recs) + 1), Kind: crosscase.KindPerson, GivenName: cols[1], FamilyName: cols[2]}
		r.BirthDate, r.BirthYear = febrlDate(cols[9])
		recs = append(recs, r)
		ent = append(ent, id[1])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return recs, ent
}

// febrlDate reads YYYYMMDD; an impossible date keeps its year only.
func febrlDate(s string) (crosscase.Date, int) {
	if len(s) != 8 {
		return crosscase.Date{}, 0
	}
	if d, err := crosscase.ParseDate(s[:4] + "-" + s[4:6] + "-" + s[6:]); err == nil {
		return d, 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1900 || y > 2200 {
		return crosscase.Date{}, 0
	}
	return crosscase.Date{}, y
}

func TestQualityFEBRL(t *testing.T) {
	th := DefaultThresholds()[crosscase.KindPerson]
	for _, c := range []struct {
		file  string
		floor float64
	}{{"febrl1.csv", 0}, {"febrl2.csv", 0}, {"febrl3.csv", 0}} {
		recs, ent := readFEBRL(t, c.file)
		q := EvaluateLinkage(recs, ent, th)
		t.Logf("%s: %s", c.file, q)
		if q.F1 < c.floor {
			t.Errorf("%s: F1 %.4f below %.2f", c.file, q.F1, c.floor)
		}
	}
}
