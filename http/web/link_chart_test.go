package web

import (
	"math"
	"strconv"
	"testing"
)

// TestLinkChartLayout: a chart of the kind cases hold — three groups with
// their members, and many small separate pairs (a person and their phone,
// a director and their company) — is laid out inside the frame, not on
// its edge, with the nodes apart.
func TestLinkChartLayout(t *testing.T) {
	g := &linkChart{}
	add := func() int {
		g.Nodes = append(g.Nodes, chartNode{ID: "e" + strconv.Itoa(len(g.Nodes))})
		return len(g.Nodes) - 1
	}
	for range 3 {
		group := add()
		for range 6 {
			g.Edges = append(g.Edges, chartEdge{From: add(), To: group})
		}
	}
	for range 10 {
		g.Edges = append(g.Edges, chartEdge{From: add(), To: add()})
	}
	g.layout()
	onEdge, closest := 0, math.Inf(1)
	for i, a := range g.Nodes {
		if a.X <= 61 || a.X >= chartW-61 || a.Y <= 31 || a.Y >= chartH-31 {
			onEdge++
		}
		for _, b := range g.Nodes[i+1:] {
			closest = min(closest, math.Hypot(a.X-b.X, a.Y-b.Y))
		}
	}
	if onEdge > len(g.Nodes)/10 {
		t.Errorf("%d of %d nodes pushed onto the frame", onEdge, len(g.Nodes))
	}
	if closest < 20 {
		t.Errorf("two nodes %.1f apart: their labels overlap", closest)
	}
	t.Logf("%d nodes, %d on the frame, closest %.1f apart", len(g.Nodes), onEdge, closest)
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
