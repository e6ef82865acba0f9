package actors_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/lxzan/gws"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
)

// TestSlowReadersCut: sessions that subscribe to the ledger and
// transactions streams and stop reading are closed as slow consumers
// within a few seconds of going over their unsent budget, while ledgers
// close with payments; a session that reads gets every ledgerClosed and
// every transaction.
func TestSlowReadersCut(t *testing.T) {
	const (
		interval  = 200 * time.Millisecond
		stalledN  = 20
		budget    = 64 << 10
		grace     = 500 * time.Millisecond
		ledgers   = 10
		perLedger = 60
		// kernelSlack bounds what the kernel holds for a stalled session:
		// its 4 KiB receive buffer and the node's send buffer (64 KiB,
		// doubled by Linux), with room to spare.
		kernelSlack = 512 << 10
	)
	n := startNodeWith(t, "", interval, func(_ *actors.Config, g *gateway.Config) {
		g.SlowBytes, g.SlowGrace = budget, grace
	})
	subscribe := `{"id":1,"command":"subscribe","streams":["ledger","transactions"]}`
	stalled := make([]*gws.Conn, stalledN)
	for i := range stalled {
		stalled[i] = dialStalled(t, n.url)
		if err := stalled[i].WriteMessage(gws.OpcodeText, []byte(subscribe)); err != nil {
			t.Fatalf("stalled session: %v", err)
		}
	}
	reader := n.client()
	reader.ok(map[string]any{"command": "subscribe", "streams": []string{"ledger", "transactions"}})

	// The reader counts the bytes of the streams as they arrive: each
	// stalled session was sent as much, no later.
	type seen struct {
		ledgers []int
		txs     map[string]bool
		bytes   int
		overAt  time.Time // when the stream passed budget+kernelSlack
	}
	var (
		mu  sync.Mutex
		got = seen{txs: make(map[string]bool)}
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for {
			frame, err := reader.c.Next(ctx)
			if err != nil {
				return
			}
			var m struct {
				Type        string `json:"type"`
				LedgerIndex int    `json:"ledger_index"`
				Transaction struct {
					Hash string `json:"hash"`
				} `json:"transaction"`
			}
			if json.Unmarshal(frame, &m) != nil {
				continue
			}
			mu.Lock()
			got.bytes += len(frame)
			if got.overAt.IsZero() && got.bytes >= budget+kernelSlack {
				got.overAt = time.Now()
			}
			switch m.Type {
			case "ledgerClosed":
				got.ledgers = append(got.ledgers, m.LedgerIndex)
			case "transaction":
				got.txs[m.Transaction.Hash] = true
			}
			mu.Unlock()
		}
	}()

	// Sessions closed, by the time each was seen closed.
	var cutAt []time.Time
	stopWatch := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		for seenCut := uint64(0); ; {
			select {
			case <-stopWatch:
				return
			case <-time.After(5 * time.Millisecond):
			}
			for c := n.gw.Stats().Closed[gateway.SlowConsumer]; seenCut < c; seenCut++ {
				cutAt = append(cutAt, time.Now())
			}
		}
	}()

	driver := n.client()
	dest, _ := driver.wallet("slow readers")
	began := time.Now()
	var hashes []string
	for range ledgers {
		for range perLedger {
			res := driver.pay(genesisSecret, genesisAccount, dest, 1_000_000_000)
			hashes = append(hashes, res["tx_json"].(map[string]any)["hash"].(string))
		}
		time.Sleep(interval)
	}
	eventually(t, 30*time.Second, "every stalled session cut", func() bool {
		return n.gw.Stats().Closed[gateway.SlowConsumer] >= stalledN
	})
	close(stopWatch)
	<-watched
	if len(cutAt) != stalledN {
		t.Fatalf("%d sessions cut as slow consumers, want %d", len(cutAt), stalledN)
	}

	// The reader gets the last payment's ledger, then every notification
	// is in: each payment once, and the ledgers without a gap.
	eventually(t, 30*time.Second, "the reader to see every payment", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(got.txs) >= len(hashes)
	})
	mu.Lock()
	defer mu.Unlock()
	for _, h := range hashes {
		if !got.txs[h] {
			t.Fatalf("the reader missed transaction %s", h)
		}
	}
	for i := 1; i < len(got.ledgers); i++ {
		if got.ledgers[i] != got.ledgers[i-1]+1 {
			t.Fatalf("the reader's ledgers jump from %d to %d", got.ledgers[i-1], got.ledgers[i])
		}
	}
	if got.overAt.IsZero() {
		t.Fatalf("the streams carried %d bytes, less than a stalled session needs to go over", got.bytes)
	}
	for _, at := range cutAt {
		if at.Sub(began) < grace {
			t.Fatalf("a session was cut %v after the payments began, within the grace", at.Sub(began))
		}
		if late := at.Sub(got.overAt); late > grace+3*time.Second {
			t.Fatalf("a session was cut %v after it was certainly over its budget", late)
		}
	}
	if st := n.gw.Stats(); st.Closed[gateway.SlowConsumer] != stalledN {
		t.Fatalf("stats %+v", st)
	}
	t.Logf("%d stalled sessions cut %v to %v after the payments began; the streams carried %d KiB to the reader",
		stalledN, cutAt[0].Sub(began), cutAt[len(cutAt)-1].Sub(began), got.bytes>>10)
	reader.ok(map[string]any{"command": "ping"})
}

// eventually polls cond every few milliseconds until it holds or d passes.
func eventually(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(d); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
	}
}
