package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"crosscase"
	"crosscase/http/server"
	"crosscase/locale"
)

// statisticsPage is the statistics section and the annual report's
// statistical annex for a period (README, "Statistics and the annual
// report").
type statisticsPage struct {
	pageBase
	Report *crosscase.Report
	Tables []statisticsTable
	// Form holds the period asked for; Query is its query string for the
	// CSV links (a URL part, so that the template keeps its = and &).
	Form  *formState
	Query template.URL
	// Years offers the last ten calendar years.
	Years                              []int
	CrimeChart, ThirdChart, YearsChart template.HTML
	DeskChart                          template.HTML
	Err                                error
}

// handleStatisticsPage shows the report for ?year= (default the last
// calendar year that is over: the annual report's) or ?from=&to=. The
// form's year box always holds a year, so a period filled in on the form
// wins over it; the API keeps refusing both.
func (s *Server) handleStatisticsPage(w http.ResponseWriter, r *http.Request) {
	q := s.statisticsPeriod(r)
	p := &statisticsPage{pageBase: pageBase{Title: "Statistics", Nav: "statistics"}, Form: newForm(q, nil)}
	for this, y := s.Clock().UTC().Year(), s.Clock().UTC().Year(); y > this-10; y-- {
		p.Years = append(p.Years, y)
	}
	// A year the period rule takes (crosscase.PeriodOf) but older or
	// later than these is offered too, in its place, so that the box
	// shows the year whose figures the page shows.
	if from, _, err := crosscase.PeriodOf(q.Get("year"), crosscase.Date{}, crosscase.Date{}); err == nil && q.Get("year") != "" && !slices.Contains(p.Years, from.Year) {
		p.Years = append(p.Years, from.Year)
		slices.SortFunc(p.Years, func(a, b int) int { return b - a })
	}
	// A date of the form that is no date is refused as the other forms
	// refuse one, naming its field, not as the API names a parameter.
	var err error
	for _, f := range []string{"from", "to"} {
		if _, e := server.FormDate(r.URL.Query(), f); e != nil && err == nil {
			err = e
		}
	}
	var from, to crosscase.Date
	if err == nil {
		from, to, _, err = s.ReportPeriod(r)
	}
	if err == nil {
		p.Report, err = s.Reports.Report(r.Context(), from, to)
	}
	if err != nil {
		if !isFormError(err) {
			s.Error(w, r, err)
			return
		}
		p.Form.Err = err
		s.render(w, r, formStatus(err), "statistics.html", p)
		return
	}
	rep := p.Report
	// The charts are drawn in the reader's language (README, "Languages").
	lp := s.pages.catalog.Printer(s.pages.language(r, crosscase.UserFromContext(r.Context())))
	dateText := func(d crosscase.Date) string { return lp.Date(d.Year, d.Month, d.Day) }
	p.Query = template.URL(url.Values{"from": {from.String()}, "to": {to.String()}}.Encode())
	p.Tables = statisticsTables(lp, rep.Tables())
	var crimes []chartBar
	for _, c := range rep.CrimeTypes {
		if c.Handled > 0 {
			crimes = append(crimes, chartBar{Label: lp.T(c.Name), Value: int64(c.Handled)})
		}
	}
	p.CrimeChart = barChart(lp, "chart-crime", lp.T("Cases handled by crime type"), lp.T("Cases handled from %s to %s by crime type, most first; the table below gives the same figures.", dateText(from), dateText(to)), crimes)
	var third []chartBar
	for i, c := range rep.ThirdCountries {
		if i == 15 {
			break
		}
		bar := chartBar{Label: locale.CountryName(lp.Lang, c.Code, c.Name), Value: int64(c.Cases)}
		// A hidden or withheld count reads 0: the chart writes what the
		// table writes, not a bar of 0.
		switch {
		case c.Withheld:
			bar.Text = statisticsCell(lp, crosscase.WithheldCountText)
		case c.Hidden:
			bar.Text = statisticsCell(lp, crosscase.SmallCountText)
		}
		third = append(third, bar)
	}
	p.ThirdChart = barChart(lp, "chart-third", lp.T("Third countries by participation"), lp.T("Cases handled in which each third country owns or is asked, the fifteen most involved; the table below gives them all."), third)
	var desks []chartBar
	for _, d := range rep.Desks {
		bar := chartBar{Label: locale.CountryName(lp.Lang, d.Code, d.Name), Value: int64(d.Owned + d.AskedIn)}
		// A part hidden or withheld reads 0, so the sum is not the
		// figure: the chart writes the two parts as the table does.
		if d.Hidden || d.OwnedWithheld || d.AskedInWithheld {
			part := func(v int, withheld bool) string {
				switch {
				case withheld:
					return statisticsCell(lp, crosscase.WithheldCountText)
				case v < crosscase.SmallCount:
					return statisticsCell(lp, crosscase.SmallCountText)
				}
				return lp.Int(int64(v))
			}
			bar.Text = part(d.Owned, d.OwnedWithheld) + " + " + part(d.AskedIn, d.AskedInWithheld)
		}
		desks = append(desks, bar)
	}
	p.DeskChart = barChart(lp, "chart-desks", lp.T("Member states: cases owned and asked in"), lp.T("Cases handled per member state, owned and asked in together; the table below splits them."), desks)
	var xs []string
	var handled, created, meetings, jits []int64
	for _, y := range rep.Years {
		xs = append(xs, strconv.Itoa(y.Year))
		handled, created = append(handled, int64(y.Handled)), append(created, int64(y.New))
		meetings, jits = append(meetings, int64(y.Meetings)), append(jits, int64(y.JITsSupported))
	}
	p.YearsChart = lineChart(lp, "chart-years", lp.T("Year on year"), lp.T("Cases handled, new cases, coordination meetings and JITs supported in each of the five years to %d; the table below gives the same figures.", to.Year), xs,
		[]chartSeries{{lp.T("Cases handled"), "chart-line-1", handled}, {lp.T("New cases"), "chart-line-2", created}, {lp.T("Meetings"), "chart-line-3", meetings}, {lp.T("JITs supported"), "chart-line-4", jits}})
	s.render(w, r, http.StatusOK, "statistics.html", p)
}

// handleStatisticsTablePage downloads one table of the report as CSV.
func (s *Server) handleStatisticsTablePage(w http.ResponseWriter, r *http.Request) {
	s.statisticsPeriod(r)
	s.ServeReportTable(w, r, s.Error)
}

// statisticsPeriod sets the period of the statistics pages' request r and
// returns its query: a period filled in (from, to) wins over the year
// box, and without either the period is the last calendar year that is
// over.
func (s *Server) statisticsPeriod(r *http.Request) url.Values {
	q := r.URL.Query()
	switch {
	case q.Get("from") != "" || q.Get("to") != "":
		if q.Has("year") {
			q.Del("year")
			r.URL.RawQuery = q.Encode()
		}
	case q.Get("year") == "":
		q.Set("year", strconv.Itoa(s.Clock().UTC().Year()-1))
		r.URL.RawQuery = q.Encode()
	}
	return q
}

// statisticsLabels name the codes of the statistics tables' columns and
// of the headline figures for people; the CSV and JSON keep the codes,
// which are a documented schema (README, "Statistics").
var statisticsLabels = map[string]string{
	"figure": "Figure", "period": "This period", "previous_period": "Previous period",
	"cases_handled": "Cases handled", "cases_new": "New cases",
	"new_cases_involving_third_countries": "New cases involving third countries",
	"new_cases_owned_by_third_countries":  "New cases opened by third countries",
	"coordination_meetings":               "Coordination meetings", "coordination_centres": "Coordination centres",
	"jits_supported": "JITs supported", "jits_signed": "JITs signed", "jits_funded": "JITs funded",
	"jit_funding_granted_eur": "JIT funding granted (EUR)", "arrests": "Arrests", "surrenders": "Surrenders",
	"searches": "Searches", "seized_eur": "Seized (EUR)", "frozen_eur": "Frozen (EUR)",
	"assets_seized_frozen_eur": "Assets seized or frozen (EUR)", "drugs_seized_eur": "Drugs seized (EUR)",
	"assets_returned_eur": "Returned to victim countries (EUR)", "victims": "Victims", "financial_damage_eur": "Financial damage (EUR)",
	"crime_type": "Crime type", "name": "Name", "handled": "Handled", "new": "New", "previous_handled": "Handled in the previous period",
	"change_percent": "Change (%)", "rank": "Rank", "country": "Country", "cases": "Cases", "owned": "Owned", "asked_in": "Asked in",
	"type": "Type", "label": "Label", "issued": "Issued", "met": "Met", "missed": "Missed", "running": "Running",
	"seizure_type": "Seizure type", "measure": "Measure", "substance": "Substance", "unit": "Unit", "quantity": "Quantity",
	"value_eur": "Value (EUR)", "entries": "Entries", "year": "Year", "meetings": "Meetings",
}

// statisticsTable is a table of the report as the page shows it, in the
// reader's language: a code is written as the label the other pages give
// it (a crime type, an instrument type, a unit, a country by its name),
// and the column of a code is left out where the table names the same
// thing in a column beside it. The CSV and JSON keep the codes, which are
// data (README, "Statistics and the annual report").
type statisticsTable struct {
	Name, Title string
	Columns     []string   // the columns' codes, named by statCell
	Rows        [][]string // the cells as the page writes them
	Withheld    bool       // given for whole calendar years only (crosscase.ShowsBreakdowns)
}

// statisticsTables writes the tables of a report for the page, in p's
// language.
func statisticsTables(p *locale.Printer, tables []crosscase.ReportTable) []statisticsTable {
	country := countryNamer(p)
	out := make([]statisticsTable, 0, len(tables))
	for _, tb := range tables {
		at := func(col string) int { return slices.Index(tb.Columns, col) }
		hasName, hasLabel := at("name") >= 0, at("label") >= 0
		// The code columns a name or label column beside them repeats.
		drop := map[int]bool{}
		for i, col := range tb.Columns {
			if (hasName && (col == "crime_type" || col == "country")) || (hasLabel && col == "type") {
				drop[i] = true
			}
		}
		st := statisticsTable{Name: tb.Name, Title: tb.Title, Withheld: tb.Withheld}
		for i, col := range tb.Columns {
			if !drop[i] {
				st.Columns = append(st.Columns, col)
			}
		}
		for _, row := range tb.Rows {
			cells := make([]string, 0, len(st.Columns))
			for i, v := range row {
				if drop[i] {
					continue
				}
				col := tb.Columns[i]
				// A name beside a code is written from the code.
				if col == "name" && at("country") >= 0 {
					col, v = "country", row[at("country")]
				} else if col == "name" && at("crime_type") >= 0 {
					col, v = "crime_type", row[at("crime_type")]
				} else if col == "label" && at("type") >= 0 {
					col, v = "type", row[at("type")]
				}
				switch col {
				case "country":
					cells = append(cells, country(v))
				case "crime_type":
					if name := crosscase.CrimeTypeName(v); name != "" {
						v = name
					}
					cells = append(cells, p.T(v))
				case "type":
					cells = append(cells, p.T(crosscase.InstrumentType(v).Label()))
				case "quantity":
					if q, err := strconv.ParseFloat(v, 64); err == nil {
						v = fmtQuantity(p, q)
					}
					cells = append(cells, v)
				default:
					cells = append(cells, statisticsFigure(p, col, v))
				}
			}
			st.Rows = append(st.Rows, cells)
		}
		out = append(out, st)
	}
	return out
}

// statisticsCell writes a cell of a statistics table in p's language: a
// code the tables use by its label, any other message translated, a
// figure as it is.
func statisticsCell(p *locale.Printer, v string) string {
	if l, ok := statisticsLabels[v]; ok {
		return p.T(l)
	}
	if h := humanCode(v); h != v && p.Has(h) {
		return p.T(h)
	}
	if p.Has(v) {
		return p.T(v)
	}
	return v
}

// statisticsFigure writes the cell v of column col of a statistics table
// on the page: a count or an amount in euros with p's thousands
// separator (1 234 in French), a label in p's language. Years and ranks
// stay as they are; the CSV and JSON keep the raw figures.
func statisticsFigure(p *locale.Printer, col, v string) string {
	if col != "year" && col != "rank" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			return p.Int(n)
		}
	}
	return statisticsCell(p, v)
}
