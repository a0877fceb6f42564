package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/locale"
)

// The link chart of a case (README, "Link chart"): the case's entities
// that take part in a relation or a hit as nodes, their relations as
// edges, and each hit as an edge to the other case — "a case of <its
// country>" until the hit is disclosed, as the hit rules say. It is laid
// out on the server (link_chart_layout.go) and drawn as SVG;
// static/chart.js adds pan and zoom, and the table beside it says the same
// without a mouse.

// chartNode is a node of the chart.
type chartNode struct {
	ID    string // "e12" for an entity, "c7" or "h3" for another case
	Label string
	Kind  string // an entity kind, or "case"
	Href  string
	X, Y  float64
	// Minor is an identifier tied to one entity only (a phone, an account,
	// an address…) in a chart too large to show every label at once: its
	// label shows when the node is pointed at or focused, or the chart
	// zoomed in (static/chart.js).
	Minor bool
}

// chartEdge is an edge of the chart.
type chartEdge struct {
	From, To int // indexes of nodes
	Label    string
	Hit      bool
	// LabelOff: the edge's label would cover a node or another edge's
	// label; it shows when one of the edge's nodes is pointed at or
	// focused.
	LabelOff bool
}

// linkChart is the laid-out chart.
type linkChart struct {
	Nodes []chartNode
	Edges []chartEdge
	// View is the chart's frame (its viewBox): the laid-out nodes and
	// their labels, with a margin, in the proportions of chartW × chartH.
	View [4]float64
	// Total is the number of nodes of the case's chart, more than Nodes
	// when it has more than maxChartNodes (trim).
	Total int
}

// maxChartNodes is the most nodes a chart draws: one of more, its labels
// drawn at less than a quarter of their size, is read through its tables
// rather than its drawing (README, "Link chart").
const maxChartNodes = 1500

const chartW, chartH = 1000.0, 640.0

// hitOtherHref is where the other side of hit h leads a user of desk
// deskID: the other case itself when it is the desk's own, otherwise the
// hit's page — another desk's case answers 404 even after a disclosure,
// which shows its reference and the entity on the hit page only.
func hitOtherHref(h *crosscase.Hit, deskID int64) string {
	if h.OtherCaseID != 0 && deskID != 0 && h.OtherDeskID == deskID {
		return "/cases/" + strconv.FormatInt(h.OtherCaseID, 10)
	}
	return "/hits/" + strconv.FormatInt(h.ID, 10)
}

// buildLinkChart makes the chart of a case from its entities, relations
// and hits (as the caller, of desk deskID, may read them), its labels in
// p's language.
func buildLinkChart(p *locale.Printer, entities []*crosscase.Entity, relations []*crosscase.Relation, hits []*crosscase.Hit, deskID int64) *linkChart {
	g := &linkChart{}
	byEntity := map[int64]*crosscase.Entity{}
	for _, e := range entities {
		byEntity[e.ID] = e
	}
	index := map[string]int{}
	node := func(id, label, kind, href string) int {
		if i, ok := index[id]; ok {
			return i
		}
		index[id] = len(g.Nodes)
		g.Nodes = append(g.Nodes, chartNode{ID: id, Label: label, Kind: kind, Href: href})
		return len(g.Nodes) - 1
	}
	entityNode := func(id int64) (int, bool) {
		e := byEntity[id]
		if e == nil {
			return 0, false
		}
		return node("e"+strconv.FormatInt(id, 10), e.Label(), string(e.Kind), "/cases/"+strconv.FormatInt(e.CaseID, 10)+"#entity-"+strconv.FormatInt(id, 10)), true
	}
	for _, r := range relations {
		a, okA := entityNode(r.FromID)
		b, okB := entityNode(r.ToID)
		if okA && okB {
			g.Edges = append(g.Edges, chartEdge{From: a, To: b, Label: p.T(r.Kind.Label())})
		}
	}
	for _, h := range hits {
		a, ok := entityNode(h.EntityID)
		if !ok {
			continue
		}
		var b int
		if h.OtherCaseID != 0 {
			b = node("c"+strconv.FormatInt(h.OtherCaseID, 10), h.OtherCaseRef, "case", hitOtherHref(h, deskID))
		} else {
			b = node("h"+strconv.FormatInt(h.ID, 10), p.T("A case of %s", countryNamer(p)(h.OtherCountry)), "case", hitOtherHref(h, deskID))
		}
		g.Edges = append(g.Edges, chartEdge{From: a, To: b, Label: p.T("hit %d", h.Score), Hit: true})
	}
	g.trim(maxChartNodes)
	g.layout()
	return g
}

// trim keeps at most limit nodes of the chart, and sets Total: its largest
// connected parts whole, the largest first, then the smaller ones that
// still fit; a part larger than limit alone, its nodes nearest to its most
// connected node. The nodes keep their order, the edges between two kept
// nodes theirs.
func (g *linkChart) trim(limit int) {
	n := len(g.Nodes)
	g.Total = n
	if n <= limit {
		return
	}
	adj := make([][]int, n)
	for _, e := range g.Edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	// bfs lists the nodes reached from start, nearest first, marking them
	// in seen.
	seen := make([]bool, n)
	bfs := func(start int) []int {
		seen[start] = true
		out := []int{start}
		for q := 0; q < len(out); q++ {
			for _, j := range adj[out[q]] {
				if !seen[j] {
					seen[j] = true
					out = append(out, j)
				}
			}
		}
		return out
	}
	var parts [][]int
	for i := range n {
		if !seen[i] {
			parts = append(parts, bfs(i))
		}
	}
	// The largest first; of two as large, the one with the first node.
	sort.SliceStable(parts, func(a, b int) bool { return len(parts[a]) > len(parts[b]) })
	keep := make([]bool, n)
	left := limit
	for _, part := range parts {
		if len(part) > left {
			if left < limit {
				continue
			}
			// A part larger than the chart: from its most connected node.
			hub := part[0]
			for _, i := range part {
				if len(adj[i]) > len(adj[hub]) || len(adj[i]) == len(adj[hub]) && i < hub {
					hub = i
				}
			}
			clear(seen)
			part = bfs(hub)[:left]
		}
		for _, i := range part {
			keep[i] = true
		}
		left -= len(part)
	}
	index := make([]int, n)
	nodes := g.Nodes[:0:0]
	for i, nd := range g.Nodes {
		if keep[i] {
			index[i] = len(nodes)
			nodes = append(nodes, nd)
		}
	}
	edges := g.Edges[:0:0]
	for _, e := range g.Edges {
		if keep[e.From] && keep[e.To] {
			e.From, e.To = index[e.From], index[e.To]
			edges = append(edges, e)
		}
	}
	g.Nodes, g.Edges = nodes, edges
}

// chartStyle styles a chart saved as a file, where the page's style sheet
// does not reach: as the page shows the chart before it is zoomed, the
// labels left for later hidden (README, "Link chart").
const chartStyle = `<style>text{font:11px sans-serif;fill:#1d2b3a;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}` +
	`.edge{stroke:#8a96a6;stroke-width:1.5}.edge-hit{stroke:#c0641a;stroke-dasharray:5 4}` +
	`.edge-label{font-size:9px;fill:#5a6678}.edge-label.off,.label-minor{display:none}` +
	`circle{fill:#2f5d8a;stroke:#fff;stroke-width:2}.node-case circle{fill:#c0641a}.node-person circle{fill:#3f8a4f}</style>`

// SVG draws the chart; title names it for screen readers. The chart is a
// group, not an image, so that its nodes stay links a screen reader
// reaches as the keyboard does; the relations drawn between them are
// hidden from it, the table beside the chart lists them. A standalone
// chart (a download) carries its own style.
func (g *linkChart) SVG(title string, standalone bool) template.HTML {
	var b strings.Builder
	v := g.View
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="link-chart" class="link-chart" viewBox="%.1f %.1f %.1f %.1f" role="group" aria-labelledby="link-chart-title">`, v[0], v[1], v[2], v[3])
	fmt.Fprintf(&b, `<title id="link-chart-title">%s</title>`, html.EscapeString(title))
	if standalone {
		b.WriteString(chartStyle)
	}
	b.WriteString(`<g class="edges" aria-hidden="true">`)
	for _, e := range g.Edges {
		a, c := g.Nodes[e.From], g.Nodes[e.To]
		class := "edge"
		if e.Hit {
			class += " edge-hit"
		}
		ends := "node-" + a.ID + " node-" + c.ID
		fmt.Fprintf(&b, `<line class="%s" data-ends="%s" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, class, ends, a.X, a.Y, c.X, c.Y)
		class = "edge-label"
		if e.LabelOff {
			class += " off"
		}
		fmt.Fprintf(&b, `<text class="%s" data-ends="%s" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, class, ends, (a.X+c.X)/2, (a.Y+c.Y)/2-3, html.EscapeString(e.Label))
	}
	b.WriteString(`</g><g class="nodes">`)
	for _, n := range g.Nodes {
		// A long label (a group's name with its description) is cut, so
		// that it neither covers its neighbours nor runs off the frame of
		// a saved chart; the whole label is then the link's title, and it
		// is in the table beside the chart. A minor node's label, shown
		// on demand, is its title too: it names the link meanwhile.
		shown, title, class := chartLabel(n.Label), "", ""
		if shown != n.Label || n.Minor {
			title = "<title>" + html.EscapeString(n.Label) + "</title>"
		}
		baseline := labelBaseline
		if n.Minor {
			class, baseline = ` class="label-minor"`, minorBaseline
		}
		fmt.Fprintf(&b, `<a href="%s" class="node node-%s" id="node-%s">%s<circle cx="%.1f" cy="%.1f" r="%.0f"/><text%s x="%.1f" y="%.1f" text-anchor="middle">%s</text></a>`,
			html.EscapeString(n.Href), html.EscapeString(n.Kind), n.ID, title, n.X, n.Y, nodeRadius, class, n.X, n.Y+baseline, html.EscapeString(shown))
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// maxChartLabel is the most characters of a node's label the chart
// shows: about 150 pixels at its 11-pixel font.
const maxChartLabel = 28

// chartLabel is label as a node shows it: at most maxChartLabel
// characters, cut at a space where one is near, and an ellipsis.
func chartLabel(label string) string {
	rs := []rune(label)
	if len(rs) <= maxChartLabel {
		return label
	}
	cut := maxChartLabel - 1
	for i := cut; i > maxChartLabel/2; i-- {
		if rs[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(rs[:cut]), " ,;:(–-") + "…"
}

// userDeskID is the desk of the signed-in user, 0 for none.
func userDeskID(ctx context.Context) int64 {
	if u := crosscase.UserFromContext(ctx); u != nil {
		return u.DeskID
	}
	return 0
}
