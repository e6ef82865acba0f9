package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/node"
)

// The faults a 4-validator network survives (issue 12), each on its own
// network of node processes with 300 ms ledgers.

// runningTestnet is a running 4-validator network with 300 ms ledgers;
// under -short the test is skipped.
func runningTestnet(t *testing.T) *testnet {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs four node binaries")
	}
	tn := newTestnet(t, buildNode(t), 4, 0, "300ms")
	tn.startAll()
	return tn
}

// txOn is node i's answer to tx for h, or nil when it answers
// txnNotFound.
func (tn *testnet) txOn(i int, h string) map[string]any {
	tn.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r, err := tn.clients[i].Call(ctx, map[string]any{"command": "tx", "transaction": h})
	if err != nil {
		tn.t.Fatalf("tx on node%d: %v", i, err)
	}
	if r["status"] == "success" {
		return r["result"].(map[string]any)
	}
	if r["error"] == "txnNotFound" {
		return nil
	}
	tn.t.Fatalf("tx on node%d: %v", i, r)
	return nil
}

// waitTx waits until node i has h in a validated ledger with tesSUCCESS
// and returns that ledger.
func (tn *testnet) waitTx(ctx context.Context, i int, h string) int {
	tn.t.Helper()
	for {
		if r := tn.txOn(i, h); r != nil {
			if res := r["meta"].(map[string]any)["TransactionResult"]; res != "tesSUCCESS" {
				tn.t.Fatalf("node%d: %s is %v", i, h, res)
			}
			return int(r["ledger_index"].(float64))
		}
		if ctx.Err() != nil {
			tn.t.Fatalf("node%d: %s not validated", i, h)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// sequence is the genesis account's validated Sequence on node i.
func (tn *testnet) sequence(i int) float64 {
	tn.t.Helper()
	ai := call(tn.t, tn.clients[i], map[string]any{"command": "account_info", "account": genesisAccount, "ledger_index": "validated"})
	return ai["account_data"].(map[string]any)["Sequence"].(float64)
}

// readLog is every ledger of node i's event log; the node must have
// stopped.
func (tn *testnet) readLog(i int) []*eventlog.Ledger {
	tn.t.Helper()
	l, err := eventlog.Open(node.EventLogDir(filepath.Join(tn.nodeDir(i), "data")), eventlog.Options{})
	if err != nil {
		tn.t.Fatal(err)
	}
	defer l.Close()
	var all []*eventlog.Ledger
	if err := l.Iterate(1, func(led *eventlog.Ledger) error { all = append(all, led); return nil }); err != nil {
		tn.t.Fatal(err)
	}
	return all
}

// TestTestnetKillOne kills node3 with SIGKILL while node0 takes 100
// payments at about 40/s: every payment validates on the three others;
// restarted, node3 catches up, and after all four stop their event logs
// hold the same records, ledger by ledger, up to the shortest.
func TestTestnetKillOne(t *testing.T) {
	tn := runningTestnet(t)
	dests := []any{tn.wallet("kill-one-0"), tn.wallet("kill-one-1"), tn.wallet("kill-one-2")}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := range 4 {
		tn.waitLedger(ctx, i, 3) // the network is validating
	}
	const total, killAt = 100, 30
	var hashes []string
	for i := range total {
		if i == killAt {
			tn.stop(3, syscall.SIGKILL)
		}
		hashes = append(hashes, tn.pay(0, dests[i%len(dests)], 5_000_000+i, nil))
		time.Sleep(25 * time.Millisecond)
	}
	last := 0
	for _, h := range hashes {
		for i := range 3 {
			last = max(last, tn.waitTx(ctx, i, h))
		}
	}
	tn.start(3)
	tn.waitLedger(ctx, 3, last)
	for _, h := range hashes {
		tn.waitTx(ctx, 3, h)
	}
	for i := range 4 {
		if err := tn.stop(i, syscall.SIGTERM); err != nil {
			t.Fatalf("node%d exit: %v", i, err)
		}
	}
	logs := make([][]*eventlog.Ledger, 4)
	common := 0
	for i := range logs {
		logs[i] = tn.readLog(i)
		if len(logs[i]) < last {
			t.Fatalf("node%d's log ends at %d, before ledger %d", i, len(logs[i]), last)
		}
		if i == 0 || len(logs[i]) < common {
			common = len(logs[i])
		}
	}
	for seq := 1; seq <= common; seq++ {
		for i := 1; i < 4; i++ {
			if !reflect.DeepEqual(logs[i][seq-1], logs[0][seq-1]) {
				t.Fatalf("ledger %d: node%d's log record differs from node0's:\n%+v\n%+v", seq, i, logs[i][seq-1], logs[0][seq-1])
			}
		}
	}
	t.Logf("%d payments validated by ledger %d; logs equal on all 4 nodes through ledger %d", total, last, common)
}

// TestTestnetKillTwo kills two of four validators: for several ledger
// intervals nothing validates (no validate_success, the validated ledger
// stays), what validated before is kept; with both restarted the
// network continues and the pending payment validates, the same on all.
func TestTestnetKillTwo(t *testing.T) {
	tn := runningTestnet(t)
	dest := tn.wallet("kill-two")
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	before := tn.pay(0, dest, 7_000_000, nil)
	for i := range 4 {
		tn.waitTx(ctx, i, before)
	}
	tn.stop(2, syscall.SIGKILL)
	tn.stop(3, syscall.SIGKILL)
	time.Sleep(time.Second) // a block that had its votes may still commit
	closed := []int{tn.closed(0), tn.closed(1)}
	pending := tn.pay(0, dest, 7_000_001, nil)
	for i := range 2 {
		call(t, tn.clients[i], map[string]any{"command": "subscribe", "transaction": pending})
	}
	quiet, cancelQuiet := context.WithTimeout(ctx, 3*time.Second) // 10 intervals
	m, err := tn.clients[0].WaitFor(quiet, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	cancelQuiet()
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("node0 with two of four validators down: %v, %v; want no notification", m, err)
	}
	for i := range 2 {
		if got := tn.closed(i); got != closed[i] {
			t.Fatalf("node%d validated ledger %d with two of four validators down (was %d)", i, got, closed[i])
		}
		if tn.txOn(i, pending) != nil {
			t.Fatalf("node%d has the pending payment in a ledger", i)
		}
		tn.waitTx(ctx, i, before)
	}
	tn.start(2)
	tn.start(3)
	for i := range 2 {
		m, err := tn.clients[i].WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
		if err != nil || m["status"] != "validate_success" {
			t.Fatalf("node%d after the restarts: %v, %v; want validate_success", i, m, err)
		}
	}
	seq := tn.waitTx(ctx, 0, pending)
	for i := 1; i < 4; i++ {
		if got := tn.waitTx(ctx, i, pending); got != seq {
			t.Fatalf("pending payment in ledger %d on node%d, %d on node0", got, i, seq)
		}
		tn.waitTx(ctx, i, before)
	}
	t.Logf("stalled at ledger %d; the pending payment validated in ledger %d", closed[0], seq)
}

// TestTestnetSubmitThenDie submits a payment with a LastLedgerSequence
// to node3 and kills it at once: once that ledger has passed, the three
// others agree that it either validated once (it was gossiped) or never
// did (it expired), and the account's sequence moved by exactly that.
func TestTestnetSubmitThenDie(t *testing.T) {
	tn := runningTestnet(t)
	dest := tn.wallet("submit-then-die")
	seq0 := tn.sequence(3)
	lls := tn.closed(3) + 4
	h := tn.pay(3, dest, 9_000_000, map[string]any{"LastLedgerSequence": lls})
	tn.stop(3, syscall.SIGKILL)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var outcome []string
	for i := range 3 {
		tn.waitLedger(ctx, i, lls+2)
		r := tn.txOn(i, h)
		switch seq := tn.sequence(i); {
		case r == nil && seq == seq0:
			outcome = append(outcome, "expired")
		case r != nil && seq == seq0+1 && r["meta"].(map[string]any)["TransactionResult"] == "tesSUCCESS" &&
			int(r["ledger_index"].(float64)) <= lls:
			outcome = append(outcome, fmt.Sprint("validated in ledger ", r["ledger_index"]))
		default:
			t.Fatalf("node%d: tx %v, account sequence %v (was %v, LastLedgerSequence %d)", i, r, seq, seq0, lls)
		}
	}
	if outcome[1] != outcome[0] || outcome[2] != outcome[0] {
		t.Fatalf("the survivors disagree: %v", outcome)
	}
	t.Logf("the payment to the dead node: %s", outcome[0])
}

// TestTestnetDivergence starts node3 with the divergence hook
// (SQLEDGER_TEST_DIVERGE_AT): its app hash for ledger 6 is wrong, so the
// network's next block (height 6, ledger 7) fails CometBFT's app-hash
// check there and node3 exits non-zero naming the height and both hashes,
// its log ending at the true ledger 6; the other three continue.
func TestTestnetDivergence(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs four node binaries")
	}
	const from = 6
	tn := newTestnet(t, buildNode(t), 4, 0, "300ms")
	// node3 first, so that it is in consensus, not block sync, at ledger 6.
	tn.start(3, fmt.Sprintf("%s=%d", divergeEnv, from))
	for i := range 3 {
		tn.start(i)
	}
	if err := tn.procs[3].wait(t, 30*time.Second); err == nil {
		t.Fatal("the diverged node exited with status 0")
	}
	want := fmt.Sprintf("consensus halted at height %d (ledger %d)", from, from+1)
	line := tn.procs[3].log.find(want, "AppHash", "Expected", "got")
	if line == "" {
		t.Fatalf("no line with %q and both app hashes in the diverged node's log:\n%s", want, tn.procs[3].log)
	}
	t.Log(line)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tn.waitLedger(ctx, 0, from+4)
	for i := range 3 {
		tn.waitLedger(ctx, i, from+3)
	}
	for i := 1; i < 3; i++ {
		if tn.ledgerHash(i, from+3) != tn.ledgerHash(0, from+3) {
			t.Fatalf("node%d's ledger %d differs from node0's", i, from+3)
		}
	}
	led := tn.readLog(3)
	if len(led) != from || !strings.EqualFold(fmt.Sprintf("%X", led[from-1].Hash), fmt.Sprint(tn.ledgerHash(0, from))) {
		t.Fatalf("the diverged node's log holds %d ledgers; want %d, the last with node0's hash %v", len(led), from, tn.ledgerHash(0, from))
	}
}

// TestTestnetFullNodeJoins starts a fifth node, a full node not in the
// validator set, after the four validators have validated payments: it
// joins from genesis by block sync, then holds every payment, the same
// ledger hashes as the validators and the same event log records, and
// reports itself as a synced non-validator ("full", pubkey_validator
// "none").
func TestTestnetFullNodeJoins(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs five node binaries")
	}
	tn := newTestnet(t, buildNode(t), 4, 1, "300ms")
	for i := range 4 {
		tn.start(i)
	}
	dest := tn.wallet("full-node-dest")
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	var hashes []string
	for i := range 20 {
		hashes = append(hashes, tn.pay(0, dest, 5_000_000+i, nil))
	}
	last := 0
	for _, h := range hashes {
		last = max(last, tn.waitTx(ctx, 0, h))
	}
	tn.waitLedger(ctx, 0, last+5)
	tn.start(4)
	tn.waitLedger(ctx, 4, last+5)
	for _, h := range hashes {
		tn.waitTx(ctx, 4, h)
	}
	for seq := 2; seq <= last+5; seq++ {
		if got, want := tn.ledgerHash(4, seq), tn.ledgerHash(0, seq); got != want {
			t.Fatalf("ledger %d: the full node has %v, node0 %v", seq, got, want)
		}
	}
	var info map[string]any
	for {
		info = call(t, tn.clients[4], map[string]any{"command": "server_info"})["info"].(map[string]any)
		if info["server_state"] == "full" || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if info["server_state"] != "full" || info["pubkey_validator"] != "none" || info["peers"] != float64(4) {
		t.Fatalf("server_info of the full node: %v; want server_state full, pubkey_validator none, 4 peers", info)
	}
	// A payment submitted to the full node is gossiped to the validators
	// and validated. Its LastLedgerSequence leaves it 100 ledgers: the
	// node's default (open ledger + 10, 3 s of 300 ms ledgers) lets it
	// expire, never validated, when the machine is loaded enough that
	// the gossip from a node that has just caught up takes longer (seen
	// in CI with the other packages' tests running beside it).
	cur := call(t, tn.clients[4], map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	h := tn.pay(4, dest, 7_000_000, map[string]any{"LastLedgerSequence": int(cur) + 100})
	seq := tn.waitTx(ctx, 4, h)
	if got := tn.waitTx(ctx, 1, h); got != seq {
		t.Fatalf("payment via the full node: ledger %d on node4, %d on node1", seq, got)
	}
	for i := range 5 {
		if err := tn.stop(i, syscall.SIGTERM); err != nil {
			t.Fatalf("node%d exit: %v", i, err)
		}
	}
	full, val := tn.readLog(4), tn.readLog(0)
	n := min(len(full), len(val))
	if n < seq {
		t.Fatalf("logs end at %d (full node) and %d (node0), before ledger %d", len(full), len(val), seq)
	}
	for i := range n {
		if !reflect.DeepEqual(full[i], val[i]) {
			t.Fatalf("ledger %d: the full node's log record differs from node0's", i+1)
		}
	}
	t.Logf("the full node joined from genesis through ledger %d; logs equal through ledger %d", last+5, n)
}
