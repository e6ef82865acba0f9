package actors

import (
	"encoding/json"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
	"github.com/sqledger/sqledger/rpc"
)

// recordingConn keeps the frames a session was sent.
type recordingConn struct {
	id     uint64
	frames []map[string]any
}

func (c *recordingConn) ID() uint64        { return c.id }
func (c *recordingConn) SessionID() string { return "" }
func (c *recordingConn) IsAdmin() bool     { return false }
func (c *recordingConn) Reply(b []byte)    { c.record(b) }
func (c *recordingConn) Notify(b []byte)   { c.record(b) }

func (c *recordingConn) record(b []byte) {
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	c.frames = append(c.frames, m)
}

// statuses are the statuses of the frames c was sent, in order.
func (c *recordingConn) statuses() []any {
	var out []any
	for _, m := range c.frames {
		out = append(out, m["status"])
	}
	return out
}

// loggedLedger is an event log holding genesis and a closed ledger with
// one payment from the genesis account.
func loggedLedger(t *testing.T) (*eventlog.Log, *ledger.Closed, hash.Hash256) {
	t.Helper()
	log, err := eventlog.Open(t.TempDir(), eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { log.Close() })
	st, err := ledgerlog.Init(log, ledgerlog.NewGenesis(ledger.DefaultParams(), 100))
	if err != nil {
		t.Fatal(err)
	}
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	dest, err := keys.SeedFromPassphrase("hub-dest").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	o, err := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": kp.AccountID().String(),
		"Destination": dest.AccountID().String(), "Amount": "1000000000", "Fee": "10",
		"Sequence": uint32(1), "Flags": uint32(tx.FlagFullyCanonicalSig)})
	if err != nil {
		t.Fatal(err)
	}
	p, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	closed := st.Close([]*tx.Tx{p}, 110)
	if len(closed.Txs) != 1 {
		t.Fatalf("the payment did not make the ledger: %+v", closed.Rejected)
	}
	if err := log.Append(ledgerlog.Record(closed)); err != nil {
		t.Fatal(err)
	}
	return log, closed, p.Hash
}

// TestHubSubscribeBeforePublish: a ledger is in the log before the hub
// publishes it, so a subscription to one of its transactions can find
// it in the log first. The subscriber hears validate_success once, from
// the publication, and a subscriber after the publication hears it once
// from the log.
func TestHubSubscribeBeforePublish(t *testing.T) {
	log, closed, th := loggedLedger(t)
	n := &Node{log: log, cfg: Config{TxTimeout: time.Minute}, clock: time.Now, logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	h := newHub(n, closed.Header.Seq-1)
	early, late := &recordingConn{id: 1}, &recordingConn{id: 2}
	h.subscribe(&subscription{conn: early, Subscription: rpc.Subscription{Hashes: []hash.Hash256{th}}})
	if len(early.frames) != 0 {
		t.Fatalf("answered before the ledger was published: %v", early.statuses())
	}
	h.publish(closed)
	h.subscribe(&subscription{conn: late, Subscription: rpc.Subscription{Hashes: []hash.Hash256{th}}})
	h.timeouts()
	for name, c := range map[string]*recordingConn{"before the publication": early, "after it": late} {
		if got := c.statuses(); len(got) != 1 || got[0] != "validate_success" {
			t.Errorf("subscribed %s: got %v, want one validate_success", name, got)
		}
	}
}
