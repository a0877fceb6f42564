package crosscase

import "slices"

// Secondary suppression (README, "Statistics and the annual report"). The
// owner country × crime type table, with its margins, is a table whose
// lines add up: a crime type's column to its cases handled (each case has
// one owner country), a country's row to its cases owned — a member
// state's desk's Owned; a third country's cases, which count the cases it
// is asked in as well, are taken as its row's total, as are the rows of
// cases of two crime types counted once per type, since a reader cannot
// rule out that they are exact — and the margins both to the cases
// handled, always shown. A hidden figure can be worked out from the shown
// ones exactly when it is a bridge of the graph whose nodes are those
// lines and whose edges are the figures not shown (each in one row and
// one column): with no other path of figures not shown between its two
// lines, the sums of the lines on its side isolate it. So, while a hidden
// count is such a bridge, shown figures are withheld to put it on a
// cycle: its line's own total when that one figure does, else the fewest,
// smallest in sum, that make a path between its two lines (closing). A
// figure withheld this way is 5 or more and reads "withheld", never
// "< 5".

// sdcState is what the reader is shown of a figure of the table.
type sdcState int

const (
	sdcShown       sdcState = iota
	sdcSmall                // hidden under SmallCount: "< 5"
	sdcWithheld             // 5 or more, withheld
	sdcUnpublished          // not in the report (a third country's cases owned)
)

// sdcEntry is one figure of the table, in row line row and column line
// col; withhold withholds it.
type sdcEntry struct {
	row, col  int
	value     int
	state     sdcState
	sensitive bool // a hidden count that must not be worked out
	name      string
	withhold  func()
}

type sdcTable struct {
	report  *Report
	entries []*sdcEntry
	nodes   int
	// marginRow is the line of the crime types' totals, marginCol that
	// of the owner countries'.
	marginRow, marginCol int
}

// withholdSecondary withholds, in r's table whose primary hidden counts
// are set, the figures that would give one of them back.
func (t *sdcTable) withholdSecondary(countries []string, handledHidden, ownedHidden, askedHidden map[string]bool) {
	r := t.report
	if len(countries) == 0 {
		return
	}
	// Columns: the crime types of the table, then the owner countries'
	// totals; rows: the owner countries, then the crime types' totals.
	rowOf := map[string]int{}
	for i, cc := range countries {
		rowOf[cc] = i
	}
	cols := []string{}
	colOf := map[string]int{}
	for _, c := range r.CountryCrime {
		if _, ok := colOf[c.CrimeType]; !ok {
			colOf[c.CrimeType] = -1
			cols = append(cols, c.CrimeType)
		}
	}
	slices.Sort(cols)
	nRows := len(countries) + 1
	for j, ct := range cols {
		colOf[ct] = nRows + j
	}
	marginRow, marginCol := len(countries), nRows+len(cols)
	t.nodes = marginCol + 1
	add := func(e *sdcEntry) { t.entries = append(t.entries, e) }
	for i := range r.CountryCrime {
		c := &r.CountryCrime[i]
		e := &sdcEntry{row: rowOf[c.Country], col: colOf[c.CrimeType], value: c.Cases, name: c.Country + "×" + c.CrimeType}
		if c.Hidden {
			e.state, e.sensitive = sdcSmall, true
		}
		e.withhold = func() { c.Cases, c.Withheld = 0, true }
		add(e)
	}
	placed := map[int]bool{}
	var self *DeskFigure
	var selfOwned *sdcEntry
	for i := range r.Desks {
		d := &r.Desks[i]
		if r.Scope == d.Code {
			self = d
		}
		row, ok := rowOf[d.Code]
		if !ok {
			continue // owns no case: its row is empty
		}
		placed[row] = true
		e := &sdcEntry{row: row, col: marginCol, value: d.Owned, name: d.Code + " owned"}
		if ownedHidden[d.Code] {
			e.state, e.sensitive = sdcSmall, true
		}
		// A desk's own report counts the cases its country owns or is
		// asked in: its cases asked in are the cases handled less those
		// it owns, so each would give the other back.
		if d == self && askedHidden[d.Code] {
			e.sensitive = true
			if e.state == sdcShown {
				e.state = sdcWithheld
				d.Owned, d.OwnedWithheld = 0, true
			}
		}
		e.withhold = func() { d.Owned, d.OwnedWithheld = 0, true }
		if d == self {
			selfOwned = e
		}
		add(e)
	}
	for i := range r.ThirdCountries {
		c := &r.ThirdCountries[i]
		row, ok := rowOf[c.Code]
		if !ok {
			continue
		}
		placed[row] = true
		e := &sdcEntry{row: row, col: marginCol, value: c.Cases, name: c.Code + " cases"}
		if c.Hidden {
			e.state, e.sensitive = sdcSmall, true
		}
		e.withhold = func() { c.Cases, c.Withheld = 0, true }
		add(e)
	}
	for i, cc := range countries {
		if !placed[i] {
			add(&sdcEntry{row: i, col: marginCol, state: sdcUnpublished, name: cc + " owned"})
		}
	}
	listed := map[string]bool{}
	for i := range r.CrimeTypes {
		c := &r.CrimeTypes[i]
		col, ok := colOf[c.Code]
		if !ok {
			continue
		}
		listed[c.Code] = true
		e := &sdcEntry{row: marginRow, col: col, value: c.Handled, name: c.Code + " handled"}
		switch {
		case handledHidden[c.Code]:
			e.state, e.sensitive = sdcSmall, true
		case c.HandledWithheld:
			e.state = sdcWithheld
		}
		e.withhold = func() {
			c.Handled, c.ChangePercent, c.HandledWithheld = 0, nil, true
			if c.New >= SmallCount {
				c.New, c.NewWithheld = 0, true
			}
		}
		add(e)
	}
	for _, ct := range cols {
		if !listed[ct] {
			add(&sdcEntry{row: marginRow, col: colOf[ct], state: sdcUnpublished, name: ct + " handled"})
		}
	}
	// The cases handled, at the corner, are always shown: no edge.
	t.marginRow, t.marginCol = marginRow, marginCol
	t.suppress()
	// A desk's own cases asked in would give back its cases owned.
	if selfOwned != nil && selfOwned.unknown() && !askedHidden[self.Code] {
		self.AskedIn, self.AskedInWithheld = 0, true
	}
}

// suppress withholds figures until no sensitive one is a bridge.
func (t *sdcTable) suppress() {
	stuck := map[*sdcEntry]bool{}
	for {
		var bridge *sdcEntry
		for _, e := range t.bridges() {
			if e.sensitive && !stuck[e] {
				bridge = e
				break
			}
		}
		if bridge == nil {
			return
		}
		picks := t.closing(bridge)
		if len(picks) == 0 {
			stuck[bridge] = true // nothing left to withhold around it
			continue
		}
		for _, e := range picks {
			e.state = sdcWithheld
			e.withhold()
		}
	}
}

// unknown reports whether the reader is not shown e.
func (e *sdcEntry) unknown() bool { return e.state != sdcShown }

// bridges returns the figures not shown that are bridges of the graph of
// lines (nodes) and figures not shown (edges), in the table's order.
func (t *sdcTable) bridges() []*sdcEntry {
	adj := make([][]int, t.nodes) // entry indices
	for i, e := range t.entries {
		if e.unknown() {
			adj[e.row] = append(adj[e.row], i)
			adj[e.col] = append(adj[e.col], i)
		}
	}
	disc, low := make([]int, t.nodes), make([]int, t.nodes)
	tick := 0
	isBridge := map[int]bool{}
	var visit func(n, via int)
	visit = func(n, via int) {
		tick++
		disc[n], low[n] = tick, tick
		for _, ei := range adj[n] {
			if ei == via {
				continue
			}
			e := t.entries[ei]
			m := e.row
			if m == n {
				m = e.col
			}
			if disc[m] == 0 {
				visit(m, ei)
				low[n] = min(low[n], low[m])
				if low[m] > disc[n] {
					isBridge[ei] = true
				}
			} else {
				low[n] = min(low[n], disc[m])
			}
		}
	}
	for n := range t.nodes {
		if disc[n] == 0 {
			visit(n, -1)
		}
	}
	var out []*sdcEntry
	for i, e := range t.entries {
		if isBridge[i] {
			out = append(out, e)
		}
	}
	return out
}

// closing returns the shown figures to withhold for bridge b, which put
// it on a cycle: the total of its line when that joins the lines on b's
// two sides (as a crime type's cases handled for its column), else the
// fewest figures, the smallest in sum, that make a path between its two
// lines; none when no path can be made.
func (t *sdcTable) closing(b *sdcEntry) []*sdcEntry {
	// Dijkstra over the lines, a figure not shown costing nothing and a
	// shown one one figure and its value.
	type cost struct{ n, sum int }
	less := func(a, c cost) bool { return a.n < c.n || a.n == c.n && a.sum < c.sum }
	adj := make([][]*sdcEntry, t.nodes)
	for _, e := range t.entries {
		if e != b && (e.unknown() || e.withhold != nil) {
			adj[e.row] = append(adj[e.row], e)
			adj[e.col] = append(adj[e.col], e)
		}
	}
	dist := make([]cost, t.nodes)
	reached := make([]bool, t.nodes)
	done := make([]bool, t.nodes)
	via := make([]*sdcEntry, t.nodes)
	dist[b.row], reached[b.row] = cost{}, true
	for {
		n := -1
		for i := range t.nodes {
			if reached[i] && !done[i] && (n < 0 || less(dist[i], dist[n])) {
				n = i
			}
		}
		if n < 0 {
			return nil
		}
		if n == b.col {
			break
		}
		done[n] = true
		for _, e := range adj[n] {
			m := e.row
			if m == n {
				m = e.col
			}
			if done[m] {
				continue
			}
			d := dist[n]
			if !e.unknown() {
				d = cost{d.n + 1, d.sum + e.value}
			}
			if !reached[m] || less(d, dist[m]) || d == dist[m] && via[m] != nil && e.name < via[m].name {
				dist[m], reached[m], via[m] = d, true, e
			}
		}
	}
	var path []*sdcEntry
	for n := b.col; n != b.row; {
		e := via[n]
		if !e.unknown() {
			path = append(path, e)
		}
		if e.row == n {
			n = e.col
		} else {
			n = e.row
		}
	}
	if len(path) == 1 {
		// One figure closes it: the line's own total, if it does too.
		for _, e := range adj[b.col] {
			if e.row == t.marginRow && !e.unknown() && t.joins(b, e) {
				return []*sdcEntry{e}
			}
		}
		for _, e := range adj[b.row] {
			if e.col == t.marginCol && !e.unknown() && t.joins(b, e) {
				return []*sdcEntry{e}
			}
		}
	}
	return path
}

// joins reports whether withholding the shown figure e puts bridge b on
// a cycle.
func (t *sdcTable) joins(b, e *sdcEntry) bool {
	seen := make([]bool, t.nodes)
	var walk func(n int) bool
	walk = func(n int) bool {
		if n == b.col {
			return true
		}
		if seen[n] {
			return false
		}
		seen[n] = true
		for _, x := range t.entries {
			if x != b && (x.unknown() || x == e) && (x.row == n || x.col == n) {
				m := x.row
				if m == n {
					m = x.col
				}
				if walk(m) {
					return true
				}
			}
		}
		return false
	}
	return walk(b.row)
}
