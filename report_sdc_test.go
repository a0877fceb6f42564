package crosscase

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// The secondary suppression of the statistics (Report.HideSmallCounts):
// no count hidden as "< 5" can be worked out from the figures shown, by
// any combination of the sums that hold between them.

// sdcCase is a case as the report counts it.
type sdcCase struct {
	owner  string
	asked  []string
	crimes []string
	isNew  bool
}

var sdcMembers = []string{"DE", "FR", "IT", "NL", "ES", "BE"}
var sdcThirds = []string{"CH", "UK", "AL"}

// sdcReport counts cases into a report as the store does, for scope (a
// member state's code, or AgencyScope).
func sdcReport(cases []sdcCase, scope string) *Report {
	r := &Report{Scope: scope, Results: &ResultTotals{}, PreviousResults: &ResultTotals{}}
	byType := map[string]*CrimeTypeFigure{}
	cc := map[[2]string]int{}
	desks := map[string]*DeskFigure{}
	thirds := map[string]*CountryFigure{}
	party := func(code string, owner bool) {
		if slices.Contains(sdcThirds, code) {
			if thirds[code] == nil {
				thirds[code] = &CountryFigure{Code: code, Name: code}
			}
			thirds[code].Cases++
			return
		}
		if desks[code] == nil {
			desks[code] = &DeskFigure{Code: code, Name: code}
		}
		if owner {
			desks[code].Owned++
		} else {
			desks[code].AskedIn++
		}
	}
	for _, c := range cases {
		if scope != AgencyScope && c.owner != scope && !slices.Contains(c.asked, scope) {
			continue
		}
		r.Handled++
		if c.isNew {
			r.New++
		}
		for _, ct := range c.crimes {
			if byType[ct] == nil {
				byType[ct] = &CrimeTypeFigure{Code: ct, Name: ct}
			}
			byType[ct].Handled++
			if c.isNew {
				byType[ct].New++
			} else {
				byType[ct].PreviousHandled++
			}
			cc[[2]string{c.owner, ct}]++
		}
		party(c.owner, true)
		for _, a := range c.asked {
			party(a, false)
		}
	}
	for _, ct := range CrimeTypes() {
		f := byType[ct.Code]
		if f == nil {
			f = &CrimeTypeFigure{Code: ct.Code, Name: ct.Name}
		}
		r.CrimeTypes = append(r.CrimeTypes, *f)
	}
	sort.SliceStable(r.CrimeTypes, func(i, j int) bool { return r.CrimeTypes[i].Handled > r.CrimeTypes[j].Handled })
	keys := make([][2]string, 0, len(cc))
	for k := range cc {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int {
		if a[0] != b[0] {
			return map[bool]int{true: -1, false: 1}[a[0] < b[0]]
		}
		return map[bool]int{true: -1, false: 1}[a[1] < b[1]]
	})
	for _, k := range keys {
		r.CountryCrime = append(r.CountryCrime, CountryCrimeCell{Country: k[0], CrimeType: k[1], Cases: cc[k]})
	}
	for _, f := range thirds {
		r.ThirdCountries = append(r.ThirdCountries, *f)
	}
	sort.Slice(r.ThirdCountries, func(i, j int) bool {
		a, b := r.ThirdCountries[i], r.ThirdCountries[j]
		return a.Cases > b.Cases || a.Cases == b.Cases && a.Code < b.Code
	})
	for _, f := range desks {
		r.Desks = append(r.Desks, *f)
	}
	sort.Slice(r.Desks, func(i, j int) bool {
		a, b := r.Desks[i], r.Desks[j]
		return a.Owned+a.AskedIn > b.Owned+b.AskedIn || a.Owned+a.AskedIn == b.Owned+b.AskedIn && a.Code < b.Code
	})
	return r
}

// sdcLeaks returns the counts hidden as "< 5" in r, as published, that
// the sums between its figures give back: each line of the owner country
// × crime type table adds up to its total (a crime type's cases handled;
// a member state's cases owned; a third country's cases, taken as its
// cases owned, as a reader might), both margins add up to the cases
// handled, and a desk's own cases owned and asked in add up to them. A
// figure is given back exactly when it is a combination of the sums, so
// the checker reduces them (Gauss–Jordan) and reports each hidden figure
// whose reduced row stands alone.
func sdcLeaks(r *Report) []string {
	vars := map[string]int{}
	var names []string
	small := map[int]bool{}
	unknown := func(name string, isSmall bool) int {
		if i, ok := vars[name]; ok {
			return i
		}
		vars[name] = len(names)
		names = append(names, name)
		if isSmall {
			small[len(names)-1] = true
		}
		return len(names) - 1
	}
	var eqs []map[int]float64 // over the unknowns; the constants do not matter
	eq := func() map[int]float64 { m := map[int]float64{}; eqs = append(eqs, m); return m }
	rows, cols := map[string]map[int]float64{}, map[string]map[int]float64{}
	marginRow, marginCol := eq(), eq()
	for _, c := range r.CountryCrime {
		if rows[c.Country] == nil {
			rows[c.Country] = eq()
		}
		if cols[c.CrimeType] == nil {
			cols[c.CrimeType] = eq()
		}
		if c.Hidden || c.Withheld {
			v := unknown("cell "+c.Country+"×"+c.CrimeType, c.Hidden)
			rows[c.Country][v]--
			cols[c.CrimeType][v]--
		}
	}
	rowTotal := map[string]bool{}
	for _, d := range r.Desks {
		ownedSmall := d.Hidden && !d.OwnedWithheld && d.Owned < SmallCount
		askedSmall := d.Hidden && !d.AskedInWithheld && d.AskedIn < SmallCount
		var owned, asked = -1, -1
		if rows[d.Code] == nil {
			// Owns no case: it has no row, and its cases asked in are
			// the cases handled of its own report, shown in the headline.
			continue
		}
		if ownedSmall || d.OwnedWithheld {
			owned = unknown("owned "+d.Code, ownedSmall)
		}
		if askedSmall || d.AskedInWithheld {
			asked = unknown("asked "+d.Code, askedSmall)
		}
		rowTotal[d.Code] = true
		if owned >= 0 {
			rows[d.Code][owned]++
			marginCol[owned]++
		}
		if d.Code == r.Scope {
			self := eq()
			if owned >= 0 {
				self[owned]++
			}
			if asked >= 0 {
				self[asked]++
			}
		}
	}
	for _, c := range r.ThirdCountries {
		if row := rows[c.Code]; row != nil {
			rowTotal[c.Code] = true
			if c.Hidden || c.Withheld {
				v := unknown("cases "+c.Code, c.Hidden)
				row[v]++
				marginCol[v]++
			}
		}
	}
	for cc, row := range rows {
		if !rowTotal[cc] {
			v := unknown("unpublished owned "+cc, false)
			row[v]++
			marginCol[v]++
		}
	}
	for _, c := range r.CrimeTypes {
		if col := cols[c.Code]; col != nil && (c.HandledWithheld || c.Hidden && c.Handled < SmallCount) {
			v := unknown("handled "+c.Code, !c.HandledWithheld)
			col[v]++
			marginRow[v]++
		}
		delete(cols, c.Code)
	}
	// The crime types' new cases add up to the new cases, their previous
	// cases handled to the previous period's.
	newLine, previousLine := eq(), eq()
	for _, c := range r.CrimeTypes {
		if c.NewWithheld || c.Hidden && c.New < SmallCount {
			newLine[unknown("new "+c.Code, !c.NewWithheld)]++
		}
		if c.PreviousWithheld || c.Hidden && c.PreviousHandled < SmallCount {
			previousLine[unknown("previous "+c.Code, !c.PreviousWithheld)]++
		}
	}
	for ct, col := range cols { // crime types the report does not list
		v := unknown("unpublished handled "+ct, false)
		col[v]++
		marginRow[v]++
	}
	// Gauss–Jordan elimination.
	n := len(names)
	m := make([][]float64, len(eqs))
	for i, e := range eqs {
		m[i] = make([]float64, n)
		for v, c := range e {
			m[i][v] = c
		}
	}
	pivotRow := map[int]int{}
	r0 := 0
	for col := 0; col < n && r0 < len(m); col++ {
		best := -1
		for i := r0; i < len(m); i++ {
			if math.Abs(m[i][col]) > 1e-9 && (best < 0 || math.Abs(m[i][col]) > math.Abs(m[best][col])) {
				best = i
			}
		}
		if best < 0 {
			continue
		}
		m[r0], m[best] = m[best], m[r0]
		p := m[r0][col]
		for j := range m[r0] {
			m[r0][j] /= p
		}
		for i := range m {
			if i != r0 && math.Abs(m[i][col]) > 1e-9 {
				f := m[i][col]
				for j := range m[i] {
					m[i][j] -= f * m[r0][j]
				}
			}
		}
		pivotRow[col] = r0
		r0++
	}
	var leaks []string
	for v := range n {
		if !small[v] {
			continue
		}
		i, ok := pivotRow[v]
		if !ok {
			continue
		}
		alone := true
		for j, c := range m[i] {
			if j != v && math.Abs(c) > 1e-9 {
				alone = false
				break
			}
		}
		if alone {
			leaks = append(leaks, names[v])
		}
	}
	sort.Strings(leaks)
	return leaks
}

// sdcCheckTruth checks that r, as published, says nothing untrue of the
// true report: a shown count is the count, "< 5" is under 5, "withheld"
// is 5 or more.
func sdcCheckTruth(t *testing.T, label string, r, truth *Report) {
	t.Helper()
	check := func(what string, shown, hidden, withheld bool, got, want int) {
		t.Helper()
		switch {
		case withheld && (want < SmallCount || got != 0):
			t.Errorf("%s: %s withheld reads %d, is %d", label, what, got, want)
		case hidden && !withheld && want < SmallCount && got != 0:
			t.Errorf("%s: %s hidden reads %d", label, what, got)
		case shown && !withheld && !(hidden && want < SmallCount) && got != want:
			t.Errorf("%s: %s reads %d, is %d", label, what, got, want)
		}
	}
	cells := map[[2]string]int{}
	for _, c := range truth.CountryCrime {
		cells[[2]string{c.Country, c.CrimeType}] = c.Cases
	}
	for _, c := range r.CountryCrime {
		check("cell "+c.Country+"×"+c.CrimeType, true, c.Hidden, c.Withheld, c.Cases, cells[[2]string{c.Country, c.CrimeType}])
		if c.Hidden != (cells[[2]string{c.Country, c.CrimeType}] < SmallCount) {
			t.Errorf("%s: cell %s×%s hidden %v", label, c.Country, c.CrimeType, c.Hidden)
		}
	}
	for _, c := range r.CrimeTypes {
		i := slices.IndexFunc(truth.CrimeTypes, func(x CrimeTypeFigure) bool { return x.Code == c.Code })
		check("handled "+c.Code, true, c.Hidden, c.HandledWithheld, c.Handled, truth.CrimeTypes[i].Handled)
		check("new "+c.Code, true, c.Hidden, c.NewWithheld, c.New, truth.CrimeTypes[i].New)
		check("previous "+c.Code, true, c.Hidden, c.PreviousWithheld, c.PreviousHandled, truth.CrimeTypes[i].PreviousHandled)
	}
	for _, d := range r.Desks {
		i := slices.IndexFunc(truth.Desks, func(x DeskFigure) bool { return x.Code == d.Code })
		check("owned "+d.Code, true, d.Hidden, d.OwnedWithheld, d.Owned, truth.Desks[i].Owned)
		check("asked "+d.Code, true, d.Hidden, d.AskedInWithheld, d.AskedIn, truth.Desks[i].AskedIn)
	}
	for _, c := range r.ThirdCountries {
		i := slices.IndexFunc(truth.ThirdCountries, func(x CountryFigure) bool { return x.Code == c.Code })
		check("cases "+c.Code, true, c.Hidden, c.Withheld, c.Cases, truth.ThirdCountries[i].Cases)
	}
}

// sdcCases draws n cases, the owners weighted towards the first member
// states, a fifth of them of two crime types, some asking other countries.
func sdcCases(rng *rand.Rand, n int, thirdOwners bool) []sdcCase {
	types := CrimeTypes()
	out := make([]sdcCase, n)
	for i := range out {
		var c sdcCase
		switch x := rng.IntN(100); {
		case x < 40:
			c.owner = "DE"
		case x < 65:
			c.owner = "FR"
		case x < 80:
			c.owner = "IT"
		case x < 90 || !thirdOwners:
			c.owner = sdcMembers[3+rng.IntN(3)]
		default:
			c.owner = sdcThirds[rng.IntN(len(sdcThirds))]
		}
		c.crimes = []string{types[min(rng.IntN(len(types)), rng.IntN(len(types)))].Code}
		if rng.IntN(5) == 0 {
			if ct := types[rng.IntN(len(types))].Code; ct != c.crimes[0] {
				c.crimes = append(c.crimes, ct)
			}
		}
		for range rng.IntN(3) {
			all := append(slices.Clone(sdcMembers), sdcThirds...)
			if a := all[rng.IntN(len(all))]; a != c.owner && !slices.Contains(c.asked, a) {
				c.asked = append(c.asked, a)
			}
		}
		c.isNew = rng.IntN(2) == 0
		out[i] = c
	}
	return out
}

// TestHideSmallCountsSecondary: over many drawn reports, of the agency and
// of a desk, with third countries owning cases and without, no count
// hidden as "< 5" can be worked out from what is shown, and nothing
// shown is untrue.
func TestHideSmallCountsSecondary(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	withheld := 0
	for i := range 300 {
		cases := sdcCases(rng, 20+rng.IntN(1500), i%3 != 0)
		for _, scope := range []string{AgencyScope, "DE", "NL"} {
			label := fmt.Sprintf("draw %d, %s", i, scope)
			truth, r := sdcReport(cases, scope), sdcReport(cases, scope)
			r.HideSmallCounts()
			if leaks := sdcLeaks(r); len(leaks) > 0 {
				t.Errorf("%s: %d cases handled, given back: %v", label, r.Handled, leaks)
			}
			sdcCheckTruth(t, label, r, truth)
			for _, c := range r.CountryCrime {
				if c.Withheld {
					withheld++
				}
			}
		}
	}
	if withheld == 0 {
		t.Error("no draw needed a cell withheld: the draws do not test the rule")
	}
}

// TestHideSmallCountsRow: a member state's row of the owner country ×
// crime type table with one hidden cell, and its cases owned shown in the
// desks' table, would give the cell back (a case of one crime type each).
func TestHideSmallCountsRow(t *testing.T) {
	var cases []sdcCase
	for i, ct := range CrimeTypes() {
		n := 6 + i // every type 5 or more…
		if ct.Code == "terrorism" {
			n = 3 // …but one
		}
		for range n {
			cases = append(cases, sdcCase{owner: "DE", crimes: []string{ct.Code}}, sdcCase{owner: "FR", crimes: []string{ct.Code}})
		}
	}
	r := sdcReport(cases, AgencyScope)
	r.HideSmallCounts()
	if leaks := sdcLeaks(r); len(leaks) > 0 {
		t.Fatalf("given back: %v", leaks)
	}
	// DE's and FR's terrorism cells were hidden alone in their rows: the
	// smallest cells of both rows, in one column (swindling and fraud, 6
	// each), are withheld with them, and read "withheld".
	rows := map[string]string{}
	for _, row := range r.Tables()[4].Rows {
		rows[row[0]+" "+row[1]] = row[2]
	}
	for _, cell := range []string{"DE swindling_fraud", "FR swindling_fraud"} {
		if rows[cell] != WithheldCountText {
			t.Errorf("country_crime, %s: %q", cell, rows[cell])
		}
	}
	if rows["DE terrorism"] != SmallCountText || rows["DE drug_trafficking"] != "7" {
		t.Errorf("country_crime, DE: %v", rows)
	}
}

// TestHideSmallCountsOwnersMargin: with no third country owning a case,
// the cases handled less every other desk's cases owned would give back
// a desk's hidden cases owned.
func TestHideSmallCountsOwnersMargin(t *testing.T) {
	var cases []sdcCase
	for i := range 300 {
		cases = append(cases, sdcCase{owner: []string{"DE", "FR", "IT"}[i%3], crimes: []string{"swindling_fraud"}})
	}
	cases = append(cases, sdcCase{owner: "NL", crimes: []string{"swindling_fraud"}}, sdcCase{owner: "NL", crimes: []string{"cybercrime"}})
	r := sdcReport(cases, AgencyScope)
	r.HideSmallCounts()
	if leaks := sdcLeaks(r); len(leaks) > 0 {
		t.Fatalf("given back: %v", leaks)
	}
	n := 0
	for _, d := range r.Desks {
		if d.OwnedWithheld {
			n++
		}
	}
	if n == 0 {
		t.Errorf("no other desk's cases owned withheld: %+v", r.Desks)
	}
}

// TestHideSmallCountsOwnDesk: in a desk's own report, which an
// administrator with a desk reads with small counts hidden, the cases
// handled are the desk's cases owned and asked in: one hidden gives the
// other back.
func TestHideSmallCountsOwnDesk(t *testing.T) {
	var cases []sdcCase
	for range 200 {
		cases = append(cases, sdcCase{owner: "DE", crimes: []string{"swindling_fraud"}})
	}
	cases = append(cases, sdcCase{owner: "FR", asked: []string{"DE"}, crimes: []string{"cybercrime"}})
	r := sdcReport(cases, "DE")
	r.HideSmallCounts()
	if leaks := sdcLeaks(r); len(leaks) > 0 {
		t.Fatalf("given back: %v", leaks)
	}
	for _, d := range r.Desks {
		if d.Code == "DE" && (!d.OwnedWithheld || d.AskedIn != 0 || !d.Hidden) {
			t.Errorf("own desk %+v", d)
		}
	}
}

// TestHideSmallCountsOrder: a hidden or withheld row does not keep its
// place in the ranked tables, which would bound it between its
// neighbours, and a country's cells are listed in the same order whether
// the combination exists or not.
func TestHideSmallCountsOrder(t *testing.T) {
	r := &Report{
		CrimeTypes: []CrimeTypeFigure{{Code: "cybercrime", Handled: 50}, {Code: "terrorism", Handled: 3}, {Code: "swindling_fraud", Handled: 20}},
		ThirdCountries: []CountryFigure{
			{Code: "CH", Cases: 12}, {Code: "UK", Cases: 4}, {Code: "AL", Cases: 4}, {Code: "RS", Cases: 2},
		},
		Desks: []DeskFigure{{Code: "DE", Owned: 100, AskedIn: 20}, {Code: "FR", Owned: 3, AskedIn: 110}, {Code: "IT", Owned: 50, AskedIn: 10}},
		CountryCrime: []CountryCrimeCell{
			{Country: "DE", CrimeType: "terrorism", Cases: 3}, {Country: "DE", CrimeType: "cybercrime", Cases: 50}, {Country: "DE", CrimeType: "swindling_fraud", Cases: 20},
		},
	}
	r.HideSmallCounts()
	var desks, thirds []string
	for _, d := range r.Desks {
		desks = append(desks, d.Code)
	}
	for _, c := range r.ThirdCountries {
		thirds = append(thirds, c.Code)
	}
	// FR's 3 owned, hidden, no longer places it between DE (120) and IT
	// (60); the hidden third countries are in the order of their codes.
	if !slices.Equal(desks, []string{"DE", "IT", "FR"}) || !slices.Equal(thirds, []string{"CH", "AL", "RS", "UK"}) {
		t.Errorf("desks %v, third countries %v", desks, thirds)
	}
	var de []string
	for _, c := range r.CountryCrime {
		if c.Country == "DE" {
			de = append(de, c.CrimeType)
		}
	}
	if !slices.IsSorted(de) {
		t.Errorf("DE's cells %v: listed in an order that tells the existing combinations", de)
	}
}
