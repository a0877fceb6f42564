package api

import (
	"net/http"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/http/server"
	"crosscase/match"
)

// checkQuery reads the mapping and options of a bulk request's query:
// map, id_column and separator, and the extra parameters the endpoint
// takes (threshold is read when it is one of them). Any other parameter
// is refused, naming it, rather than ignored.
func checkQuery(r *http.Request, extra ...string) (server.CheckOptions, server.Query, error) {
	var opt server.CheckOptions
	q, err := server.ReadQuery(r, append([]string{"map", "id_column", "separator"}, extra...)...)
	if err != nil {
		return opt, q, err
	}
	if opt.Mapping, err = server.ParseMapping(q.Values.Get("map"), q.Values.Get("id_column"), q.Values.Get("separator")); err != nil {
		return opt, q, err
	}
	if t := q.Str("threshold"); t != "" {
		if opt.Threshold, err = strconv.Atoi(t); err != nil || opt.Threshold < 0 || opt.Threshold > 100 {
			return opt, q, crosscase.FieldErrorf("threshold", "The threshold is a score from 0 to 100.")
		}
	}
	return opt, q, nil
}

// requireCSV refuses, 415 as a JSON endpoint does for a body not declared
// as JSON, a body not declared as CSV (text/csv, or text/plain).
func requireCSV(r *http.Request) error {
	ct := strings.ToLower(strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0]))
	if ct != "text/csv" && ct != "text/plain" {
		return &server.RequestError{Status: http.StatusUnsupportedMediaType, Err: crosscase.FieldErrorf("Content-Type", "Send the file as text/csv.")}
	}
	return nil
}

// handleAPICheck checks a CSV list against every case and returns the
// hits as JSON, or CSV with format=csv. The list is not stored.
func (s *Server) handleAPICheck(w http.ResponseWriter, r *http.Request) {
	opt, q, err := checkQuery(r, "threshold", "format")
	if err == nil {
		err = requireCSV(r)
	}
	format := q.Str("format")
	if err == nil && format != "" && format != "json" && format != "csv" {
		err = crosscase.FieldErrorf("format", "The format is json or csv.")
	}
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	// Refused before the list is read: whoever may not check a list costs
	// the server no more than an empty request.
	if err := crosscase.CanCheckList(crosscase.UserFromContext(r.Context())); err != nil {
		s.APIError(w, r, err)
		return
	}
	rows, unreadable, err := server.ReadCheckRows(r.Body, opt.Mapping)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	res, err := s.BulkCheck(r.Context(), rows, unreadable, opt.Threshold)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if format == "csv" {
		server.WriteCheckCSV(w, res)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, res)
}

// handleAPIEntityImport loads a CSV file into a case of the caller's
// desk, all or nothing, keeping each row's id as the external reference
// and relating the entities of each line (crosscase.LineRelations); it
// answers how many entities and relations it created.
func (s *Server) handleAPIEntityImport(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	opt, q, err := checkQuery(r, "role")
	if err == nil {
		err = requireCSV(r)
	}
	role := crosscase.EntityRole(q.Str("role"))
	if role == "" {
		role = crosscase.RoleOther
	}
	if err == nil && !role.Valid() {
		err = crosscase.FieldErrorf("role", "The role is suspect, victim, witness or other.")
	}
	if err == nil {
		err = s.mayImportInto(r, id)
	}
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	rows, err := server.ReadRows(r.Body, opt.Mapping)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	entities := match.Entities(rows, role)
	relations, err := s.Entities.ImportEntities(r.Context(), id, entities, match.Lines(rows), nil)
	if err != nil {
		s.APIError(w, r, match.ImportError(err, rows))
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, map[string]int{"imported": len(entities), "relations": relations})
}

// handleAPICheckHitList returns one page of the list check hits on the
// caller's desk's entities: other desks' bulk checks that hit an entity
// of a case they may not see. Empty for anyone who sees no hits of a desk.
func (s *Server) handleAPICheckHitList(w http.ResponseWriter, r *http.Request) {
	q, err := server.ReadQuery(r, "cursor", "limit")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	limit, err := q.Limit(200)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	list, next, err := s.ListChecks.FindListCheckHits(r.Context(), crosscase.ListCheckHitFilter{Cursor: q.Str("cursor"), Limit: limit})
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusOK, server.NewList(list, next))
}

// mayImportInto refuses, before the file is read, a caller who may not
// change case id (crosscase.CanWriteCase, which the store checks again
// as it imports): ENOTFOUND for a case they do not see, EFORBIDDEN for
// one they only read. Whoever may not import costs the server no more
// than an empty request.
func (s *Server) mayImportInto(r *http.Request, id int64) error {
	c, err := s.Cases.FindCaseByID(r.Context(), id)
	if err != nil {
		return err
	}
	if !crosscase.CanWriteCase(crosscase.UserFromContext(r.Context()), c) {
		return crosscase.Errorf(crosscase.EFORBIDDEN, "Only the owner desk (%s) may change this case.", c.OwnerCountry)
	}
	return nil
}
