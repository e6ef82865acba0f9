package node_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/node"
)

const (
	genesisSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	genesisAccount = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
	// alice is the account of the README's wallet_propose.
	alice = "zp6USDM6WWoosBuJCJkC24iFgNMxwqe1Kg"
)

func start(t *testing.T, dir string) *node.Node {
	t.Helper()
	n, err := node.Start(context.Background(), node.Config{
		DataDir: dir, LedgerInterval: time.Hour, Listen: []string{"127.0.0.1:0"},
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func call(t *testing.T, c *wsclient.Client, req map[string]any) map[string]any {
	t.Helper()
	ctx, cancel := wsclient.Timeout(10 * time.Second)
	defer cancel()
	resp, err := c.Call(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp["status"] != "success" {
		t.Fatalf("%v: %v", req["command"], resp)
	}
	return resp["result"].(map[string]any)
}

// TestStartPayCloseRestart: a node started by node.Start in a new data
// directory takes a payment over WebSocket and closes a ledger with it;
// closed and started again on the same directory, it has the account.
func TestStartPayCloseRestart(t *testing.T) {
	dir := t.TempDir()
	n := start(t, dir)
	c, err := wsclient.Dial(n.URLs()[0], wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := call(t, c, map[string]any{"command": "submit", "secret": genesisSecret,
		"tx_json": map[string]any{"TransactionType": "Payment", "Account": genesisAccount, "Destination": alice, "Amount": "1000000000"}})
	if r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit: %v", r)
	}
	call(t, c, map[string]any{"command": "ledger_accept"})
	c.Close()
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}

	n = start(t, dir)
	defer n.Close()
	c, err = wsclient.Dial(n.URLs()[0], wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	info := call(t, c, map[string]any{"command": "account_info", "account": alice, "ledger_index": "validated"})
	data := info["account_data"].(map[string]any)
	if data["Balance"] != "1000000000" || info["ledger_index"] != float64(2) {
		t.Fatalf("after a restart: %v", info)
	}
}
