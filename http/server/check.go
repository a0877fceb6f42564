package server

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"

	"crosscase"
	"crosscase/match"
)

// CheckHit is one hit of a bulk check as the caller may see it: always
// the owning desk and country of the case the hit is in, the score and
// which fields agreed; the case and entity only when the caller may see
// that case anyway.
type CheckHit struct {
	Line          int                  `json:"line"`
	InputID       string               `json:"input_id"`
	Kind          crosscase.EntityKind `json:"kind"`
	Score         int                  `json:"score"`
	Fields        []crosscase.HitField `json:"fields"`
	OwnerDeskID   int64                `json:"owner_desk_id"`
	OwnerCountry  string               `json:"owner_country"`
	CaseID        int64                `json:"case_id,omitempty"`
	CaseReference string               `json:"case_reference,omitempty"`
	EntityID      int64                `json:"entity_id,omitempty"`
	// MatchKind is "same_document" for a person holding the row's identity
	// document under a clearly different name: a possible false or stolen
	// identity (README, "Hits").
	MatchKind string `json:"match_kind,omitempty"`
	// ExternalRef is the found entity's own reference (its row id when it
	// was imported), for a case the caller may see.
	ExternalRef string `json:"external_ref,omitempty"`
	// OwnerTold says that the owner desk has been told of this hit (a
	// list check hit: when, which desk checked, its entity, the score and
	// the fields, never the row): true for a case the caller may not see.
	OwnerTold bool `json:"owner_told"`
}

// CheckResult is the answer of a bulk check.
type CheckResult struct {
	Records int        `json:"records"`
	Hits    []CheckHit `json:"hits"`
	// OwnersTold is how many hits were told to their owner desks (those
	// with OwnerTold).
	OwnersTold int `json:"owners_told"`
	// Unreadable are the rows that could not be read, with their line,
	// column and why: they were not checked (ReadCheckRows).
	Unreadable []match.RowError `json:"unreadable"`
}

// CheckOptions say how to read a bulk file and what to report.
type CheckOptions struct {
	Mapping   match.Mapping
	Threshold int // report only scores at least this (raises the index's thresholds, never lowers them)
}

// ParseMapping reads "COL=field,COL=field" and an id column into a mapping.
func ParseMapping(spec, idColumn, separator string) (match.Mapping, error) {
	comma, err := match.Separator(separator)
	if err != nil {
		return match.Mapping{}, err
	}
	m, err := match.ParseMapping(spec, idColumn)
	m.Comma = comma
	return m, err
}

// ReadRows reads a file to import; the first unreadable row refuses the
// file, naming its line and column, so that nothing is half-done.
func ReadRows(body io.Reader, m match.Mapping) ([]match.Row, error) {
	rows, rowErrs, err := readRows(body, m)
	if err != nil {
		return nil, err
	}
	if len(rowErrs) > 0 {
		return nil, rowError(rowErrs)
	}
	return rows, nil
}

// ReadCheckRows reads a list to check, which stores nothing: the rows
// that cannot be read are given back with their line, column and why, to
// be reported beside the hits of the others (README, "Cross-case
// matching", bulk check). Only a file of which no row can be read is
// refused, naming the first; the rows are given back with the refusal,
// for a page to list them all.
func ReadCheckRows(body io.Reader, m match.Mapping) ([]match.Row, []match.RowError, error) {
	rows, rowErrs, err := readRows(body, m)
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 && len(rowErrs) > 0 {
		return nil, rowErrs, rowError(rowErrs)
	}
	if rowErrs == nil {
		rowErrs = []match.RowError{}
	}
	return rows, rowErrs, nil
}

// ReadListRows reads a file to import on a page, which lists every row
// that cannot be read, in its reader's language, under its refusal: the
// rows read, and the others' errors. A file over the upload limit, or
// without a row, is refused.
func ReadListRows(body io.Reader, m match.Mapping) ([]match.Row, []match.RowError, error) {
	return readRows(body, m)
}

// rowError is the refusal of a file whose rows rowErrs cannot be read,
// naming the first's line and column.
func rowError(rowErrs []match.RowError) error {
	e := rowErrs[0]
	field := "line " + strconv.Itoa(e.Line)
	if e.Column != "" {
		field += ", column " + e.Column
	}
	more := ""
	if len(rowErrs) > 1 {
		more = fmt.Sprintf(" (and %d more rows)", len(rowErrs)-1)
	}
	return &crosscase.Error{Code: crosscase.EINVALID, Field: field, Message: e.Message + more}
}

// readRows reads a bulk file: its readable rows and the others' errors;
// a file over the upload limit, or without a row, is refused.
func readRows(body io.Reader, m match.Mapping) ([]match.Row, []match.RowError, error) {
	rows, rowErrs, err := match.ReadCSV(body, m, 0)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return nil, nil, crosscase.Errorf(crosscase.ETOOLARGE, "The file is larger than the limit of %d MiB; check larger lists with the command line.", MaxUploadBytes>>20).WithField("body")
	}
	if crosscase.ErrorCode(err) == crosscase.ETOOLARGE && crosscase.ErrorField(err) == "" {
		return nil, nil, &crosscase.Error{Code: crosscase.ETOOLARGE, Field: "body", Message: crosscase.ErrorMessage(err)}
	}
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 && len(rowErrs) == 0 {
		return nil, nil, crosscase.FieldErrorf("body", "The file has no rows to check.")
	}
	return rows, rowErrs, nil
}

// BulkCheck checks rows against every case, and tells the caller only
// what they may know of each hit. Only case-working roles check lists,
// at most CheckRowsPerDay names and identifiers a day each (a check that would exceed it
// is refused before anything is checked). Each hit on a case the caller
// may not see is told to its owner desk (ListChecks.RecordListCheckHits)
// before the caller sees it. The check is audited with its counts, and
// the list is not kept. The rows of the list that could not be read
// (unreadable, as ReadCheckRows gives them) are reported in the result
// beside the hits, never nil.
func (s *Server) BulkCheck(ctx context.Context, rows []match.Row, unreadable []match.RowError, threshold int) (*CheckResult, error) {
	// Refused before the threshold is read: the checker enforces the
	// same rule.
	if err := crosscase.CanCheckList(crosscase.UserFromContext(ctx)); err != nil {
		return nil, err
	}
	if threshold < 0 || threshold > 100 {
		return nil, crosscase.FieldErrorf("threshold", "The threshold is a score from 0 to 100.")
	}
	// The quota counts what is checked: each name or identifier of a
	// row, so that a row of many phone columns is not one row's worth.
	if err := s.ListChecks.CountListRows(ctx, len(rows), s.CheckRowsPerDay); err != nil {
		return nil, err
	}
	// Half the cores at most, so that pages and the live check stay quick
	// while a long list is checked; the index is locked per record only.
	found, err := s.Lists.CheckList(ctx, match.Records(rows), max(1, runtime.GOMAXPROCS(0)/2))
	if err != nil {
		return nil, err
	}
	var ids []int64
	seen := map[int64]bool{}
	for _, h := range found {
		if !seen[h.CaseID] {
			seen[h.CaseID] = true
			ids = append(ids, h.CaseID)
		}
	}
	refs, err := s.Cases.FindCaseRefs(ctx, ids)
	if err != nil {
		return nil, err
	}
	var entityIDs []int64
	for _, h := range found {
		if ref := refs[h.CaseID]; ref != nil && ref.Visible {
			entityIDs = append(entityIDs, h.EntityID)
		}
	}
	externalRefs, err := s.Entities.FindExternalRefs(ctx, entityIDs)
	if err != nil {
		return nil, err
	}
	if unreadable == nil {
		unreadable = []match.RowError{}
	}
	res := &CheckResult{Records: len(rows), Hits: []CheckHit{}, Unreadable: unreadable}
	var foreign []crosscase.ListHit
	for _, h := range found {
		ref := refs[h.CaseID]
		if ref == nil || h.Score < threshold {
			continue // deleted meanwhile, or below what was asked for
		}
		row := rows[h.Row]
		ch := CheckHit{Line: row.Line, InputID: row.ID, Kind: row.Record.Kind, Score: h.Score, Fields: h.Fields, MatchKind: h.MatchKind,
			OwnerDeskID: ref.OwnerDeskID, OwnerCountry: ref.OwnerCountry}
		if ch.Fields == nil {
			ch.Fields = []crosscase.HitField{}
		}
		if ref.Visible {
			ch.CaseID, ch.CaseReference, ch.EntityID = h.CaseID, ref.Reference, h.EntityID
			ch.ExternalRef = externalRefs[h.EntityID]
		} else {
			ch.OwnerTold = true
			foreign = append(foreign, h)
		}
		res.Hits = append(res.Hits, ch)
	}
	// The owner desks are told before the caller sees anything: a hit
	// that cannot be told is not shown.
	if res.OwnersTold, err = s.ListChecks.RecordListCheckHits(ctx, foreign); err != nil {
		return nil, err
	}
	err = s.Audit.RecordAudit(ctx, &crosscase.AuditEntry{Action: crosscase.ActionCheck, ObjectType: "list",
		Detail: fmt.Sprintf("records=%d hits=%d told=%d", len(rows), len(res.Hits), res.OwnersTold)})
	return res, err
}

// WriteCheckCSV writes the hits as CSV, one line per hit.
func WriteCheckCSV(w http.ResponseWriter, res *CheckResult) {
	// The rows not checked are named in a header, by line, the first 100
	// (the JSON answer says why, for each).
	var lines []string
	for _, e := range res.Unreadable {
		if e.Line > 0 && len(lines) < 100 {
			lines = append(lines, strconv.Itoa(e.Line))
		}
	}
	if len(lines) > 0 {
		w.Header().Set("X-Crosscase-Unreadable-Lines", strings.Join(lines, " "))
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="crosscase-check.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write([]string{"line", "input_id", "score", "fields", "owner_country", "case_reference", "external_ref", "match_kind", "owner_told"})
	for _, h := range res.Hits {
		var fields []string
		for _, f := range h.Fields {
			fields = append(fields, fmt.Sprintf("%s:%s:%.2f", f.Field, f.How, f.Score))
		}
		cw.Write([]string{strconv.Itoa(h.Line), crosscase.CSVSafe(h.InputID), strconv.Itoa(h.Score), strings.Join(fields, ";"), h.OwnerCountry, h.CaseReference, crosscase.CSVSafe(h.ExternalRef), h.MatchKind, strconv.FormatBool(h.OwnerTold)})
	}
	cw.Flush()
}
