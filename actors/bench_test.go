package actors_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

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
	return signedFrame(b, kp, map[string]any{
		"TransactionType": "Payment", "Account": kp.AccountID().String(), "Destination": dest,
		"Amount": fmt.Sprint(drops), "Fee": "10", "Sequence": seq, "Flags": uint32(tx.FlagFullyCanonicalSig),
	})
}

// signedFrame signs fields and returns a submit frame.
func signedFrame(b *testing.B, kp *keys.KeyPair, fields map[string]any) []byte {
	b.Helper()
	seq := fields["Sequence"]
	o, err := codec.FromMap(fields)
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

// BenchmarkSubmitInsert is BenchmarkSubmit for one-row inserts, each
// session into its own table: admission goes through the table actor
// (table, grant, columns) and then the account actor.
func BenchmarkSubmitInsert(b *testing.B) {
	for _, sessions := range []int{1, 4} {
		b.Run(fmt.Sprintf("sessions=%d", sessions), func(b *testing.B) { benchSubmitKind(b, sessions, true) })
	}
}

func insertFrame(b *testing.B, kp *keys.KeyPair, seq uint32, row int) []byte {
	name := hex.EncodeToString([]byte("bench"))
	return signedFrame(b, kp, map[string]any{
		"TransactionType": "SQLStatement", "Account": kp.AccountID().String(), "Owner": kp.AccountID().String(),
		"OpType": 6, "Fee": "60000", "Sequence": seq, "Flags": uint32(tx.FlagFullyCanonicalSig),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": name}}},
		"Raw":    hex.EncodeToString([]byte(fmt.Sprintf(`[{"id":%d,"name":"row %d"}]`, row, row))),
	})
}

func benchSubmit(b *testing.B, sessions int) { benchSubmitKind(b, sessions, false) }

func benchSubmitKind(b *testing.B, sessions int, inserts bool) {
	node, senders, stop := benchNode(b, sessions, 1_000_000_000_000)
	defer stop()
	genesis, _ := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	first := uint32(1)
	if inserts {
		cols := hex.EncodeToString([]byte(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32}]`))
		setup := &benchConn{id: 1002, done: make(chan struct{}), want: int64(sessions)}
		h := node.OpenSession(setup)
		for _, kp := range senders {
			h.Handle(submitReq(signedFrame(b, kp, map[string]any{
				"TransactionType": "TableListSet", "Account": kp.AccountID().String(), "OpType": 1, "Fee": "200000", "Sequence": 1,
				"Flags": uint32(tx.FlagFullyCanonicalSig), "Raw": cols,
				"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hex.EncodeToString([]byte("bench")), "NameInDB": strings.Repeat("AB", 20)}}},
			})))
		}
		<-setup.done
		if setup.bad.Load() != 0 {
			b.Fatal("creating the tables failed")
		}
		acceptLedger(b, node)
		first = 2
	}

	per := (b.N + sessions - 1) / sessions
	frames := make([][][]byte, sessions)
	for s := range frames {
		frames[s] = make([][]byte, per)
		for i := range frames[s] {
			if inserts {
				frames[s][i] = insertFrame(b, senders[s], first+uint32(i), i)
			} else {
				frames[s][i] = signedPayment(b, senders[s], first+uint32(i), genesis.AccountID().String(), 1)
			}
		}
	}
	drive(b, node, sessions, per, func(s, i int) *gateway.Request { return submitReq(frames[s][i]) }, "tx/s")
}

// drive times per requests on each of sessions sessions at once, req(s,
// i) being session s's i-th, fails the benchmark if any is answered
// with an error, and reports the requests per second as unit.
func drive(b *testing.B, node *actors.Node, sessions, per int, req func(s, i int) *gateway.Request, unit string) {
	b.Helper()
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
			for i := range per {
				handlers[s].Handle(req(s, i))
			}
		}(s)
	}
	for _, c := range conns {
		<-c.done
	}
	b.StopTimer()
	for _, c := range conns {
		if n := c.bad.Load(); n != 0 {
			b.Fatalf("%d requests failed", n)
		}
	}
	b.ReportMetric(float64(per*sessions)/b.Elapsed().Seconds(), unit)
}

// benchNode starts a node with its event log in a temporary directory
// whose ledgers close only on ledger_accept, with n accounts funded by
// the genesis account with drops each in one ledger. It returns the
// node, the funded key pairs and a function that stops the node and
// closes its log.
func benchNode(b *testing.B, n int, drops int) (*actors.Node, []*keys.KeyPair, func()) {
	b.Helper()
	log, err := eventlog.Open(b.TempDir(), eventlog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	cfg := actors.DefaultConfig()
	cfg.LedgerInterval = time.Hour
	cfg.MaxTxsPerLedger = 1 << 30
	// No ledger closes while the benchmark submits: the pending bound
	// must hold all b.N of them.
	cfg.MaxPendingTxs, cfg.MaxPendingBytes = 1<<30, 1<<40
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	node, err := actors.Start(log, cfg)
	if err != nil {
		b.Fatal(err)
	}
	stop := func() { node.Stop(); log.Close() }
	genesis, _ := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	accounts := make([]*keys.KeyPair, n)
	setup := &benchConn{id: 1000, done: make(chan struct{}), want: int64(n)}
	h := node.OpenSession(setup)
	for i := range accounts {
		accounts[i], _ = keys.SeedFromPassphrase(fmt.Sprint("bench-", i)).KeyPair()
		h.Handle(submitReq(signedPayment(b, genesis, uint32(i+1), accounts[i].AccountID().String(), drops)))
	}
	<-setup.done
	if setup.bad.Load() != 0 {
		b.Fatal("funding failed")
	}
	acceptLedger(b, node)
	return node, accounts, stop
}

// acceptLedger closes the open ledger with ledger_accept.
func acceptLedger(b *testing.B, node *actors.Node) {
	b.Helper()
	accepted := &benchConn{id: 1001, done: make(chan struct{}), want: 1}
	node.OpenSession(accepted).Handle(&gateway.Request{Dialect: gateway.ChainSQL, ID: json.RawMessage("0"), Method: "ledger_accept", Body: []byte(`{"command":"ledger_accept"}`)})
	<-accepted.done
	if accepted.bad.Load() != 0 {
		b.Fatal("ledger_accept failed")
	}
}

// BenchmarkAccountInfo measures account_info of the validated ledger
// through session actors without the network, over 1,000 funded
// accounts, from 4 sessions at once.
func BenchmarkAccountInfo(b *testing.B) {
	const sessions = 4
	node, accounts, stop := benchNode(b, 1000, 1_000_000_000)
	defer stop()
	frames := make([][]byte, len(accounts))
	for i, kp := range accounts {
		frames[i] = []byte(fmt.Sprintf(`{"id":%d,"command":"account_info","account":%q,"ledger_index":"validated"}`, i, kp.AccountID()))
	}
	per := (b.N + sessions - 1) / sessions
	drive(b, node, sessions, per, func(s, i int) *gateway.Request {
		return &gateway.Request{Dialect: gateway.ChainSQL, ID: json.RawMessage("1"), Method: "account_info", Body: frames[(s*per+i)%len(frames)]}
	}, "req/s")
}

// BenchmarkNodeMemory reports the heap a node holds with 10,000
// accounts in its committed state (after a GC, less the heap before
// the node started), as MiB. One iteration is one whole node.
func BenchmarkNodeMemory(b *testing.B) {
	var before, after runtime.MemStats
	for range b.N {
		runtime.GC()
		runtime.ReadMemStats(&before)
		node, _, stop := benchNode(b, 10_000, 1_000_000_000)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MiB")
		runtime.KeepAlive(node)
		stop()
	}
}
