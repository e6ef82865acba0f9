package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// paidDataDir runs the node binary on a new data directory, makes n
// payments validate, stops the node with SIGTERM and returns the
// directory.
func paidDataDir(t *testing.T, bin string, n int) string {
	t.Helper()
	dir := t.TempDir()
	p := startProc(t, bin, dir)
	c, err := wsclient.Dial("ws://"+p.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for i := range n {
		w := call(t, c, map[string]any{"command": "wallet_propose", "passphrase": fmt.Sprint("replay-", i)})
		r := call(t, c, map[string]any{"command": "submit", "secret": genesisSecret, "tx_json": map[string]any{
			"TransactionType": "Payment", "Account": genesisAccount, "Destination": w["account_id"], "Amount": "50000000"}})
		if r["engine_result"] != "tesSUCCESS" {
			t.Fatalf("payment %d: %v", i, r)
		}
		h := r["tx_json"].(map[string]any)["hash"].(string)
		call(t, c, map[string]any{"command": "subscribe", "transaction": h})
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		m, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
		cancel()
		if err != nil || m["status"] != "validate_success" {
			t.Fatalf("payment %d not validated: %v %v", i, m, err)
		}
	}
	if err := p.signal(t, syscall.SIGTERM); err != nil {
		t.Fatalf("node exit after SIGTERM: %v", err)
	}
	return dir
}

// treeDigest describes every file and directory under root: path, mode,
// size and the SHA-256 of its bytes. A missing root is "".
func treeDigest(t *testing.T, root string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		fmt.Fprintf(&b, "%s %v %d", rel, info.Mode(), info.Size())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteByte('\n')
		return nil
	})
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// replayBin runs node replay with args and returns its exit error,
// stdout and stderr (a pipe, not a terminal).
func replayBin(t *testing.T, bin string, args ...string) (error, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"replay"}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return err, stdout.String(), stderr.String()
}

// TestReplayWritesNothing runs replay, a check, on directories that hold
// no event log (missing, empty, holding other files, an empty eventlog
// directory): each is a non-zero exit naming the directory, and the tree
// is byte-identical afterwards (a missing one is not created). On a real
// log the event log's files are unchanged too.
func TestReplayWritesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	for _, tc := range []struct {
		name  string
		setup func(dir string) error
	}{
		{"missing", func(string) error { return nil }},
		{"empty", func(dir string) error { return os.Mkdir(dir, 0o755) }},
		{"other files", func(dir string) error {
			if err := os.MkdirAll(filepath.Join(dir, "notes"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dir, "notes", "a.txt"), []byte("not a log"), 0o644)
		}},
		{"empty eventlog directory", func(dir string) error { return os.MkdirAll(filepath.Join(dir, "eventlog"), 0o755) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			if err := tc.setup(dir); err != nil {
				t.Fatal(err)
			}
			before := treeDigest(t, dir)
			err, stdout, stderr := replayBin(t, bin, "--data-dir", dir)
			if err == nil {
				t.Fatalf("replay of %s succeeded:\n%s%s", tc.name, stdout, stderr)
			}
			if want := "no event log at " + dir; !strings.Contains(stderr, want) {
				t.Fatalf("replay said %q, want it to say %q", stderr, want)
			}
			if after := treeDigest(t, dir); after != before {
				t.Fatalf("replay changed the directory:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	t.Run("a log", func(t *testing.T) {
		dir := paidDataDir(t, bin, 2)
		logDir := filepath.Join(dir, "eventlog")
		before := treeDigest(t, logDir)
		err, stdout, stderr := replayBin(t, bin, "--data-dir", dir, "--quiet")
		if err != nil || !strings.Contains(stdout, "mismatches:   0") {
			t.Fatalf("replay: %v\n%s%s", err, stdout, stderr)
		}
		if after := treeDigest(t, logDir); after != before {
			t.Fatalf("replay changed the event log:\nbefore:\n%s\nafter:\n%s", before, after)
		}
	})
}

// TestReplayProgress runs replay --projections with stderr a pipe: each
// of the two progress bars ends at 100 %.
func TestReplayProgress(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	dir := paidDataDir(t, bin, 2)
	err, stdout, stderr := replayBin(t, bin, "--data-dir", dir, "--projections")
	if err != nil {
		t.Fatalf("replay: %v\n%s%s", err, stdout, stderr)
	}
	for _, bar := range []string{"replaying ledgers", "rebuilding SQL tables"} {
		i := strings.LastIndex(stderr, bar)
		if i < 0 {
			t.Fatalf("no %q bar in %q", bar, stderr)
		}
		last := stderr[i:]
		if j := strings.IndexAny(last, "\r\n"); j >= 0 {
			last = last[:j]
		}
		if !strings.Contains(last, "100%") {
			t.Errorf("the %q bar ends at %q, not at 100%%; stderr:\n%q", bar, last, stderr)
		}
	}
}
