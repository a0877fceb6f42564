package api

import (
	"net/http"
)

// handleAPIReport returns the statistics of a period for the caller's
// scope.
func (s *Server) handleAPIReport(w http.ResponseWriter, r *http.Request) {
	from, to, _, err := s.ReportPeriod(r)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	rep, err := s.Reports.Report(r.Context(), from, to)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, rep)
}

// handleAPIReportTable returns one table of the report as CSV or JSON.
func (s *Server) handleAPIReportTable(w http.ResponseWriter, r *http.Request) {
	s.ServeReportTable(w, r, s.APIError)
}
