package projections

import (
	"context"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestParsedOnce follows table transactions the way the node takes them
// — the table actor's admission (ledger.Preflight, ledger.CheckFits), the
// account actor's preview (ledger.Preview), the sequencer's Close, the
// projection applying the closed ledger's transactions — and counts the
// parses of their Raws: one each. Replaying them from their blobs, as a
// restart does, parses each once more, once.
func TestParsedOnce(t *testing.T) {
	owner := genesisKey.AccountID()
	st, err := ledger.Genesis(ledger.DefaultParams(), owner, 800000000)
	if err != nil {
		t.Fatal(err)
	}
	name := []byte("people")
	nameInDB := ledger.NewNameInDB(1, owner, name)
	table := []any{map[string]any{"Table": map[string]any{
		"TableName": hexOf(string(name)), "NameInDB": strings.ToUpper(hex.EncodeToString(nameInDB[:])),
	}}}
	p := openTest(t, Options{})
	seq := uint32(1)
	sign := func(fields map[string]any) *tx.Tx {
		fields["Account"], fields["Fee"], fields["Sequence"] = owner.String(), "1000000", seq
		seq++
		o, err := codec.FromMap(fields)
		if err != nil {
			t.Fatal(err)
		}
		signed, err := tx.Sign(o, genesisKey)
		if err != nil {
			t.Fatal(err)
		}
		return signed
	}
	// through takes t the node's way and returns how many Raws that
	// parsed.
	through := func(t1 *tx.Tx) uint64 {
		before := tableop.Parses()
		if code, detail := ledger.Preflight(t1); code != ter.TesSUCCESS {
			t.Fatalf("preflight: %s %s", code.Token(), detail)
		}
		if tbl, ok := st.Table(owner, name); ok && t1.Type == tx.SQLStatement {
			if err := ledger.CheckFits(tbl, &tableop.Of(t1).Ops[0]); err != nil {
				t.Fatal(err)
			}
		}
		src, _ := st.Account(owner)
		if code, _, claimed := ledger.Preview(&src, st, t1, st.Header().Seq+1, st.Params()); code != ter.TesSUCCESS || !claimed {
			t.Fatalf("preview: %s", code.Token())
		}
		closed := st.Close([]*tx.Tx{t1}, st.Header().CloseTime+1)
		if len(closed.Txs) != 1 || closed.Txs[0].Meta.Result != ter.TesSUCCESS || len(closed.Txs[0].Tables) != 1 {
			t.Fatalf("close: %+v", closed.Txs)
		}
		p.mu.Lock()
		out, err := p.applyTxs(context.Background(), closed.Header.Seq, closed.Hash, ledgerlog.CloseTime(closed.Header), []*tx.Tx{closed.Txs[0].Tx})
		p.mu.Unlock()
		if err != nil || len(out.Results) != 1 || out.Results[0].Status != DBSuccess {
			t.Fatalf("apply: %+v %v", out, err)
		}
		return tableop.Parses() - before
	}
	create := sign(map[string]any{"TransactionType": "TableListSet", "OpType": int(tx.OpCreate), "Tables": table,
		"Raw": hexOf(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32}]`)})
	insert := sign(map[string]any{"TransactionType": "SQLStatement", "OpType": int(tx.OpInsert), "Tables": table,
		"Owner": owner.String(), "Raw": hexOf(`[{"id":1,"name":"ann"},{"id":2,"name":"bob"}]`)})
	for _, t1 := range []*tx.Tx{create, insert} {
		if n := through(t1); n != 1 {
			t.Errorf("%s: %d parses of its Raw, want 1", t1.Type, n)
		}
	}
	if got := render(rows(t, p, nameInDB, "id")); got != "id=1 name=ann\nid=2 name=bob\n" {
		t.Errorf("rows:\n%s", got)
	}

	replayed, err := ledger.Genesis(ledger.DefaultParams(), owner, 800000000)
	if err != nil {
		t.Fatal(err)
	}
	before := tableop.Parses()
	for _, t1 := range []*tx.Tx{create, insert} {
		decoded, err := tx.Decode(t1.Blob)
		if err != nil {
			t.Fatal(err)
		}
		replayed.Close([]*tx.Tx{decoded}, replayed.Header().CloseTime+1)
	}
	if n := tableop.Parses() - before; n != 2 || replayed.Hash() != st.Hash() {
		t.Errorf("replay: %d parses for 2 transactions, hash %X, want %X", n, replayed.Hash(), st.Hash())
	}
}
