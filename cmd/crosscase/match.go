package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"crosscase"
	"crosscase/hits"
	"crosscase/match"
)

// mappingFlags are the flags that say how to read a CSV file.
type mappingFlags struct {
	mapping   string
	idColumn  string
	semicolon bool
}

func (m *Main) addMappingFlags(fs interface {
	StringVar(*string, string, string, string)
	BoolVar(*bool, string, bool, string)
}) *mappingFlags {
	mf := &mappingFlags{}
	fs.StringVar(&mf.mapping, "map", "", "columns to fields: COL=field,… (fields: given_name, family_name, full_name, name, birth_date, birth_year, nationality, id_number, address, phone, email, iban, value, kind, country; address, phone, email, iban and value may take several columns)")
	fs.StringVar(&mf.idColumn, "id-column", "", "the column holding each row's own reference")
	fs.BoolVar(&mf.semicolon, "semicolon", false, "fields are separated by ';' (spreadsheets in much of Europe)")
	return mf
}

// readMapped parses the file with the mapping. Row errors are printed,
// naming line and column; with allOrNothing they fail the command, else the
// readable rows are returned.
func (m *Main) readMapped(path string, mf *mappingFlags, allOrNothing bool) ([]match.Row, error) {
	mp, err := match.ParseMapping(mf.mapping, mf.idColumn)
	if err != nil {
		return nil, userError(err, mappingFlagNames)
	}
	if mf.semicolon {
		mp.Comma = ';'
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, rowErrs, err := match.ReadCSV(f, mp, 0)
	if err != nil {
		return nil, userError(err, mappingFlagNames)
	}
	for _, e := range rowErrs {
		fmt.Fprintln(m.Stderr, e.Error())
	}
	if len(rowErrs) > 0 && allOrNothing {
		return nil, fmt.Errorf("%s: %s; nothing was done", path, crosscase.Count{Format: "%d rows cannot be read", N: int64(len(rowErrs))})
	}
	if len(rowErrs) > 0 {
		fmt.Fprintf(m.Stderr, "%s: %s; %s\n", path,
			crosscase.Count{Format: "%d rows cannot be read and are left out", N: int64(len(rowErrs))},
			crosscase.Count{Format: "%d records of the others are checked", N: int64(len(rows))})
	}
	return rows, nil
}

// runCheck checks a CSV file of people, companies or identifiers against
// every case and prints one line per hit, without storing the file.
func (m *Main) runCheck(ctx context.Context, args []string) error {
	fs := m.newFlagSet("check")
	sf := m.addStoreFlags(fs)
	mf := m.addMappingFlags(fs)
	format := fs.String("format", "csv", "output: csv or json")
	threshold := fs.Int("threshold", 0, "lowest score to report, 0..100 (default: each kind's default threshold)")
	files, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return errors.New("usage: crosscase check --map COL=field,… [--id-column COL] [--format csv|json] [--threshold N] FILE.csv")
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("--format must be csv or json, not %q", *format)
	}
	if *threshold < 0 || *threshold > 100 {
		return errors.New("--threshold must be between 0 and 100")
	}
	// A list is checked though some rows cannot be read: they are
	// reported with their line, and nothing of the list is stored.
	rows, err := m.readMapped(files[0], mf, false)
	if err != nil {
		return err
	}
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	// The index as serve sets it up, without same-document candidates:
	// the check reports the entities a row probably is.
	cfg := hits.Config{Thresholds: match.DefaultThresholds()}
	if *threshold > 0 {
		cfg.Thresholds = match.Thresholds{}
		for _, k := range crosscase.EntityKinds() {
			cfg.Thresholds[k] = *threshold
		}
	}
	start := time.Now()
	checker, _, err := hits.Open(ctx, db, db, cfg)
	if err != nil {
		return err
	}
	ix := checker.Index()
	fmt.Fprintf(m.Stderr, "index: %s in %s\n", crosscase.Count{Format: "%d entities", N: int64(ix.Len())}, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	found, err := match.BulkCheck(ctx, ix, match.Records(rows), 0, func(done int) {
		fmt.Fprintf(m.Stderr, "\rchecked %d of %d records", done, len(rows))
	})
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "%s checked in %s: %s\n", crosscase.Count{Format: "%d records", N: int64(len(rows))}, time.Since(start).Round(time.Millisecond),
		crosscase.Count{Format: "%d hits", N: int64(len(found))})
	ids := make([]int64, len(found))
	for i, h := range found {
		ids[i] = h.EntityID
	}
	refs, err := db.EntityReferences(systemContext(ctx), ids)
	if err != nil {
		return err
	}
	type line struct {
		InputID     string             `json:"input_id"`
		Line        int                `json:"line"`
		CaseID      string             `json:"case_id"`
		ExternalRef string             `json:"external_ref"`
		Score       int                `json:"score"`
		Fields      []match.FieldScore `json:"fields"`
		MatchKind   string             `json:"match_kind,omitempty"` // "same_document": the row's identity document under another name
	}
	var lines []line
	for _, h := range found {
		r := rows[h.Row]
		ref := refs[h.EntityID]
		lines = append(lines, line{InputID: r.ID, Line: r.Line, CaseID: ref[0], ExternalRef: ref[1], Score: h.Score, Fields: h.Fields, MatchKind: h.Kind})
	}
	if *format == "json" {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		if lines == nil {
			lines = []line{}
		}
		return enc.Encode(lines)
	}
	w := csv.NewWriter(m.Stdout)
	w.Write([]string{"input_id", "case_id", "external_ref", "score", "fields", "match_kind"})
	for _, l := range lines {
		var fields []string
		for _, f := range l.Fields {
			fields = append(fields, fmt.Sprintf("%s:%s:%.2f", f.Field, f.How, f.Score))
		}
		w.Write([]string{crosscase.CSVSafe(l.InputID), l.CaseID, crosscase.CSVSafe(l.ExternalRef), strconv.Itoa(l.Score), strings.Join(fields, ";"), l.MatchKind})
	}
	w.Flush()
	return w.Error()
}

// runImportEntities loads a CSV file into a case, all or nothing, keeping
// each row's id as the entity's external reference and relating the
// entities of each line (crosscase.LineRelations).
func (m *Main) runImportEntities(ctx context.Context, args []string) error {
	fs := m.newFlagSet("import entities")
	sf := m.addStoreFlags(fs)
	mf := m.addMappingFlags(fs)
	caseID := fs.Int64("case", 0, "id of the case the entities belong to")
	role := fs.String("role", string(crosscase.RoleOther), "role of the imported entities in the case: suspect, victim, witness or other")
	files, err := parseFlags(fs, args, 1)
	if err != nil {
		return err
	}
	if len(files) != 1 || *caseID <= 0 {
		return errors.New("usage: crosscase import entities --case ID --map COL=field,… [--id-column COL] [--role suspect] FILE.csv")
	}
	if !crosscase.EntityRole(*role).Valid() {
		return fmt.Errorf("--role must be suspect, victim, witness or other, not %q", *role)
	}
	rows, err := m.readMapped(files[0], mf, true)
	if err != nil {
		return err
	}
	entities := match.Entities(rows, crosscase.EntityRole(*role))
	db, err := m.openStore(ctx, sf)
	if err != nil {
		return err
	}
	defer m.Close()
	relations, err := db.ImportEntities(systemContext(ctx), *caseID, entities, match.Lines(rows), func(done int) {
		fmt.Fprintf(m.Stderr, "\rimporting: %3d%% (%d/%d)", done*100/max(1, len(entities)), done, len(entities))
	})
	fmt.Fprintln(m.Stderr)
	if err != nil {
		err = match.ImportError(err, rows)
		return fmt.Errorf("%w (nothing was imported)", userError(err, importFlags))
	}
	fmt.Fprintf(m.Stdout, "imported %s into case %d, with %s between the entities of a line\n", crosscase.Count{Format: "%d entities", N: int64(len(entities))}, *caseID,
		crosscase.Count{Format: "%d relations", N: int64(relations)})
	return nil
}
