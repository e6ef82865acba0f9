package actors_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// benchConn is a connection without a network: it counts replies.
type benchConn struct {
	id      uint64
	replies atomic.Int64
	bad     atomic.Int64
	done    chan struct{}
	want    int64
}

func (c *benchConn) ID() uint64        { return c.id }
func (c *benchConn) SessionID() string { return fmt.Sprint(c.id) }
func (c *benchConn) IsAdmin() bool     { return true }
func (c *benchConn) Notify([]byte)     {}
func (c *benchConn) Reply(frame []byte) {
	var r struct {
		Result struct {
			EngineResult string `json:"engine_result"`
		} `json:"result"`
		Status string `json:"status"`
	}
	if json.Unmarshal(frame, &r) != nil || r.Status != "success" || (r.Result.EngineResult != "" && r.Result.EngineResult != "tesSUCCESS") {
		c.bad.Add(1)
	}
	if c.replies.Add(1) == c.want {
		close(c.done)
	}
}

func signedPayment(b *testing.B, kp *keys.KeyPair, seq uint32, dest string, drops int) []byte {
	b.Helper()
	o, err := codec.FromMap(map[string]any{
		"TransactionType": "Payment", "Account": kp.AccountID().String(), "Destination": dest,
		"Amount": fmt.Sprint(drops), "Fee": "10", "Sequence": seq, "Flags": uint32(tx.FlagFullyCanonicalSig),
	})
	if err != nil {
		b.Fatal(err)
	}
	t, err := tx.Sign(o, kp)
	if err != nil {
		b.Fatal(err)
	}
	frame, _ := json.Marshal(map[string]any{"id": seq, "command": "submit", "tx_blob": hex.EncodeToString(t.Blob)})
	return frame
}

func submitReq(frame []byte) *gateway.Request {
	return &gateway.Request{Dialect: gateway.ChainSQL, ID: json.RawMessage("1"), Method: "submit", Body: frame}
}

// BenchmarkSubmit measures the submit path through session actors and
// account actors without the network: decoding the blob, verifying the
// signature, admission by the sender's account actor and the reply.
// Each of `sessions` sessions submits for its own funded account.
func BenchmarkSubmit(b *testing.B) {
	for _, sessions := range []int{1, 4} {
		b.Run(fmt.Sprintf("sessions=%d", sessions), func(b *testing.B) { benchSubmit(b, sessions) })
	}
}

func benchSubmit(b *testing.B, sessions int) {
	log, err := eventlog.Open("bench", eventlog.Options{FS: vfs.NewMem()})
	if err != nil {
		b.Fatal(err)
	}
	defer log.Close()
	cfg := actors.DefaultConfig()
	cfg.LedgerInterval = time.Hour
	cfg.MaxTxsPerLedger = 1 << 30
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	node, err := actors.Start(log, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer node.Stop()

	genesis, _ := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	senders := make([]*keys.KeyPair, sessions)
	// Fund the senders; close the ledger once every funding payment is
	// queued.
	setup := &benchConn{id: 1000, done: make(chan struct{}), want: int64(sessions)}
	h := node.OpenSession(setup)
	for i := range senders {
		senders[i], _ = keys.SeedFromPassphrase(fmt.Sprint("bench-", i)).KeyPair()
		h.Handle(submitReq(signedPayment(b, genesis, uint32(i+1), senders[i].AccountID().String(), 1_000_000_000_000)))
	}
	<-setup.done
	accepted := &benchConn{id: 1001, done: make(chan struct{}), want: 1}
	node.OpenSession(accepted).Handle(&gateway.Request{Dialect: gateway.ChainSQL, ID: json.RawMessage("0"), Method: "ledger_accept", Body: []byte(`{"command":"ledger_accept"}`)})
	<-accepted.done
	if setup.bad.Load()+accepted.bad.Load() != 0 {
		b.Fatal("funding failed")
	}

	per := (b.N + sessions - 1) / sessions
	frames := make([][][]byte, sessions)
	for s := range frames {
		frames[s] = make([][]byte, per)
		for i := range frames[s] {
			frames[s][i] = signedPayment(b, senders[s], uint32(i+1), genesis.AccountID().String(), 1)
		}
	}
	conns := make([]*benchConn, sessions)
	handlers := make([]gateway.Handler, sessions)
	for s := range conns {
		conns[s] = &benchConn{id: uint64(s + 1), done: make(chan struct{}), want: int64(per)}
		handlers[s] = node.OpenSession(conns[s])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for s := range handlers {
		go func(s int) {
			for _, f := range frames[s] {
				handlers[s].Handle(submitReq(f))
			}
		}(s)
	}
	for _, c := range conns {
		<-c.done
	}
	b.StopTimer()
	for _, c := range conns {
		if n := c.bad.Load(); n != 0 {
			b.Fatalf("%d submissions failed", n)
		}
	}
	b.ReportMetric(float64(per*sessions)/b.Elapsed().Seconds(), "tx/s")
}
