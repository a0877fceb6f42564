package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// docsIgnored are the names the documents write in code that are not this
// repository's and would otherwise read as one of its files, routes or
// identifiers; each with why it is not checked.
var docsIgnored = map[string]string{
	"http/testdata/artifacts/": "written by the browser tests when they run, and not kept (.gitignore)",
	"/proc/self/status":        "the Linux kernel's file, read by the measuring program",
	"http.ResponseController":  "net/http's, not this module's http package",
	"ETag":                     "an HTTP header",
}

// docsOutside are the first segments of paths the documents write that
// lie outside the repository.
var docsOutside = map[string]string{
	"DATA":            "the folder of --data, named as the command-line help names it",
	"DIR":             "the folder of --data, named as the command-line help names it",
	"data":            "the default folder of --data (./data), made when serve first runs",
	"..":              "beside the repository, not in it (README, Quick start)",
	"index":           "a file of the vulnerability database tools/vulndb builds (README, Supply chain)",
	"ID":              "a file of the vulnerability database tools/vulndb builds (README, Supply chain)",
	"crosscase-audit": "the origin line of a signed checkpoint, not a folder (README, Signed checkpoints of the audit log)",
	// Media types, written like paths.
	"text":        "a media type (text/csv, text/event-stream)",
	"application": "a media type (application/json)",
	"multipart":   "a media type (multipart/form-data)",
}

// TestDocumentNames reads README.md and docs/*.md and checks that every
// name they write in code is true of this repository: files and folders,
// tests, benchmarks and fuzz targets, identifiers of its packages, routes
// of the API (openapi.json) and of the pages (routes.go), and commands of
// crosscase and crosscase-bench with their flags (README, Tests).
func TestDocumentNames(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	r := newRepoIndex(t, root)
	docs, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	docs = append([]string{filepath.Join(root, "README.md")}, docs...)
	var misses []string
	for _, doc := range docs {
		b, err := os.ReadFile(doc)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, doc)
		for _, m := range r.checkDocument(string(b)) {
			misses = append(misses, fmt.Sprintf("%s:%d: %s", rel, m.line, m.msg))
		}
	}
	if len(misses) > 0 {
		t.Errorf("%d names in the documents name nothing in the repository:\n%s", len(misses), strings.Join(misses, "\n"))
	}
}

type docMiss struct {
	line int
	msg  string
}

// codeSpan is a piece of a document written in code: an inline span, or
// a line of a fenced block.
type codeSpan struct {
	line   int
	text   string
	fenced bool
	lang   string // a fenced block's language
}

// docSpans returns the inline code spans (CommonMark: a run of backticks
// closed by a run of the same length, within a paragraph) and the lines of
// fenced blocks of a Markdown document, with their line numbers.
func docSpans(doc string) []codeSpan {
	lines := strings.Split(doc, "\n")
	var spans []codeSpan
	var para []string // the current paragraph's lines, fences blanked
	paraStart := 0
	flush := func() {
		text := strings.Join(para, "\n")
		for i := 0; i < len(text); {
			if text[i] != '`' {
				i++
				continue
			}
			n := 0
			for i+n < len(text) && text[i+n] == '`' {
				n++
			}
			closer := -1
			for j := i + n; j < len(text); {
				if text[j] != '`' {
					j++
					continue
				}
				k := 0
				for j+k < len(text) && text[j+k] == '`' {
					k++
				}
				if k == n {
					closer = j
					break
				}
				j += k
			}
			if closer < 0 {
				i += n
				continue
			}
			content := strings.ReplaceAll(text[i+n:closer], "\n", " ")
			if len(content) > 2 && content[0] == ' ' && content[len(content)-1] == ' ' {
				content = content[1 : len(content)-1]
			}
			spans = append(spans, codeSpan{line: paraStart + strings.Count(text[:i], "\n") + 1, text: content})
			i = closer + n
		}
		para = nil
	}
	fence, lang := "", ""
	for i, l := range lines {
		trimmed := strings.TrimSpace(l)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			} else {
				spans = append(spans, codeSpan{line: i + 1, text: l, fenced: true, lang: lang})
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			flush()
			fence, lang = trimmed[:3], strings.TrimSpace(trimmed[3:])
			continue
		}
		if trimmed == "" {
			flush()
			continue
		}
		if para == nil {
			paraStart = i
		}
		para = append(para, l)
	}
	flush()
	return spans
}

// pkgDecls are the names one package of the module declares.
type pkgDecls struct {
	name    string
	top     map[string]bool            // functions, types, variables, constants
	members map[string]map[string]bool // type → its methods and fields
	tests   map[string]bool            // Test*, Benchmark*, Fuzz* functions
	flags   map[string]bool            // names given to flag.FlagSet definitions
}

// repoIndex is what the documents may name: the repository's files, the
// declarations of its Go packages, its routes and its commands.
type repoIndex struct {
	root     string
	files    map[string]bool // slash paths of files and folders
	bases    map[string]bool // base names of files
	dirs     map[string]*pkgDecls
	byName   map[string][]string // package name → folders
	types    map[string][]string // type name → folders declaring it
	allNames map[string]bool     // every declared name, members included
	allTests map[string]bool

	apiPaths  map[string]map[string]bool // openapi.json path → methods
	apiPrefix string                     // what every API path starts with
	pages     []string                   // route patterns registered by the server

	commands      map[string]bool // crosscase's commands, as Run dispatches them
	benchCommands map[string]bool

	flagHelp map[string]string // crosscase command → its -h output
}

func newRepoIndex(t *testing.T, root string) *repoIndex {
	t.Helper()
	r := &repoIndex{
		root: root, files: map[string]bool{}, bases: map[string]bool{},
		dirs: map[string]*pkgDecls{}, byName: map[string][]string{}, types: map[string][]string{},
		allNames: map[string]bool{}, allTests: map[string]bool{}, flagHelp: map[string]string{},
	}
	var goFiles []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		r.files[rel] = true
		if !d.IsDir() {
			r.bases[d.Name()] = true
			if strings.HasSuffix(p, ".go") && !strings.Contains("/"+rel, "/testdata/") {
				goFiles = append(goFiles, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// Parse every Go file at once, declarations are what is wanted.
	type parsed struct {
		rel string
		f   *ast.File
		err error
	}
	results := make([]parsed, len(goFiles))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, rel := range goFiles {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, rel), nil, parser.SkipObjectResolution)
			results[i] = parsed{rel, f, err}
		}()
	}
	wg.Wait()
	var routeFiles []*ast.File
	for _, p := range results {
		if p.err != nil {
			t.Fatal(p.err)
		}
		dir := path.Dir(p.rel)
		d := r.dirs[dir]
		if d == nil {
			d = &pkgDecls{top: map[string]bool{}, members: map[string]map[string]bool{}, tests: map[string]bool{}, flags: map[string]bool{}}
			r.dirs[dir] = d
		}
		isTest := strings.HasSuffix(p.rel, "_test.go")
		if !isTest {
			d.name = p.f.Name.Name
		}
		r.declare(dir, d, p.f, isTest)
		if !isTest && strings.HasPrefix(p.rel, "http/") {
			routeFiles = append(routeFiles, p.f)
		}
		if !isTest && p.rel == "cmd/crosscase-bench/main.go" {
			r.benchCommands = dispatched(p.f, "Run")
		}
		if !isTest && p.rel == "cmd/crosscase/main.go" {
			r.commands = dispatched(p.f, "Run")
		}
	}
	for dir, d := range r.dirs {
		if d.name != "" && d.name != "main" {
			r.byName[d.name] = append(r.byName[d.name], dir)
		}
	}
	if len(r.commands) == 0 || len(r.benchCommands) == 0 {
		t.Fatal("found no commands in cmd/crosscase/main.go or cmd/crosscase-bench/main.go")
	}

	// The pages' and the server's routes: the patterns given to the mux,
	// directly or through the helpers of routes.go (page, api).
	method := regexp.MustCompile(`^(GET|POST|PUT|PATCH|DELETE|HEAD) /`)
	for _, f := range routeFiles {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			if lit, ok := call.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				switch {
				case err != nil:
				case method.MatchString(s):
					r.pages = append(r.pages, s)
				case strings.HasPrefix(s, "/") && s != "/" && isMuxCall(call):
					r.pages = append(r.pages, " "+s) // any method
				}
			}
			return true
		})
	}

	// The API's routes, as openapi.json describes them.
	b, err := os.ReadFile(filepath.Join(root, "http", "api", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(b, &spec); err != nil {
		t.Fatal(err)
	}
	r.apiPaths = map[string]map[string]bool{}
	for p, item := range spec.Paths {
		r.apiPaths[p] = map[string]bool{}
		for m := range item {
			r.apiPaths[p][strings.ToUpper(m)] = true
		}
		if r.apiPrefix == "" {
			r.apiPrefix = p
		}
		for !strings.HasPrefix(p, r.apiPrefix) {
			r.apiPrefix = r.apiPrefix[:strings.LastIndex(r.apiPrefix, "/")]
		}
	}
	return r
}

// isMuxCall reports whether call registers a pattern on a ServeMux.
func isMuxCall(call *ast.CallExpr) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && (sel.Sel.Name == "Handle" || sel.Sel.Name == "HandleFunc")
}

// declare records the declarations of f, a file of the package in dir.
func (r *repoIndex) declare(dir string, d *pkgDecls, f *ast.File, isTest bool) {
	member := func(typ, name string) {
		if d.members[typ] == nil {
			d.members[typ] = map[string]bool{}
		}
		d.members[typ][name] = true
		r.allNames[name] = true
	}
	typeMembers := func(typ string, expr ast.Expr) {
		switch x := expr.(type) {
		case *ast.StructType:
			for _, fld := range x.Fields.List {
				if len(fld.Names) == 0 {
					member(typ, embeddedName(fld.Type))
				}
				for _, n := range fld.Names {
					member(typ, n.Name)
				}
			}
		case *ast.InterfaceType:
			for _, m := range x.Methods.List {
				for _, n := range m.Names {
					member(typ, n.Name)
				}
			}
		}
	}
	for _, decl := range f.Decls {
		switch x := decl.(type) {
		case *ast.FuncDecl:
			name := x.Name.Name
			r.allNames[name] = true
			if x.Recv != nil && len(x.Recv.List) > 0 {
				if !isTest {
					member(embeddedName(x.Recv.List[0].Type), name)
				}
				continue
			}
			if isTest {
				for _, prefix := range []string{"Test", "Benchmark", "Fuzz"} {
					if strings.HasPrefix(name, prefix) {
						d.tests[name] = true
						r.allTests[name] = true
					}
				}
				continue
			}
			d.top[name] = true
		case *ast.GenDecl:
			for _, spec := range x.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					r.allNames[s.Name.Name] = true
					if !isTest {
						d.top[s.Name.Name] = true
						r.types[s.Name.Name] = append(r.types[s.Name.Name], dir)
						typeMembers(s.Name.Name, s.Type)
					}
				case *ast.ValueSpec:
					for _, n := range s.Names {
						r.allNames[n.Name] = true
						if !isTest {
							d.top[n.Name] = true
						}
					}
				}
			}
		}
	}
	if isTest {
		return
	}
	// Flags: the name given to a FlagSet's String, Int, …Var, Func.
	flagFuncs := map[string]bool{
		"String": true, "StringVar": true, "Int": true, "IntVar": true, "Int64": true, "Int64Var": true,
		"Uint": true, "UintVar": true, "Uint64": true, "Uint64Var": true, "Bool": true, "BoolVar": true,
		"Float64": true, "Float64Var": true, "Duration": true, "DurationVar": true, "Var": true,
		"Func": true, "BoolFunc": true, "TextVar": true,
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if lit, ok := n.(*ast.CompositeLit); ok && embeddedName(lit.Type) == "FuncMap" {
			// The template functions, named by their keys.
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.BasicLit); ok && k.Kind == token.STRING {
						if s, err := strconv.Unquote(k.Value); err == nil {
							r.allNames[s] = true
						}
					}
				}
			}
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !flagFuncs[sel.Sel.Name] {
			return true
		}
		for i, a := range call.Args {
			if i > 1 {
				break
			}
			if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					d.flags[s] = true
				}
				break
			}
		}
		return true
	})
}

// embeddedName is the type name of a receiver or an embedded field.
func embeddedName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return embeddedName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	case *ast.IndexExpr:
		return embeddedName(x.X)
	case *ast.IndexListExpr:
		return embeddedName(x.X)
	case *ast.Ident:
		return x.Name
	}
	return ""
}

// dispatched returns the string cases of the switch in the method named
// fn: the commands a program's Run dispatches.
func dispatched(f *ast.File, fn string) map[string]bool {
	cmds := map[string]bool{}
	for _, decl := range f.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Name.Name != fn || fd.Body == nil {
			continue
		}
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			cc, ok := n.(*ast.CaseClause)
			if !ok {
				return true
			}
			for _, e := range cc.List {
				if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil && !strings.HasPrefix(s, "-") {
						cmds[s] = true
					}
				}
			}
			return true
		})
	}
	return cmds
}

var (
	docTestName  = regexp.MustCompile(`\b(?:Test|Benchmark|Fuzz)[A-Z0-9_]\w*`)
	docRoute     = regexp.MustCompile(`^((?:GET|POST|PUT|PATCH|DELETE|HEAD)(?:[|/](?:GET|POST|PUT|PATCH|DELETE|HEAD))*) (/\S*)$`)
	docPath      = regexp.MustCompile(`^(?:\./)?[A-Za-z_.][\w.*<>\-]*(?:/[\w.*<>\-]*)+$|^[\w\-]+\.(?:go|md|json|js|css|html|csv|tsv|sql|txt|mod|sum|db)$`)
	docIdent     = regexp.MustCompile(`^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(.*\))?$`)
	docGoCommand = regexp.MustCompile(`(?:^|\s)go (test|run|build|vet)\s(.*)$`)
	// A shell line running crosscase or crosscase-bench: at its start (after
	// variables set for it), built to /tmp, through go run, or in $(…).
	docShellCmd    = regexp.MustCompile(`(?:^(?:\w+=\S*\s+)*(?:/tmp/)?|\$\(|go run \./cmd/)(crosscase(?:-bench)?)((?:\s+[^\s)&]+)*)(?:$|[\s)&])`)
	docFlag        = regexp.MustCompile(`^\[?--([a-z][a-z0-9-]*)`)
	docHelpFlag    = regexp.MustCompile(`(?m)^\s+-([a-z][a-z0-9-]*)`)
	docMigration   = regexp.MustCompile(`\b[Mm]igrations?\s+(\d{4})\b`)
	docMigrationOf = regexp.MustCompile("`([a-z_][a-z0-9_.]*)`\\s*[(,]\\s*[Mm]igration\\s+(\\d{4})\\b")
	docLiteralSeg  = regexp.MustCompile(`^[a-z][a-z0-9._-]*$`)
	// A bare name in camel case: a capital after the first letter
	// (CanReadCases, authorizeCase); not Entity, not VACUUM (checked above).
	docCamel = regexp.MustCompile(`^[A-Za-z]\w*[A-Z]\w*$`)
)

// checkDocument returns the misses of one Markdown document.
func (r *repoIndex) checkDocument(doc string) []docMiss {
	var misses []docMiss
	miss := func(line int, format string, args ...any) {
		misses = append(misses, docMiss{line, fmt.Sprintf(format, args...)})
	}
	for _, s := range docSpans(doc) {
		text := strings.TrimSpace(s.text)
		if _, ok := docsIgnored[text]; ok {
			continue
		}
		if s.fenced {
			if s.lang != "sh" {
				r.checkTests(s.line, text, miss)
				continue
			}
			// A shell line: a command, then perhaps a comment.
			if i := strings.Index(text, " #"); i >= 0 {
				text = strings.TrimSpace(text[:i])
			}
		}
		r.checkTests(s.line, text, miss)
		if m := docGoCommand.FindStringSubmatch(text); m != nil {
			r.checkGoCommand(s.line, m[1], m[2], miss)
		}
		if s.fenced {
			for _, m := range docShellCmd.FindAllStringSubmatch(text, -1) {
				r.checkCommand(s.line, m[1], strings.Fields(m[2]), miss)
			}
			continue
		}
		fields := strings.Fields(text)
		switch {
		case len(fields) > 0 && (fields[0] == "crosscase" || fields[0] == "crosscase-bench"):
			r.checkCommand(s.line, fields[0], fields[1:], miss)
		case len(fields) > 1 && r.isCommandWord(fields[0]) && (strings.HasPrefix(fields[1], "--") || r.commands[fields[0]+" "+fields[1]]):
			r.checkCommand(s.line, "crosscase", fields, miss)
		case docRoute.MatchString(text):
			m := docRoute.FindStringSubmatch(text)
			r.checkRoute(s.line, strings.FieldsFunc(m[1], func(c rune) bool { return c == '|' || c == '/' }), m[2], miss)
		case strings.HasPrefix(text, "/") && !strings.ContainsAny(text, " \t"):
			r.checkRoute(s.line, nil, text, miss)
		case docPath.MatchString(text):
			r.checkPath(s.line, text, miss)
		case docIdent.MatchString(text):
			r.checkIdent(s.line, docIdent.FindStringSubmatch(text)[1], miss)
		}
	}
	r.checkMigrations(doc, miss)
	return misses
}

// checkMigrations checks the migrations a document names by number (every
// "migration 0041" has its file in sqldb/migrations) and, where a table or
// column written in code is said to come from one ("`list_check_rows`
// (migration 0041)"), that the migration names it.
func (r *repoIndex) checkMigrations(doc string, miss func(int, string, ...any)) {
	lineOf := func(i int) int { return strings.Count(doc[:i], "\n") + 1 }
	files := func(n string) []string {
		var out []string
		for f := range r.files {
			if strings.HasPrefix(f, "sqldb/migrations/"+n+"_") && strings.HasSuffix(f, ".sql") {
				out = append(out, f)
			}
		}
		return out
	}
	for _, m := range docMigration.FindAllStringSubmatchIndex(doc, -1) {
		n := doc[m[2]:m[3]]
		if len(files(n)) == 0 {
			miss(lineOf(m[0]), "migration %s: no sqldb/migrations/%s_*.sql", n, n)
		}
	}
	for _, m := range docMigrationOf.FindAllStringSubmatchIndex(doc, -1) {
		name, n := doc[m[2]:m[3]], doc[m[4]:m[5]]
		if i := strings.LastIndex(name, "."); i >= 0 {
			name = name[i+1:] // table.column: the column
		}
		found := false
		for _, f := range files(n) {
			b, err := os.ReadFile(filepath.Join(r.root, f))
			if err == nil && regexp.MustCompile(`(?i)\b`+regexp.QuoteMeta(name)+`\b`).Match(b) {
				found = true
			}
		}
		if !found && len(files(n)) > 0 {
			miss(lineOf(m[0]), "%s: migration %s does not name it", doc[m[2]:m[3]], n)
		}
	}
}

// checkTests checks the test, benchmark and fuzz target names in text; in
// a go test command (-run, -bench, -fuzz) a name is a pattern and may stand
// for the tests it begins.
func (r *repoIndex) checkTests(line int, text string, miss func(int, string, ...any)) {
	pattern := strings.Contains(text, "-run") || strings.Contains(text, "-bench") || strings.Contains(text, "-fuzz") || strings.Contains(text, "-test.")
	for _, loc := range docTestName.FindAllStringIndex(text, -1) {
		name := text[loc[0]:loc[1]]
		if r.allTests[name] {
			continue
		}
		found := false
		if pattern && !strings.HasPrefix(text[loc[1]:], "$") {
			for t := range r.allTests {
				if strings.HasPrefix(t, name) {
					found = true
					break
				}
			}
		}
		if !found {
			miss(line, "%s: no such test, benchmark or fuzz target in any _test.go file", name)
		}
	}
}

// checkGoCommand checks the packages a go command names and the tests its
// -run and -bench patterns select in them.
func (r *repoIndex) checkGoCommand(line int, verb, args string, miss func(int, string, ...any)) {
	fields := strings.Fields(args)
	var pkgs []string
	for _, f := range fields {
		if verb == "run" && len(pkgs) > 0 {
			break // the program's own arguments
		}
		if f == "." || strings.HasPrefix(f, "./") && f != "./..." {
			dir := path.Clean(strings.TrimPrefix(f, "./"))
			if d := r.dirs[dir]; d == nil {
				miss(line, "%s: no Go package in the repository", f)
				continue
			}
			pkgs = append(pkgs, dir)
		}
	}
	for i := 0; i+1 < len(fields); i++ {
		flag := strings.TrimPrefix(fields[i], "-test.")
		if flag != "-run" && flag != "run" && flag != "-bench" && flag != "bench" {
			continue
		}
		prefix := "Test"
		if strings.HasSuffix(flag, "bench") {
			prefix = "Benchmark"
		}
		for _, alt := range strings.Split(strings.Trim(fields[i+1], `'"`), "|") {
			if alt == "^$" || strings.Trim(alt, "X") == "" || alt == "." {
				continue // the idiom for no tests, or all benchmarks
			}
			re, err := regexp.Compile(alt)
			if err != nil {
				miss(line, "%s %s: %v", fields[i], alt, err)
				continue
			}
			found := false
			for dir, d := range r.dirs {
				if len(pkgs) > 0 && !contains(pkgs, dir) {
					continue
				}
				for t := range d.tests {
					if strings.HasPrefix(t, prefix) && re.MatchString(t) {
						found = true
					}
				}
			}
			if !found {
				miss(line, "%s %s: selects no %s function in %s", fields[i], alt, prefix, strings.Join(pkgs, ", "))
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isCommandWord reports whether w begins a command of crosscase.
func (r *repoIndex) isCommandWord(w string) bool {
	for c := range r.commands {
		if c == w || strings.HasPrefix(c, w+" ") {
			return true
		}
	}
	return false
}

// checkCommand checks a command line of crosscase or crosscase-bench: its
// command, and its flags among those the command defines.
func (r *repoIndex) checkCommand(line int, program string, args []string, miss func(int, string, ...any)) {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") && !strings.HasPrefix(args[0], "[") && !strings.HasPrefix(args[0], "<") && args[0] != "…" {
		cmd = args[0]
		if program == "crosscase" && !r.commands[cmd] && len(args) > 1 {
			cmd += " " + args[1]
		}
	}
	var flags map[string]bool
	if program == "crosscase-bench" {
		if cmd != "" && !r.benchCommands[cmd] {
			miss(line, "crosscase-bench %s: no such command (cmd/crosscase-bench/main.go)", cmd)
			return
		}
		flags = map[string]bool{}
		for _, dir := range []string{"cmd/crosscase-bench", "sqldb"} {
			for f := range r.dirs[dir].flags {
				flags[f] = true
			}
		}
	} else {
		if cmd == "" {
			return
		}
		if !r.commands[cmd] {
			miss(line, "crosscase %s: no such command (cmd/crosscase/main.go)", cmd)
			return
		}
		flags = map[string]bool{}
		for _, m := range docHelpFlag.FindAllStringSubmatch(r.help(cmd), -1) {
			flags[m[1]] = true
		}
	}
	for _, a := range args {
		if m := docFlag.FindStringSubmatch(a); m != nil && !flags[m[1]] {
			miss(line, "%s %s: no flag --%s", program, cmd, m[1])
		}
	}
}

// help returns what crosscase cmd -h prints: its flags.
func (r *repoIndex) help(cmd string) string {
	if h, ok := r.flagHelp[cmd]; ok {
		return h
	}
	var out bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
	_ = m.Run(context.Background(), append(strings.Fields(cmd), "-h"))
	r.flagHelp[cmd] = out.String()
	return out.String()
}

// checkRoute checks a route: an API one against openapi.json, any other
// against the patterns the server registers.
func (r *repoIndex) checkRoute(line int, methods []string, p string, miss func(int, string, ...any)) {
	if _, ok := docsIgnored[p]; ok {
		return
	}
	p, _, _ = strings.Cut(p, "?")
	p, _, _ = strings.Cut(p, "#")
	if p == r.apiPrefix {
		return
	}
	if strings.HasPrefix(p, r.apiPrefix+"/") {
		for api, ms := range r.apiPaths {
			if routeMatches(api, p) {
				for _, m := range methods {
					if !ms[m] {
						miss(line, "%s %s: openapi.json describes no %s for %s", m, p, m, api)
					}
				}
				return
			}
		}
		miss(line, "%s: no such path in http/api/openapi.json", p)
		return
	}
	ok := map[string]bool{}
	any := false
	for _, pat := range r.pages {
		m, route, _ := strings.Cut(pat, " ")
		if routeMatches(route, p) {
			ok[m] = true
			any = true
		}
	}
	if !any {
		miss(line, "%s: no such route in a routes.go", p)
		return
	}
	for _, m := range methods {
		if !ok[m] && !ok[""] {
			miss(line, "%s %s: the route has no %s", m, p, m)
		}
	}
}

// routeMatches reports whether the path written in a document, whose
// segments may be {placeholders} or example values (42), is one the route
// pattern serves.
func routeMatches(pattern, p string) bool {
	pat := strings.Split(strings.TrimSuffix(strings.TrimPrefix(pattern, "/"), "{$}"), "/")
	segs := strings.Split(strings.TrimPrefix(p, "/"), "/")
	prefix := strings.HasSuffix(pattern, "/") && pattern != "/" && !strings.HasSuffix(pattern, "{$}")
	if prefix {
		pat = pat[:len(pat)-1]
		if len(segs) < len(pat) {
			return false
		}
	} else if len(segs) != len(pat) {
		if n := len(pat); n > 0 && strings.HasSuffix(pat[n-1], "...}") && len(segs) >= n {
			segs = segs[:n]
		} else {
			return false
		}
	}
	for i, ps := range pat {
		s := segs[i]
		param := strings.HasPrefix(ps, "{")
		example := strings.Contains(s, "{") || !docLiteralSeg.MatchString(s)
		switch {
		case param:
		case example || ps != s:
			return false
		}
	}
	return true
}

// checkPath checks a file or folder of the repository: from its root, or,
// written from a folder within, as the end of a path of the repository.
func (r *repoIndex) checkPath(line int, p string, miss func(int, string, ...any)) {
	clean := strings.TrimPrefix(p, "./")
	first, _, _ := strings.Cut(clean, "/")
	if _, ok := docsOutside[first]; ok {
		return
	}
	if !strings.Contains(clean, "/") {
		if !r.bases[clean] {
			miss(line, "%s: no file of that name in the repository", p)
		}
		return
	}
	if strings.Contains(first, ".") && !r.files[first] {
		return // a module's or a host's path: github.com/…, golang.org/x/…
	}
	want := strings.TrimSuffix(clean, "/")
	glob := regexp.QuoteMeta(want)
	glob = regexp.MustCompile(`<[^>]*>|\\\*`).ReplaceAllString(glob, `[^/]+`)
	re := regexp.MustCompile(`(?:^|/)` + glob + `$`)
	fromRoot := regexp.MustCompile(`^` + glob + `$`)
	var nearest []string
	for f := range r.files {
		if fromRoot.MatchString(f) {
			return
		}
		if re.MatchString(f) {
			nearest = append(nearest, f)
		}
	}
	if r.files[first] || len(nearest) == 0 {
		// Written from the root (its first folder is the root's), or nowhere.
		miss(line, "%s: no such file or folder in the repository", p)
	}
}

// checkIdent checks a Go name: pkg.Name (pkg a package of this module),
// pkg.Type.Member, Type.Member (Type declared in the module), or a bare
// name in camel case, declared somewhere in the module.
func (r *repoIndex) checkIdent(line int, name string, miss func(int, string, ...any)) {
	if _, ok := docsIgnored[name]; ok {
		return
	}
	parts := strings.Split(name, ".")
	if len(parts) == 1 {
		if docCamel.MatchString(name) && !docTestName.MatchString(name) && strings.ToUpper(name) != name && !r.allNames[name] {
			miss(line, "%s: declared nowhere in the module", name)
		}
		return
	}
	if dirs, ok := r.byName[parts[0]]; ok {
		for _, dir := range dirs {
			d := r.dirs[dir]
			if !d.top[parts[1]] {
				continue
			}
			if len(parts) == 2 || d.members[parts[1]][parts[2]] {
				return
			}
		}
		miss(line, "%s: %s declares no %s", name, strings.Join(dirs, ", "), strings.Join(parts[1:], "."))
		return
	}
	if lower(parts[0]) && lower(parts[1]) {
		return // a key or a variable's field: entities.search, db.path
	}
	if dirs, ok := r.types[parts[0]]; ok {
		for _, dir := range dirs {
			if r.dirs[dir].members[parts[0]][parts[1]] {
				if len(parts) == 2 || r.allNames[parts[len(parts)-1]] {
					return
				}
			}
		}
		miss(line, "%s: type %s (%s) has no %s", name, parts[0], strings.Join(dirs, ", "), strings.Join(parts[1:], "."))
		return
	}
	if c := parts[0][0]; c >= 'A' && c <= 'Z' {
		miss(line, "%s: no package or type %s in the module", name, parts[0])
	}
}

// lower reports whether a name begins in lower case.
func lower(name string) bool {
	return name != "" && name[0] >= 'a' && name[0] <= 'z'
}
