package web

import "math"

// The layout of the link chart (README, "Link chart"). Each node takes a
// box: its circle and, under it, its label. The nodes are placed by a
// force-directed layout in a frame whose area grows with the room their
// boxes need, then pushed apart until no two boxes overlap, and the chart
// is framed to what it holds. Everything is computed from the case alone,
// in a fixed order, so that the same case gives the same chart, on the
// page and in the files saved from it.

// The geometry of a node and of an edge's label, in the chart's units
// (its viewBox); style.css and chartStyle draw them at these sizes.
const (
	nodeRadius    = 9.0
	labelSize     = 11.0 // a node's label: font size
	labelBaseline = 22.0 // its baseline below the node's centre
	// A minor node's label, shown when the chart is zoomed in twice or
	// more, is half the size, so that it reads as the others did before;
	// the layout keeps room for it at that size.
	minorSize     = labelSize / 2
	minorBaseline = 16.0
	edgeLabelSize = 9.0
	boxGap        = 4.0 // kept between the boxes of two nodes
	// chartSpread is how much more room than their boxes the nodes get:
	// enough for edges to be seen between them.
	chartSpread = 3.0
	// denseWidth: a chart whose labels would make its frame wider than
	// this (its text smaller than about four fifths of its size on the
	// page) shows the labels of minor nodes only on demand, and lays them
	// out at half their size.
	denseWidth = 1.25 * chartW
	// minViewWidth keeps a chart of a few nodes from being drawn huge.
	minViewWidth = 0.7 * chartW
)

// glyphEm is the advance, in ems, of each printable ASCII character (from
// the space to the tilde) in DejaVu Sans, the widest of the fonts the page
// names: a label measured with it takes no more room in another font.
var glyphEm = [95]float64{
	0.32, 0.40, 0.46, 0.84, 0.64, 0.95, 0.78, 0.27, 0.39, 0.39, 0.50, 0.84, 0.32, 0.36, 0.32, 0.34,
	0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.64, 0.34, 0.34, 0.84, 0.84, 0.84, 0.53,
	1.00, 0.68, 0.69, 0.70, 0.77, 0.63, 0.58, 0.77, 0.75, 0.29, 0.29, 0.66, 0.56, 0.86, 0.75, 0.79,
	0.60, 0.79, 0.69, 0.63, 0.61, 0.73, 0.68, 0.99, 0.69, 0.61, 0.69, 0.39, 0.34, 0.39, 0.84, 0.50,
	0.50, 0.61, 0.63, 0.55, 0.63, 0.62, 0.35, 0.63, 0.63, 0.28, 0.28, 0.58, 0.28, 0.97, 0.63, 0.61,
	0.63, 0.63, 0.41, 0.52, 0.39, 0.63, 0.59, 0.82, 0.59, 0.59, 0.52, 0.64, 0.34, 0.64, 0.84,
}

// textWidth is the width of s at font size size: an accented or other
// letter as a wide Latin one, a CJK character a whole em.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			w += glyphEm[r-' ']
		case r >= 0x2E80:
			w += 1
		default:
			w += 0.72
		}
	}
	return w * size
}

// rect is a rectangle of the chart.
type rect struct{ x0, y0, x1, y1 float64 }

func (a rect) overlaps(b rect) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// nodeBox is the box of a node at x, y: its circle and its label of width
// w (at labelSize) centred under it, from the font's ascent to its
// descent; a minor node's label at half the size.
func nodeBox(x, y, w float64, minor bool) rect {
	half, bottom := max(nodeRadius+1, w/2), labelBaseline+0.25*labelSize
	if minor {
		half, bottom = max(nodeRadius+1, w*minorSize/labelSize/2), minorBaseline+0.25*minorSize
	}
	return rect{x - half, y - nodeRadius - 1, x + half, y + bottom}
}

// edgeLabelBox is the box of an edge's label of width w, drawn centred
// 3 units above the middle of the edge from a to b.
func edgeLabelBox(a, b chartNode, w float64) rect {
	x, y := (a.X+b.X)/2, (a.Y+b.Y)/2-3
	return rect{x - w/2, y - 0.95*edgeLabelSize, x + w/2, y + 0.25*edgeLabelSize}
}

// minorKind: a node of this kind with a single edge is an identifier of
// one entity, whose label may wait until it is asked for.
func minorKind(kind string) bool {
	switch kind {
	case "person", "company", "ocg", "case":
		return false
	}
	return true
}

// layout places the nodes, decides which labels are shown, and frames the
// chart.
func (g *linkChart) layout() {
	n := len(g.Nodes)
	if n == 0 {
		g.View = [4]float64{0, 0, chartW, chartH}
		return
	}
	degree := make([]int, n)
	for _, e := range g.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	widths := make([]float64, n)
	for i, nd := range g.Nodes {
		widths[i] = textWidth(chartLabel(nd.Label), labelSize)
	}
	// frameWidth is the width of the frame that gives the boxes
	// chartSpread times the room they take.
	frameWidth := func() float64 {
		area := 0.0
		for i, nd := range g.Nodes {
			b := nodeBox(0, 0, widths[i], nd.Minor)
			area += (b.x1 - b.x0 + boxGap) * (b.y1 - b.y0 + boxGap)
		}
		return max(chartW, math.Sqrt(area*chartSpread*chartW/chartH))
	}
	w := frameWidth()
	if w > denseWidth {
		for i := range g.Nodes {
			g.Nodes[i].Minor = degree[i] == 1 && minorKind(g.Nodes[i].Kind)
		}
		w = frameWidth()
	}
	h := w * chartH / chartW
	boxes := func() []rect {
		bs := make([]rect, n)
		for i, nd := range g.Nodes {
			bs[i] = nodeBox(nd.X, nd.Y, widths[i], nd.Minor)
		}
		return bs
	}
	g.force(w, h)
	g.separate(widths)

	// The frame: every box, a minor node's label included at its full
	// size (it shows so when the node is pointed at), with a margin, in
	// the proportions of chartW × chartH.
	view := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i, nd := range g.Nodes {
		b := nodeBox(nd.X, nd.Y, widths[i], false)
		view = rect{min(view.x0, b.x0), min(view.y0, b.y0), max(view.x1, b.x1), max(view.y1, b.y1)}
	}
	const margin = 12
	vw, vh := view.x1-view.x0+2*margin, view.y1-view.y0+2*margin
	vw = max(vw, vh*chartW/chartH, minViewWidth)
	vh = vw * chartH / chartW
	cx, cy := (view.x0+view.x1)/2, (view.y0+view.y1)/2
	g.View = [4]float64{round1(cx - vw/2), round1(cy - vh/2), round1(vw), round1(vh)}

	// An edge's label is drawn where it covers no node and no other
	// edge's label; the others show on demand.
	taken := boxes()
	for i := range g.Edges {
		e := &g.Edges[i]
		b := edgeLabelBox(g.Nodes[e.From], g.Nodes[e.To], textWidth(e.Label, edgeLabelSize))
		for _, t := range taken {
			if b.overlaps(t) {
				e.LabelOff = true
				break
			}
		}
		if !e.LabelOff {
			taken = append(taken, b)
		}
	}
}

// round1 rounds to the tenth the SVG is written with.
func round1(v float64) float64 { return math.Round(v*10) / 10 }

// force places the nodes in a frame of w × h by a force-directed layout
// (Fruchterman and Reingold), started from a spiral so that it is the
// same every time, with a pull towards the centre: a chart is mostly small
// separate parts (a person and their phone, a director and their
// company), which repulsion alone drives apart onto the frame.
//
// Its cost is about the number of nodes, not its square (README, "Link
// chart"): two nodes repel each other only when less than repelReach·k
// apart, met through a grid of cells that wide (chartGrid) — enough to
// keep the parts of a chart apart, which is what the repulsion is for —
// and a chart of more than 500 nodes takes fewer steps, down to
// minForceSteps, cooling as fast over them.
func (g *linkChart) force(w, h float64) {
	n := len(g.Nodes)
	// The start: a spiral from the centre out to the rim of the ellipse
	// the nodes fill (its axes 0.42 of the frame's), along which the nodes
	// are spaced evenly in their order, so that they fill it evenly and
	// the nodes of one relation, which come one after the other, start
	// side by side.
	ax, ay := 0.42*w, 0.42*h
	xs, ys := make([]float64, n), make([]float64, n)
	turns := 2 * math.Sqrt(math.Pi*float64(n))
	for i := range xs {
		t := math.Sqrt((float64(i) + 0.5) / float64(n))
		xs[i], ys[i] = w/2+ax*t*math.Cos(turns*t), h/2+ay*t*math.Sin(turns*t)
	}
	k := math.Sqrt(w * h / float64(n))
	reach := repelReach * k
	// The pull grows with the distance from the centre. A node r from the
	// centre meets the repulsion of all n others, about n·k²/r = w·h/r,
	// and the pull gravity·r: they balance at r0² = w·h/gravity, here the
	// rim of the ellipse. Inside it, evenly filled, the push of the nodes
	// beyond the reach, left out, would balance the pull (both grow with
	// the distance from the centre), so that neither is applied; outside
	// it, the pull wins by gravity·r·(1 − r0²/r²), the pull less the push
	// of the whole chart, in the ellipse's own measure.
	gravity := w * h / (ay * ay)
	temp := w / 10
	dx, dy := make([]float64, n), make([]float64, n)
	var grid chartGrid
	steps := forceSteps(n)
	cool := math.Pow(0.97, 250/float64(steps))
	for it := 0; it < steps; it++ {
		for i := range dx {
			dx[i], dy[i] = 0, 0
		}
		grid.build(xs, ys, reach, reach)
		grid.pairs(func(own, other []int32, same bool) {
			// k²/d, less its value at the reach, so that it fades to
			// nothing there.
			k2, reach2 := k*k, reach*reach
			for a, i := range own {
				if same {
					other = own[a+1:]
				}
				xi, yi := xs[i], ys[i]
				fx, fy := 0.0, 0.0
				for _, j := range other {
					x, y := xi-xs[j], yi-ys[j]
					d2 := x*x + y*y
					if d2 >= reach2 {
						continue
					}
					d2 = max(d2, 1e-4)
					f := k2/d2 - k2/(reach*math.Sqrt(d2))
					fx += x * f
					fy += y * f
					dx[j] -= x * f
					dy[j] -= y * f
				}
				dx[i] += fx
				dy[i] += fy
			}
		})
		for i := range xs {
			x, y := (xs[i]-w/2)/ax, (ys[i]-h/2)/ay
			if r2 := x*x + y*y; r2 > 1 {
				f := gravity * (1 - 1/r2)
				dx[i] -= f * (xs[i] - w/2)
				dy[i] -= f * (ys[i] - h/2) * w / h
			}
		}
		for _, e := range g.Edges {
			x, y := xs[e.From]-xs[e.To], ys[e.From]-ys[e.To]
			d := math.Max(math.Hypot(x, y), 0.01)
			f := d * d / k
			dx[e.From] -= x / d * f
			dy[e.From] -= y / d * f
			dx[e.To] += x / d * f
			dy[e.To] += y / d * f
		}
		for i := range xs {
			d := math.Max(math.Hypot(dx[i], dy[i]), 0.01)
			xs[i] += dx[i] / d * math.Min(d, temp)
			ys[i] += dy[i] / d * math.Min(d, temp)
			xs[i] = math.Min(w-60, math.Max(60, xs[i]))
			ys[i] = math.Min(h-30, math.Max(30, ys[i]))
		}
		temp *= cool
	}
	for i := range g.Nodes {
		g.Nodes[i].X, g.Nodes[i].Y = xs[i], ys[i]
	}
}

// repelReach is how far, in k, two nodes repel each other.
const repelReach = 2.0

// minForceSteps is the fewest steps force takes; it takes 250 up to 500
// nodes, fewer as the square root of their number beyond.
const minForceSteps = 100

func forceSteps(n int) int {
	if n <= 500 {
		return 250
	}
	return max(minForceSteps, int(250*math.Sqrt(500/float64(n))))
}

// separate pushes apart, along the shorter way, every two nodes whose
// boxes (with boxGap between them) overlap, until none do; a node is
// pushed half the overlap, or the whole of it when the other node leads a
// group with more edges, so that identifiers move rather than their
// owner. The pairs that may overlap are met through a grid of cells as
// wide and as tall as the largest box (chartGrid), and after the first
// pass only those of a node that has moved since: two nodes that did not
// overlap and have not moved still do not.
func (g *linkChart) separate(widths []float64) {
	n := len(g.Nodes)
	degree := make([]int, n)
	for _, e := range g.Edges {
		degree[e.From]++
		degree[e.To]++
	}
	cw, ch := 0.0, 0.0
	for i, nd := range g.Nodes {
		b := nodeBox(0, 0, widths[i], nd.Minor)
		cw, ch = max(cw, b.x1-b.x0+boxGap), max(ch, b.y1-b.y0+boxGap)
	}
	// push pushes nodes i < j apart if their boxes overlap, and says
	// whether it did.
	slack := 0.0
	push := func(i, j int32) bool {
		a, b := &g.Nodes[i], &g.Nodes[j]
		ba, bb := nodeBox(a.X, a.Y, widths[i], a.Minor), nodeBox(b.X, b.Y, widths[j], b.Minor)
		ox := min(ba.x1, bb.x1) - max(ba.x0, bb.x0) + boxGap
		oy := min(ba.y1, bb.y1) - max(ba.y0, bb.y0) + boxGap
		if ox <= 0 || oy <= 0 {
			return false
		}
		// Each push leaves slack more between the two than the gap, so
		// that a row of nodes pushing one another comes apart in as many
		// passes as it has nodes, rather than ever closer to apart; more
		// pass after pass, so that a crowd comes apart too.
		ox, oy = ox+slack, oy+slack
		// The share of the push each node takes.
		sa := 0.5
		if degree[i] > degree[j] {
			sa = 0.2
		} else if degree[j] > degree[i] {
			sa = 0.8
		}
		if ox*(chartH/chartW) < oy {
			s := 1.0
			if a.X <= b.X {
				s = -1
			}
			a.X += s * ox * sa
			b.X -= s * ox * (1 - sa)
		} else {
			s := 1.0
			if a.Y <= b.Y {
				s = -1
			}
			a.Y += s * oy * sa
			b.Y -= s * oy * (1 - sa)
		}
		return true
	}
	xs, ys := make([]float64, n), make([]float64, n)
	var grid chartGrid
	// dirty: the nodes moved in the last pass (all of them before the
	// first); moved: in this one.
	dirty, moved := make([]bool, n), make([]bool, n)
	for i := range dirty {
		dirty[i] = true
	}
	for it := 0; it < 1000; it++ {
		slack = 1 + float64(it)/16
		for i, nd := range g.Nodes {
			xs[i], ys[i] = nd.X, nd.Y
		}
		grid.build(xs, ys, cw, ch)
		any := false
		for i := range int32(n) {
			if !dirty[i] {
				continue
			}
			// The pair of two moved nodes is met from the first of them.
			grid.near(i, func(j int32) {
				if j == i || (dirty[j] && j < i) {
					return
				}
				if push(min(i, j), max(i, j)) {
					moved[i], moved[j], any = true, true, true
				}
			})
		}
		if !any {
			return
		}
		dirty, moved = moved, dirty
		clear(moved)
	}
}
