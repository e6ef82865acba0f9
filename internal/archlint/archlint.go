// Package archlint holds the architecture rules written as Go tests
// (STYLE.md #8). Packages is the package table of ARCHITECTURE.md as the
// code has it, and TestPackageTable checks every package's imports
// against it. Load gives the architecture tests of ledger/ and vmhost/
// a package's non-test files, type-checked, so that they can enforce
// the determinism rules on its syntax and types.
package archlint

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
	"slices"
	"strings"
	"testing"
)

// Package is a type-checked package: its files, sorted by name.
type Package struct {
	Fset  *token.FileSet
	Files []*ast.File
	Info  *types.Info
}

// Load parses the non-test files of the package in the current directory
// for the given build tags and type-checks them, as importPath, against
// the export data `go list` reports for their dependencies.
func Load(t testing.TB, importPath, tags string) *Package {
	t.Helper()
	list := func(args ...string) *bufio.Scanner {
		cmd := exec.Command("go", append([]string{"list", "-tags", tags}, args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list %v: %v\n%s", args, err, stderr.Bytes())
		}
		return bufio.NewScanner(bytes.NewReader(out))
	}
	exports := make(map[string]string)
	for sc := list("-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "."); sc.Scan(); {
		path, file, _ := strings.Cut(sc.Text(), "\t")
		exports[path] = file
	}
	p := &Package{Fset: token.NewFileSet()}
	for sc := list("-f", `{{range .GoFiles}}{{$.Dir}}/{{.}}{{"\n"}}{{end}}`, "."); sc.Scan(); {
		f, err := parser.ParseFile(p.Fset, sc.Text(), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		p.Files = append(p.Files, f)
	}
	if len(p.Files) == 0 || len(exports) == 0 {
		t.Fatal("go list found no files")
	}
	lookup := func(path string) (io.ReadCloser, error) {
		if file := exports[path]; file != "" {
			return os.Open(file)
		}
		return nil, fmt.Errorf("no export data for %s", path)
	}
	p.Info = &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(p.Fset, "gc", lookup)}
	if _, err := conf.Check(importPath, p.Fset, p.Files, p.Info); err != nil {
		t.Fatalf("type-check: %v", err)
	}
	slices.SortFunc(p.Files, func(a, b *ast.File) int {
		return strings.Compare(p.Fset.File(a.Pos()).Name(), p.Fset.File(b.Pos()).Name())
	})
	return p
}

// FuncName is "Recv.Name" for a method, "Name" for a function.
func FuncName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
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

// IsMapRange reports whether a range statement ranges over a map.
func (p *Package) IsMapRange(r *ast.RangeStmt) bool {
	_, isMap := p.Info.TypeOf(r.X).Underlying().(*types.Map)
	return isMap
}

// IsFunc reports whether e names the function pkg.name.
func (p *Package) IsFunc(e ast.Expr, pkg, name string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	obj, ok := p.Info.Uses[sel.Sel].(*types.Func)
	return ok && obj.Pkg() != nil && obj.Pkg().Path() == pkg && obj.Name() == name
}
