package rpc_test

import (
	"bufio"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/rpc"
)

// coverageRow is one command of COVERAGE.md.
type coverageRow struct {
	name, role, state, note string
}

// readCoverage parses COVERAGE.md's command table.
func readCoverage(t *testing.T) []coverageRow {
	t.Helper()
	f, err := os.Open("COVERAGE.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []coverageRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if len(cells) != 4 {
			t.Fatalf("COVERAGE.md: row %q has %d cells", line, len(cells))
		}
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, coverageRow{strings.Trim(cells[0], "`"), cells[1], cells[2], cells[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCoverage holds COVERAGE.md to the node: it lists every command of
// chainsqld's handler table once, and each answers as the table says
// when a session sends it without parameters: a served command is
// dispatched to its handler (which may refuse the missing parameters,
// but not as unknown or unsupported), a refused one is notSupported
// with the reason written there, a not-yet one is unknownCmd, and an
// admin command is noPermission for a guest. Every command the node
// serves is in the table.
func TestCoverage(t *testing.T) {
	rows := readCoverage(t)
	want, err := os.ReadFile("testdata/chainsqld-commands.txt")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, r := range rows {
		listed = append(listed, r.name)
	}
	if !slices.Equal(listed, strings.Fields(string(want))) {
		t.Fatalf("COVERAGE.md lists %d commands, not chainsqld's %d in order", len(listed), len(strings.Fields(string(want))))
	}
	for _, name := range rpc.CommandNames() {
		if !slices.Contains(listed, name) {
			t.Errorf("%s is in the command table but not in COVERAGE.md", name)
		}
	}
	ch := newChain(t)
	cfg := rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), GMDir: t.TempDir()}
	admin, guest := newHarness(t, cfg, true), newHarness(t, cfg, false)
	answer := func(h *harness, name string) map[string]any {
		replies := h.send(gateway.ChainSQL, name, nil)
		switch len(replies) {
		case 0:
			return nil // deferred: the handler ran and asked for more
		case 1:
			return decode(t, replies[0])
		}
		t.Fatalf("%s: %d replies", name, len(replies))
		return nil
	}
	for _, r := range rows {
		a := answer(admin, r.name)
		switch r.state {
		case "served":
			if a != nil && (a["error"] == "unknownCmd" || a["error"] == "notSupported") {
				t.Errorf("served %s: %v", r.name, a)
			}
		case "refused":
			if a["error"] != "notSupported" || a["error_message"] != r.note {
				t.Errorf("refused %s: %v, want notSupported %q", r.name, a, r.note)
			}
		case "not yet":
			if a["error"] != "unknownCmd" {
				t.Errorf("not yet %s: %v", r.name, a)
			}
		default:
			t.Errorf("%s: state %q", r.name, r.state)
		}
		if r.state == "not yet" {
			continue
		}
		g := answer(guest, r.name)
		if isAdmin := r.role == "admin"; isAdmin != (g != nil && g["error"] == "noPermission") {
			t.Errorf("%s (role %s) to a guest: %v", r.name, r.role, g)
		}
	}
}

// TestRandomVersion checks the two small served commands: random is 64
// uppercase hex digits, new each time; version is the build version.
func TestRandomVersion(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, false)
	seen := map[string]bool{}
	for range 3 {
		r := h.call("random", nil)["result"].(map[string]any)["random"].(string)
		if len(r) != 64 || strings.Trim(r, "0123456789ABCDEF") != "" || seen[r] {
			t.Fatalf("random %q (seen %v)", r, seen)
		}
		seen[r] = true
	}
	if v := h.call("version", nil)["result"].(map[string]any)["version"]; v != rpc.Version {
		t.Fatalf("version %v, want %s", v, rpc.Version)
	}
}
