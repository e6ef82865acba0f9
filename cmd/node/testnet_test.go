package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// freePortBase finds a port base whose ports for n testnet nodes are
// free now.
func freePortBase(t *testing.T, n int) int {
	t.Helper()
	for range 20 {
		base := 30000 + portStride*rand.IntN(3000)
		free := true
		for i := 0; i < n*portStride && free; i++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i))
			if err != nil {
				free = false
				continue
			}
			l.Close()
		}
		if free {
			return base
		}
	}
	t.Fatal("no free port range")
	return 0
}

// TestTestnet writes a 4-validator network, starts its nodes, pays on
// node0, sees the payment validated on node2, and finds the same ledger
// hash at its ledger on all four.
func TestTestnet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs four node binaries")
	}
	const n = 4
	bin := buildNode(t)
	dir, base := t.TempDir(), freePortBase(t, n)
	out, err := exec.Command(bin, "testnet", "--validators", fmt.Sprint(n), "--dir", dir,
		"--port-base", fmt.Sprint(base), "--ledger-interval", "500ms").CombinedOutput()
	if err != nil {
		t.Fatalf("testnet: %v\n%s", err, out)
	}
	for _, f := range []string{"priv_validator_key.json", "node_key.json"} {
		fi, err := os.Stat(filepath.Join(dir, "node1", "comet", "config", f))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Fatalf("%s: %v, mode %v; want 0600", f, err, fi.Mode())
		}
	}
	clients := make([]*wsclient.Client, n)
	for i := range n {
		addr := fmt.Sprintf("127.0.0.1:%d", base+portStride*i+portWS)
		spawn(t, bin, addr, "run", "--config", filepath.Join(dir, fmt.Sprintf("node%d", i), "config.toml"))
		if clients[i], err = wsclient.Dial("ws://"+addr+"/", wsclient.Options{}); err != nil {
			t.Fatal(err)
		}
		defer clients[i].Close()
	}
	const genesis, secret = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	w := call(t, clients[0], map[string]any{"command": "wallet_propose", "passphrase": "testnet-dest"})
	r := call(t, clients[0], map[string]any{"command": "submit", "secret": secret, "tx_json": map[string]any{
		"TransactionType": "Payment", "Account": genesis, "Destination": w["account_id"], "Amount": "50000000"}})
	if r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("payment: %v", r)
	}
	h := r["tx_json"].(map[string]any)["hash"].(string)
	call(t, clients[2], map[string]any{"command": "subscribe", "transaction": h})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	m, err := clients[2].WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "singleTransaction" })
	if err != nil || m["status"] != "validate_success" {
		t.Fatalf("node2: %v, %v; want validate_success", m, err)
	}
	seq := call(t, clients[2], map[string]any{"command": "tx", "transaction": h})["ledger_index"]
	var want any
	for i, c := range clients {
		for {
			closed := call(t, c, map[string]any{"command": "ledger_closed"})
			if closed["ledger_index"].(float64) >= seq.(float64) {
				break
			}
			if ctx.Err() != nil {
				t.Fatalf("node%d did not reach ledger %v", i, seq)
			}
			time.Sleep(100 * time.Millisecond)
		}
		got := call(t, c, map[string]any{"command": "ledger", "ledger_index": seq})["ledger_hash"]
		if i == 0 {
			want = got
		} else if got != want {
			t.Fatalf("ledger %v: node%d has %v, node0 %v", seq, i, got, want)
		}
	}
	t.Logf("payment validated in ledger %v, hash %v on all %d nodes", seq, want, n)
	checkNetworkFacts(ctx, t, clients[0], n)
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
