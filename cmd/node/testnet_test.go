package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/ports"
	"github.com/sqledger/sqledger/internal/wsclient"
)

// testnet is a local validator network of node processes for a test.
type testnet struct {
	t       *testing.T
	bin     string
	dir     string
	base    int
	procs   []*proc
	clients []*wsclient.Client
}

// newTestnet writes a network of n validators and full full nodes
// (node n…) with ledgers every interval (CometBFT's timeout_commit and
// timeout_propose); no node runs yet.
func newTestnet(t *testing.T, bin string, n, full int, interval string) *testnet {
	t.Helper()
	tn := &testnet{t: t, bin: bin, dir: t.TempDir(), base: freeBase(t, n+full),
		procs: make([]*proc, n+full), clients: make([]*wsclient.Client, n+full)}
	out, err := exec.Command(bin, "testnet", "--validators", fmt.Sprint(n), "--full-nodes", fmt.Sprint(full), "--dir", tn.dir,
		"--port-base", fmt.Sprint(tn.base), "--ledger-interval", interval).CombinedOutput()
	if err != nil {
		t.Fatalf("testnet: %v\n%s", err, out)
	}
	return tn
}

func (tn *testnet) nodeDir(i int) string { return filepath.Join(tn.dir, fmt.Sprintf("node%d", i)) }

// start runs node i (env added to its environment) and connects to it.
func (tn *testnet) start(i int, env ...string) {
	tn.t.Helper()
	addr := fmt.Sprintf("127.0.0.1:%d", tn.base+portStride*i+portWS)
	tn.procs[i] = spawnEnv(tn.t, tn.bin, addr, env, "run", "--config", filepath.Join(tn.nodeDir(i), "config.toml"))
	c, err := wsclient.Dial("ws://"+addr+"/", wsclient.Options{})
	if err != nil {
		tn.t.Fatal(err)
	}
	tn.clients[i] = c
	tn.t.Cleanup(func() { c.Close() })
}

// startAll starts every node.
func (tn *testnet) startAll() {
	tn.t.Helper()
	for i := range tn.procs {
		tn.start(i)
	}
}

// stop sends sig to node i, waits for its exit and returns its status.
func (tn *testnet) stop(i int, sig syscall.Signal) error {
	tn.t.Helper()
	tn.clients[i].Close()
	return tn.procs[i].signal(tn.t, sig)
}

// closed is node i's last validated ledger.
func (tn *testnet) closed(i int) int {
	tn.t.Helper()
	return int(call(tn.t, tn.clients[i], map[string]any{"command": "ledger_closed"})["ledger_index"].(float64))
}

// waitLedger waits until node i has validated ledger seq.
func (tn *testnet) waitLedger(ctx context.Context, i, seq int) {
	tn.t.Helper()
	for tn.closed(i) < seq {
		if ctx.Err() != nil {
			tn.t.Fatalf("node%d did not reach ledger %d", i, seq)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// ledgerHash is node i's hash of ledger seq.
func (tn *testnet) ledgerHash(i, seq int) any {
	tn.t.Helper()
	return call(tn.t, tn.clients[i], map[string]any{"command": "ledger", "ledger_index": seq})["ledger_hash"]
}

const genesisAccount, genesisSecret = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"

// pay submits a payment of amount drops from the genesis account to node
// i, with extra fields in tx_json, and returns its hash once the node
// accepted it.
func (tn *testnet) pay(i int, dest any, amount int, extra map[string]any) string {
	tn.t.Helper()
	txj := map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": dest, "Amount": fmt.Sprint(amount)}
	for k, v := range extra {
		txj[k] = v
	}
	r := call(tn.t, tn.clients[i], map[string]any{"command": "submit", "secret": genesisSecret, "tx_json": txj})
	if r["engine_result"] != "tesSUCCESS" {
		tn.t.Fatalf("payment on node%d: %v", i, r)
	}
	return r["tx_json"].(map[string]any)["hash"].(string)
}

// wallet is a new account's address.
func (tn *testnet) wallet(passphrase string) any {
	tn.t.Helper()
	return call(tn.t, tn.clients[0], map[string]any{"command": "wallet_propose", "passphrase": passphrase})["account_id"]
}

// TestTestnet writes a 4-validator network, starts its nodes, pays on
// node0, sees the payment validated on node2, and finds the same ledger
// hash at its ledger on all four.
func TestTestnet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs four node binaries")
	}
	const n = 4
	tn := newTestnet(t, buildNode(t), n, 0, "500ms")
	for _, f := range []string{"priv_validator_key.json", "node_key.json"} {
		fi, err := os.Stat(filepath.Join(tn.nodeDir(1), "comet", "config", f))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, mode %v; want 0600", f, err, fi.Mode())
		}
	}
	tn.startAll()
	h := tn.pay(0, tn.wallet("testnet-dest"), 50_000_000, nil)
	call(t, tn.clients[2], map[string]any{"command": "subscribe", "transaction": h})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := tn.clients[2].WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	if err != nil || m["status"] != "validate_success" {
		t.Fatalf("node2: %v, %v; want validate_success", m, err)
	}
	seq := int(call(t, tn.clients[2], map[string]any{"command": "tx", "transaction": h})["ledger_index"].(float64))
	var want any
	for i := range n {
		tn.waitLedger(ctx, i, seq)
		if got := tn.ledgerHash(i, seq); i == 0 {
			want = got
		} else if got != want {
			t.Fatalf("ledger %v: node%d has %v, node0 %v", seq, i, got, want)
		}
	}
	t.Logf("payment validated in ledger %v, hash %v on all %d nodes", seq, want, n)
	checkNetworkFacts(ctx, t, tn.clients[0], n)
}

// checkNetworkFacts checks what a node of an n-validator network reports
// of it: server_info (peers, state, quorum, its validator key), unl_list
// and NKN getconnectioncount.
func checkNetworkFacts(ctx context.Context, t *testing.T, c *wsclient.Client, n int) {
	t.Helper()
	var info map[string]any
	for {
		info = call(t, c, map[string]any{"command": "server_info"})["info"].(map[string]any)
		if info["peers"] == float64(n-1) || ctx.Err() != nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	key, _ := info["pubkey_validator"].(string)
	if info["peers"] != float64(n-1) || info["validation_quorum"] != float64(2*n/3+1) || !strings.HasPrefix(key, "n") ||
		(info["server_state"] != "proposing" && info["server_state"] != "full") {
		t.Fatalf("server_info of node0: %v", info)
	}
	unl := call(t, c, map[string]any{"command": "unl_list"})["unl"].([]any)
	if len(unl) != n || !slices.ContainsFunc(unl, func(v any) bool { return v.(map[string]any)["pubkey_validator"] == key }) {
		t.Fatalf("unl_list: %v; want %d validators with node0's %s", unl, n, key)
	}
	if err := c.Send([]byte(`{"Action":"getconnectioncount"}`)); err != nil {
		t.Fatal(err)
	}
	m, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["Action"] == "getconnectioncount" })
	if err != nil || m["Result"] != float64(n-1) {
		t.Fatalf("getconnectioncount: %v, %v; want %d", m, err, n-1)
	}
	t.Logf("node0: %d peers, quorum %v, state %v, validator %s", n-1, info["validation_quorum"], info["server_state"], key)
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
