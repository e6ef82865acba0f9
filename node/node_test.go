package node_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/httpapi"
	"github.com/sqledger/sqledger/internal/gmdata"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/metrics"
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

// TestStartRefusesBeforeTouchingData: a listen address that is
// malformed or taken fails Start before the data directory is created;
// a data directory another node has open fails it naming the directory.
func TestStartRefusesBeforeTouchingData(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	free := "127.0.0.1:0"
	for _, tc := range []struct {
		name, ws, rpc, metrics, want string
	}{
		{"not a port", "127.0.0.1:notaport", free, "", "notaport"},
		{"no port", "127.0.0.1", free, "", "missing port"},
		{"taken", taken.Addr().String(), free, "", "WebSocket listener: listen tcp " + taken.Addr().String() + ": bind: address already in use"},
		{"JSON-RPC taken", free, taken.Addr().String(), "", "JSON-RPC listener: listen tcp " + taken.Addr().String() + ": bind: address already in use"},
		{"metrics taken", free, free, taken.Addr().String(), "metrics listener: listen tcp " + taken.Addr().String() + ": bind: address already in use"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			n, err := node.Start(context.Background(), node.Config{
				DataDir: dir, Listen: []string{tc.ws}, HTTP: httpapi.Config{Listen: []string{tc.rpc}}, Metrics: metrics.Config{Listen: tc.metrics},
				Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
			})
			if err == nil {
				n.Close()
				t.Fatalf("started on %s, %s, %s", tc.ws, tc.rpc, tc.metrics)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to say %q", err, tc.want)
			}
			if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
				t.Fatalf("the data directory exists after a failed start (%v)", err)
			}
		})
	}
}

// TestGMFilesInDataDir: g_cryptdata writes under <data-dir>/gm with
// chainsqld's file name; Close stops a g_createrandom under way and
// leaves only whole files in gm/random.
func TestGMFilesInDataDir(t *testing.T) {
	dir := t.TempDir()
	n := start(t, dir)
	c, err := wsclient.Dial(n.URLs()[0], wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	call(t, c, map[string]any{"command": "g_cryptdata", "gm_alg_type": 0, "data_set_count": 2})
	data, err := os.ReadFile(filepath.Join(node.GMDir(dir), "SM2_密钥对生产_2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := gmdata.Check(gmdata.SM2Key, 0, data); err != nil || got != 2 {
		t.Fatalf("%d key pairs, %v", got, err)
	}
	call(t, c, map[string]any{"command": "g_createrandom"})
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "gm", "random"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if info, err := e.Info(); err != nil || !strings.HasPrefix(e.Name(), "random") || info.Size() != 131072 {
			t.Fatalf("after Close: %s (%v)", e.Name(), err)
		}
	}
}
