package web

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"crosscase"
)

// handleCaseExportPage downloads a visible case's entities as CSV; the
// store audits it as an export.
func (s *Server) handleCaseExportPage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	b, err := s.Cases.ExportCase(r.Context(), id)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	name := strings.NewReplacer("/", "-").Replace(b.Case.Reference) + "-entities.csv"
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // personal data: kept by no cache
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", name))
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "kind", "role", "given_name", "family_name", "name", "birth_date", "nationality", "id_number", "address", "value", "country", "notes", "external_ref"})
	for _, e := range b.Entities {
		birth := ""
		if !e.BirthDate.IsZero() {
			birth = e.BirthDate.String()
		}
		row := []string{strconv.FormatInt(e.ID, 10), string(e.Kind), string(e.Role), e.GivenName, e.FamilyName, e.Name, birth, e.Nationality, e.IDNumber, e.Address, e.Value, e.Country, e.Notes, e.ExternalRef}
		for i := range row {
			row[i] = crosscase.CSVSafe(row[i])
		}
		cw.Write(row)
	}
	cw.Flush()
}
