package crosscase_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"crosscase"
)

// The audit filters offer every action and object type that the code
// writes into the log: the source of every package is read for them.
// An action is written as one of the Action constants (or a literal);
// one written from any other expression — a map, a call, a variable
// given anything else — fails, because no one can tell what it writes.
func TestAuditVocabularyIsComplete(t *testing.T) {
	objectType := regexp.MustCompile(`(?:ObjectType: *|\baudit[A-Za-z]*\(ctx, [^,]+, |recordRefusal\(ctx, err, )"([a-z_]+)"`)
	var objects []string
	fset := token.NewFileSet()
	var files []*ast.File
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range objectType.FindAllSubmatch(b, -1) {
			objects = append(objects, string(m[1]))
		}
		f, err := parser.ParseFile(fset, path, b, 0)
		if err != nil {
			return err
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	actions, problems := auditActionsWritten(fset, files)
	if len(actions) < 10 || len(objects) < 20 {
		t.Fatalf("read %d actions and %d object types: the patterns no longer find the audit calls", len(actions), len(objects))
	}
	for _, p := range problems {
		t.Error(p)
	}
	for _, a := range actions {
		if !slices.Contains(crosscase.AuditActions(), a) {
			t.Errorf("action %q is written but not in AuditActions", a)
		}
	}
	for _, o := range objects {
		if !slices.Contains(crosscase.AuditObjectTypes(), o) {
			t.Errorf("object type %q is written but not in AuditObjectTypes", o)
		}
	}
}

// auditActionsWritten returns the values of the Action constants and
// every action the files write into the log: the action argument of
// tx.audit and newAuditEntry, and the Action of an AuditEntry literal,
// followed through local variables and through parameters (a function
// that passes its parameter on is checked at each of its calls).
// problems names each action written from an expression that is not a
// constant.
func auditActionsWritten(fset *token.FileSet, files []*ast.File) (actions, problems []string) {
	consts := map[string]string{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if !strings.HasPrefix(n.Name, "Action") || i >= len(vs.Values) {
						continue
					}
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						v, _ := strconv.Unquote(lit.Value)
						consts[n.Name] = v
						actions = append(actions, v)
					}
				}
			}
		}
	}
	// sinks: function name → index of the argument that is an action.
	sinks := map[string]int{"audit": 1, "newAuditEntry": 1}
	type use struct {
		expr ast.Expr
		fn   *ast.FuncDecl
	}
	checked := map[ast.Expr]bool{}
	var check func(e ast.Expr, fn *ast.FuncDecl, depth int) bool
	// params returns the index of parameter name of fn, or -1.
	params := func(fn *ast.FuncDecl, name string) int {
		i := 0
		for _, field := range fn.Type.Params.List {
			for _, n := range field.Names {
				if n.Name == name {
					return i
				}
				i++
			}
		}
		return -1
	}
	check = func(e ast.Expr, fn *ast.FuncDecl, depth int) bool {
		at := fset.Position(e.Pos())
		switch x := e.(type) {
		case *ast.BasicLit:
			if v, err := strconv.Unquote(x.Value); err == nil && x.Kind == token.STRING {
				actions = append(actions, v)
				return true
			}
		case *ast.SelectorExpr:
			if v, ok := consts[x.Sel.Name]; ok {
				actions = append(actions, v)
				return true
			}
			// An AuditEntry handed on (RecordAudit): its Action is
			// checked where the entry is built.
			if id, ok := x.X.(*ast.Ident); ok && x.Sel.Name == "Action" && fn != nil && params(fn, id.Name) >= 0 {
				return true
			}
		case *ast.Ident:
			if v, ok := consts[x.Name]; ok {
				actions = append(actions, v)
				return true
			}
			if fn == nil || depth > 5 {
				break
			}
			if i := params(fn, x.Name); i >= 0 {
				// Passed on: each call of fn is checked instead.
				if _, ok := sinks[fn.Name.Name]; !ok {
					sinks[fn.Name.Name] = i
				}
				return true
			}
			var values []ast.Expr
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.AssignStmt:
					for i, l := range s.Lhs {
						if id, ok := l.(*ast.Ident); ok && id.Name == x.Name && len(s.Rhs) == len(s.Lhs) {
							values = append(values, s.Rhs[i])
						}
					}
				case *ast.ValueSpec:
					for i, id := range s.Names {
						if id.Name == x.Name && i < len(s.Values) {
							values = append(values, s.Values[i])
						}
					}
				}
				return true
			})
			if len(values) == 0 {
				break
			}
			ok := true
			for _, v := range values {
				ok = check(v, fn, depth+1) && ok
			}
			return ok
		}
		problems = append(problems, fmt.Sprintf("%s: an audit action is written from a non-constant expression; use an Action constant", at))
		return false
	}
	var uses []use
	for changed := true; changed; {
		changed = false
		uses = uses[:0]
		for _, f := range files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Body == nil {
					continue
				}
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					switch x := n.(type) {
					case *ast.CallExpr:
						name := ""
						switch f := x.Fun.(type) {
						case *ast.Ident:
							name = f.Name
						case *ast.SelectorExpr:
							name = f.Sel.Name
						}
						if i, ok := sinks[name]; ok && i < len(x.Args) {
							uses = append(uses, use{x.Args[i], fn})
						}
					case *ast.CompositeLit:
						typ := ""
						switch tt := x.Type.(type) {
						case *ast.Ident:
							typ = tt.Name
						case *ast.SelectorExpr:
							typ = tt.Sel.Name
						}
						if typ != "AuditEntry" {
							break
						}
						for _, el := range x.Elts {
							if kv, ok := el.(*ast.KeyValueExpr); ok {
								if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Action" {
									uses = append(uses, use{kv.Value, fn})
								}
							}
						}
					}
					return true
				})
			}
		}
		n := len(sinks)
		for _, u := range uses {
			if !checked[u.expr] {
				checked[u.expr] = true
				check(u.expr, u.fn, 0)
			}
		}
		changed = len(sinks) != n
	}
	return actions, problems
}

// The completeness test sees an action written from a map, through a
// variable or a parameter, and refuses one it cannot tell.
func TestAuditActionsFromExpressions(t *testing.T) {
	src := `package p
const ActionDisclose = "disclose"
func decide(tx *Tx, st string) {
	action := map[string]string{"disclosed": "disclose"}[st]
	tx.audit(ctx, action, "hit", 0, 0, "")
}
func record(tx *Tx, action string) { tx.audit(ctx, action, "hit", 0, 0, "") }
func use(tx *Tx) {
	record(tx, ActionDisclose)
	record(tx, "restrict")
	a := ActionDisclose
	if true {
		a = "dismiss"
	}
	tx.audit(ctx, a, "hit", 0, 0, "")
	_ = AuditEntry{Action: strings.ToLower("X")}
}`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions, problems := auditActionsWritten(fset, []*ast.File{f})
	for _, want := range []string{"disclose", "restrict", "dismiss"} {
		if !slices.Contains(actions, want) {
			t.Errorf("%q not found among %q", want, actions)
		}
	}
	slices.Sort(problems)
	if len(problems) != 2 || !strings.HasPrefix(problems[0], "p.go:16:") || !strings.HasPrefix(problems[1], "p.go:4:") {
		t.Errorf("problems %q, want the map (line 4) and the call (line 16)", problems)
	}
}
