package vmhost

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The determinism rules of vmhost/ (ARCHITECTURE.md "Determinism rules",
// STYLE.md #1, #2 and #8), checked on the package's non-test files.

const modulePath = "github.com/sqledger/sqledger/"

// forbiddenImports are standard packages with a clock, randomness, I/O,
// concurrency or escape hatches, and the packages of this module above
// vmhost/ (ledger/ imports vmhost/, never the reverse).
var forbiddenImports = []string{
	"crypto/rand", "log", "math/rand", "net", "os", "plugin", "runtime", "sync", "syscall", "time", "unsafe",
	modulePath + "ledger", modulePath + "eventlog", modulePath + "actors", modulePath + "projections",
	modulePath + "gateway", modulePath + "cmd", modulePath + "bench",
}

// mapRanges are the functions that range over a map, each with the reason
// the result does not depend on the order.
var mapRanges = map[string]string{
	"overlay.changes":       "collects the addresses, then sorts them",
	"overlay.appendStorage": "collects the keys, then sorts them",
}

func TestDeterminismRules(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the package against go list -export data")
	}
	fset, files, info := typeCheckPackage(t)
	for _, f := range files {
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbiddenImports {
				if path == bad || strings.HasPrefix(path, bad+"/") {
					t.Errorf("%s imports %s", fset.Position(imp.Pos()), path)
				}
			}
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			name := funcName(fn)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.GoStmt:
					t.Errorf("%s: go statement in %s", fset.Position(n.Pos()), name)
				case *ast.RangeStmt:
					if _, isMap := info.TypeOf(n.X).Underlying().(*types.Map); isMap && mapRanges[name] == "" {
						t.Errorf("%s: range over a map in %s (sort, or list the function in mapRanges)", fset.Position(n.Pos()), name)
					}
				}
				return true
			})
		}
	}
}

// funcName is "Recv.Name" for a method and "Name" for a function.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil {
		return fn.Name.Name
	}
	t := fn.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// typeCheckPackage parses vmhost's non-test files and type-checks them
// against the export data of their dependencies.
func typeCheckPackage(t *testing.T) (*token.FileSet, []*ast.File, *types.Info) {
	t.Helper()
	goList := func(args ...string) *bufio.Scanner {
		var stderr bytes.Buffer
		cmd := exec.Command("go", append([]string{"list"}, args...)...)
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %v: %v\n%s", args, err, stderr.Bytes())
		}
		return bufio.NewScanner(bytes.NewReader(out))
	}
	exports := make(map[string]string)
	for sc := goList("-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "."); sc.Scan(); {
		path, file, _ := strings.Cut(sc.Text(), "\t")
		exports[path] = file
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for sc := goList("-f", `{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}`, "."); sc.Scan(); {
		f, err := parser.ParseFile(fset, sc.Text(), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		t.Fatal("go list found no files")
	}
	lookup := func(path string) (io.ReadCloser, error) {
		if file := exports[path]; file != "" {
			return os.Open(file)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	}
	info := &types.Info{Types: make(map[ast.Expr]types.TypeAndValue)}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	if _, err := conf.Check(modulePath+"vmhost", fset, files, info); err != nil {
		t.Fatalf("type-check: %v", err)
	}
	return fset, files, info
}
