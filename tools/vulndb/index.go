package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// The database layout that govulncheck reads from -db file:///DIR (the v1
// schema of golang.org/x/vulndb's internal/database and of
// golang.org/x/vuln's internal/client):
//
//	index/db.json       {"modified": T}, T the latest modified of any record
//	index/modules.json  [{"path": P, "vulns": [{"id", "modified", "fixed"?}]}], by path, vulns by id
//	index/vulns.json    [{"id", "modified", "aliases"?}], by id
//	ID/<id>.json        the OSV record
//
// Times are RFC 3339 in UTC ("2026-11-05T23:49:57Z"); "fixed" is a
// version without the leading "v".

// dbMeta is index/db.json.
type dbMeta struct {
	Modified osvTime `json:"modified"`
}

// moduleMeta is one element of index/modules.json.
type moduleMeta struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

type moduleVuln struct {
	ID       string  `json:"id"`
	Modified osvTime `json:"modified"`
	// Fixed is the version from which no later version is affected, or
	// empty when there is none.
	Fixed string `json:"fixed,omitempty"`
}

// vulnMeta is one element of index/vulns.json.
type vulnMeta struct {
	ID       string   `json:"id"`
	Modified osvTime  `json:"modified"`
	Aliases  []string `json:"aliases,omitempty"`
}

// osvTime marshals as RFC 3339 in UTC, as the OSV schema requires.
type osvTime struct{ time.Time }

func (t osvTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(t.UTC().Format(time.RFC3339))
}

func (t *osvTime) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return err
	}
	t.Time = v.UTC()
	return nil
}

// osvEntry is the part of an OSV record the indexes are made of.
type osvEntry struct {
	ID       string   `json:"id"`
	Modified osvTime  `json:"modified"`
	Aliases  []string `json:"aliases"`
	Affected []struct {
		Package struct {
			Name      string `json:"name"`
			Ecosystem string `json:"ecosystem"`
		} `json:"package"`
		Ranges []osvRange `json:"ranges"`
	} `json:"affected"`
}

type osvRange struct {
	Type   string `json:"type"`
	Events []struct {
		Introduced string `json:"introduced"`
		Fixed      string `json:"fixed"`
	} `json:"events"`
}

// database is a whole database, ready to be written.
type database struct {
	db      dbMeta
	modules []*moduleMeta
	vulns   []vulnMeta
	entries map[string][]byte // ID -> the record as written to ID/<id>.json
}

// build reads every <ID>.json OSV record at the top of src (other files
// are skipped) and makes the database of them. A record whose modified
// time is missing or zero gets the time given: the records of the
// golang.org/x/vulndb module carry none (the published database takes
// them from the repository's commit history, which a module does not
// hold), so the caller passes the time of the commit the module was made
// from.
func build(src fs.FS, modified time.Time) (*database, error) {
	files, err := fs.ReadDir(src, ".")
	if err != nil {
		return nil, err
	}
	d := &database{entries: map[string][]byte{}}
	modules := map[string]*moduleMeta{}
	for _, f := range files {
		if f.IsDir() || path.Ext(f.Name()) != ".json" {
			continue
		}
		b, err := fs.ReadFile(src, f.Name())
		if err != nil {
			return nil, err
		}
		e, record, err := parseRecord(b, modified)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name(), err)
		}
		if f.Name() != e.ID+".json" {
			return nil, fmt.Errorf("%s: holds record %q; a record's file is named <ID>.json", f.Name(), e.ID)
		}
		d.entries[e.ID] = record

		if e.Modified.After(d.db.Modified.Time) {
			d.db.Modified = e.Modified
		}
		d.vulns = append(d.vulns, vulnMeta{ID: e.ID, Modified: e.Modified, Aliases: e.Aliases})
		for _, a := range e.Affected {
			m := modules[a.Package.Name]
			if m == nil {
				m = &moduleMeta{Path: a.Package.Name, Vulns: []moduleVuln{}}
				modules[a.Package.Name] = m
			}
			m.Vulns = append(m.Vulns, moduleVuln{ID: e.ID, Modified: e.Modified, Fixed: latestFixed(a.Ranges)})
		}
	}
	if len(d.entries) == 0 {
		return nil, errors.New("no OSV records (<ID>.json) found")
	}

	sort.Slice(d.vulns, func(i, j int) bool { return d.vulns[i].ID < d.vulns[j].ID })
	for _, m := range modules {
		sort.SliceStable(m.Vulns, func(i, j int) bool { return m.Vulns[i].ID < m.Vulns[j].ID })
		d.modules = append(d.modules, m)
	}
	sort.Slice(d.modules, func(i, j int) bool { return d.modules[i].Path < d.modules[j].Path })
	return d, nil
}

// parseRecord checks one OSV record and returns it as it is written to
// ID/<id>.json: every field kept, the modified time filled in where the
// record has none.
func parseRecord(b []byte, modified time.Time) (*osvEntry, []byte, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, nil, err
	}
	var e osvEntry
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, nil, err
	}
	if e.ID == "" || strings.ContainsAny(e.ID, `/\`) || e.ID == "." || e.ID == ".." {
		return nil, nil, fmt.Errorf("id %q cannot name a file", e.ID)
	}
	for _, a := range e.Affected {
		if a.Package.Ecosystem != "Go" || a.Package.Name == "" {
			return nil, nil, fmt.Errorf("an affected package must be a Go module path in ecosystem Go, got %q in %q", a.Package.Name, a.Package.Ecosystem)
		}
	}
	if e.Modified.IsZero() {
		if modified.IsZero() {
			return nil, nil, errors.New("no modified time in the record and none given")
		}
		e.Modified = osvTime{modified.UTC().Truncate(time.Second)}
		m, err := json.Marshal(e.Modified)
		if err != nil {
			return nil, nil, err
		}
		fields["modified"] = m
	}
	record, err := json.Marshal(fields)
	if err != nil {
		return nil, nil, err
	}
	return &e, record, nil
}

// latestFixed is the version from which no later version is affected, in
// the SEMVER ranges given: the latest "fixed" event, unless a range
// introduces the vulnerability again after it, in which case there is
// none. It is the "fixed" of index/modules.json.
func latestFixed(ranges []osvRange) string {
	var fixed string
	for _, r := range ranges {
		if r.Type != "SEMVER" {
			continue
		}
		for _, e := range r.Events {
			if e.Fixed != "" && semverLess(fixed, e.Fixed) {
				fixed = e.Fixed
			}
		}
		for _, e := range r.Events {
			if e.Introduced != "" && e.Introduced != "0" && semverLess(fixed, e.Introduced) {
				fixed = ""
				break
			}
		}
	}
	return fixed
}

// write writes the database into dir, which must be empty or not exist,
// so that no record of an earlier database is left beside it.
func (d *database) write(dir string) error {
	if left, err := os.ReadDir(dir); err == nil && len(left) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	for _, sub := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	for name, v := range map[string]any{"db.json": d.db, "modules.json": d.modules, "vulns.json": d.vulns} {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, "index", name), b, 0o644); err != nil {
			return err
		}
	}
	for id, b := range d.entries {
		if err := os.WriteFile(filepath.Join(dir, "ID", id+".json"), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
