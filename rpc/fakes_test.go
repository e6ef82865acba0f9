package rpc_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
	"github.com/sqledger/sqledger/rpc"
)

// The fakes below are all a session needs of a node: each is a few
// maps and fields, which is how narrow rpc's interfaces are.

// fakeState is a committed state held in maps (rpc.State).
type fakeState struct {
	header   ledger.Header
	hash     hash.Hash256
	params   ledger.Params
	first    uint32
	accounts map[address.AccountID]ledger.AccountRoot
	tables   []*ledger.Table
}

// Current makes a fakeState its own source: it never changes.
func (s *fakeState) Current() rpc.State { return s }

func (s *fakeState) Closed() (ledger.Header, hash.Hash256) { return s.header, s.hash }
func (s *fakeState) Params() ledger.Params                 { return s.params }
func (s *fakeState) Complete() (uint32, uint32)            { return s.first, s.header.Seq }
func (s *fakeState) Slot(ledger.Slot) [32]byte             { return [32]byte{} }

func (s *fakeState) AccountEscrows(address.AccountID) []*ledger.Escrow { return nil }

func (s *fakeState) AccountLines(address.AccountID) []*ledger.TrustLine { return nil }

func (s *fakeState) Account(id address.AccountID) (ledger.AccountRoot, bool) {
	a, ok := s.accounts[id]
	return a, ok
}

func (s *fakeState) Table(owner address.AccountID, name []byte) (*ledger.Table, bool) {
	for _, t := range s.tables {
		if t.Owner == owner && bytes.Equal(t.Name, name) {
			return t, true
		}
	}
	return nil, false
}

func (s *fakeState) TableByNameInDB(n [20]byte) (*ledger.Table, bool) {
	for _, t := range s.tables {
		if t.NameInDB == n {
			return t, true
		}
	}
	return nil, false
}

func (s *fakeState) Tables(owner address.AccountID) []*ledger.Table {
	var out []*ledger.Table
	for _, t := range s.tables {
		if t.Owner == owner {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return string(out[i].Name) < string(out[j].Name) })
	return out
}

// fakeLog is an event log of ledgers in memory (rpc.Log); fault, if
// set, is every read's error.
type fakeLog struct {
	ledgers []*eventlog.Ledger
	fault   error
}

var errNotFound = fmt.Errorf("fake log: %w", eventlog.ErrNotFound)

func (l *fakeLog) Ledger(seq uint32) (*eventlog.Ledger, error) {
	if l.fault != nil {
		return nil, l.fault
	}
	for _, led := range l.ledgers {
		if led.Seq == seq {
			return led, nil
		}
	}
	return nil, errNotFound
}

func (l *fakeLog) LedgerByHash(h [32]byte) (*eventlog.Ledger, error) {
	for _, led := range l.ledgers {
		if led.Hash == h {
			return l.Ledger(led.Seq)
		}
	}
	return nil, errNotFound
}

func (l *fakeLog) LedgerHeader(seq uint32) ([32]byte, []byte, int, error) {
	led, err := l.Ledger(seq)
	if err != nil {
		return [32]byte{}, nil, 0, err
	}
	return led.Hash, led.Header, len(led.Txs), nil
}

func (l *fakeLog) Tx(h [32]byte) (*eventlog.TxRecord, error) {
	if l.fault != nil {
		return nil, l.fault
	}
	for _, led := range l.ledgers {
		for i, t := range led.Txs {
			if t.Hash == h {
				return &eventlog.TxRecord{LedgerSeq: led.Seq, Index: uint32(i), Tx: t}, nil
			}
		}
	}
	return nil, errNotFound
}

func (l *fakeLog) AccountTx(eventlog.AccountTxQuery) ([]eventlog.TxRecord, *eventlog.Marker, error) {
	return nil, nil, errors.New("fake log: no account index")
}

// fakeServer are fixed facts (rpc.Server).
type fakeServer struct {
	now, started time.Time
	openTxs      int
	sessions     int
}

func (f *fakeServer) NodePublic() string   { return "n9FakeNodeKey" }
func (f *fakeServer) Started() time.Time   { return f.started }
func (f *fakeServer) Now() time.Time       { return f.now }
func (f *fakeServer) OpenTxs() int         { return f.openTxs }
func (f *fakeServer) MaxTxsPerLedger() int { return 500 }
func (f *fakeServer) Sessions() (int, bool) {
	return f.sessions, f.sessions > 0
}

// fakeSQL answers every query with lines, or err (rpc.SQLStore); every
// SQL text names tables.
type fakeSQL struct {
	lines  []map[string]any
	err    error
	lag    uint32
	sql    []string
	tables [][20]byte
}

func (q *fakeSQL) Get(_ context.Context, _ [20]byte, raw []byte, _ tableop.Value, _ int) ([]map[string]any, error) {
	q.sql = append(q.sql, string(raw))
	return q.lines, q.err
}

func (q *fakeSQL) GetAt(_ context.Context, seq uint32, _ [20]byte, raw []byte, _ tableop.Value, _ int) ([]map[string]any, error) {
	q.sql = append(q.sql, fmt.Sprintf("at %d: %s", seq, raw))
	return q.lines, q.err
}

func (q *fakeSQL) QuerySQLAt(_ context.Context, seq uint32, sql string, _ []rpc.TableRule, _ int) ([]map[string]any, error) {
	q.sql = append(q.sql, fmt.Sprintf("at %d: %s", seq, sql))
	return q.lines, q.err
}

func (q *fakeSQL) QuerySQL(_ context.Context, sql string, _ []rpc.TableRule, _ int) ([]map[string]any, error) {
	q.sql = append(q.sql, sql)
	return q.lines, q.err
}

func (q *fakeSQL) SelectTables(string) ([][20]byte, error) { return q.tables, nil }
func (q *fakeSQL) Lag() uint32                             { return q.lag }

// ask is one ask a fakeAsker received.
type ask struct {
	kind  string
	token uint64
	arg   any
}

// fakeAsker records the session's asks (rpc.Asker); the test answers
// them with Session.Resume. A query runs at once and is answered through
// resume, unless holdQueries: then the test runs it (ask.arg).
type fakeAsker struct {
	asks        []ask
	holdQueries bool
	resume      func(token uint64, a rpc.Answer)
}

func (a *fakeAsker) Submit(token uint64, t *tx.Tx) { a.asks = append(a.asks, ask{"submit", token, t}) }
func (a *fakeAsker) OpenAccount(token uint64, id address.AccountID) {
	a.asks = append(a.asks, ask{"account", token, id})
}
func (a *fakeAsker) AcceptLedger(token uint64)     { a.asks = append(a.asks, ask{"accept", token, nil}) }
func (a *fakeAsker) Subscribe(s *rpc.Subscription) { a.asks = append(a.asks, ask{"subscribe", 0, s}) }
func (a *fakeAsker) JoinNKN()                      { a.asks = append(a.asks, ask{"join", 0, nil}) }
func (a *fakeAsker) Query(token uint64, run func() rpc.Answer) {
	if a.holdQueries {
		a.asks = append(a.asks, ask{"query", token, run})
		return
	}
	a.resume(token, run())
}

// fakeConn records replies (rpc.Conn).
type fakeConn struct {
	admin   bool
	replies [][]byte
}

func (c *fakeConn) SessionID() string  { return "session-1" }
func (c *fakeConn) IsAdmin() bool      { return c.admin }
func (c *fakeConn) Reply(frame []byte) { c.replies = append(c.replies, frame) }

// chain is a genesis ledger and a second one holding one payment: the
// state after the second, the log of both, and the payment.
type chain struct {
	state   *fakeState
	log     *fakeLog
	payment *tx.Tx
	dest    address.AccountID
	closed  *ledger.Closed
}

const closeTime = 825915967 // 2026-Mar-04 05:06:07 UTC

func newChain(t testing.TB) *chain {
	t.Helper()
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	dest, err := keys.SeedFromPassphrase("rpc-dest").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	st, err := ledger.Genesis(ledger.DefaultParams(), kp.AccountID(), closeTime)
	if err != nil {
		t.Fatal(err)
	}
	gh := st.Header()
	genesis := &eventlog.Ledger{Seq: 1, Hash: st.Hash(), Header: gh.Encode()}
	o, err := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": kp.AccountID().String(), "Destination": dest.AccountID().String(),
		"Amount": "1000000000", "Fee": "10", "Sequence": 1, "Flags": uint32(tx.FlagFullyCanonicalSig)})
	if err != nil {
		t.Fatal(err)
	}
	pay, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	closed := st.Close([]*tx.Tx{pay}, closeTime+1) // st is now ledger 2
	second := &eventlog.Ledger{Seq: 2, Hash: closed.Hash, Header: closed.Header.Encode()}
	for _, ap := range closed.Txs {
		second.Txs = append(second.Txs, eventlog.Tx{Hash: ap.Tx.Hash, Blob: ap.Tx.Blob, Meta: ap.MetaBlob})
	}
	s := &fakeState{header: st.Header(), hash: st.Hash(), params: st.Params(), first: 1, accounts: map[address.AccountID]ledger.AccountRoot{}}
	for _, a := range st.AccountList() {
		s.accounts[a.Account] = a
	}
	return &chain{state: s, log: &fakeLog{ledgers: []*eventlog.Ledger{genesis, second}}, payment: pay, dest: dest.AccountID(), closed: closed}
}

// harness is one session over fakes.
type harness struct {
	t      *testing.T
	s      *rpc.Session
	conn   *fakeConn
	ask    *fakeAsker
	done   int
	logged *bytes.Buffer
	id     int
}

func newHarness(t *testing.T, cfg rpc.Config, admin bool) *harness {
	h := &harness{t: t, conn: &fakeConn{admin: admin}, ask: &fakeAsker{}, logged: &bytes.Buffer{}}
	cfg.Logger = slog.New(slog.NewTextHandler(h.logged, nil))
	node := rpc.NewNode(cfg)
	t.Cleanup(node.Close)
	return h.session(node)
}

// openSession is a harness for a new session on a node shared with
// others; the node logs where its Config says.
func openSession(t *testing.T, node *rpc.Node, admin bool) *harness {
	h := &harness{t: t, conn: &fakeConn{admin: admin}, ask: &fakeAsker{}, logged: &bytes.Buffer{}}
	return h.session(node)
}

// session opens the harness's session on node.
func (h *harness) session(node *rpc.Node) *harness {
	h.s = node.NewSession(h.conn, h.ask, func() { h.done++ })
	h.ask.resume = h.s.Resume
	return h
}

// send hands the session a request of a dialect and returns the
// replies it wrote.
func (h *harness) send(d gateway.Dialect, method string, params map[string]any) [][]byte {
	h.t.Helper()
	h.id++
	body := map[string]any{"id": h.id}
	if d == gateway.NKN {
		body = map[string]any{"Action": method, "Id": h.id}
	} else {
		body["command"] = method
	}
	for k, v := range params {
		body[k] = v
	}
	b, err := json.Marshal(body)
	if err != nil {
		h.t.Fatal(err)
	}
	before := len(h.conn.replies)
	h.s.Handle(&gateway.Request{Dialect: d, ID: json.RawMessage(fmt.Sprint(h.id)), Method: method, Body: b})
	return h.conn.replies[before:]
}

// call sends a ChainSQL request that is answered at once and returns
// its one reply, decoded.
func (h *harness) call(method string, params map[string]any) map[string]any {
	h.t.Helper()
	replies := h.send(gateway.ChainSQL, method, params)
	if len(replies) != 1 {
		h.t.Fatalf("%s: %d replies, want 1", method, len(replies))
	}
	return decode(h.t, replies[0])
}

func decode(t *testing.T, frame []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(frame, &m); err != nil {
		t.Fatalf("reply %s: %v", frame, err)
	}
	return m
}
