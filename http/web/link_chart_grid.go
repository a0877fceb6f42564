package web

import "math"

// chartGrid is a uniform grid over the nodes of a chart, by which the
// layout meets only the pairs of nodes near enough to act on each other
// (README, "Link chart"): every two nodes whose centres are less than a
// cell's width apart across and a cell's height apart down are in the
// same cell or in two that touch, so that a pass over the pairs costs
// about the number of nodes, not its square.
type chartGrid struct {
	x0, y0, cw, ch float64
	cols, rows     int
	start          []int32 // the nodes of cell c are items[start[c]:start[c+1]]
	items          []int32
	cell           []int32 // the cell of each node
}

// build puts the nodes at xs, ys in cells of cw × ch (wider and taller
// ones when the nodes are so spread out that these would be many more
// than the nodes), each cell's nodes in the order of their index.
func (gr *chartGrid) build(xs, ys []float64, cw, ch float64) {
	n := len(xs)
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range xs {
		x0, y0, x1, y1 = min(x0, xs[i]), min(y0, ys[i]), max(x1, xs[i]), max(y1, ys[i])
	}
	cols, rows := int((x1-x0)/cw)+1, int((y1-y0)/ch)+1
	if limit := 4*n + 16; cols*rows > limit {
		s := math.Sqrt(float64(cols*rows) / float64(limit))
		cw, ch = cw*s, ch*s
		cols, rows = int((x1-x0)/cw)+1, int((y1-y0)/ch)+1
	}
	gr.x0, gr.y0, gr.cw, gr.ch, gr.cols, gr.rows = x0, y0, cw, ch, cols, rows
	cells := cols * rows
	gr.start = resize(gr.start, cells+1)
	gr.items = resize(gr.items, n)
	gr.cell = resize(gr.cell, n)
	clear(gr.start)
	for i := range xs {
		cx, cy := min(int((xs[i]-x0)/cw), cols-1), min(int((ys[i]-y0)/ch), rows-1)
		c := int32(cy*cols + cx)
		gr.cell[i] = c
		gr.start[c+1]++
	}
	for c := 1; c <= cells; c++ {
		gr.start[c] += gr.start[c-1]
	}
	next := append([]int32(nil), gr.start[:cells]...)
	for i, c := range gr.cell {
		gr.items[next[c]] = int32(i)
		next[c]++
	}
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

// halfStencil: the cell itself and the four of its neighbours that come
// after it, so that each pair of neighbouring cells is met once.
var halfStencil = [5][2]int{{0, 0}, {1, 0}, {-1, 1}, {0, 1}, {1, 1}}

// pairs calls visit with the nodes of each cell and those of each of its
// neighbours after it (same: the cell itself, whose pairs are those of a
// node and the ones after it), in an order that depends on the nodes'
// cells alone: so every two nodes in the same cell or in two that touch
// are met once.
func (gr *chartGrid) pairs(visit func(own, other []int32, same bool)) {
	for cy := 0; cy < gr.rows; cy++ {
		for cx := 0; cx < gr.cols; cx++ {
			c := cy*gr.cols + cx
			own := gr.items[gr.start[c]:gr.start[c+1]]
			if len(own) == 0 {
				continue
			}
			for s, d := range halfStencil {
				nx, ny := cx+d[0], cy+d[1]
				if nx < 0 || nx >= gr.cols || ny >= gr.rows {
					continue
				}
				nc := ny*gr.cols + nx
				if other := gr.items[gr.start[nc]:gr.start[nc+1]]; len(other) > 0 {
					visit(own, other, s == 0)
				}
			}
		}
	}
}

// near calls visit with every node in the cell of node i (itself
// included) and in the eight cells around it, cell by cell.
func (gr *chartGrid) near(i int32, visit func(j int32)) {
	c := int(gr.cell[i])
	cx, cy := c%gr.cols, c/gr.cols
	for ny := max(cy-1, 0); ny <= min(cy+1, gr.rows-1); ny++ {
		for nx := max(cx-1, 0); nx <= min(cx+1, gr.cols-1); nx++ {
			nc := ny*gr.cols + nx
			for _, j := range gr.items[gr.start[nc]:gr.start[nc+1]] {
				visit(j)
			}
		}
	}
}
