package rpc_test

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

const module = "github.com/sqledger/sqledger/"

// allowedInternal are the packages of this module (with their
// subpackages) rpc/ may import: the vocabulary, the ledger's types, the
// EVM for contract_call, the event log's record types and their decoding
// (ledgerlog, once the log record moves there), and the gateway's
// envelopes. Never actors/ (which imports rpc), projections/ (its SQL
// drivers) or protoactor.
var allowedInternal = []string{"protocol", "ledger", "vmhost", "eventlog", "ledgerlog", "gateway"}

// TestImports fails if a non-test file of rpc/ imports anything but the
// standard library and allowedInternal (ARCHITECTURE.md's package table,
// STYLE.md #8).
func TestImports(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			if path := strings.Trim(imp.Path.Value, `"`); !allowedImport(path) {
				t.Errorf("%s imports %s", name, path)
			}
		}
	}
}

func allowedImport(path string) bool {
	if !strings.Contains(strings.SplitN(path, "/", 2)[0], ".") {
		return true // the standard library
	}
	for _, p := range allowedInternal {
		if path == module+p || strings.HasPrefix(path, module+p+"/") {
			return true
		}
	}
	return false
}

func TestAllowedImport(t *testing.T) {
	for path, ok := range map[string]bool{
		"encoding/json":                           true,
		module + "protocol/rpcerr":                true,
		module + "ledger":                         true,
		module + "ledgerlog":                      true,
		module + "gateway":                        true,
		module + "actors":                         false,
		module + "projections":                    false,
		module + "ledgerx":                        false,
		"github.com/asynkron/protoactor-go/actor": false,
	} {
		if allowedImport(path) != ok {
			t.Errorf("allowedImport(%q) = %v", path, !ok)
		}
	}
}
