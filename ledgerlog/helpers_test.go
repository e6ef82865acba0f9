package ledgerlog_test

import (
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// quiet discards pebble's messages.
var quiet = slog.New(slog.DiscardHandler)

// genesisTime is the close time of the test chains' genesis ledger.
const genesisTime = 800_000_000

// chain is a ledger.State whose every closed ledger is appended to a
// Pebble event log (on a memory filesystem) as the sequencer appends it.
type chain struct {
	tb      testing.TB
	log     *eventlog.Log
	st      *ledger.State
	genesis *keys.KeyPair
	time    uint32
	next    map[*keys.KeyPair]uint32
	closed  []*ledger.Closed
}

// newChain starts a chain on a new log in memory.
func newChain(tb testing.TB) *chain {
	tb.Helper()
	log := openLog(tb, vfs.NewMem(), "log")
	st, err := ledgerlog.Init(log, ledgerlog.NewGenesis(ledger.DefaultParams(), genesisTime))
	if err != nil {
		tb.Fatal(err)
	}
	return chainOn(tb, log, st)
}

// chainOn continues the chain of log from its state at the head.
func chainOn(tb testing.TB, log *eventlog.Log, st *ledger.State) *chain {
	return &chain{tb: tb, log: log, st: st, genesis: wallet(tb, "masterpassphrase"), time: st.Header().CloseTime, next: map[*keys.KeyPair]uint32{}}
}

// openLog opens the event log in dir of fs, closed at the end of the
// test.
func openLog(tb testing.TB, fs vfs.FS, dir string) *eventlog.Log {
	tb.Helper()
	log, err := eventlog.Open(dir, eventlog.Options{FS: fs, Logger: quiet})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { log.Close() })
	return log
}

// wallet is the key pair of a passphrase.
func wallet(tb testing.TB, passphrase string) *keys.KeyPair {
	tb.Helper()
	kp, err := keys.SeedFromPassphrase(passphrase).KeyPair()
	if err != nil {
		tb.Fatal(err)
	}
	return kp
}

// sign signs a transaction of kp with its next sequence and the fee.
func (c *chain) sign(kp *keys.KeyPair, typ, fee string, fields map[string]any) *tx.Tx {
	c.tb.Helper()
	seq := c.next[kp]
	if seq == 0 {
		seq = 1
	}
	c.next[kp] = seq + 1
	m := map[string]any{"TransactionType": typ, "Account": kp.AccountID().String(), "Sequence": seq, "Fee": fee, "Flags": tx.FlagFullyCanonicalSig}
	for k, v := range fields {
		m[k] = v
	}
	o, err := codec.FromMap(m)
	if err != nil {
		c.tb.Fatalf("build %s: %v", typ, err)
	}
	t, err := tx.Sign(o, kp)
	if err != nil {
		c.tb.Fatalf("sign %s: %v", typ, err)
	}
	return t
}

// pay signs a payment of drops from kp to dst.
func (c *chain) pay(kp, dst *keys.KeyPair, drops uint64) *tx.Tx {
	return c.sign(kp, "Payment", "10", map[string]any{"Destination": dst.AccountID().String(), "Amount": fmt.Sprint(drops)})
}

// table signs a table transaction of kp's table name: a TableListSet or,
// for an SQL statement's OpType, an SQLStatement.
func (c *chain) table(kp *keys.KeyPair, op tx.OpType, name, raw string) *tx.Tx {
	n := ledger.NewNameInDB(1, kp.AccountID(), []byte(name))
	f := map[string]any{
		"OpType": int(op), "Raw": hexOf(raw),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf(name), "NameInDB": strings.ToUpper(hex.EncodeToString(n[:]))}}},
	}
	typ := "TableListSet"
	if op.IsSQLStatement() {
		typ, f["Owner"] = "SQLStatement", kp.AccountID().String()
	}
	return c.sign(kp, typ, "2000000", f)
}

// contractCode is the runtime and init code of the document's contract
// (setName(string), getName()).
func contractCode(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("../vmhost/testdata/name_contract.hex")
	if err != nil {
		tb.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// setName is the call data of setName(name), name at most 32 bytes.
func setName(name string) string {
	return "C47F0027" + fmt.Sprintf("%064x%064x", 0x20, len(name)) + hex.EncodeToString([]byte(name)) + strings.Repeat("00", 32-len(name))
}

// close closes the transactions into the next ledger, every one of them
// recorded, and appends the ledger's record to the log.
func (c *chain) close(txs ...*tx.Tx) *ledger.Closed {
	c.tb.Helper()
	c.time += 10
	closed := c.st.Close(txs, c.time)
	if len(closed.Rejected) > 0 {
		c.tb.Fatalf("ledger %d: %X rejected: %s", closed.Header.Seq, closed.Rejected[0].Tx.Hash, closed.Rejected[0].Code.Token())
	}
	if err := c.log.Append(ledgerlog.Record(closed)); err != nil {
		c.tb.Fatal(err)
	}
	c.closed = append(c.closed, closed)
	return closed
}

// mixed closes ledgers of every kind of transaction the log records:
// payments (one creating an account, one failing with a tec), a table
// created and written, and a contract deployed and called.
func (c *chain) mixed() {
	c.tb.Helper()
	alice, bob := wallet(c.tb, "alice"), wallet(c.tb, "bob")
	c.close(c.pay(c.genesis, alice, 1_000_000_000), c.pay(c.genesis, bob, 50_000_000))
	c.close(
		c.pay(alice, bob, 1_000_000),
		c.pay(bob, alice, 60_000_000), // more than bob holds: tecUNFUNDED_PAYMENT
		c.table(alice, tx.OpCreate, "people", `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20}]`),
	)
	c.close(c.table(alice, tx.OpInsert, "people", `[{"id":1,"name":"ann"},{"id":2,"name":"bo"}]`))
	deploy := c.sign(c.genesis, "Contract", "10", map[string]any{"ContractOpType": 1, "ContractData": contractCode(c.tb), "Gas": 3_000_000})
	c.close(deploy)
	addr := ledger.ContractAddress(c.genesis.AccountID(), deploy.Sequence)
	c.close(c.sign(c.genesis, "Contract", "10", map[string]any{"ContractOpType": 2, "ContractAddress": addr.String(), "ContractData": setName("wawa"), "Gas": 100_000}))
	for _, want := range []struct {
		seq, idx int
		code     ter.Code
	}{{0, 0, ter.TesSUCCESS}, {1, 1, ter.TecUNFUNDED_PAYMENT}, {1, 2, ter.TesSUCCESS}, {2, 0, ter.TesSUCCESS}, {3, 0, ter.TesSUCCESS}, {4, 0, ter.TesSUCCESS}} {
		if got := c.closed[want.seq].Txs[want.idx].Meta.Result; got != want.code {
			c.tb.Fatalf("ledger %d tx %d: %s, want %s", c.closed[want.seq].Header.Seq, want.idx, got.Token(), want.code.Token())
		}
	}
}

// hexOf is the uppercase hex of s, the JSON form of a VL field.
func hexOf(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }
