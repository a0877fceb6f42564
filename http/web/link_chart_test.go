package web

import (
	"strconv"
	"testing"
)

// chartLabelRects are the boxes of the labels the chart shows before it
// is zoomed (a minor node's is hidden), as the page's font draws them.
func chartLabelRects(g *linkChart) []rect {
	var rs []rect
	for _, n := range g.Nodes {
		if n.Minor {
			continue
		}
		w := textWidth(chartLabel(n.Label), labelSize)
		rs = append(rs, rect{n.X - w/2, n.Y + labelBaseline - 0.93*labelSize, n.X + w/2, n.Y + labelBaseline + 0.24*labelSize})
	}
	return rs
}

// demoLikeChart is a chart of the kind cases hold: three groups with their
// members, members with a phone or an account, and many small separate
// pairs (a person and their phone, a director and their company).
func demoLikeChart() *linkChart {
	g := &linkChart{}
	add := func(kind, label string) int {
		g.Nodes = append(g.Nodes, chartNode{ID: "e" + strconv.Itoa(len(g.Nodes)), Kind: kind, Label: label})
		return len(g.Nodes) - 1
	}
	for i := range 3 {
		group := add("ocg", "Durrës group (Albanian OCG: transport and wholesale distribution) "+strconv.Itoa(i))
		for j := range 6 {
			m := add("person", "HOXHA-BASHA, Arben "+strconv.Itoa(j))
			g.Edges = append(g.Edges, chartEdge{From: m, To: group, Label: "member of"})
			if j%2 == 0 {
				g.Edges = append(g.Edges, chartEdge{From: m, To: add("phone", "+355 69 123 45"+strconv.Itoa(10+j)), Label: "uses phone"})
			}
		}
	}
	for i := range 10 {
		g.Edges = append(g.Edges, chartEdge{From: add("person", "COLOMBO, Alessandro"), To: add("iban", "IT42J58569042637521526329"+strconv.Itoa(10+i)), Label: "holds account"})
	}
	return g
}

// syntheticChart is a large case: people with phones, accounts and
// addresses, companies with their accounts and directors — 150 nodes or so.
func syntheticChart() *linkChart {
	g := &linkChart{}
	add := func(kind, label string) int {
		g.Nodes = append(g.Nodes, chartNode{ID: "e" + strconv.Itoa(len(g.Nodes)), Kind: kind, Label: label})
		return len(g.Nodes) - 1
	}
	var people []int
	for i := range 36 {
		p := add("person", "SCHUBERT-KOWALSKA, Małgorzata "+strconv.Itoa(i))
		people = append(people, p)
		g.Edges = append(g.Edges, chartEdge{From: p, To: add("phone", "+39 329 41860"+strconv.Itoa(10+i)), Label: "uses phone"})
		g.Edges = append(g.Edges, chartEdge{From: p, To: add("iban", "IT28X07601113000000000100000"+strconv.Itoa(10+i)), Label: "holds account"})
		if i%2 == 0 {
			g.Edges = append(g.Edges, chartEdge{From: p, To: add("phone", "+39 367 88123"+strconv.Itoa(10+i)), Label: "uses phone"})
		}
		if i%3 == 0 {
			g.Edges = append(g.Edges, chartEdge{From: p, To: add("address", "Corso Vittorio Emanuele "+strconv.Itoa(i)+", 70121 Bari"), Label: "lives at"})
		}
		if i%2 == 1 {
			g.Edges = append(g.Edges, chartEdge{From: people[i-1], To: p, Label: "associate of"})
		}
	}
	for i := range 10 {
		c := add("company", "Adriatica Costruzioni "+strconv.Itoa(i)+" S.r.l.")
		g.Edges = append(g.Edges, chartEdge{From: c, To: add("iban", "IT11X02008024350000002000"+strconv.Itoa(10+i)), Label: "holds account"})
		for _, p := range people[i*3 : i*3+2] {
			g.Edges = append(g.Edges, chartEdge{From: p, To: c, Label: "director of"})
		}
	}
	return g
}

// TestLinkChartLayout: the labels a chart shows before it is zoomed do not
// overlap one another nor cover another node, every node and label is
// inside the chart's frame, and the same case gives the same chart. A
// chart of a demo case's size shows every label, and its text at no less
// than four fifths of its size; one of some 150 entities, or of 1,000,
// shows those of its people, companies and shared identifiers, and the
// others, once zoomed in, do not overlap either (README, "Link chart").
func TestLinkChartLayout(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart func() *linkChart
		dense bool
	}{{"demo-like", demoLikeChart, false}, {"synthetic", syntheticChart, true}, {"1000", func() *linkChart { return caseChart(1000) }, true}} {
		t.Run(tc.name, func(t *testing.T) {
			g := tc.chart()
			g.layout()
			labels := chartLabelRects(g)
			for i, a := range labels {
				for _, b := range labels[i+1:] {
					if a.overlaps(b) {
						t.Errorf("labels at %.0f,%.0f and %.0f,%.0f overlap", a.x0, a.y0, b.x0, b.y0)
					}
				}
				for _, n := range g.Nodes {
					if c := (rect{n.X - nodeRadius, n.Y - nodeRadius, n.X + nodeRadius, n.Y + nodeRadius}); a.overlaps(c) {
						t.Errorf("the label at %.0f,%.0f covers node %s", a.x0, a.y0, n.ID)
					}
				}
				if v := g.View; a.x0 < v[0] || a.y0 < v[1] || a.x1 > v[0]+v[2] || a.y1 > v[1]+v[3] {
					t.Errorf("the label at %.0f,%.0f is outside the frame %v", a.x0, a.y0, v)
				}
			}
			minor := 0
			for _, n := range g.Nodes {
				if n.Minor {
					minor++
				}
			}
			if tc.dense != (minor > 0) {
				t.Errorf("%d of %d nodes show their labels on demand", minor, len(g.Nodes))
			}
			if !tc.dense && g.View[2] > denseWidth {
				t.Errorf("frame %.0f wide: the labels drawn at %.0f%% of their size", g.View[2], 100*chartW/g.View[2])
			}
			// Zoomed in, a minor node's label shows at half size under it.
			var zoomed []rect
			for _, n := range g.Nodes {
				if n.Minor {
					w := textWidth(chartLabel(n.Label), minorSize)
					zoomed = append(zoomed, rect{n.X - w/2, n.Y + minorBaseline - 0.93*minorSize, n.X + w/2, n.Y + minorBaseline + 0.24*minorSize})
				}
			}
			all := append(labels, zoomed...)
			for i, a := range zoomed {
				for j, b := range all {
					if j != len(labels)+i && a.overlaps(b) {
						t.Errorf("zoomed in, the minor label at %.0f,%.0f overlaps another", a.x0, a.y0)
					}
				}
			}
			again := tc.chart()
			again.layout()
			if g.SVG("chart", true) != again.SVG("chart", true) {
				t.Error("the same chart is laid out twice differently")
			}
			t.Logf("%d nodes, %d minor, frame %v", len(g.Nodes), minor, g.View)
		})
	}
}

func TestChartLabel(t *testing.T) {
	for in, want := range map[string]string{
		"HOXHA Arben":      "HOXHA Arben",
		"+355 69 123 4567": "+355 69 123 4567",
		"Durrës group (Albanian OCG: transport and wholesale distribution)": "Durrës group (Albanian OCG…",
		"Çela Import-Eksport Sh.p.k. of the port of Durrës":                 "Çela Import-Eksport Sh.p.k.…",
		"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":                             "Aaaaaaaaaaaaaaaaaaaaaaaaaaa…",
	} {
		if got := chartLabel(in); got != want {
			t.Errorf("chartLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// caseChart is the chart of a case with an imported list of suspects, of
// about n nodes: people each with one to three identifiers (a phone, an
// account, an address), every sixth person the director of a company
// with its account, every tenth an associate of the one before, and
// every fortieth a hit to one of a few other cases.
func caseChart(n int) *linkChart {
	g := &linkChart{}
	add := func(kind, label string) int {
		g.Nodes = append(g.Nodes, chartNode{ID: "e" + strconv.Itoa(len(g.Nodes)), Kind: kind, Label: label})
		return len(g.Nodes) - 1
	}
	var people, cases []int
	for i := 0; len(g.Nodes) < n; i++ {
		s := strconv.Itoa(i)
		p := add("person", "SCHUBERT-KOWALSKA, Małgorzata "+s)
		people = append(people, p)
		g.Edges = append(g.Edges, chartEdge{From: p, To: add("phone", "+39 329 4186"+s), Label: "uses phone"})
		if i%3 != 0 {
			g.Edges = append(g.Edges, chartEdge{From: p, To: add("iban", "IT28X0760111300000000010"+s), Label: "holds account"})
		}
		if i%3 == 2 {
			g.Edges = append(g.Edges, chartEdge{From: p, To: add("address", "Corso Vittorio Emanuele "+s+", 70121 Bari"), Label: "lives at"})
		}
		if i%6 == 5 {
			c := add("company", "Adriatica Costruzioni "+s+" S.r.l.")
			g.Edges = append(g.Edges, chartEdge{From: c, To: add("iban", "IT11X0200802435000000200"+s), Label: "holds account"})
			g.Edges = append(g.Edges, chartEdge{From: p, To: c, Label: "director of"})
			g.Edges = append(g.Edges, chartEdge{From: people[i-1], To: c, Label: "director of"})
		}
		if i%10 == 9 {
			g.Edges = append(g.Edges, chartEdge{From: people[i-1], To: p, Label: "associate of"})
		}
		if i%40 == 39 {
			if len(cases) < 5 {
				cases = append(cases, add("case", "A case of Germany "+strconv.Itoa(len(cases))))
			}
			g.Edges = append(g.Edges, chartEdge{From: p, To: cases[i/40%len(cases)], Label: "hit 92", Hit: true})
		}
	}
	return g
}

// BenchmarkLinkChartLayout lays out the chart of a case of 150 to 3,000
// nodes (README, "Link chart").
func BenchmarkLinkChartLayout(b *testing.B) {
	for _, n := range []int{150, 500, 1000, 3000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				g := caseChart(n)
				b.StartTimer()
				g.layout()
			}
		})
	}
}

// TestLinkChartTrim: a chart of more than maxChartNodes nodes draws its
// largest connected parts whole, largest first, and says how many nodes
// the case's chart has; one connected part larger than that, the nodes
// nearest its most connected one (README, "Link chart").
func TestLinkChartTrim(t *testing.T) {
	g := caseChart(3000)
	total := len(g.Nodes)
	parts := map[string]int{} // the size of each node's part, by its ID
	{
		adj := make([][]int, total)
		for _, e := range g.Edges {
			adj[e.From] = append(adj[e.From], e.To)
			adj[e.To] = append(adj[e.To], e.From)
		}
		seen := make([]bool, total)
		for i := range total {
			if seen[i] {
				continue
			}
			part := []int{i}
			seen[i] = true
			for q := 0; q < len(part); q++ {
				for _, j := range adj[part[q]] {
					if !seen[j] {
						seen[j] = true
						part = append(part, j)
					}
				}
			}
			for _, j := range part {
				parts[g.Nodes[j].ID] = len(part)
			}
		}
	}
	edges := len(g.Edges)
	g.trim(maxChartNodes)
	if g.Total != total || len(g.Nodes) > maxChartNodes || len(g.Nodes) < maxChartNodes-20 {
		t.Fatalf("%d nodes of %d kept (Total %d)", len(g.Nodes), total, g.Total)
	}
	// Each kept part whole: as many of its nodes kept as it has.
	kept, smallest := map[int]int{}, total // nodes kept by the size of their part
	for _, n := range g.Nodes {
		kept[parts[n.ID]]++
		smallest = min(smallest, parts[n.ID])
	}
	for size, k := range kept {
		if k%size != 0 {
			t.Errorf("%d nodes of parts of %d kept", k, size)
		}
	}
	// A part left out did not fit when its turn came: the nodes kept in
	// parts as large or larger and its own are more than the chart draws.
	in := map[string]bool{}
	for _, n := range g.Nodes {
		in[n.ID] = true
	}
	for id, size := range parts {
		if in[id] {
			continue
		}
		larger := 0
		for s, k := range kept {
			if s >= size {
				larger += k
			}
		}
		if larger+size <= maxChartNodes {
			t.Errorf("a part of %d (%s) left out, though %d nodes are kept in parts as large", size, id, larger)
		}
	}
	for _, e := range g.Edges {
		if e.From < 0 || e.To < 0 || e.From >= len(g.Nodes) || e.To >= len(g.Nodes) {
			t.Fatalf("edge %v out of the chart", e)
		}
	}
	t.Logf("%d of %d nodes, %d of %d edges, parts of %d or more", len(g.Nodes), total, len(g.Edges), edges, smallest)

	// One part of 2,000: a group with 999 members, each with a phone.
	g = &linkChart{}
	add := func(kind string) int {
		g.Nodes = append(g.Nodes, chartNode{ID: "e" + strconv.Itoa(len(g.Nodes)), Kind: kind})
		return len(g.Nodes) - 1
	}
	var members []int
	for range 999 {
		members = append(members, add("person"))
		g.Edges = append(g.Edges, chartEdge{From: members[len(members)-1], To: add("phone")})
	}
	group := add("ocg")
	for _, m := range members {
		g.Edges = append(g.Edges, chartEdge{From: m, To: group})
	}
	g.trim(maxChartNodes)
	persons, hub := 0, false
	for _, n := range g.Nodes {
		persons += map[bool]int{true: 1}[n.Kind == "person"]
		hub = hub || n.Kind == "ocg"
	}
	if len(g.Nodes) != maxChartNodes || g.Total != 1999 || !hub || persons != 999 {
		t.Errorf("%d of %d nodes kept, %d members, the group kept: %v", len(g.Nodes), g.Total, persons, hub)
	}
}
