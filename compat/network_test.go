package compat

import (
	"bytes"
	"context"
	"encoding/hex"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/internal/ports"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/projections"
)

// Ports of node i in a network written by `node testnet --port-base B`:
// B + portStride*i + portWS serves the ChainSQL WebSocket dialect.
const portStride, portWS = 10, 2

// network is a 4-validator network of node processes (the node binary,
// built by the test, run as `node run --config D/node<i>/config.toml`).
type network struct {
	t     *testing.T
	dir   string
	base  int
	procs []*netProc
}

// netProc is one node process; stderr is its log.
type netProc struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	exited chan struct{}
	err    error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

// tail is the last lines of the log.
func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := strings.Split(strings.TrimRight(b.b.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// buildNode builds cmd/node into a temporary directory.
func buildNode(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "node")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/node").CombinedOutput(); err != nil {
		t.Fatalf("go build ../cmd/node: %v\n%s", err, out)
	}
	return bin
}

// startNetwork writes an n-validator network with ledgers every interval,
// starts its nodes and waits until each has validated ledger 3. Every
// process is killed when the test ends.
func startNetwork(t *testing.T, bin string, n int, interval string) *network {
	t.Helper()
	nw := &network{t: t, dir: t.TempDir(), base: freeBase(t, n), procs: make([]*netProc, n)}
	out, err := exec.Command(bin, "testnet", "--validators", fmt.Sprint(n), "--dir", nw.dir,
		"--port-base", fmt.Sprint(nw.base), "--ledger-interval", interval).CombinedOutput()
	if err != nil {
		t.Fatalf("node testnet: %v\n%s", err, out)
	}
	for i := range n {
		p := &netProc{cmd: exec.Command(bin, "run", "--config", filepath.Join(nw.nodeDir(i), "config.toml")),
			stderr: &syncBuffer{}, exited: make(chan struct{})}
		p.cmd.Stderr = p.stderr
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		go func() { p.err = p.cmd.Wait(); close(p.exited) }()
		t.Cleanup(func() {
			p.cmd.Process.Kill()
			<-p.exited
			if t.Failed() {
				t.Logf("node%d log (tail):\n%s", i, p.stderr.tail(30))
			}
		})
		nw.procs[i] = p
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := range n {
		nw.waitLedger(ctx, i, 3)
	}
	return nw
}

func (nw *network) nodeDir(i int) string { return filepath.Join(nw.dir, fmt.Sprintf("node%d", i)) }

// url is node i's ChainSQL WebSocket URL.
func (nw *network) url(i int) string {
	return fmt.Sprintf("ws://127.0.0.1:%d/", nw.base+portStride*i+portWS)
}

// ask sends one request to node i on a fresh connection and returns its
// result; err is set when the node cannot be reached or does not answer
// success.
func (nw *network) ask(ctx context.Context, i int, req map[string]any) (map[string]any, error) {
	c, err := wsclient.Dial(nw.url(i), wsclient.Options{})
	if err != nil {
		return nil, err
	}
	defer c.Close()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	r, err := c.Call(cctx, req)
	if err != nil {
		return nil, err
	}
	res, ok := r["result"].(map[string]any)
	if r["status"] != "success" || !ok {
		return nil, fmt.Errorf("%v: %v", req["command"], r)
	}
	return res, nil
}

// waitLedger waits until node i has validated ledger seq, or ctx ends.
func (nw *network) waitLedger(ctx context.Context, i, seq int) {
	nw.t.Helper()
	for {
		select {
		case <-nw.procs[i].exited:
			nw.t.Fatalf("node%d exited: %v\n%s", i, nw.procs[i].err, nw.procs[i].stderr.tail(30))
		default:
		}
		if r, err := nw.ask(ctx, i, map[string]any{"command": "ledger_closed"}); err == nil {
			if idx, ok := r["ledger_index"].(float64); ok && int(idx) >= seq {
				return
			}
		}
		if ctx.Err() != nil {
			nw.t.Fatalf("node%d did not reach ledger %d", i, seq)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// closed is node i's last validated ledger.
func (nw *network) closed(ctx context.Context, i int) int {
	nw.t.Helper()
	r, err := nw.ask(ctx, i, map[string]any{"command": "ledger_closed"})
	if err != nil {
		nw.t.Fatalf("ledger_closed on node%d: %v", i, err)
	}
	return int(r["ledger_index"].(float64))
}

// ledgerHash is node i's hash of ledger seq.
func (nw *network) ledgerHash(ctx context.Context, i, seq int) any {
	nw.t.Helper()
	r, err := nw.ask(ctx, i, map[string]any{"command": "ledger", "ledger_index": seq})
	if err != nil {
		nw.t.Fatalf("ledger %d on node%d: %v", seq, i, err)
	}
	return r["ledger_hash"]
}

// stopAll sends SIGTERM to every node and waits at most 15 s for all to
// exit; each must exit cleanly.
func (nw *network) stopAll() {
	nw.t.Helper()
	for _, p := range nw.procs {
		p.cmd.Process.Signal(syscall.SIGTERM)
	}
	timeout := time.After(15 * time.Second)
	for i, p := range nw.procs {
		select {
		case <-p.exited:
			if p.err != nil {
				nw.t.Fatalf("node%d exit after SIGTERM: %v\n%s", i, p.err, p.stderr.tail(30))
			}
		case <-timeout:
			nw.t.Fatalf("node%d still running 15 s after SIGTERM", i)
		}
	}
}

// stored is what a stopped node left in its data directory: its event
// log's head, its hash of ledger seq, its SQL store's checkpoint and
// digest.
type stored struct {
	head, checkpoint uint32
	hashAt           [32]byte
	digest           [32]byte
}

// readStored reads node i's data directory (the node must have stopped)
// with its hash of ledger seq.
func (nw *network) readStored(i int, seq uint32) stored {
	nw.t.Helper()
	data := filepath.Join(nw.nodeDir(i), "data")
	var s stored
	log, err := eventlog.Open(filepath.Join(data, "eventlog"), eventlog.Options{})
	if err != nil {
		nw.t.Fatalf("node%d event log: %v", i, err)
	}
	defer log.Close()
	s.head, _, _ = log.Head()
	if s.hashAt, _, _, err = log.LedgerHeader(seq); err != nil {
		nw.t.Fatalf("node%d ledger %d: %v", i, seq, err)
	}
	proj, err := projections.Open(filepath.Join(data, "sql"), projections.Options{})
	if err != nil {
		nw.t.Fatalf("node%d SQL store: %v", i, err)
	}
	defer proj.Close()
	s.checkpoint, _, _ = proj.Checkpoint()
	if s.digest, err = proj.Digest(context.Background()); err != nil {
		nw.t.Fatalf("node%d digest: %v", i, err)
	}
	return s
}

// TestClientNetwork runs the three client scripts (tables.js, sql.js,
// contract.js, in that order, as the standalone tests check them)
// against node1 of a 4-validator network of node processes with 300 ms
// ledgers. Then it waits until all four have validated the ledger node1
// had closed after the last script and finds the same hash there on
// each, stops all four with SIGTERM, and compares what each left on
// disk: the hash at the last ledger all four event logs hold, and the
// Digest of each SQL store, whose checkpoint must be at or past the
// scripts' last ledger (and which is not an empty store's). All four
// must be equal.
func TestClientNetwork(t *testing.T) {
	installClient(t)
	start := time.Now()
	nw := startNetwork(t, buildNode(t), 4, "300ms")
	t.Logf("network up in %v", time.Since(start).Round(time.Millisecond))
	url := nw.url(1)
	for _, s := range []struct {
		name  string
		check func(*testing.T, string)
	}{{"tables", checkTables}, {"sql", checkSQL}, {"contract", checkContract}} {
		began := time.Now()
		if !t.Run(s.name, func(t *testing.T) { s.check(t, url) }) {
			t.FailNow()
		}
		t.Logf("%s.js on node1: %v", s.name, time.Since(began).Round(time.Millisecond))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	last := nw.closed(ctx, 1)
	want := nw.ledgerHash(ctx, 1, last)
	for i := range nw.procs {
		nw.waitLedger(ctx, i, last)
		if got := nw.ledgerHash(ctx, i, last); got != want || got == nil {
			t.Fatalf("ledger %d: node%d has %v, node1 %v", last, i, got, want)
		}
	}
	t.Logf("ledger %d (after the scripts): hash %v on all four", last, want)

	nw.stopAll()
	var heads []stored
	common := ^uint32(0)
	for i := range nw.procs {
		s := nw.readStored(i, uint32(last))
		heads = append(heads, s)
		common = min(common, s.head)
	}
	empty, err := projections.Open(filepath.Join(t.TempDir(), "sql"), projections.Options{})
	if err != nil {
		t.Fatal(err)
	}
	emptyDigest, err := empty.Digest(context.Background())
	empty.Close()
	if err != nil {
		t.Fatal(err)
	}
	if heads[0].digest == emptyDigest {
		t.Fatal("node0's SQL store is empty after sql.js")
	}
	for i, s := range heads {
		if s.checkpoint < uint32(last) {
			t.Fatalf("node%d: SQL store at ledger %d, before the scripts' last ledger %d (log head %d)", i, s.checkpoint, last, s.head)
		}
		if s.hashAt != heads[0].hashAt {
			t.Fatalf("node%d's log: ledger %d is %x, node0's %x", i, last, s.hashAt, heads[0].hashAt)
		}
		if s.digest != heads[0].digest {
			t.Fatalf("node%d's SQL digest %x, node0's %x (checkpoints %d, %d)", i, s.digest, heads[0].digest, s.checkpoint, heads[0].checkpoint)
		}
	}
	var commonHash [32]byte
	for i := range nw.procs {
		log, err := eventlog.Open(filepath.Join(nw.nodeDir(i), "data", "eventlog"), eventlog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		h, _, _, err := log.LedgerHeader(common)
		log.Close()
		if err != nil {
			t.Fatalf("node%d ledger %d: %v", i, common, err)
		}
		if i == 0 {
			commonHash = h
		} else if h != commonHash {
			t.Fatalf("ledger %d (last common): node%d has %x, node0 %x", common, i, h, commonHash)
		}
	}
	for i, s := range heads {
		t.Logf("node%d: log head %d, SQL checkpoint %d, digest %s", i, s.head, s.checkpoint, hex.EncodeToString(s.digest[:8]))
	}
	t.Logf("last common ledger %d: %x on all four; SQL digests equal; %v in all", common, commonHash[:8], time.Since(start).Round(time.Millisecond))
}

// freeBase is a port base whose ports for n testnet nodes are free now.
func freeBase(t *testing.T, n int) int {
	t.Helper()
	base, err := ports.FreeRange(n*portStride, portStride)
	if err != nil {
		t.Fatal(err)
	}
	return base
}
