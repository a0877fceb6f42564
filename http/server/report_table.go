package server

import (
	"encoding/csv"
	"net/http"

	"crosscase"
)

// ReportPeriod reads a report's period from the query: year, or from and
// to (README, "Statistics and the annual report"); other parameters are
// refused.
func ReportPeriod(r *http.Request, extra ...string) (from, to crosscase.Date, q Query, err error) {
	if q, err = ReadQuery(r, append([]string{"year", "from", "to"}, extra...)...); err != nil {
		return
	}
	if from, err = q.Date("from"); err != nil {
		return
	}
	if to, err = q.Date("to"); err != nil {
		return
	}
	from, to, err = crosscase.PeriodOf(q.Str("year"), from, to)
	return
}

// ServeReportTable writes the report's table named in the path as CSV,
// reporting errors with fail (the API's problems or the pages' errors).
func (s *Server) ServeReportTable(w http.ResponseWriter, r *http.Request, fail func(http.ResponseWriter, *http.Request, error)) {
	from, to, _, err := ReportPeriod(r)
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
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="crosscase-`+table.Name+`-`+from.String()+`-`+to.String()+`.csv"`)
	cw := csv.NewWriter(w)
	_ = cw.Write(table.Columns)
	_ = cw.WriteAll(table.Rows)
}
