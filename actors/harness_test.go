package actors_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/projections"
)

// genesisSecret is the secret of the genesis account.
const (
	genesisSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	genesisAccount = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
)

// testNode is a real node on a loopback port, with its event log in a
// temporary directory.
type testNode struct {
	t    *testing.T
	dir  string
	log  *eventlog.Log
	proj *projections.Projection
	asof *projections.AsOf
	node *actors.Node
	gw   *gateway.Server
	url  string
}

// startNode starts a node. The ledger interval is long so that tests
// close ledgers with ledger_accept unless they ask otherwise.
func startNode(t *testing.T, dir string, interval time.Duration) *testNode {
	t.Helper()
	return startNodeWith(t, dir, interval, func(*actors.Config, *gateway.Config) {})
}

// startNodeWith starts a node after tune has adjusted its configuration.
func startNodeWith(t *testing.T, dir string, interval time.Duration, tune func(*actors.Config, *gateway.Config)) *testNode {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	if interval == 0 {
		interval = time.Hour
	}
	log, err := eventlog.Open(dir, eventlog.Options{})
	if err != nil {
		t.Fatalf("open event log: %v", err)
	}
	proj, err := projections.Open(filepath.Join(dir, "sql"), projections.Options{})
	if err != nil {
		t.Fatalf("open projection: %v", err)
	}
	asof, err := projections.NewAsOf(log, filepath.Join(dir, "asof"), projections.Options{})
	if err != nil {
		t.Fatalf("open the as-of store: %v", err)
	}
	cfg := actors.DefaultConfig()
	cfg.AsOf = asof
	cfg.LedgerInterval = interval
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg.Projection = proj
	gcfg := gateway.Config{Listen: []string{"127.0.0.1:0"}, Logger: cfg.Logger}
	tune(&cfg, &gcfg)
	node, err := actors.Start(log, cfg)
	if err != nil {
		log.Close()
		t.Fatalf("start node: %v", err)
	}
	gw := gateway.New(gcfg, node)
	node.SetSessionCounter(gw.Sessions)
	if err := gw.Start(context.Background()); err != nil {
		t.Fatalf("start gateway: %v", err)
	}
	n := &testNode{t: t, dir: dir, log: log, proj: proj, asof: asof, node: node, gw: gw, url: "ws://" + gw.Addrs()[0].String() + "/"}
	t.Cleanup(n.stop)
	return n
}

func (n *testNode) stop() {
	if n.gw == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := n.gw.Shutdown(ctx); err != nil && !errors.Is(err, gateway.ErrClosed) {
		n.t.Errorf("gateway shutdown: %v", err)
	}
	n.node.Stop()
	if err := n.asof.Close(); err != nil {
		n.t.Errorf("close the as-of store: %v", err)
	}
	if err := n.proj.Close(); err != nil {
		n.t.Errorf("close projection: %v", err)
	}
	if err := n.log.Close(); err != nil {
		n.t.Errorf("close log: %v", err)
	}
	n.gw = nil
}

// client opens a session.
func (n *testNode) client() *client {
	n.t.Helper()
	c, err := wsclient.Dial(n.url, wsclient.Options{})
	if err != nil {
		n.t.Fatalf("dial: %v", err)
	}
	n.t.Cleanup(func() { c.Close() })
	return &client{t: n.t, c: c}
}

// client wraps wsclient.Client with test assertions.
type client struct {
	t *testing.T
	c *wsclient.Client
}

// call sends a request and returns the whole response envelope.
func (c *client) call(req map[string]any) map[string]any {
	c.t.Helper()
	ctx, cancel := wsclient.Timeout(10 * time.Second)
	defer cancel()
	r, err := c.c.Call(ctx, req)
	if err != nil {
		c.t.Fatalf("%v: %v", req["command"], err)
	}
	return r
}

// ok sends a request that must succeed and returns its result.
func (c *client) ok(req map[string]any) map[string]any {
	c.t.Helper()
	r := c.call(req)
	if r["status"] != "success" {
		c.t.Fatalf("%v failed: %v", req["command"], r)
	}
	res, _ := r["result"].(map[string]any)
	return res
}

// fails sends a request that must fail with the given error token.
func (c *client) fails(req map[string]any, token string) map[string]any {
	c.t.Helper()
	r := c.call(req)
	if r["status"] != "error" || r["error"] != token {
		c.t.Fatalf("%v: want error %s, got %v", req["command"], token, r)
	}
	return r
}

// next waits for a notification that match accepts.
func (c *client) next(match func(map[string]any) bool) map[string]any {
	c.t.Helper()
	ctx, cancel := wsclient.Timeout(10 * time.Second)
	defer cancel()
	m, err := c.c.WaitFor(ctx, match)
	if err != nil {
		c.t.Fatalf("waiting for a notification: %v", err)
	}
	return m
}

// accept closes a ledger and returns the new open ledger's index.
func (c *client) accept() float64 {
	c.t.Helper()
	return c.ok(map[string]any{"command": "ledger_accept"})["ledger_current_index"].(float64)
}

// pay submits a payment signed by the node from secret.
func (c *client) pay(secret, from, to string, drops uint64) map[string]any {
	c.t.Helper()
	return c.ok(map[string]any{
		"command": "submit",
		"secret":  secret,
		"tx_json": map[string]any{
			"TransactionType": "Payment",
			"Account":         from,
			"Destination":     to,
			"Amount":          formatUint(drops),
		},
	})
}

func contextTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
