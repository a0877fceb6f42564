package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// filePart is one part of a multipart form sent by hand: a plain field
// when file is false, else a file part with the name and type given as
// they are, unescaped (a browser or a script may send any).
type filePart struct {
	field, name, contentType string
	content                  []byte
	file                     bool
}

// multipartBody writes parts as a multipart form, the CSRF token first,
// with its Content-Type.
func (b *browser) multipartBody(parts ...filePart) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", b.csrf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		if p.file {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, p.field, strings.ReplaceAll(p.name, `"`, `\"`)))
			ct := p.contentType
			if ct == "" {
				ct = "text/csv"
			}
			h.Set("Content-Type", ct)
		} else {
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"`, p.field))
		}
		w, _ := mw.CreatePart(h)
		w.Write(p.content)
	}
	mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// postParts posts parts as a multipart form from the site's pages.
func (b *browser) postParts(path string, parts ...filePart) (int, string) {
	b.p.t.Helper()
	body, ct := b.multipartBody(parts...)
	req, _ := http.NewRequest("POST", b.p.base+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ct)
	return b.do(req)
}

// TestUploadSweep sends bad files, file names and multipart bodies to
// every upload of the running program — the list check (page and API),
// the import of entities into a case (page and API), JIT evidence (page
// and API) and notice attachments — and checks the rules of the README:
// bad input is a 4xx naming the field (or the line) and changes nothing
// (the audit log, the evidence folder, the case's entities); a check
// reports the rows it cannot read by line and goes on; an import is all
// or nothing; evidence accepted comes back byte for byte.
func TestUploadSweep(t *testing.T) {
	storeArgs := []string{"--data", t.TempDir()}
	base, out := serve(t, append([]string{"--demo"}, storeArgs...)...)
	p := &program{t: t, base: base, storeArgs: storeArgs}
	logins := demoLogins(t, out.String())
	signInAdmin(t, p, out.String())
	it := p.client("it.rossi")
	admin := p.client("admin")
	desk := p.signIn("it.rossi", logins["it.rossi"])
	desk.refreshCSRF("/checks")
	evidenceDir := filepath.Join(p.storeArgs[1], "evidence")
	caseID := it.ownCaseID("Italian-Albanian")
	importPath := fmt.Sprintf("/cases/%d/import", caseID)
	apiImport := fmt.Sprintf("/api/v1/cases/%d/entities/import", caseID)

	lastSeq := func() int64 {
		var log struct {
			Items []struct {
				Seq int64 `json:"seq"`
			} `json:"items"`
		}
		admin.call("GET", "/api/v1/audit?limit=1", nil, 200, &log)
		return log.Items[0].Seq
	}
	entityCount := func() int {
		var list struct {
			Items []struct{ ID int64 } `json:"items"`
		}
		it.call("GET", fmt.Sprintf("/api/v1/cases/%d/entities", caseID), nil, 200, &list)
		return len(list.Items)
	}
	evidenceFiles := func() int {
		n := 0
		filepath.WalkDir(evidenceDir, func(_ string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	type state struct {
		seq      int64
		entities int
		files    int
	}
	now := func() state { return state{lastSeq(), entityCount(), evidenceFiles()} }
	// unchanged fails unless nothing was written since before: reading
	// (the entity count) is audited as a read, so the log is compared
	// before that read.
	unchanged := func(name string, before state) {
		t.Helper()
		if seq := lastSeq(); seq != before.seq {
			var log struct {
				Items []struct {
					Action string `json:"action"`
					Object string `json:"object_type"`
				} `json:"items"`
			}
			admin.call("GET", fmt.Sprintf("/api/v1/audit?limit=%d", seq-before.seq), nil, 200, &log)
			changed := false
			for _, e := range log.Items {
				if e.Action != "read" && e.Action != "list" && e.Action != "view" {
					changed = true
				}
			}
			if changed {
				t.Errorf("%s: the audit log grew from %d to %d: %+v", name, before.seq, seq, log.Items)
			}
		}
		if n := entityCount(); n != before.entities {
			t.Errorf("%s: the case has %d entities, %d before", name, n, before.entities)
		}
		if n := evidenceFiles(); n != before.files {
			t.Errorf("%s: %d evidence files on disk, %d before", name, n, before.files)
		}
	}

	utf16File := func(s string) []byte {
		var b bytes.Buffer
		b.Write([]byte{0xff, 0xfe})
		for _, u := range utf16.Encode([]rune(s)) {
			b.WriteByte(byte(u))
			b.WriteByte(byte(u >> 8))
		}
		return b.Bytes()
	}
	const header = "ref,first_name,surname,dob\n"
	good := "R-1,Ardit,Kola,1984-03-12\n"

	// The page's upload step: each file is a 4xx naming the file, or its
	// mapping shows the columns read as they are.
	type uploadCase struct {
		name    string
		parts   []filePart
		status  int      // 0: any 4xx
		named   []string // what the answer must contain
		columns []string // on a 200, the headers the mapping must show
	}
	csvPart := func(name string, content []byte) filePart {
		return filePart{field: "file", name: name, content: content, file: true}
	}
	uploads := []uploadCase{
		{"an empty file", []filePart{csvPart("list.csv", nil)}, 0, []string{`id="err-file"`}, nil},
		{"a file of only a header", []filePart{csvPart("list.csv", []byte(header))}, 200, nil, []string{"ref", "first_name", "surname", "dob"}},
		{"a UTF-8 byte order mark", []filePart{csvPart("list.csv", []byte("\ufeff"+header+good))}, 200, nil, []string{"ref", "first_name"}},
		{"UTF-16 with its byte order mark", []filePart{csvPart("list.csv", utf16File(header+good))}, 0, []string{`id="err-file"`, "UTF-16"}, nil},
		{"no file part", []filePart{{field: "separator", content: []byte(",")}}, 0, []string{`id="err-file"`}, nil},
		{"a file part without a file name", []filePart{{field: "file", content: []byte(header + good)}}, 0, []string{`id="err-file"`}, nil},
		{"two file parts", []filePart{csvPart("a.csv", []byte(header+good)), csvPart("b.csv", []byte("x,y\n1,2\n"))}, 0, []string{`id="err-file"`}, nil},
		{"semicolons, the separator a comma", []filePart{csvPart("list.csv", []byte("ref;first_name;surname;dob\nR-1;Ardit;Kola;1984-03-12\n"))}, 0, []string{`err-separator`, "semicolon ( ; )"}, nil},
		{"lines ended by CR alone", []filePart{csvPart("list.csv", []byte(strings.ReplaceAll(header+good, "\n", "\r")))}, 200, nil, []string{"ref", "first_name", "surname", "dob"}},
	}
	for _, path := range []string{"/checks", importPath} {
		for _, c := range uploads {
			before := now()
			status, body := desk.postParts(path, c.parts...)
			if c.status == 0 && (status < 400 || status > 499) || c.status != 0 && status != c.status {
				t.Errorf("%s %s: %d, want %s: %.300s", path, c.name, status, wantStatus(c.status), errorText(body))
				continue
			}
			for _, s := range c.named {
				if !strings.Contains(body, s) {
					t.Errorf("%s %s: the answer does not say %q: %.400s", path, c.name, s, errorText(body))
				}
			}
			for i, h := range c.columns {
				if !strings.Contains(body, fmt.Sprintf(`<label for="f-col%d">%s</label>`, i, h)) {
					t.Errorf("%s %s: the mapping does not show column %d as %q", path, c.name, i, h)
				}
			}
			unchanged(path+" "+c.name, before)
		}
	}

	// A multipart body whose boundary is not the one declared, and a body
	// that is not multipart at all.
	for _, path := range []string{"/checks", importPath, "/notices"} {
		body, _ := desk.multipartBody(csvPart("list.csv", []byte(header+good)))
		req, _ := http.NewRequest("POST", p.base+path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "multipart/form-data; boundary=not-the-boundary")
		before := now()
		if status, body := desk.do(req); status < 400 || status > 499 {
			t.Errorf("%s with a wrong boundary: %d %.300s", path, status, errorText(body))
		}
		unchanged(path+" with a wrong boundary", before)
	}

	// The mapping step of the page's check: the rows it cannot read are
	// listed by line, and the others are checked.
	runCheck := func(data []byte, cols map[string]string) (int, string) {
		v := url.Values{"data": {base64.StdEncoding.EncodeToString(data)}, "separator": {","}}
		for k, f := range cols {
			v.Set(k, f)
		}
		return desk.postOrigin("/checks/run", v)
	}
	personCols := map[string]string{"col0": "id", "col1": "given_name", "col2": "family_name", "col3": "birth_date"}
	rowCases := []struct {
		name string
		file string
		line string // the line the unreadable row is listed on
	}{
		{"Latin-1 bytes", header + good + "R-2,Andr\xe9,Kola,1990-01-01\n", "3"},
		{"a NUL in a field", header + good + "R-2,An\x00dre,Kola,1990-01-01\n", "3"},
		{"a quoted field with a line break", header + good + "R-2,\"An\ndre\",Kola,1990-01-01\n" + "R-3,Elira,Dushku,1990-03-07\n", "3"},
		{"a header repeated as a row", header + good + header + "R-3,Elira,Dushku,1990-03-07\n", "3"},
	}
	for _, c := range rowCases {
		before := now()
		status, body := runCheck([]byte(c.file), personCols)
		if status != 200 && !strings.Contains(c.name, "1 MB") {
			t.Errorf("check, %s: %d %.300s", c.name, status, errorText(body))
		} else if status == 200 && !regexp.MustCompile(`Line `+c.line+`\b`).MatchString(body) {
			t.Errorf("check, %s: line %s is not listed as unreadable: %.600s", c.name, c.line, errorText(body))
		} else if status != 200 && (status < 400 || status > 499) {
			t.Errorf("check, %s: %d", c.name, status)
		}
		_ = before
	}
	// A line longer than the longest a list may have (64 KiB) refuses the
	// list, 413 naming the line: it is not read to its end.
	if status, body := runCheck([]byte(header+good+"R-2,"+strings.Repeat("a", 1<<20)+",Kola,1990-01-01\n"), personCols); status != 413 || !strings.Contains(body, "Line 3 is longer") {
		t.Errorf("check of a line of 1 MB: %d %.300s", status, errorText(body))
	}
	// The import through the page is all or nothing: one bad row refuses
	// the file, listing its line, and nothing is created.
	for _, bad := range []string{"R-2,Andr\xe9,Kola,1990-01-01\n", "R-2,An\x00dre,Kola,1990-01-01\n"} {
		before := now()
		v := url.Values{"data": {base64.StdEncoding.EncodeToString([]byte(header + good + bad))}, "separator": {","}, "role": {"suspect"}}
		for k, f := range personCols {
			v.Set(k, f)
		}
		status, body := desk.postOrigin(importPath+"/run", v)
		if status != 422 || !strings.Contains(body, "Line 3") {
			t.Errorf("import page, a bad row %q: %d %.300s", bad, status, errorText(body))
		}
		unchanged(fmt.Sprintf("import page, a bad row %q", bad), before)
	}
	// The file with the BOM, mapped as the upload guessed.
	if status, body := runCheck([]byte("\ufeff"+header+good), personCols); status != 200 {
		t.Errorf("check of a file with a byte order mark: %d %.400s", status, errorText(body))
	}
	if status, body := runCheck([]byte(strings.ReplaceAll(header+good, "\n", "\r")), personCols); status != 200 {
		t.Errorf("check of a file with CR line ends: %d %.400s", status, errorText(body))
	}

	// The API's check and import: raw CSV bodies.
	apiPost := func(c *apiClient, path, ct string, body []byte) (int, string) {
		req, _ := http.NewRequest("POST", p.base+path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+c.token)
		req.Header.Set("Content-Type", ct)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		got, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(got)
	}
	const mapQuery = "?map=first_name=given_name,surname=family_name,dob=birth_date&id_column=ref"
	apiCases := []struct {
		name   string
		query  string
		ct     string
		body   []byte
		status int
		named  string
	}{
		{"an empty file", mapQuery, "text/csv", nil, 0, `"map"`},
		{"a file of only a header", mapQuery, "text/csv", []byte(header), 0, `"body"`},
		{"UTF-16", mapQuery, "text/csv", utf16File(header + good), 0, "UTF-16"},
		{"semicolons", mapQuery, "text/csv", []byte("ref;first_name;surname;dob\nR-1;Ardit;Kola;1984-03-12\n"), 0, `"separator"`},
		{"a mapping naming a missing column", "?map=first_name=given_name,phone=phone&id_column=ref", "text/csv", []byte(header + good), 0, `"map"`},
		{"a header with a column twice", "?map=ref=id,name=full_name", "text/csv", []byte("ref,name,name\nR-1,Ardit Kola,x\n"), 0, `"map"`},
		{"an .exe sent as text/csv", mapQuery, "text/csv", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0, 0xff}, 512)...), 0, ""},
		{"a line of 1 MB", mapQuery, "text/csv", []byte(header + "R-2," + strings.Repeat("a", 1<<20) + ",Kola,1990-01-01\n"), 0, `"body"`},
	}
	for _, path := range []string{"/api/v1/checks", apiImport} {
		for _, c := range apiCases {
			before := now()
			status, body := apiPost(it, path+c.query, c.ct, c.body)
			if c.status == 0 && (status < 400 || status > 499) || c.status != 0 && status != c.status {
				t.Errorf("API %s %s: %d, want %s: %.300s", path, c.name, status, wantStatus(c.status), body)
			} else if c.named != "" && !strings.Contains(body, c.named) {
				t.Errorf("API %s %s: %d does not say %s: %.300s", path, c.name, status, c.named, body)
			}
			unchanged("API "+path+" "+c.name, before)
		}
	}
	// The import is all or nothing: a bad row refuses the file, naming
	// its line.
	for _, bad := range []string{"R-2,Andr\xe9,Kola,1990-01-01\n", "R-2,An\x00dre,Kola,1990-01-01\n", "R-2,\"An\ndre\",Kola,1990-01-01\n"} {
		before := now()
		status, body := apiPost(it, apiImport+mapQuery, "text/csv", []byte(header+good+bad))
		if status != 422 || !strings.Contains(body, "line 3") {
			t.Errorf("API import of a bad row %q: %d %.300s", bad, status, body)
		}
		unchanged(fmt.Sprintf("API import of %q", bad), before)
	}
	// 200,000 rows: over the daily quota of the check, refused before
	// anything is checked or counted.
	var big bytes.Buffer
	big.WriteString(header)
	for i := range 200_000 {
		fmt.Fprintf(&big, "R-%d,Ardit,Kola,1984-03-12\n", i)
	}
	if status, body := apiPost(it, "/api/v1/checks"+mapQuery, "text/csv", big.Bytes()); status != 429 || !strings.Contains(body, `"body"`) {
		t.Errorf("API check of 200,000 rows: %d %.300s", status, body)
	}
	// The BOM and CR line ends through the API's check.
	for name, f := range map[string]string{"a byte order mark": "\ufeff" + header + good, "CR line ends": strings.ReplaceAll(header+good, "\n", "\r")} {
		if status, body := apiPost(it, "/api/v1/checks"+mapQuery, "text/csv", []byte(f)); status != 200 || !strings.Contains(body, `"records":1`) {
			t.Errorf("API check with %s: %d %.300s", name, status, body)
		}
	}

	// JIT evidence through the page: bad names, a cut body, and a file
	// that comes back byte for byte.
	var jits struct {
		Items []struct{ ID int64 } `json:"items"`
	}
	it.call("GET", "/api/v1/jits", nil, 200, &jits)
	var jit struct {
		Members []struct {
			UserID int64 `json:"user_id"`
		} `json:"members"`
	}
	jitID := jits.Items[0].ID
	it.call("GET", fmt.Sprintf("/api/v1/jits/%d", jitID), nil, 200, &jit)
	recipient := fmt.Sprint(jit.Members[0].UserID)
	evidencePath := fmt.Sprintf("/jits/%d/evidence", jitID)
	evidenceParts := func(name, ct string, content []byte) []filePart {
		return []filePart{{field: "recipient_ids", content: []byte(recipient)}, {field: "file", name: name, contentType: ct, content: content, file: true}}
	}
	badNames := map[string]string{
		"a slash":             "scans/intercepts.txt",
		"a backslash":         `scans\intercepts.txt`,
		"..":                  "..",
		"a parent folder":     "../../intercepts.txt",
		"a control character": "inter\x01cepts.txt",
		"300 characters":      strings.Repeat("a", 296) + ".txt",
		"an RTL override":     "intercepts\u202etxt.exe",
	}
	for kind, name := range badNames {
		before := now()
		status, body := desk.postParts(evidencePath, evidenceParts(name, "text/plain", []byte("transcript"))...)
		// The name is refused by the rule of a file's name (file_name),
		// or, a control character in the part's header, the part is not
		// read at all (file).
		if status < 400 || status > 499 || !strings.Contains(body, `id="err-file"`) && !strings.Contains(body, "file_name: ") && !strings.Contains(body, "File: The upload could not be read.") {
			t.Errorf("evidence page, a name with %s: %d %.300s", kind, status, errorText(body))
		}
		unchanged("evidence page, a name with "+kind, before)
		// The notice form's attachments follow the same rule.
		before = now()
		status, body = desk.postParts("/notices", filePart{field: "subject", content: []byte("Ferry schedules")},
			filePart{field: "body", content: []byte("See the attachment.")}, filePart{field: "recipients", content: []byte("all")},
			filePart{field: "attachment", name: name, contentType: "text/plain", content: []byte("schedule"), file: true})
		if status < 400 || status > 499 {
			t.Errorf("notice page, an attachment named with %s: %d %.300s", kind, status, errorText(body))
		}
		unchanged("notice page, an attachment named with "+kind, before)
	}
	for _, ct := range []string{"garbage", "text/"} {
		before := now()
		if status, body := desk.postParts(evidencePath, evidenceParts("intercepts.txt", ct, []byte("transcript"))...); status < 400 || status > 499 {
			t.Errorf("evidence page, type %q: %d %.300s", ct, status, errorText(body))
		}
		unchanged("evidence page, type "+ct, before)
	}
	// The API's evidence (the raw body, its name in the query) and the
	// API's notices (multipart) follow the same rule for names and types.
	for kind, name := range badNames {
		before := now()
		status, body := apiPost(it, fmt.Sprintf("/api/v1/jits/%d/evidence?filename=%s&recipient_ids=%s", jitID, url.QueryEscape(name), recipient), "text/plain", []byte("transcript"))
		if status < 400 || status > 499 || !strings.Contains(body, `"field":"filename"`) {
			t.Errorf("API evidence, a name with %s: %d %.300s", kind, status, body)
		}
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		nw, _ := mw.CreateFormField("notice")
		nw.Write([]byte(`{"subject":"Ferry schedules","body":"See the attachment.","to_all":true}`))
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="attachment"; filename="%s"`, name))
		h.Set("Content-Type", "text/plain")
		aw, _ := mw.CreatePart(h)
		aw.Write([]byte("schedule"))
		mw.Close()
		status, body = apiPost(it, "/api/v1/notices", mw.FormDataContentType(), buf.Bytes())
		if status < 400 || status > 499 || !strings.Contains(body, "attachments[0]") && !strings.Contains(body, `"body"`) {
			t.Errorf("API notice, an attachment named with %s: %d %.300s", kind, status, body)
		}
		unchanged("API evidence and notice, a name with "+kind, before)
	}
	// A body cut short: Content-Length promises more than is sent, then
	// the connection closes. Nothing is kept.
	{
		before := now()
		body, ct := desk.multipartBody(evidenceParts("intercepts.bin", "application/octet-stream", bytes.Repeat([]byte("x"), 1<<20))...)
		u, _ := url.Parse(p.base)
		conn, err := net.Dial("tcp", u.Host)
		if err != nil {
			t.Fatal(err)
		}
		var cookies []string
		for _, c := range desk.client.Jar.Cookies(u) {
			cookies = append(cookies, c.Name+"="+c.Value)
		}
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nOrigin: %s\r\nCookie: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n",
			evidencePath, u.Host, p.base, strings.Join(cookies, "; "), ct, len(body)+1000)
		conn.Write(body[:len(body)/2])
		conn.(*net.TCPConn).CloseWrite()
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err == nil {
			if res.StatusCode < 400 {
				t.Errorf("evidence page, a body cut short: %d", res.StatusCode)
			}
			res.Body.Close()
		}
		conn.Close()
		unchanged("evidence page, a body cut short", before)
	}
	// A file part without a file name, and a form without a file.
	for name, parts := range map[string][]filePart{
		"a file part without a name": {{field: "recipient_ids", content: []byte(recipient)}, {field: "file", content: []byte("transcript")}},
		"no file part":               {{field: "recipient_ids", content: []byte(recipient)}},
	} {
		before := now()
		if status, body := desk.postParts(evidencePath, parts...); status != 422 || !strings.Contains(body, `id="err-file"`) {
			t.Errorf("evidence page, %s: %d %.300s", name, status, errorText(body))
		}
		unchanged("evidence page, "+name, before)
	}
	// Two file parts in one form: refused naming the file, neither kept.
	{
		before := now()
		parts := append(evidenceParts("first.txt", "text/plain", []byte("first")), filePart{field: "file", name: "second.txt", contentType: "text/plain", content: []byte("second"), file: true})
		if status, body := desk.postParts(evidencePath, parts...); status != 422 || !strings.Contains(body, `id="err-file"`) {
			t.Errorf("evidence page, two files: %d %.300s", status, errorText(body))
		}
		unchanged("evidence page, two files", before)
	}
	// A file of every byte value comes back as it was sent, with its
	// SHA-256.
	content := make([]byte, 0, 3*256)
	for range 3 {
		for i := range 256 {
			content = append(content, byte(i))
		}
	}
	const binName = "Intercepts 2025 – résumé.bin"
	status, body := desk.postParts(evidencePath, evidenceParts(binName, "application/octet-stream", content)...)
	if status != http.StatusSeeOther {
		t.Fatalf("evidence page, a binary file: %d %.300s", status, errorText(body))
	}
	var list struct {
		Items []struct {
			ID       int64  `json:"id"`
			FileName string `json:"file_name"`
			SHA256   string `json:"sha256"`
			Size     int64  `json:"size"`
		} `json:"items"`
	}
	it.call("GET", fmt.Sprintf("/api/v1/jits/%d/evidence", jitID), nil, 200, &list)
	found := false
	for _, ev := range list.Items {
		if ev.FileName != binName {
			continue
		}
		found = true
		sum := sha256.Sum256(content)
		if ev.SHA256 != fmt.Sprintf("%x", sum) || ev.Size != int64(len(content)) {
			t.Errorf("evidence stored as %d bytes, SHA-256 %s; sent %d, %x", ev.Size, ev.SHA256, len(content), sum)
		}
		_, got := desk.get(fmt.Sprintf("/evidence/%d/download", ev.ID))
		if got != string(content) {
			t.Errorf("evidence downloaded: %d bytes, not the %d sent", len(got), len(content))
		}
	}
	if !found {
		t.Errorf("the evidence uploaded is not listed as %q: %+v", binName, list.Items)
	}
	// A program sent as text/csv is kept as the bytes sent, under the
	// type given, and downloaded as an attachment that is never sniffed.
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), content...)
	var exeEv struct {
		ID int64 `json:"id"`
	}
	it.callRaw("POST", fmt.Sprintf("/api/v1/jits/%d/evidence?filename=list.csv&recipient_ids=%s", jitID, recipient), "text/csv", exe, 201, &exeEv)
	exeReq, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/evidence/%d/content", p.base, exeEv.ID), nil)
	exeReq.Header.Set("Authorization", "Bearer "+it.token)
	if res, err := http.DefaultClient.Do(exeReq); err != nil {
		t.Fatal(err)
	} else {
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if !bytes.Equal(got, exe) || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("a program sent as text/csv: %d bytes back of %d, %q, %q", len(got), len(exe), res.Header.Get("Content-Disposition"), res.Header.Get("X-Content-Type-Options"))
		}
	}
	// Through the API: the download is the upload, and its Repr-Digest
	// the SHA-256 of both.
	var ev struct {
		ID     int64  `json:"id"`
		SHA256 string `json:"sha256"`
	}
	it.callRaw("POST", fmt.Sprintf("/api/v1/jits/%d/evidence?filename=%s&recipient_ids=%s", jitID, url.QueryEscape(binName), recipient),
		"application/octet-stream", content, 201, &ev)
	req, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/evidence/%d/content", p.base, ev.ID), nil)
	req.Header.Set("Authorization", "Bearer "+it.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	sum := sha256.Sum256(content)
	if !bytes.Equal(got, content) || ev.SHA256 != fmt.Sprintf("%x", sum) || res.Header.Get("Repr-Digest") != "sha-256=:"+base64.StdEncoding.EncodeToString(sum[:])+":" {
		t.Errorf("API evidence: %d bytes back of %d, sha256 %s, Repr-Digest %q", len(got), len(content), ev.SHA256, res.Header.Get("Repr-Digest"))
	}
}
