package actors_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestPendingBound submits bursts past the node-wide bound on pending
// transactions, from several sessions and accounts at once: exactly the
// excess is refused with telCAN_NOT_QUEUE_FULL and never recorded, every
// admitted one validates, and once the ledger closed the node admits
// again.
func TestPendingBound(t *testing.T) {
	const senders, perSender = 4, 3
	cases := []struct {
		name     string
		maxTxs   int
		maxBytes int64
	}{
		{name: "count", maxTxs: 5, maxBytes: 1 << 20},
		{name: "bytes", maxTxs: 1000, maxBytes: 1000},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := startNodeWith(t, "", 0, func(c *actors.Config, _ *gateway.Config) {
				c.MaxPendingTxs, c.MaxPendingBytes = tc.maxTxs, tc.maxBytes
			})
			c := n.client()
			accounts := make([]string, senders)
			secrets := make([]string, senders)
			for i := range accounts {
				accounts[i], secrets[i] = c.wallet(fmt.Sprintf("pending-%s-%d", tc.name, i))
				if r := c.pay(genesisSecret, genesisAccount, accounts[i], 100_000_000); r["engine_result"] != "tesSUCCESS" {
					t.Fatalf("fund %d: %v", i, r)
				}
				c.accept()
			}
			admitted, refused := burst(t, n, accounts, secrets, perSender)
			if len(admitted)+len(refused) != senders*perSender {
				t.Fatalf("%d admitted + %d refused, want %d answers", len(admitted), len(refused), senders*perSender)
			}
			var bytes int64
			for _, a := range admitted {
				bytes += int64(len(a.blob) / 2)
			}
			switch {
			case len(admitted) > tc.maxTxs || bytes > tc.maxBytes:
				t.Fatalf("%d admitted, %d bytes: over the bound of %d, %d", len(admitted), bytes, tc.maxTxs, tc.maxBytes)
			case len(refused) == 0:
				t.Fatalf("all %d admitted under a bound of %d transactions, %d bytes", len(admitted), tc.maxTxs, tc.maxBytes)
			case tc.name == "count" && len(admitted) != tc.maxTxs:
				t.Fatalf("%d admitted, want exactly the bound %d", len(admitted), tc.maxTxs)
			case tc.name == "bytes" && bytes+int64(len(refused[0].blob)/2) <= tc.maxBytes:
				t.Fatalf("%d bytes admitted, and a refused one of %d would have fitted in %d", bytes, len(refused[0].blob)/2, tc.maxBytes)
			}
			for _, r := range refused {
				if r.code != 412 || r.result != "telCAN_NOT_QUEUE_FULL" || !strings.HasPrefix(r.message, "Can not queue at this time: queue is full") || r.kept || r.applied {
					t.Fatalf("refused: %+v, want telCAN_NOT_QUEUE_FULL (412), not kept, not applied", r)
				}
			}
			c.accept()
			for _, a := range admitted {
				if got := c.txResult(a.hash); got != "tesSUCCESS" {
					t.Fatalf("admitted %s recorded as %s", a.hash, got)
				}
			}
			for _, r := range refused {
				if got := c.txResult(r.hash); got != "txnNotFound" {
					t.Fatalf("refused %s: tx answers %s, want txnNotFound", r.hash, got)
				}
			}
			// The ledger freed the room: the node admits again.
			if r := c.pay(secrets[0], accounts[0], accounts[1], 1_000_000); r["engine_result"] != "tesSUCCESS" {
				t.Fatalf("after the ledger closed: %v", r)
			}
		})
	}
}

// submitted is one submit's answer.
type submitted struct {
	hash, blob, result, message string
	code                        float64
	kept, applied               bool
}

// burst submits perSender payments from each account at once, each from
// its own session, and splits the answers into admitted and refused ones.
func burst(t *testing.T, n *testNode, accounts, secrets []string, perSender int) (admitted, refused []submitted) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := range accounts {
		c := n.client()
		wg.Go(func() {
			for k := range perSender {
				// A distinct amount each: a refused payment resubmitted
				// with the same fields would be the same transaction, and
				// be admitted if a ledger closed in between (under load).
				ctx, cancel := wsclient.Timeout(10 * time.Second)
				r, err := c.c.Call(ctx, map[string]any{"command": "submit", "secret": secrets[i], "tx_json": map[string]any{
					"TransactionType": "Payment", "Account": accounts[i],
					"Destination": genesisAccount, "Amount": fmt.Sprint(1_000_000 + k)}})
				cancel()
				res, _ := r["result"].(map[string]any)
				if err != nil || res == nil {
					t.Errorf("submit: %v %v", r, err)
					return
				}
				s := submitted{hash: hashOf(res), blob: res["tx_blob"].(string), result: res["engine_result"].(string), message: res["engine_result_message"].(string),
					code: res["engine_result_code"].(float64), kept: res["kept"].(bool), applied: res["applied"].(bool)}
				mu.Lock()
				if s.result == "tesSUCCESS" {
					admitted = append(admitted, s)
				} else {
					refused = append(refused, s)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}
	return admitted, refused
}

// TestPendingBoundHeld checks a transaction held for a sequence ahead
// (terPRE_SEQ) whose turn comes while the bound is full: it stays held,
// is not lost, and is queued as soon as a ledger has freed room.
func TestPendingBoundHeld(t *testing.T) {
	n := startNodeWith(t, "", 0, func(c *actors.Config, _ *gateway.Config) { c.MaxPendingTxs = 2 })
	c := n.client()
	seq := uint32(c.ok(map[string]any{"command": "account_info", "account": genesisAccount})["account_data"].(map[string]any)["Sequence"].(float64))
	bob, _ := c.wallet("held-bob")
	var hashes []string
	for _, step := range []struct {
		ahead uint32
		want  string
	}{{0, "tesSUCCESS"}, {2, "terPRE_SEQ"}, {1, "tesSUCCESS"}} {
		r := c.ok(map[string]any{"command": "submit", "secret": genesisSecret, "tx_json": map[string]any{
			"TransactionType": "Payment", "Account": genesisAccount, "Destination": bob,
			"Amount": "10000000", "Sequence": seq + step.ahead}})
		if r["engine_result"] != step.want {
			t.Fatalf("sequence %d: %v, want %s", seq+step.ahead, r["engine_result"], step.want)
		}
		hashes = append(hashes, hashOf(r))
	}
	// The second filled the bound: the held one stays held.
	c.accept()
	for _, h := range []string{hashes[0], hashes[2]} {
		if got := c.txResult(h); got != "tesSUCCESS" {
			t.Fatalf("%s: %s", h, got)
		}
	}
	if got := c.txResult(hashes[1]); got != "txnNotFound" {
		t.Fatalf("the held transaction is in the ledger that was full: %s", got)
	}
	// That ledger freed the room: the held one is queued (the account
	// actor learns of the ledger asynchronously: wait until the open
	// ledger holds it), and the next ledger has it.
	deadline := time.Now().Add(10 * time.Second)
	for c.ok(map[string]any{"command": "fee"})["current_ledger_size"] != "1" {
		if time.Now().After(deadline) {
			t.Fatal("the held transaction was not queued within 10 s of the ledger that freed room")
		}
		time.Sleep(5 * time.Millisecond)
	}
	c.accept()
	if got := c.txResult(hashes[1]); got != "tesSUCCESS" {
		t.Fatalf("the held transaction after the ledger freed room: %s", got)
	}
}

// TestPendingBoundEngine checks the bound as an engine's CheckTx meets
// it: a gossiped transaction past it is refused with
// telCAN_NOT_QUEUE_FULL, a recheck of one already queued is not counted
// again, and a transaction the engine refused (Forget) gives its room
// back.
func TestPendingBoundEngine(t *testing.T) {
	solo, err := consensus.NewSolo(consensus.SoloConfig{Interval: time.Hour, MaxTxs: 100})
	if err != nil {
		t.Fatal(err)
	}
	o := &engineSolo{Solo: solo}
	n := startNodeWith(t, "", 0, func(cfg *actors.Config, _ *gateway.Config) { cfg.Orderer, cfg.MaxPendingTxs = o, 2 })
	c := n.client()
	dest, _ := c.wallet("engine-bound-dest")
	first, second, third := c.signed(dest, 50_000_000, 1), c.signed(dest, 60_000_000, 2), c.signed(dest, 70_000_000, 3)
	for _, step := range []struct {
		name string
		tx   *tx.Tx
		want ter.Code
	}{
		{"first", first, ter.TesSUCCESS},
		{"second", second, ter.TesSUCCESS},
		{"third, past the bound", third, ter.TelCAN_NOT_QUEUE_FULL},
		{"recheck of the first", first, ter.TesSUCCESS},
	} {
		if code := o.check(t, step.tx); code != step.want {
			t.Fatalf("%s: %s, want %s", step.name, code.Token(), step.want.Token())
		}
	}
	o.admit.Forget(second)
	if code := o.check(t, second); code != ter.TesSUCCESS {
		t.Fatalf("the second again after the engine refused it: %s, want tesSUCCESS", code.Token())
	}
	if code := o.check(t, third); code != ter.TelCAN_NOT_QUEUE_FULL {
		t.Fatalf("the third with two queued: %s, want telCAN_NOT_QUEUE_FULL", code.Token())
	}
}
