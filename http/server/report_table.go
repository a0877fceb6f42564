package server

import (
	"encoding/csv"
	"net/http"
	"strings"

	"crosscase"
)

// ReportPeriod reads a report's period from the query: year, or from and
// to (README, "Statistics and the annual report"), a year read for the
// caller as crosscase.PeriodFor says; other parameters are refused.
func (s *Server) ReportPeriod(r *http.Request, extra ...string) (from, to crosscase.Date, q Query, err error) {
	if q, err = ReadQuery(r, append([]string{"year", "from", "to"}, extra...)...); err != nil {
		return
	}
	if from, err = q.Date("from"); err != nil {
		return
	}
	if to, err = q.Date("to"); err != nil {
		return
	}
	from, to, err = crosscase.PeriodFor(crosscase.UserFromContext(r.Context()), q.Str("year"), from, to, crosscase.DateOf(s.Clock().UTC()))
	return
}

// ReportTableResponse is one table of the report as JSON (README,
// "Statistics and the annual report"): its cells are the CSV's, as text,
// a hidden small count reading "< 5".
type ReportTableResponse struct {
	Name  string         `json:"name"`
	Title string         `json:"title"`
	From  crosscase.Date `json:"from"`
	To    crosscase.Date `json:"to"`
	// Scope and SmallCountsHidden are the report's (crosscase.Report).
	Scope             string     `json:"scope"`
	SmallCountsHidden bool       `json:"small_counts_hidden"`
	Columns           []string   `json:"columns"`
	Rows              [][]string `json:"rows"`
	// Withheld: the table is given to this reader for whole calendar
	// years only, and has no rows (crosscase.ShowsBreakdowns).
	Withheld bool `json:"withheld"`
}

// reportTableFormat reads the format a table is asked in: ?format=csv or
// json, else JSON when the Accept header asks for application/json and
// not for text/csv, else CSV.
func reportTableFormat(r *http.Request, q Query) (string, error) {
	switch f := q.Str("format"); f {
	case "csv", "json":
		return f, nil
	case "":
	default:
		return "", BadRequest("format", "The format is csv or json, not %q.", crosscase.Clip(f))
	}
	accept := strings.Join(r.Header.Values("Accept"), ",")
	if strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/csv") {
		return "json", nil
	}
	return "csv", nil
}

// ServeReportTable writes the report's table named in the path as CSV or
// JSON (reportTableFormat), reporting errors with fail (the API's
// problems or the pages' errors).
func (s *Server) ServeReportTable(w http.ResponseWriter, r *http.Request, fail func(http.ResponseWriter, *http.Request, error)) {
	from, to, q, err := s.ReportPeriod(r, "format")
	if err != nil {
		fail(w, r, err)
		return
	}
	format, err := reportTableFormat(r, q)
	if err != nil {
		fail(w, r, err)
		return
	}
	name := r.PathValue("table")
	var table *crosscase.ReportTable
	rep, err := s.Reports.Report(r.Context(), from, to)
	if err != nil {
		fail(w, r, err)
		return
	}
	for _, t := range rep.Tables() {
		if t.Name == name {
			table = &t
		}
	}
	if table == nil {
		fail(w, r, crosscase.Errorf(crosscase.ENOTFOUND, "There is no table %q in the report.", crosscase.Clip(name)))
		return
	}
	w.Header().Set("Vary", "Accept")
	w.Header().Set("Content-Disposition", `attachment; filename="crosscase-`+table.Name+`-`+from.String()+`-`+to.String()+`.`+format+`"`)
	if format == "json" {
		rows := table.Rows
		if rows == nil {
			rows = [][]string{}
		}
		s.WriteJSON(w, r, http.StatusOK, ReportTableResponse{Name: table.Name, Title: table.Title, From: from, To: to,
			Scope: rep.Scope, SmallCountsHidden: rep.SmallCountsHidden, Columns: table.Columns, Rows: rows, Withheld: table.Withheld})
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	cw := csv.NewWriter(w)
	_ = cw.Write(table.Columns)
	_ = cw.WriteAll(table.CSVRows())
}
