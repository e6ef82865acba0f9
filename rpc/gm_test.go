package rpc_test

import (
	"crypto/rand"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/rpc"
)

// TestGCryptDataParams: chainsqld's errors for a missing field, in its
// order, and for the types it refuses; a field of the wrong type, and
// the bounds of this node. None writes anything.
func TestGCryptDataParams(t *testing.T) {
	ch := newChain(t)
	dir := filepath.Join(t.TempDir(), "gm")
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), GMDir: dir}, true)
	for _, tc := range []struct {
		params map[string]any
		want   string
	}{
		{map[string]any{}, "field gm_alg_type"},
		{map[string]any{"data_set_count": 1, "plain_data_len": 16}, "field gm_alg_type"},
		{map[string]any{"gm_alg_type": 1, "plain_data_len": 16}, "field data_set_count"},
		{map[string]any{"gm_alg_type": 1, "data_set_count": 1}, "field plain_data_len"},
		{map[string]any{"gm_alg_type": 42, "data_set_count": 1}, "field plain_data_len"},
		{map[string]any{"gm_alg_type": 6, "data_set_count": 1, "plain_data_len": 16}, "Don't support sm4 cbc mode"},
		{map[string]any{"gm_alg_type": 7, "data_set_count": 1, "plain_data_len": 16}, "Don't support sm4 cbc mode"},
		{map[string]any{"gm_alg_type": 11, "data_set_count": 1, "plain_data_len": 16}, "gm_alg_type invalid"},
		{map[string]any{"gm_alg_type": -1, "data_set_count": 1, "plain_data_len": 16}, "gm_alg_type invalid"},
		{map[string]any{"gm_alg_type": "1", "data_set_count": 1, "plain_data_len": 16}, "Invalid field 'gm_alg_type', not integer."},
		{map[string]any{"gm_alg_type": 1, "data_set_count": 1.5, "plain_data_len": 16}, "Invalid field 'data_set_count', not integer."},
		{map[string]any{"gm_alg_type": 0, "data_set_count": 0}, "data_set_count must be from 1 to 10000."},
		{map[string]any{"gm_alg_type": 0, "data_set_count": 10001}, "data_set_count must be from 1 to 10000."},
		{map[string]any{"gm_alg_type": 5, "data_set_count": 1, "plain_data_len": 0}, "plain_data_len must be from 1 to 1004 (bytes)."},
		{map[string]any{"gm_alg_type": 10, "data_set_count": 1, "plain_data_len": 1005}, "plain_data_len must be from 1 to 1004 (bytes)."},
	} {
		r := h.call("g_cryptdata", tc.params)
		if r["error"] != "invalidParams" || r["error_code"] != 31.0 || r["error_message"] != tc.want {
			t.Errorf("%v: %v, want invalidParams %q", tc.params, r, tc.want)
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("refused requests made %s (%v)", dir, err)
	}
	// plain_data_len is not read for SM2KEY, as in chainsqld.
	if r := h.call("g_cryptdata", map[string]any{"gm_alg_type": 0, "data_set_count": 1, "plain_data_len": "x"}); r["status"] != "success" {
		t.Fatalf("SM2KEY with a plain_data_len it does not read: %v", r)
	}
}

// TestGMNoDataDir: a node without a data directory answers both
// commands notSupported.
func TestGMNoDataDir(t *testing.T) {
	ch := newChain(t)
	h := newHarness(t, rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer()}, true)
	for _, cmd := range []string{"g_createrandom", "g_cryptdata"} {
		r := h.call(cmd, map[string]any{"gm_alg_type": 0, "data_set_count": 1})
		if r["error"] != "notSupported" || !strings.Contains(r["error_message"].(string), "data directory") {
			t.Fatalf("%s: %v", cmd, r)
		}
	}
}

// TestGCryptDataWriteFails: when the files cannot be written (here the
// randomness fails part way, as a full disk would) the answer is a
// clear error, the node logs it, and no file is left.
func TestGCryptDataWriteFails(t *testing.T) {
	ch := newChain(t)
	dir := filepath.Join(t.TempDir(), "gm")
	cfg := rpc.WithGMRandom(rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), GMDir: dir}, failingReader{})
	h := newHarness(t, cfg, true)
	r := h.call("g_cryptdata", map[string]any{"gm_alg_type": 10, "data_set_count": 2, "plain_data_len": 16})
	if r["error"] != "internal" || !strings.Contains(r["error_message"].(string), "Writing the GM test data failed") ||
		!strings.Contains(r["error_message"].(string), "no randomness") {
		t.Fatalf("failed write: %v", r)
	}
	if !strings.Contains(h.logged.String(), "no randomness") {
		t.Fatalf("not logged: %s", h.logged)
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Fatalf("left %v (%v)", entries, err)
	}
}

// TestGMOneAtATime: a second g_cryptdata while one is being written,
// and a second g_createrandom while one runs, are tooBusy at once (the
// writes here wait on a gate); Close stops the generation and waits for
// it, and a command after Close is refused.
func TestGMOneAtATime(t *testing.T) {
	ch := newChain(t)
	dir := t.TempDir()
	g := &gateReader{open: make(chan struct{})}
	node := rpc.NewNode(rpc.WithGMRandom(rpc.Config{States: ch.state, Log: ch.log, Server: fixedServer(), GMDir: dir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, g))
	a, b := openSession(t, node, true), openSession(t, node, true)
	a.ask.holdQueries = true
	crypt := map[string]any{"gm_alg_type": 5, "data_set_count": 1, "plain_data_len": 16}
	if replies := a.send(gateway.ChainSQL, "g_cryptdata", crypt); len(replies) != 0 {
		t.Fatalf("g_cryptdata answered before writing: %s", replies[0])
	}
	if r := b.call("g_cryptdata", crypt); r["error"] != "tooBusy" {
		t.Fatalf("a second g_cryptdata: %v", r)
	}
	if r := a.call("g_createrandom", nil); r["status"] != "success" || len(r["result"].(map[string]any)) != 0 {
		t.Fatalf("g_createrandom: %v", r)
	}
	if r := b.call("g_createrandom", nil); r["error"] != "tooBusy" || !strings.Contains(r["error_message"].(string), "of 1000 files written") {
		t.Fatalf("a second g_createrandom: %v", r)
	}
	// The held g_cryptdata runs now, past the gate, and answers {}.
	close(g.open)
	held := a.ask.asks[len(a.ask.asks)-1]
	a.s.Resume(held.token, held.arg.(func() rpc.Answer)())
	if r := decode(t, a.conn.replies[len(a.conn.replies)-1]); r["status"] != "success" {
		t.Fatalf("the held g_cryptdata: %v", r)
	}
	if _, err := os.Stat(filepath.Join(dir, "SM3杂凑验证-1.txt")); err != nil {
		t.Fatal(err)
	}
	node.Close()
	entries, err := os.ReadDir(filepath.Join(dir, "random"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if info, err := e.Info(); err != nil || !strings.HasPrefix(e.Name(), "random") || info.Size() != 131072 {
			t.Fatalf("after Close: %s (%v)", e.Name(), err)
		}
	}
	if len(entries) == 1000 {
		t.Fatal("Close did not stop the generation")
	}
	for _, cmd := range []string{"g_createrandom", "g_cryptdata"} {
		if r := b.call(cmd, crypt); r["error"] != "tooBusy" || !strings.Contains(r["error_message"].(string), "stopping") {
			t.Fatalf("%s after Close: %v", cmd, r)
		}
	}
}

// gateReader reads crypto/rand once open is closed.
type gateReader struct{ open chan struct{} }

func (g *gateReader) Read(b []byte) (int, error) {
	<-g.open
	return rand.Read(b)
}

// failingReader fails every read.
type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("no randomness") }
