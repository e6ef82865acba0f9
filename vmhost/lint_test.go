package vmhost

import (
	"go/ast"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/internal/archlint"
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
	pkg := archlint.Load(t, modulePath+"vmhost", "")
	fset, files := pkg.Fset, pkg.Files
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
			name := archlint.FuncName(fn)
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.GoStmt:
					t.Errorf("%s: go statement in %s", fset.Position(n.Pos()), name)
				case *ast.RangeStmt:
					if pkg.IsMapRange(n) && mapRanges[name] == "" {
						t.Errorf("%s: range over a map in %s (sort, or list the function in mapRanges)", fset.Position(n.Pos()), name)
					}
				}
				return true
			})
		}
	}
}
