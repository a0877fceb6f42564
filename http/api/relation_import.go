package api

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"crosscase/http/server"

	"crosscase"
)

// handleAPIRelationImport relates a case's entities from a CSV file, all
// or nothing (README, "Link chart"): a header row naming the columns from,
// to and kind, then one relation per row; from and to are an entity's
// reference (its external_ref) or its id.
func (s *Server) handleAPIRelationImport(w http.ResponseWriter, r *http.Request) {
	id, err := server.APIPathID(r, "id", "Case")
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	if err := requireCSV(r); err != nil {
		s.APIError(w, r, err)
		return
	}
	rows, err := readRelationCSV(r.Body)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	n, err := s.importRelations(r.Context(), id, rows)
	if err != nil {
		s.APIError(w, r, err)
		return
	}
	s.WriteJSON(w, r, http.StatusCreated, map[string]int{"imported": n})
}

// relationRow is one row of a relations file: its line and its fields.
type relationCSVRow struct {
	line           int
	from, to, kind string
}

// readRelationCSV reads the header and rows of a relations file, refusing
// a ragged row or a missing column naming its line.
func readRelationCSV(body io.Reader) ([]relationCSVRow, error) {
	cr := csv.NewReader(body)
	cr.FieldsPerRecord = 0 // every row as long as the header
	head, err := cr.Read()
	if err != nil {
		return nil, relationReadError(err, "The file has no header row (from,to,kind).")
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, twice := col[h]; twice && (h == "from" || h == "to" || h == "kind") {
			// Either column could be meant: refused, not the last taken.
			return nil, crosscase.FieldErrorf("file", "The header has two columns called %q.", h)
		}
		col[h] = i
	}
	for _, need := range []string{"from", "to", "kind"} {
		if _, ok := col[need]; !ok {
			return nil, crosscase.FieldErrorf("file", "The header has no column %q (from,to,kind).", need)
		}
	}
	var out []relationCSVRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, relationReadError(err, fmt.Sprintf("Line %d cannot be read as CSV (every row needs as many fields as the header).", line))
		}
		out = append(out, relationCSVRow{line: line, from: strings.TrimSpace(rec[col["from"]]), to: strings.TrimSpace(rec[col["to"]]), kind: strings.TrimSpace(rec[col["kind"]])})
		if len(out) > 10000 {
			return nil, crosscase.FieldErrorf("file", "At most 10000 relations at once.")
		}
	}
	if len(out) == 0 {
		return nil, crosscase.FieldErrorf("file", "The file holds no relation.")
	}
	return out, nil
}

// importRelations creates the relations of rows in one transaction.
func (s *Server) importRelations(ctx context.Context, caseID int64, rows []relationCSVRow) (int, error) {
	entities, err := s.Entities.FindEntities(ctx, caseID)
	if err != nil {
		return 0, err
	}
	// A row names an entity by its id or by the reference an import gave
	// it. The rows of one imported line share its reference (a person
	// and their phone): the person, company or group is meant. Two such
	// entities, or two of one kind, under one reference cannot be told
	// apart, and the line is refused.
	byRef := map[string][]*crosscase.Entity{}
	ref := map[string]int64{}
	for _, e := range entities {
		ref[strconv.FormatInt(e.ID, 10)] = e.ID
		if e.ExternalRef != "" {
			byRef[e.ExternalRef] = append(byRef[e.ExternalRef], e)
		}
	}
	ambiguous := map[string]bool{}
	for key, list := range byRef {
		var named []*crosscase.Entity
		for _, e := range list {
			if e.Kind == crosscase.KindPerson || e.Kind.IsNamed() {
				named = append(named, e)
			}
		}
		switch { // a reference wins over an entity id written the same
		case len(list) == 1:
			ref[key] = list[0].ID
		case len(named) == 1:
			ref[key] = named[0].ID
		default:
			ambiguous[key] = true
		}
	}
	err = s.Store.Batch(ctx, func(ctx context.Context) error {
		for _, row := range rows {
			for _, end := range [][2]string{{"from", row.from}, {"to", row.to}} {
				if ambiguous[end[1]] {
					return crosscase.FieldErrorf("line "+strconv.Itoa(row.line)+"."+end[0], "Line %d: more than one entity of the case has the reference %q; name the entity by its id.", row.line, crosscase.Clip(end[1]))
				}
			}
			rel := &crosscase.Relation{CaseID: caseID, FromID: ref[row.from], ToID: ref[row.to], Kind: crosscase.RelationKind(row.kind)}
			err := s.Relations.CreateRelation(ctx, rel)
			if err == nil {
				continue
			} else if crosscase.ErrorCode(err) == crosscase.ECONFLICT {
				// A relation the case holds, or an earlier line's: named
				// by its line, as a refused row is.
				return crosscase.Errorf(crosscase.ECONFLICT, "Line %d: %s", row.line, crosscase.ErrorMessage(err)).WithField("line " + strconv.Itoa(row.line))
			} else if crosscase.ErrorCode(err) != crosscase.EINVALID {
				return err // not the row's fault: the store's answer as it is
			}
			field := crosscase.ErrorField(err)
			if field == "" {
				field = "kind"
			}
			return crosscase.FieldErrorf("line "+strconv.Itoa(row.line)+"."+field, "Line %d: %s", row.line, crosscase.ErrorMessage(err))
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}

// relationReadError is the answer to a relations file that cannot be
// read: 413 past the upload limit, else msg about the field file.
func relationReadError(err error, msg string) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return server.BodyTooLarge(tooLarge.Limit)
	}
	return crosscase.FieldErrorf("file", "%s", msg)
}
