package archlint_test

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/internal/archlint"
)

// moduleImports lists every package of the module with its non-test
// imports, as go list reports them, by path relative to the module.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, archlint.Module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	imports := make(map[string][]string)
	for sc := bufio.NewScanner(bytes.NewReader(out)); sc.Scan(); {
		fields := strings.Fields(sc.Text())
		imports[strings.TrimPrefix(fields[0], archlint.Module+"/")] = fields[1:]
	}
	return imports
}

// TestPackageTable: every package of the module imports only what its
// row of the package table allows.
func TestPackageTable(t *testing.T) {
	imports := moduleImports(t)
	if len(imports) < 20 {
		t.Fatalf("go list found %d packages", len(imports))
	}
	for _, v := range archlint.CheckLayers(archlint.Module, archlint.Packages, imports) {
		t.Error(v)
	}
}

// TestPackageTableProbe: the check catches each kind of violation in a
// probe of made-up imports.
func TestPackageTableProbe(t *testing.T) {
	m := archlint.Module + "/"
	probe := map[string][]string{
		"ledger":           {"bytes", m + "eventlog"},                           // up the table
		"protocol/codec":   {m + "ledger"},                                      // up the table
		"gateway":          {"github.com/cockroachdb/pebble/v2"},                // third party not in its row
		"rpc":              {m + "actors", "github.com/asynkron/protoactor-go"}, // reaches into the node
		"newpkg":           {"fmt"},                                             // in no row
		"projections/mine": {m + "projections"},                                 // a subpackage has its parent's row
		"consensus":        {m + "protocol/tx", m + "ledger", "sync"},           // allowed
	}
	got := archlint.CheckLayers(archlint.Module, archlint.Packages, probe)
	want := []string{
		"gateway: imports third-party github.com/cockroachdb/pebble/v2, which its row of the package table does not allow",
		"ledger: imports eventlog, which its row of the package table does not allow",
		"newpkg: in no row of the package table",
		"projections/mine: imports projections, which its row of the package table does not allow",
		"protocol/codec: imports ledger, which its row of the package table does not allow",
		"rpc: imports actors, which its row of the package table does not allow",
		"rpc: imports third-party github.com/asynkron/protoactor-go, which its row of the package table does not allow",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("violations:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
