package ledger_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tx"
)

// FuzzEscrow applies an escrow's create and then a finish or a cancel,
// with fuzzed amounts, times, sequences, destinations and close times,
// to a state holding the genesis account and alice. Whatever the
// fields, Close must not panic, each transaction is recorded with a tes
// or tec code or left out with another, the ledger keeps its invariants
// (no drop created, every fee destroyed, the state's own checks), its
// metadata decodes, and closing the same transactions on a fresh state
// gives the same ledger hash.
func FuzzEscrow(f *testing.F) {
	f.Add(uint64(5_000_000), int32(20), int32(0), uint8(0), uint8(0), uint16(30), uint32(0))
	f.Add(uint64(5_000_000), int32(20), int32(40), uint8(1), uint8(1), uint16(50), uint32(0))
	f.Add(uint64(1), int32(-5), int32(3), uint8(2), uint8(0), uint16(1), uint32(7))
	f.Add(uint64(1<<62), int32(0), int32(0), uint8(0), uint8(2), uint16(0), uint32(1))
	f.Add(uint64(999_000_000), int32(1), int32(2), uint8(1), uint8(1), uint16(3), uint32(2))
	g := newWallet(f, "genesis")
	alice := newWallet(f, "fuzz-alice")
	bob := newWallet(f, "fuzz-bob")
	fund := payment(f, g, alice.id(), 1_000_000_000, 1)
	f.Fuzz(func(t *testing.T, amount uint64, finish, cancel int32, dest, second uint8, later uint16, offerDelta uint32) {
		const t0 = genesisTime + 10
		at := func(d int32) uint32 {
			if d <= 0 {
				return 0
			}
			return t0 + uint32(d)
		}
		create := map[string]any{"Amount": fmt.Sprint(amount % (100_000_000_000_000_000 + 1))}
		switch dest % 3 {
		case 0:
			create["Destination"] = bob.id().String()
		case 1:
			create["Destination"] = alice.id().String()
		default:
			create["Destination"] = g.id().String()
		}
		if f := at(finish); f != 0 {
			create["FinishAfter"] = f
		}
		if c := at(cancel); c != 0 {
			create["CancelAfter"] = c
		}
		txs := [][]*tx.Tx{
			{fund},
			{signTx(t, alice, "EscrowCreate", 1, create)},
		}
		ref := map[string]any{"Owner": alice.id().String(), "OfferSequence": 1 + offerDelta%4}
		switch second % 3 {
		case 0:
			txs = append(txs, []*tx.Tx{signTx(t, bob, "EscrowFinish", 1, ref)})
		case 1:
			txs = append(txs, []*tx.Tx{signTx(t, alice, "EscrowCancel", 2, ref)})
		default:
			txs = append(txs, []*tx.Tx{signTx(t, g, "EscrowFinish", 2, ref)})
		}
		closeTimes := []uint32{t0, t0 + 1, t0 + 2 + uint32(later)}
		run := func() (*ledger.State, []*ledger.Closed) {
			st, _ := genesisState(t)
			var out []*ledger.Closed
			for i, batch := range txs {
				parent := st.Header()
				c := st.Close(batch, closeTimes[i])
				checkFuzzedLedger(t, st, parent, c)
				out = append(out, c)
			}
			return st, out
		}
		st1, _ := run()
		st2, _ := run()
		if st1.Hash() != st2.Hash() {
			t.Fatalf("the same transactions closed to %X and %X", st1.Hash(), st2.Hash())
		}
	})
}

// checkFuzzedLedger checks what every closed ledger must keep.
func checkFuzzedLedger(t *testing.T, st *ledger.State, parent ledger.Header, c *ledger.Closed) {
	t.Helper()
	var fees uint64
	for _, a := range c.Txs {
		if r := a.Meta.Result; !r.IsTesSuccess() && !r.IsTec() {
			t.Fatalf("recorded with %s", r.Token())
		}
		if _, err := ledger.DecodeMeta(a.MetaBlob); err != nil {
			t.Fatalf("metadata: %v", err)
		}
		fees += a.Destroyed
	}
	for _, r := range c.Rejected {
		if r.Code.IsTesSuccess() || r.Code.IsTec() {
			t.Fatalf("left out with %s", r.Code.Token())
		}
	}
	if c.Header.TotalDrops != parent.TotalDrops-fees {
		t.Fatalf("total %d, parent %d less fees %d", c.Header.TotalDrops, parent.TotalDrops, fees)
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}
