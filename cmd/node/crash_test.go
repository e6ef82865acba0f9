package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// built is the node binary, built once for the package's tests (its
// directory is removed by TestMain).
var built struct {
	once     sync.Once
	dir, bin string
	err      error
}

// TestMain removes the built node binary and stops the PostgreSQL
// server after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	if pg.srv != nil {
		if err := pg.srv.Remove(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

// buildNode builds the node binary once per test run.
func buildNode(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "sqledger-node-test-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "node")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// proc is a node running as a subprocess.
type proc struct {
	cmd  *exec.Cmd
	addr string
	log  *procLog
	// exited is closed when the process has exited, with err its exit
	// status.
	exited chan struct{}
	err    error
}

func startProc(t *testing.T, bin, dir string, extra ...string) *proc {
	t.Helper()
	addr := freePort(t)
	return spawn(t, bin, addr, append([]string{"--data-dir", dir, "--ws", addr, "--rpc-http", "", "--ledger-interval", "100ms", "--select-limit", "100000"}, extra...)...)
}

// spawn runs the node binary with args until the test ends, once it has
// logged that it started; addr is where it serves WebSocket.
func spawn(t *testing.T, bin, addr string, args ...string) *proc {
	t.Helper()
	return spawnEnv(t, bin, addr, nil, args...)
}

// spawnEnv is spawn with env added to the node's environment.
func spawnEnv(t *testing.T, bin, addr string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), addr: addr, exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	p.log = &procLog{t: t, started: make(chan struct{})}
	p.cmd.Stderr = p.log
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.err = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { p.cmd.Process.Kill(); <-p.exited })
	select {
	case <-p.log.started:
	case <-p.exited:
		t.Fatalf("node exited before it started: %v\n%s", p.err, p.log)
	case <-time.After(20 * time.Second):
		t.Fatal("node did not start")
	}
	return p
}

// signal sends sig to the node and waits at most 15 s for its exit
// status.
func (p *proc) signal(t *testing.T, sig syscall.Signal) error {
	t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	return p.wait(t, 15*time.Second)
}

// wait waits at most d for the node's exit and returns its status.
func (p *proc) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-p.exited:
		return p.err
	case <-time.After(d):
		t.Fatalf("node still running after %v", d)
		return nil
	}
}

// procLog is a node's stderr: it keeps every line, passes warnings and
// errors to the test log, and notices "node started".
type procLog struct {
	t       *testing.T
	mu      sync.Mutex
	partial []byte
	lines   []string
	started chan struct{}
	// isStarted: started is closed.
	isStarted bool
}

func (l *procLog) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, b...)
	for {
		i := bytes.IndexByte(l.partial, '\n')
		if i < 0 {
			return len(b), nil
		}
		line := string(l.partial[:i])
		l.partial = l.partial[i+1:]
		l.lines = append(l.lines, line)
		if strings.Contains(line, "level=ERROR") || strings.Contains(line, "level=WARN") {
			l.t.Log("node: " + line)
		}
		if !l.isStarted && strings.Contains(line, "node started") {
			l.isStarted = true
			close(l.started)
		}
	}
}

// find is the first line holding every one of subs, or "".
func (l *procLog) find(subs ...string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		all := true
		for _, s := range subs {
			all = all && strings.Contains(line, s)
		}
		if all {
			return line
		}
	}
	return ""
}

func (l *procLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

func call(t *testing.T, c *wsclient.Client, req map[string]any) map[string]any {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := c.Call(ctx, req)
	if err != nil {
		t.Fatalf("%v: %v", req["command"], err)
	}
	if r["status"] != "success" {
		t.Fatalf("%v: %v", req["command"], r)
	}
	res := r["result"].(map[string]any)
	if _, ok := res["diff"]; ok {
		// Query answers carry diff beside lines; keep both reachable.
		return res
	}
	return res
}

// snapshot is what must survive a crash: every ledger hash, every
// transaction's result and every balance.
func snapshot(t *testing.T, c *wsclient.Client, hashes []string, accounts []string) string {
	t.Helper()
	var b strings.Builder
	closed := call(t, c, map[string]any{"command": "ledger_closed"})
	last := int(closed["ledger_index"].(float64))
	for i := 1; i <= last; i++ {
		l := call(t, c, map[string]any{"command": "ledger", "ledger_index": i})
		fmt.Fprintf(&b, "ledger %d %s\n", i, l["ledger_hash"])
	}
	for _, h := range hashes {
		tx := call(t, c, map[string]any{"command": "tx", "transaction": h})
		fmt.Fprintf(&b, "tx %s %v %v\n", h, tx["ledger_index"], tx["meta"].(map[string]any)["TransactionResult"])
	}
	for _, a := range accounts {
		ai := call(t, c, map[string]any{"command": "account_info", "account": a, "ledger_index": "validated"})
		d := ai["account_data"].(map[string]any)
		fmt.Fprintf(&b, "account %s %v %v\n", a, d["Balance"], d["Sequence"])
	}
	return b.String()
}

// TestSIGKILL kills the node right after its transactions validate,
// restarts it on the same data directory, finds everything unchanged,
// and checks that replay reports no mismatch.
func TestSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	dir := t.TempDir()
	p := startProc(t, bin, dir)
	c, err := wsclient.Dial("ws://"+p.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const genesis, secret = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	accounts := []string{genesis}
	var hashes []string
	for i := 0; i < 30; i++ {
		w := call(t, c, map[string]any{"command": "wallet_propose", "passphrase": fmt.Sprint("crash-", i%7)})
		dest := w["account_id"].(string)
		if i < 7 {
			accounts = append(accounts, dest)
		}
		r := call(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": map[string]any{
			"TransactionType": "Payment", "Account": genesis, "Destination": dest, "Amount": fmt.Sprint(5_000_000 + i)}})
		if r["engine_result"] != "tesSUCCESS" {
			t.Fatalf("payment %d: %v", i, r)
		}
		h := r["tx_json"].(map[string]any)["hash"].(string)
		hashes = append(hashes, h)
		call(t, c, map[string]any{"command": "subscribe", "transaction": h})
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for validated := 0; validated < len(hashes); {
		m, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
		if err != nil {
			t.Fatalf("waiting for validation (%d of %d): %v", validated, len(hashes), err)
		}
		if m["status"] != "validate_success" {
			t.Fatalf("notification: %v", m)
		}
		validated++
	}
	before := snapshot(t, c, hashes, accounts)
	p.signal(t, syscall.SIGKILL)
	c.Close()

	p2 := startProc(t, bin, dir)
	c2, err := wsclient.Dial("ws://"+p2.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, c2, hashes, accounts)
	if before != after {
		t.Fatalf("state changed across SIGKILL:\nbefore:\n%s\nafter:\n%s", before, after)
	}
	c2.Close()
	if err := p2.signal(t, syscall.SIGTERM); err != nil {
		t.Fatalf("node exit after SIGTERM: %v", err)
	}

	out, err := exec.Command(bin, "replay", "--data-dir", dir, "--quiet").CombinedOutput()
	if err != nil {
		t.Fatalf("replay: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "mismatches:   0") || !strings.Contains(string(out), "transactions: 30") {
		t.Fatalf("replay output:\n%s", out)
	}
}
