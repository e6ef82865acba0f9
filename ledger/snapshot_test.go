package ledger_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// committed is what a state holds after a ledger, as lists.
type committed struct {
	header   ledger.Header
	params   ledger.Params
	accounts []ledger.AccountRoot
	tables   []*ledger.Table
	slots    []ledger.SlotUpdate
}

func committedOf(st *ledger.State) committed {
	return committed{st.Header(), st.Params(), st.AccountList(), st.TableList(), st.SlotList()}
}

// sameSnapshot fails unless got holds exactly the committed state st.
func sameSnapshot(t *testing.T, what string, got *ledger.Snapshot, st committed, owners ...*wallet) {
	t.Helper()
	if got.Header() != st.header || got.Hash() != st.header.Hash() || got.Params() != st.params {
		t.Fatalf("%s: header %d, state's %d", what, got.Header().Seq, st.header.Seq)
	}
	if got.Accounts() != len(st.accounts) {
		t.Fatalf("%s: %d accounts, state has %d", what, got.Accounts(), len(st.accounts))
	}
	for _, a := range st.accounts {
		if b, ok := got.Account(a.Account); !ok || !reflect.DeepEqual(a, b) {
			t.Fatalf("%s: account %s: %+v, state's %+v", what, a.Account, b, a)
		}
	}
	tables := st.tables
	for _, want := range tables {
		for name, lookup := range map[string]func() (*ledger.Table, bool){
			"key":      func() (*ledger.Table, bool) { return got.TableByKey(want.Key()) },
			"name":     func() (*ledger.Table, bool) { return got.Table(want.Owner, want.Name) },
			"NameInDB": func() (*ledger.Table, bool) { return got.TableByNameInDB(want.NameInDB) },
		} {
			if tbl, ok := lookup(); !ok || !reflect.DeepEqual(tbl, want) {
				t.Fatalf("%s: table %s by %s: %+v", what, want.Name, name, tbl)
			}
		}
	}
	n := 0
	for _, w := range owners {
		list := got.Tables(w.id())
		n += len(list)
		for i := 1; i < len(list); i++ {
			if bytes.Compare(list[i-1].Name, list[i].Name) >= 0 {
				t.Fatalf("%s: %s's tables out of name order", what, w.name)
			}
		}
	}
	if n != len(tables) {
		t.Fatalf("%s: owners list %d tables, state has %d", what, n, len(tables))
	}
	for _, sl := range st.slots {
		if got.Slot(sl.Slot) != sl.Value {
			t.Fatalf("%s: slot %x", what, sl.Slot.Key)
		}
	}
}

// TestSnapshotApply: a snapshot followed ledger by ledger with Apply
// equals the state's own snapshot after every ledger (tables created,
// renamed and dropped, grants, contract storage written and cleared),
// and an older snapshot never changes.
func TestSnapshotApply(t *testing.T) {
	c := newTableChain(t)
	sn := c.st.Snapshot()
	first, start := sn, committedOf(c.st)
	sameSnapshot(t, "start", sn, start, c.alice, c.bob)

	clear := initCode("6000600055") // SSTORE(0, 0)
	store := initCode("60003560005500")
	var addr string
	steps := []struct {
		what string
		txs  func() []*tx.Tx
	}{
		{"create and pay", func() []*tx.Tx {
			return []*tx.Tx{c.list(t, c.alice, tx.OpCreate, "b", testColumns, nil), c.list(t, c.bob, tx.OpCreate, "a", testColumns, nil), c.pay(t, newWallet(t, "dave"), 300)}
		}},
		{"rename onto a freed name", func() []*tx.Tx {
			return []*tx.Tx{
				c.list(t, c.alice, tx.OpRename, "t", "", map[string]any{"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexOf("t"), "TableNewName": hexOf("t0")}}}}),
				c.list(t, c.alice, tx.OpGrant, "b", `[{"insert":true}]`, map[string]any{"User": c.bob.id().String()}),
			}
		}},
		{"drop", func() []*tx.Tx {
			return []*tx.Tx{c.list(t, c.bob, tx.OpDrop, "a", "", nil)}
		}},
		{"deploy", func() []*tx.Tx {
			seq := c.next(c.alice)
			addr = ledger.ContractAddress(c.alice.id(), seq).String()
			return []*tx.Tx{signTx(t, c.alice, "Contract", seq, map[string]any{"ContractOpType": 1, "ContractData": store, "Gas": 1_000_000, "Fee": "1000"})}
		}},
		{"store", func() []*tx.Tx {
			return []*tx.Tx{signTx(t, c.alice, "Contract", c.next(c.alice), map[string]any{"ContractOpType": 2, "ContractAddress": addr, "ContractData": strings.Repeat("2A", 32), "Gas": 100_000, "Fee": "1000"})}
		}},
		{"clear", func() []*tx.Tx {
			return []*tx.Tx{signTx(t, c.alice, "Contract", c.next(c.alice), map[string]any{"ContractOpType": 2, "ContractAddress": addr, "ContractData": strings.Repeat("00", 32), "Gas": 100_000, "Fee": "1000"})}
		}},
		{"deploy a clearing contract", func() []*tx.Tx {
			return []*tx.Tx{signTx(t, c.bob, "Contract", c.next(c.bob), map[string]any{"ContractOpType": 1, "ContractData": clear, "Gas": 1_000_000, "Fee": "1000"})}
		}},
	}
	for _, s := range steps {
		closed := c.close(t, s.txs()...)
		for _, ap := range closed.Txs {
			if ap.Meta.Result != ter.TesSUCCESS {
				t.Fatalf("%s: %s", s.what, ap.Meta.Result.Token())
			}
		}
		sn = sn.Apply(closed)
		sameSnapshot(t, s.what, sn, committedOf(c.st), c.alice, c.bob)
	}
	sameSnapshot(t, "the first snapshot, after the others", first, start, c.alice, c.bob)
}
