package web

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"crosscase"
	"crosscase/locale"
)

// TestBarChartLabelsFit: a bar chart's label column is as wide as its
// longest label, so that no crime type's name, in any language, starts
// left of the chart's edge (the labels are right-aligned at the column's
// end); a label too long even for the widest column is cut with "…" and
// keeps its whole name as its title.
func TestBarChartLabelsFit(t *testing.T) {
	c, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	label := regexp.MustCompile(`<text x="(\d+)" y="\d+" text-anchor="end" class="chart-label">(?:<title>[^<]*</title>)?([^<]*)</text>`)
	for _, lang := range []string{"en", "fr", "de", "it"} {
		p := c.Printer(lang)
		var bars []chartBar
		for i, ct := range crosscase.CrimeTypes() {
			bars = append(bars, chartBar{Label: p.T(ct.Name), Value: int64(100 - i)})
		}
		svg := string(barChart(p, "chart-crime", "Crime types", "All of them.", bars))
		found := label.FindAllStringSubmatch(svg, -1)
		if len(found) != len(bars) {
			t.Fatalf("%s: %d labels drawn, want %d", lang, len(found), len(bars))
		}
		for _, m := range found {
			x, _ := strconv.Atoi(m[1])
			shown := html.UnescapeString(m[2])
			// 7 units a character: .chart-label's 12px at its widest.
			if w := 7 * utf8.RuneCountInString(shown); w > x {
				t.Errorf("%s: %q needs %d units, but ends at %d: its start is cut", lang, shown, w, x)
			}
		}
	}
	long := strings.Repeat("Very long name of a crime type ", 4)
	svg := string(barChart(c.Printer("en"), "chart-x", "X", "X.", []chartBar{{Label: strings.TrimSpace(long), Value: 3}}))
	if !strings.Contains(svg, "<title>"+strings.TrimSpace(long)+"</title>") || !strings.Contains(svg, "…</text>") {
		t.Errorf("a label too long for the widest column is not cut with its whole name as title: %s", svg)
	}
}
