package projections

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// genesisKey is the genesis account's key pair, the one every test
// transaction is signed with.
var genesisKey = func() *keys.KeyPair {
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		panic(err)
	}
	return kp
}()

// tableA and tableB are the NameInDB of the tables the tests use.
var (
	tableA = [20]byte{0x43, 0xAC, 0xD1, 0xFF, 0x14, 0x39, 0x86, 0x21, 0x0A, 0x44, 0xAB, 0x8B, 0x60, 0x93, 0x71, 0xB3, 0x92, 0xF4, 0x5A, 0x86}
	tableB = [20]byte{0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3}
)

// chain builds signed transactions and the ledgers that carry them.
type chain struct {
	tb      testing.TB
	seq     uint32 // last ledger built
	parent  [32]byte
	account uint32 // the genesis account's next sequence
}

func newChain(tb testing.TB) *chain { return &chain{tb: tb, account: 1} }

// hexOf is the uppercase hex of s, the JSON form of a VL field.
func hexOf(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

// sign signs a transaction given in JSON form, filling Account, Fee and
// Sequence.
func (c *chain) sign(fields map[string]any) *tx.Tx {
	c.tb.Helper()
	fields["Account"] = genesisKey.AccountID().String()
	fields["Fee"] = "10"
	fields["Sequence"] = c.account
	c.account++
	o, err := codec.FromMap(fields)
	if err != nil {
		c.tb.Fatalf("build transaction: %v", err)
	}
	t, err := tx.Sign(o, genesisKey)
	if err != nil {
		c.tb.Fatalf("sign: %v", err)
	}
	return t
}

// tablesField is the Tables array naming one table.
func tablesField(name [20]byte) []any {
	return []any{map[string]any{"Table": map[string]any{
		"TableName": hexOf("t" + hex.EncodeToString(name[:2])),
		"NameInDB":  strings.ToUpper(hex.EncodeToString(name[:])),
	}}}
}

// tableTx signs a TableListSet (OpType 1–5, 11–18) or SQLStatement (6,
// 8, 9, 10) transaction on table name with Raw raw ("" for none); extra
// fields are given as plain strings and hexed (AutoFillField…).
func (c *chain) tableTx(op tx.OpType, name [20]byte, raw string, extra ...string) *tx.Tx {
	c.tb.Helper()
	f := map[string]any{"OpType": int(op), "Tables": tablesField(name)}
	if op.IsSQLStatement() {
		f["TransactionType"] = "SQLStatement"
		f["Owner"] = genesisKey.AccountID().String()
	} else {
		f["TransactionType"] = "TableListSet"
	}
	if raw != "" {
		f["Raw"] = hexOf(raw)
	}
	for i := 0; i+1 < len(extra); i += 2 {
		f[extra[i]] = hexOf(extra[i+1])
	}
	return c.sign(f)
}

// stmt is one statement of a SQLTransaction.
func stmt(op tx.OpType, name [20]byte, raw string) map[string]any {
	return map[string]any{
		"OpType": int(op), "Owner": genesisKey.AccountID().String(), "Tables": tablesField(name), "Raw": hexOf(raw),
	}
}

// sqlTx signs a SQLTransaction of the statements.
func (c *chain) sqlTx(stmts ...map[string]any) *tx.Tx {
	c.tb.Helper()
	text, err := json.Marshal(stmts)
	if err != nil {
		c.tb.Fatal(err)
	}
	return c.sign(map[string]any{"TransactionType": "SQLTransaction", "NeedVerify": 1, "Statements": hexOf(string(text))})
}

// payment signs a payment to an arbitrary account.
func (c *chain) payment() *tx.Tx {
	return c.sign(map[string]any{
		"TransactionType": "Payment", "Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "1000000",
	})
}

// entry is a transaction with the result the ledger recorded for it.
type entry struct {
	t      *tx.Tx
	result ter.Code
}

// ok records t as tesSUCCESS.
func ok(t *tx.Tx) entry { return entry{t, ter.TesSUCCESS} }

// closeTimeOf is the close time the chain gives ledger seq.
func closeTimeOf(seq uint32) uint32 { return 800000000 + seq }

// ledger builds the next ledger with the transactions and their metas.
func (c *chain) ledger(txs ...any) *eventlog.Ledger {
	c.tb.Helper()
	c.seq++
	h := ledger.Header{Seq: c.seq, ParentHash: c.parent, CloseTime: closeTimeOf(c.seq), CloseTimeResolution: 1}
	led := &eventlog.Ledger{Seq: c.seq, Hash: h.Hash(), Header: h.Encode()}
	for i, t := range txs {
		e, isEntry := t.(entry)
		if !isEntry {
			e = ok(t.(*tx.Tx))
		}
		meta := ledger.Meta{Index: uint32(i), Result: e.result, DeliveredDrops: -1}
		led.Txs = append(led.Txs, eventlog.Tx{Hash: e.t.Hash, Blob: e.t.Blob, Meta: meta.Encode()})
	}
	c.parent = led.Hash
	return led
}

// openTest opens an SQLite projection in a test directory, for the
// tests of what does not depend on the store (eachStore runs the others
// on both).
func openTest(tb testing.TB, opts Options) *Projection {
	tb.Helper()
	return openAt(tb, tb.TempDir(), opts)
}

// mustApply applies a ledger and returns its results.
func mustApply(tb testing.TB, p *Projection, led *eventlog.Ledger) []Result {
	tb.Helper()
	out, err := p.Apply(context.Background(), led)
	if err != nil {
		tb.Fatalf("apply ledger %d: %v", led.Seq, err)
	}
	if out.Seq != led.Seq || out.Hash != led.Hash {
		tb.Fatalf("outcome names ledger %d %X", out.Seq, out.Hash)
	}
	return out.Results
}

// rows reads a whole table, ordered, straight from the store.
func rows(tb testing.TB, p *Projection, name [20]byte, order string) []map[string]any {
	tb.Helper()
	r, err := p.b.Reader().Query("SELECT * FROM " + p.d.Table(TableName(name)) + " ORDER BY " + order)
	if err != nil {
		tb.Fatalf("read %s: %v", TableName(name), err)
	}
	defer r.Close()
	lines, err := scanLines(r, 1<<30, p.d)
	if err != nil {
		tb.Fatal(err)
	}
	return lines
}

// render prints rows compactly for comparisons: one line per row,
// columns in name order.
func render(lines []map[string]any) string {
	var b strings.Builder
	for _, l := range lines {
		keys := make([]string, 0, len(l))
		for k := range l {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%s=%v", k, l[k])
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// tableExists reports whether the SQL table exists in the store.
func tableExists(tb testing.TB, p *Projection, name [20]byte) bool {
	tb.Helper()
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?`
	if _, pg := p.d.(pgDialect); pg {
		q = `SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = lower(?)`
	}
	var n int
	if err := p.b.Reader().QueryRow(q, TableName(name)).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n == 1
}

// wantResults checks the statuses of a ledger's results, "" for success
// or a substring of the expected error.
func wantResults(tb testing.TB, got []Result, want ...string) {
	tb.Helper()
	if len(got) != len(want) {
		tb.Fatalf("got %d results %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		switch {
		case w == "" && (got[i].Status != DBSuccess || got[i].Error != ""):
			tb.Errorf("result %d: %s %q, want db_success", i, got[i].Status, got[i].Error)
		case w != "" && (got[i].Status != DBError || !strings.Contains(got[i].Error, w)):
			tb.Errorf("result %d: %s %q, want db_error containing %q", i, got[i].Status, got[i].Error, w)
		}
	}
}
