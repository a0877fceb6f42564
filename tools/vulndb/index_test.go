package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// fallback is the modified time given for records that carry none.
var fallback = time.Date(2098, 6, 7, 8, 9, 10, 0, time.UTC)

func TestBuildWritesTheLayoutGovulncheckReads(t *testing.T) {
	d, err := build(os.DirFS("testdata/osv"), fallback)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "db")
	if err := d.write(out); err != nil {
		t.Fatal(err)
	}

	want := map[string]string{
		// The latest modified of any record.
		"index/db.json": `{"modified":"2099-03-04T05:06:07Z"}`,
		// By module path, each module's vulns by id. stdlib's fix is the
		// latest of its range; example.com/mod was reintroduced after its
		// fix in GO-2099-0002, so that has none; the ECOSYSTEM range of
		// GO-2099-0003 does not count.
		"index/modules.json": `[` +
			`{"path":"example.com/mod","vulns":[` +
			`{"id":"GO-2099-0002","modified":"2099-03-04T05:06:07Z"},` +
			`{"id":"GO-2099-0003","modified":"2098-06-07T08:09:10Z","fixed":"0.0.0-20200124225646-8b5121be2f68"}]},` +
			`{"path":"stdlib","vulns":[{"id":"GO-2099-0001","modified":"2098-06-07T08:09:10Z","fixed":"1.27.3"}]},` +
			`{"path":"toolchain","vulns":[{"id":"GO-2099-0001","modified":"2098-06-07T08:09:10Z","fixed":"1.26.9"}]}]`,
		"index/vulns.json": `[` +
			`{"id":"GO-2099-0001","modified":"2098-06-07T08:09:10Z","aliases":["CVE-2099-1111","GHSA-xxxx-yyyy-zzzz"]},` +
			`{"id":"GO-2099-0002","modified":"2099-03-04T05:06:07Z"},` +
			`{"id":"GO-2099-0003","modified":"2098-06-07T08:09:10Z"}]`,
	}
	for name, w := range want {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != w {
			t.Errorf("%s:\n got %s\nwant %s", name, b, w)
		}
	}

	// Each record is written whole, with the modified time filled in
	// where it had none.
	ids, err := filepath.Glob(filepath.Join(out, "ID", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 3 {
		t.Fatalf("ID/ holds %v, want the three records", ids)
	}
	for _, id := range []string{"GO-2099-0001", "GO-2099-0002", "GO-2099-0003"} {
		got := readJSON(t, filepath.Join(out, "ID", id+".json"))
		src := readJSON(t, filepath.Join("testdata", "osv", id+".json"))
		if id != "GO-2099-0002" {
			src["modified"] = "2098-06-07T08:09:10Z"
		}
		if !reflect.DeepEqual(got, src) {
			t.Errorf("ID/%s.json:\n got %v\nwant %v", id, got, src)
		}
	}
}

func readJSON(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

func TestBuildRefuses(t *testing.T) {
	rec := func(id, modified, ecosystem string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`{"id":"` + id + `","modified":"` + modified +
			`","affected":[{"package":{"name":"example.com/m","ecosystem":"` + ecosystem + `"}}]}`)}
	}
	for _, c := range []struct {
		name    string
		fs      fstest.MapFS
		dflt    time.Time
		wantErr string
	}{
		{"a file not named after its record", fstest.MapFS{"GO-1.json": rec("GO-2", "2099-01-01T00:00:00Z", "Go")}, fallback, "named <ID>.json"},
		{"no modified time anywhere", fstest.MapFS{"GO-1.json": rec("GO-1", "0001-01-01T00:00:00Z", "Go")}, time.Time{}, "no modified time"},
		{"a time that is not RFC 3339", fstest.MapFS{"GO-1.json": rec("GO-1", "yesterday", "Go")}, fallback, "yesterday"},
		{"an affected package outside Go", fstest.MapFS{"GO-1.json": rec("GO-1", "2099-01-01T00:00:00Z", "npm")}, fallback, "ecosystem Go"},
		{"an id that is no file name", fstest.MapFS{"...json": rec("..", "2099-01-01T00:00:00Z", "Go")}, fallback, "cannot name a file"},
		{"not JSON", fstest.MapFS{"GO-1.json": {Data: []byte("{")}}, fallback, "GO-1.json"},
		{"no records", fstest.MapFS{"README.md": {Data: []byte("hi")}}, fallback, "no OSV records"},
	} {
		_, err := build(c.fs, c.dflt)
		if err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.wantErr)
		}
	}
}

func TestWriteRefusesAFolderInUse(t *testing.T) {
	d, err := build(os.DirFS("testdata/osv"), fallback)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := os.WriteFile(filepath.Join(out, "stale.json"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.write(out); err == nil {
		t.Fatal("write into a folder with a file in it: no error")
	}
}

func TestSemverCompare(t *testing.T) {
	// Each version sorts after the one before it.
	ordered := []string{
		"", // invalid: before every valid version
		"0.0.0-20200124225646-8b5121be2f68",
		"0.0.0",
		"0.1.0",
		"1.9.0",
		"1.10.0",
		"1.27.0-0",
		"1.27.0-alpha",
		"1.27.0-alpha.1",
		"1.27.0-alpha.beta",
		"1.27.0-beta.2",
		"1.27.0-beta.11",
		"1.27.0-rc.1",
		"1.27.0",
		"1.27.3",
		"10.0.0",
		"100000000000000000000.0.0",
	}
	for i := range ordered {
		for j := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := semverCompare(ordered[i], ordered[j]); got != want {
				t.Errorf("semverCompare(%q, %q) = %d, want %d", ordered[i], ordered[j], got, want)
			}
		}
	}
	// Build metadata has no precedence; invalid versions (a leading "v", a
	// short form, leading zeros) are all equal.
	for _, same := range [][2]string{{"1.2.3+build.5", "1.2.3"}, {"v1.2.3", "1.2"}, {"01.2.3", "1.2.3-01"}} {
		if c := semverCompare(same[0], same[1]); c != 0 {
			t.Errorf("semverCompare(%q, %q) = %d, want 0", same[0], same[1], c)
		}
	}
}
