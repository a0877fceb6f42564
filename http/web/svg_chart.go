package web

import (
	"crosscase/locale"
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts of the statistics page, drawn on the server as SVG: each has a
// title and a description for screen readers (role img), the table with
// the same figures stands beside it, and no script is needed (README,
// "Statistics and the annual report").

// chartBar is one bar: a label and its value. A figure the tables do not
// give as a number ("< 5", "withheld") has its Text instead, written
// where the value goes, and no bar: its Value (0) is not its figure.
type chartBar struct {
	Label string
	Value int64
	Text  string
}

// Widths of a bar chart's label column, in the units of its viewBox: at
// least barLabelMin, more as its longest label needs, at most barLabelMax;
// a label longer than that is cut with "…" and given whole as its title.
// chartCharW is the width of one character of .chart-label (12px) at its
// widest, so that a label measured with it is never cut by the left edge.
const (
	barLabelMin, barLabelMax = 250, 480
	chartCharW               = 7.0
)

// chartTextWidth is the width label takes at most as a .chart-label.
func chartTextWidth(label string) int {
	return int(math.Ceil(float64(utf8.RuneCountInString(label)) * chartCharW))
}

// barLabelWidth is the width of the label column for bars: the longest
// label and the gap before its bar, between barLabelMin and barLabelMax.
func barLabelWidth(bars []chartBar) int {
	w := barLabelMin
	for _, b := range bars {
		w = max(w, chartTextWidth(b.Label)+8)
	}
	return min(w, barLabelMax)
}

// fitLabel cuts label to fit in width, ending it with "…" when cut.
func fitLabel(label string, width int) string {
	if chartTextWidth(label) <= width {
		return label
	}
	r := []rune(label)
	n := max(int(float64(width)/chartCharW)-1, 1)
	return strings.TrimRight(string(r[:min(n, len(r))]), " ,;") + "…"
}

// barChart draws horizontal bars, longest first as given; with no bar it
// draws nothing (""). The label column is as wide as the longest label
// needs, so that a crime type's or country's name in a language that
// writes it long is not cut by the chart's edge.
func barChart(p *locale.Printer, id, title, desc string, bars []chartBar) template.HTML {
	const width, barH, gap, top = 720, 20, 6, 8
	if len(bars) == 0 {
		return ""
	}
	labelW := barLabelWidth(bars)
	var maxV int64 = 1
	for _, b := range bars {
		maxV = max(maxV, b.Value)
	}
	height := top*2 + len(bars)*(barH+gap)
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" id="%s" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, id, width, height, id, id)
	fmt.Fprintf(&sb, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	plot := width - labelW - 70
	for i, b := range bars {
		y := top + i*(barH+gap)
		w := int(float64(plot) * float64(b.Value) / float64(maxV))
		if l := fitLabel(b.Label, labelW-8); l != b.Label {
			fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="chart-label"><title>%s</title>%s</text>`, labelW-8, y+barH-5, html.EscapeString(b.Label), html.EscapeString(l))
		} else {
			fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="chart-label">%s</text>`, labelW-8, y+barH-5, html.EscapeString(b.Label))
		}
		if b.Text != "" {
			fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-value chart-hidden">%s</text>`, labelW+6, y+barH-5, html.EscapeString(b.Text))
			continue
		}
		fmt.Fprintf(&sb, `<rect x="%d" y="%d" width="%d" height="%d" class="chart-bar"><title>%s: %s</title></rect>`, labelW, y, max(w, 1), barH, html.EscapeString(b.Label), p.Int(b.Value))
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-value">%s</text>`, labelW+max(w, 1)+6, y+barH-5, p.Int(b.Value))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// chartSeries is one line of a line chart.
type chartSeries struct {
	Name   string
	Class  string // chart-line-1, chart-line-2, …
	Values []int64
}

// lineChart draws series over the labels of the x axis (years).
func lineChart(p *locale.Printer, id, title, desc string, xs []string, series []chartSeries) template.HTML {
	const width, height, left, right, top, bottom = 720, 260, 70, 150, 16, 34
	var maxV int64 = 1
	for _, s := range series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	plotW, plotH := width-left-right, height-top-bottom
	x := func(i int) int {
		if len(xs) < 2 {
			return left + plotW/2
		}
		return left + i*plotW/(len(xs)-1)
	}
	y := func(v int64) int { return top + plotH - int(float64(plotH)*float64(v)/float64(maxV)) }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart" id="%s" viewBox="0 0 %d %d" width="100%%" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`, id, width, height, id, id)
	fmt.Fprintf(&sb, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="chart-axis"/>`, left, top+plotH, left+plotW, top+plotH)
	fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="chart-label">%s</text>`, left-6, top+8, p.Int(maxV))
	fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="end" class="chart-label">0</text>`, left-6, top+plotH)
	for i, l := range xs {
		fmt.Fprintf(&sb, `<text x="%d" y="%d" text-anchor="middle" class="chart-label">%s</text>`, x(i), height-10, html.EscapeString(l))
	}
	for k, s := range series {
		var pts []string
		for i, v := range s.Values {
			pts = append(pts, fmt.Sprintf("%d,%d", x(i), y(v)))
		}
		fmt.Fprintf(&sb, `<polyline points="%s" class="chart-line %s"/>`, strings.Join(pts, " "), s.Class)
		for i, v := range s.Values {
			fmt.Fprintf(&sb, `<circle cx="%d" cy="%d" r="4" class="chart-dot %s"><title>%s %s: %s</title></circle>`, x(i), y(v), s.Class, html.EscapeString(s.Name), html.EscapeString(xs[i]), p.Int(v))
		}
		fmt.Fprintf(&sb, `<text x="%d" y="%d" class="chart-legend %s">%s</text>`, left+plotW+10, top+14+k*18, s.Class, html.EscapeString(s.Name))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}
