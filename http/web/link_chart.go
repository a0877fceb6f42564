package web

import (
	"context"
	"fmt"
	"html"
	"html/template"
	"math"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/locale"
)

// The link chart of a case (README, "Link chart"): the case's entities
// that take part in a relation or a hit as nodes, their relations as
// edges, and each hit as an edge to the other case — "a case of <its
// country>" until the hit is disclosed, as the hit rules say. It is laid
// out on the server and drawn as SVG; static/chart.js adds pan and zoom,
// and the table beside it says the same without a mouse.

// chartNode is a node of the chart.
type chartNode struct {
	ID    string // "e12" for an entity, "c7" or "h3" for another case
	Label string
	Kind  string // an entity kind, or "case"
	Href  string
	X, Y  float64
}

// chartEdge is an edge of the chart.
type chartEdge struct {
	From, To int // indexes of nodes
	Label    string
	Hit      bool
}

// linkChart is the laid-out chart.
type linkChart struct {
	Nodes []chartNode
	Edges []chartEdge
}

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
	g.layout()
	return g
}

// layout places the nodes by a force-directed layout (Fruchterman and
// Reingold), started from a circle so that it is the same every time,
// with a pull towards the centre: a chart is mostly small separate parts
// (a person and their phone, a director and their company), which
// repulsion alone drives apart onto the frame, their labels on top of one
// another. The pull grows with the distance from the centre and balances
// the repulsion of the whole chart about 0.42 of the frame's height away.
func (g *linkChart) layout() {
	n := len(g.Nodes)
	if n == 0 {
		return
	}
	for i := range g.Nodes {
		a := 2 * math.Pi * float64(i) / float64(n)
		g.Nodes[i].X, g.Nodes[i].Y = chartW/2+0.35*chartW*math.Cos(a), chartH/2+0.35*chartH*math.Sin(a)
	}
	k := math.Sqrt(chartW * chartH / float64(n))
	// A node r from the centre meets the repulsion of all n others, about
	// n·k²/r = W·H/r, and the pull gravity·r: they balance at r² = W·H/gravity.
	r := 0.42 * chartH
	gravity := chartW * chartH / (r * r)
	temp := chartW / 10
	dx, dy := make([]float64, n), make([]float64, n)
	for it := 0; it < 200; it++ {
		for i := range dx {
			dx[i], dy[i] = 0, 0
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				x, y := g.Nodes[i].X-g.Nodes[j].X, g.Nodes[i].Y-g.Nodes[j].Y
				d := math.Max(math.Hypot(x, y), 0.01)
				f := k * k / d
				dx[i] += x / d * f
				dy[i] += y / d * f
				dx[j] -= x / d * f
				dy[j] -= y / d * f
			}
		}
		for i := range g.Nodes {
			dx[i] -= gravity * (g.Nodes[i].X - chartW/2)
			dy[i] -= gravity * (g.Nodes[i].Y - chartH/2) * chartW / chartH
		}
		for _, e := range g.Edges {
			x, y := g.Nodes[e.From].X-g.Nodes[e.To].X, g.Nodes[e.From].Y-g.Nodes[e.To].Y
			d := math.Max(math.Hypot(x, y), 0.01)
			f := d * d / k
			dx[e.From] -= x / d * f
			dy[e.From] -= y / d * f
			dx[e.To] += x / d * f
			dy[e.To] += y / d * f
		}
		for i := range g.Nodes {
			d := math.Max(math.Hypot(dx[i], dy[i]), 0.01)
			g.Nodes[i].X += dx[i] / d * math.Min(d, temp)
			g.Nodes[i].Y += dy[i] / d * math.Min(d, temp)
			g.Nodes[i].X = math.Min(chartW-60, math.Max(60, g.Nodes[i].X))
			g.Nodes[i].Y = math.Min(chartH-30, math.Max(30, g.Nodes[i].Y))
		}
		temp *= 0.97
	}
}

// chartStyle styles a chart saved as a file, where the page's style sheet
// does not reach.
const chartStyle = `<style>text{font:11px sans-serif;fill:#1d2b3a}.edge{stroke:#8a96a6;stroke-width:1.5}.edge-hit{stroke:#c0641a;stroke-dasharray:5 4}` +
	`.edge-label{font-size:9px;fill:#5a6678}circle{fill:#2f5d8a;stroke:#fff;stroke-width:2}.node-case circle{fill:#c0641a}.node-person circle{fill:#3f8a4f}</style>`

// SVG draws the chart; title names it for screen readers. A standalone
// chart (a download) carries its own style.
func (g *linkChart) SVG(title string, standalone bool) template.HTML {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" id="link-chart" class="link-chart" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="link-chart-title">`, chartW, chartH)
	fmt.Fprintf(&b, `<title id="link-chart-title">%s</title>`, html.EscapeString(title))
	if standalone {
		b.WriteString(chartStyle)
	}
	b.WriteString(`<g class="edges">`)
	for _, e := range g.Edges {
		a, c := g.Nodes[e.From], g.Nodes[e.To]
		class := "edge"
		if e.Hit {
			class += " edge-hit"
		}
		fmt.Fprintf(&b, `<line class="%s" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, class, a.X, a.Y, c.X, c.Y)
		fmt.Fprintf(&b, `<text class="edge-label" x="%.1f" y="%.1f" text-anchor="middle">%s</text>`, (a.X+c.X)/2, (a.Y+c.Y)/2-3, html.EscapeString(e.Label))
	}
	b.WriteString(`</g><g class="nodes">`)
	for _, n := range g.Nodes {
		// A long label (a group's name with its description) is cut, so
		// that it neither covers its neighbours nor runs off the frame of
		// a saved chart; the whole label is then the link's title, and it
		// is in the table beside the chart.
		shown, title := chartLabel(n.Label), ""
		if shown != n.Label {
			title = "<title>" + html.EscapeString(n.Label) + "</title>"
		}
		fmt.Fprintf(&b, `<a href="%s" class="node node-%s" id="node-%s">%s<circle cx="%.1f" cy="%.1f" r="9"/><text x="%.1f" y="%.1f" text-anchor="middle">%s</text></a>`,
			html.EscapeString(n.Href), html.EscapeString(n.Kind), n.ID, title, n.X, n.Y, n.X, n.Y+22, html.EscapeString(shown))
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
