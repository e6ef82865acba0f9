package ledger_test

import (
	"bytes"
	"crypto/sha512"
	"errors"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

func half(parts ...[]byte) hash.Hash256 {
	h := sha512.New()
	for _, p := range parts {
		h.Write(p)
	}
	var out hash.Hash256
	copy(out[:], h.Sum(nil))
	return out
}

// TestCloseHashes checks a ledger with transactions: its tx hash is the
// tree over SHA-512Half("SND\0" ‖ blob ‖ meta) in ledger order, its
// parent hash the previous ledger's hash, and its hash the header's.
func TestCloseHashes(t *testing.T) {
	st, g := genesisState(t)
	alice, bob := newWallet(t, "alice"), newWallet(t, "bob")
	parent := st.Hash()
	txs := []*tx.Tx{
		payment(t, g, alice.id(), 50*ledger.DropsPerZXC, 1),
		payment(t, g, bob.id(), 1, 2), // tecNO_DST_INSUF_ZXC: recorded
		payment(t, g, bob.id(), 1, 9), // terPRE_SEQ: not recorded
		payment(t, g, bob.id(), 50*ledger.DropsPerZXC, 3),
	}
	c := st.Close(txs, 200)
	if len(c.Txs) != 3 || len(c.Rejected) != 1 || c.Rejected[0].Code != ter.TerPRE_SEQ {
		t.Fatalf("%d recorded, rejected %+v; want 3 recorded and one terPRE_SEQ", len(c.Txs), c.Rejected)
	}
	var leaves []hash.Hash256
	for i, a := range c.Txs {
		if a.Meta.Index != uint32(i) {
			t.Errorf("tx %d has index %d", i, a.Meta.Index)
		}
		if !bytes.Equal(a.MetaBlob, a.Meta.Encode()) {
			t.Errorf("tx %d: MetaBlob is not Meta.Encode()", i)
		}
		if code, err := ledger.MetaResult(a.MetaBlob); err != nil || code != a.Meta.Result {
			t.Errorf("tx %d: MetaResult = %v, %v; want %v", i, code, err, a.Meta.Result)
		}
		leaves = append(leaves, half([]byte("SND\x00"), a.Tx.Blob, a.MetaBlob))
	}
	inner := func(l, r hash.Hash256) hash.Hash256 { return half([]byte("MIN\x00"), l[:], r[:]) }
	wantTx := inner(inner(leaves[0], leaves[1]), leaves[2])
	h := c.Header
	switch {
	case h.TxHash != wantTx:
		t.Errorf("tx hash %X, want %X", h.TxHash, wantTx)
	case h.ParentHash != parent:
		t.Errorf("parent hash %X, want %X", h.ParentHash, parent)
	case c.Hash != h.Hash() || st.Hash() != c.Hash || st.Header() != h:
		t.Errorf("the closed ledger's hash and header are not the state's")
	case h.Seq != 2 || h.CloseTime != 200 || h.ParentCloseTime != genesisTime:
		t.Errorf("header %+v", h)
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}

// TestCloseChanged checks that Changed holds each touched account once,
// in first-touch order, with its final value.
func TestCloseChanged(t *testing.T) {
	st, g := genesisState(t)
	alice, bob := newWallet(t, "alice"), newWallet(t, "bob")
	c := st.Close([]*tx.Tx{
		payment(t, g, alice.id(), 100*ledger.DropsPerZXC, 1),
		payment(t, g, bob.id(), 100*ledger.DropsPerZXC, 2),
		payment(t, alice, bob.id(), 10*ledger.DropsPerZXC, 1),
	}, 200)
	want := []struct {
		id      address.AccountID
		balance uint64
		seq     uint32
	}{
		{g.id(), ledger.DefaultParams().GenesisDrops - 200*ledger.DropsPerZXC - 20, 3},
		{alice.id(), 90*ledger.DropsPerZXC - 10, 2},
		{bob.id(), 110 * ledger.DropsPerZXC, 1},
	}
	if len(c.Changed) != len(want) {
		t.Fatalf("%d changed accounts, want %d", len(c.Changed), len(want))
	}
	for i, w := range want {
		a := c.Changed[i]
		if a.Account != w.id || a.Balance != w.balance || a.Sequence != w.seq {
			t.Errorf("changed[%d] = %s %d seq %d, want %s %d seq %d", i, a.Account, a.Balance, a.Sequence, w.id, w.balance, w.seq)
		}
		if a.PreviousTxnLgrSeq != 2 {
			t.Errorf("changed[%d] PreviousTxnLgrSeq %d, want 2", i, a.PreviousTxnLgrSeq)
		}
		if got, _ := st.Account(w.id); got.Balance != a.Balance || got.Sequence != a.Sequence {
			t.Errorf("changed[%d] differs from the state", i)
		}
	}
}

// TestAccountIsACopy checks that State.Account and AccountList hand out
// copies: changing them does not change the state.
func TestAccountIsACopy(t *testing.T) {
	st, g := genesisState(t)
	o := signTx(t, g, "AccountSet", 1, map[string]any{"Domain": "6162"})
	st.Close([]*tx.Tx{o}, 200)
	a, _ := st.Account(g.id())
	a.Domain[0] = 'z'
	a.Balance = 1
	list := st.AccountList()
	list[0].Balance = 2
	again, _ := st.Account(g.id())
	if string(again.Domain) != "ab" || again.Balance == 1 || again.Balance == 2 {
		t.Fatalf("the state changed through a copy: %+v", again)
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}

// unsigned builds a transaction without signing it, for fields no key
// can sign (the zero account) or types the ledger does not apply.
func unsigned(t *testing.T, m map[string]any) *tx.Tx {
	t.Helper()
	o, err := codec.FromMap(m)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tx.FromObject(o)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPreflightCommon(t *testing.T) {
	g := newWallet(t, "genesis")
	for _, tc := range []struct {
		name string
		tx   *tx.Tx
		want ter.Code
	}{
		{"payment", payment(t, g, newWallet(t, "alice").id(), 1, 1), ter.TesSUCCESS},
		{"table transaction", unsigned(t, map[string]any{
			"TransactionType": "TableListSet", "Account": g.id().String(), "Sequence": 1, "Fee": "10",
			"SigningPubKey": "02", "OpType": 1, "Tables": []any{},
		}), ter.TemINVALID},
		{"contract with a bad ContractOpType", unsigned(t, map[string]any{
			"TransactionType": "Contract", "Account": g.id().String(), "Sequence": 1, "Fee": "10",
			"SigningPubKey": "02", "ContractOpType": 3, "ContractData": "00", "Gas": 1,
		}), ter.TemBAD_OPTYPE},
		{"zero account", unsigned(t, map[string]any{
			"TransactionType": "Payment", "Account": address.AccountID{}.String(), "Sequence": 1, "Fee": "10",
			"SigningPubKey": "02", "Destination": g.id().String(), "Amount": "1",
		}), ter.TemBAD_SRC_ACCOUNT},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := ledger.Preflight(tc.tx); got != tc.want {
				t.Fatalf("Preflight = %s, want %s", got.Token(), tc.want.Token())
			}
		})
	}
	for typ, want := range map[tx.Type]bool{tx.Payment: true, tx.AccountSet: true, tx.TableListSet: true, tx.SQLStatement: true, tx.SQLTransaction: true, tx.Contract: true} {
		if ledger.Supported(typ) != want {
			t.Errorf("Supported(%s) = %v", typ, !want)
		}
	}
}

// TestPreviewMatchesClose checks that Preview gives the result Close
// gives, and changes nothing.
func TestPreviewMatchesClose(t *testing.T) {
	st, g := genesisState(t)
	alice, bob := newWallet(t, "alice"), newWallet(t, "bob")
	st.Close([]*tx.Tx{payment(t, g, alice.id(), 20*ledger.DropsPerZXC, 1)}, 200)
	p := st.Params()
	for _, tc := range []struct {
		name    string
		tx      *tx.Tx
		want    ter.Code
		claimed bool
	}{
		{"creates", payment(t, alice, bob.id(), 5*ledger.DropsPerZXC, 1), ter.TesSUCCESS, true},
		{"below the reserve", payment(t, alice, bob.id(), 1, 1), ter.TecNO_DST_INSUF_ZXC, true},
		{"unfunded", payment(t, alice, g.id(), 15*ledger.DropsPerZXC+1, 1), ter.TecUNFUNDED_PAYMENT, true},
		{"funded to the drop", payment(t, alice, g.id(), 15*ledger.DropsPerZXC, 1), ter.TesSUCCESS, true},
		{"past sequence", payment(t, g, alice.id(), 1, 1), ter.TefPAST_SEQ, false},
		{"future sequence", payment(t, alice, g.id(), 1, 2), ter.TerPRE_SEQ, false},
		{"no account", payment(t, bob, g.id(), 1, 1), ter.TerNO_ACCOUNT, false},
		{"to oneself", payment(t, alice, alice.id(), 1, 1), ter.TemREDUNDANT, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src, ok := st.Account(tc.tx.Account)
			srcp := &src
			if !ok {
				srcp = nil
			}
			before := src
			code, _, claimed := ledger.Preview(srcp, st, tc.tx, st.Header().Seq+1, p)
			if code != tc.want || claimed != tc.claimed {
				t.Fatalf("Preview = %s, %v; want %s, %v", code.Token(), claimed, tc.want.Token(), tc.claimed)
			}
			if ok && (src.Balance != before.Balance || src.Sequence != before.Sequence) {
				t.Fatal("Preview changed the source account")
			}
			// The same transaction through Close on a copy of the chain.
			replay, _ := genesisState(t)
			replay.Close([]*tx.Tx{payment(t, g, alice.id(), 20*ledger.DropsPerZXC, 1)}, 200)
			c := replay.Close([]*tx.Tx{tc.tx}, 300)
			got, gotClaimed := ter.Code(0), len(c.Txs) == 1
			if gotClaimed {
				got = c.Txs[0].Meta.Result
			} else {
				got = c.Rejected[0].Code
			}
			if got != code || gotClaimed != claimed {
				t.Fatalf("Close = %s, %v; Preview said %s, %v", got.Token(), gotClaimed, code.Token(), claimed)
			}
		})
	}
}

func TestMetaErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		blob []byte
		want error
	}{
		{"unknown field", []byte{0xFF}, codec.ErrUnknownField},
		{"truncated", []byte{0x20}, codec.ErrTruncated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ledger.DecodeMeta(tc.blob); !errors.Is(err, tc.want) {
				t.Errorf("DecodeMeta error %v, want %v", err, tc.want)
			}
			if _, err := ledger.MetaResult(tc.blob); !errors.Is(err, tc.want) {
				t.Errorf("MetaResult error %v, want %v", err, tc.want)
			}
		})
	}
	o := &codec.Object{}
	if err := o.Set("TransactionIndex", uint32(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := ledger.MetaResult(o.Encode()); err == nil {
		t.Fatal("MetaResult without TransactionResult succeeded")
	}
}

func TestParams(t *testing.T) {
	p := ledger.DefaultParams()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		owners uint32
		want   uint64
	}{{0, 5_000_000}, {1, 6_000_000}, {10, 15_000_000}} {
		if got := p.Reserve(tc.owners); got != tc.want {
			t.Errorf("Reserve(%d) = %d, want %d", tc.owners, got, tc.want)
		}
	}
	if got := ledger.MinFee(payment(t, newWallet(t, "genesis"), newWallet(t, "alice").id(), 1, 1), p); got != 10 {
		t.Errorf("MinFee = %d, want 10", got)
	}
	if p.DropsPerByte != 976 {
		t.Errorf("DropsPerByte = %d, want ChainSQL's 976", p.DropsPerByte)
	}
}
