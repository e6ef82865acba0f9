package ledger_test

import (
	"fmt"
	"go/ast"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/internal/archlint"
)

// The architecture rules of ledger/ (ARCHITECTURE.md "Determinism rules",
// STYLE.md #1, #2 and #8), checked on the package's non-test files in the
// default build and in the invariants build.

const module = "github.com/sqledger/sqledger/"

// forbiddenStd are standard packages (and their subpackages) with a
// clock, randomness, I/O, concurrency or escape hatches: none belongs in
// a deterministic state machine.
var forbiddenStd = []string{
	"crypto/rand", "log", "math/rand", "net", "os", "plugin", "runtime",
	"sync", "syscall", "time", "unsafe",
}

// mapRangeAllowed are the functions that may range over a map, each
// because the result does not depend on the iteration order.
var mapRangeAllowed = map[string]string{
	"init":                  "validates the dispatch table; panics on the first bad entry, whichever it is",
	"State.CheckInvariants": "sums balances and digests: addition commutes; a bad trust line fails it whichever is met first",
	"State.AccountList":     "sorts what it collects",
	"State.TableList":       "sorts what it collects",
	"State.SlotList":        "sorts what it collects",
	"State.EscrowList":      "sorts what it collects",
	"State.LineList":        "sorts what it collects",
}

// TestArchitecture fails if ledger/ imports a package outside its layer
// or a forbidden standard package, starts a goroutine, reads the clock,
// panics with fmt.Sprintf, or ranges over a map outside mapRangeAllowed.
func TestArchitecture(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the package with go list -export")
	}
	for _, tags := range []string{"", "invariants"} {
		t.Run("tags="+tags, func(t *testing.T) {
			pkg := archlint.Load(t, module+"ledger", tags)
			fset, files := pkg.Fset, pkg.Files
			for _, f := range files {
				name := filepath.Base(fset.Position(f.Pos()).Filename)
				for _, imp := range f.Imports {
					path := strings.Trim(imp.Path.Value, `"`)
					if err := checkImport(path); err != nil {
						t.Errorf("%s: %v", name, err)
					}
				}
				for _, msg := range lintFile(pkg, f) {
					t.Error(msg)
				}
			}
		})
	}
}

func TestCheckImport(t *testing.T) {
	for path, ok := range map[string]bool{
		"bytes":                            true,
		"encoding/json":                    true,
		"math/bits":                        true,
		module + "protocol/codec":          true,
		module + "vmhost":                  true,
		module + "eventlog":                false,
		module + "actors":                  false,
		module + "gateway":                 false,
		module + "projections":             false,
		"net":                              false,
		"net/http":                         false,
		"os":                               false,
		"time":                             false,
		"math/rand":                        false,
		"math/rand/v2":                     false,
		"crypto/rand":                      false,
		"sync":                             false,
		"sync/atomic":                      false,
		"github.com/lxzan/gws":             false,
		"github.com/benbjohnson/immutable": true,
		"golang.org/x/crypto/sha3":         false,
		"timeutil":                         true, // not time/...: prefixes match whole elements
	} {
		if err := checkImport(path); (err == nil) != ok {
			t.Errorf("checkImport(%q) = %v, want allowed %v", path, err, ok)
		}
	}
}

// checkImport allows what ledger's row of the package table allows
// (internal/archlint), less the standard packages in forbiddenStd.
func checkImport(path string) error {
	if err := archlint.Allowed("ledger", path); err != nil {
		return err
	}
	for _, f := range forbiddenStd {
		if path == f || strings.HasPrefix(path, f+"/") {
			return fmt.Errorf("imports %s: no clock, randomness, I/O or concurrency in ledger/", path)
		}
	}
	return nil
}

// lintFile reports the forbidden statements and calls of one file.
func lintFile(pkg *archlint.Package, f *ast.File) []string {
	fset := pkg.Fset
	var out []string
	report := func(n ast.Node, format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: %s", fset.Position(n.Pos()), fmt.Sprintf(format, args...)))
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
				report(n, "go statement in %s: ledger/ runs on its caller's goroutine", name)
			case *ast.RangeStmt:
				if pkg.IsMapRange(n) {
					if _, ok := mapRangeAllowed[name]; !ok {
						report(n, "range over a map in %s: iteration order is random (sort, or add the function to mapRangeAllowed with the reason)", name)
					}
				}
			case *ast.CallExpr:
				if pkg.IsFunc(n.Fun, "time", "Now") {
					report(n, "time.Now in %s: the close time is an input", name)
				}
				if id, ok := n.Fun.(*ast.Ident); ok && id.Name == "panic" && len(n.Args) == 1 {
					if call, ok := n.Args[0].(*ast.CallExpr); ok && pkg.IsFunc(call.Fun, "fmt", "Sprintf") {
						report(n, "panic(fmt.Sprintf(...)) in %s: panic with an error", name)
					}
				}
			}
			return true
		})
	}
	return out
}
