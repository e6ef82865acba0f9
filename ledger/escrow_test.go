package ledger_test

import (
	"strconv"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestEscrow drives escrows through ledgers closed 10 seconds apart
// (ledger n closes at genesisTime + 10(n-1); escrows are timed by the
// parent's close), checking each transaction's result, the balances to
// the drop, OwnerCount and the escrow entries.
func TestEscrow(t *testing.T) {
	st, g := genesisState(t)
	alice, bob := newWallet(t, "alice"), newWallet(t, "bob")
	const zxc = ledger.DropsPerZXC
	seqs := map[*wallet]uint32{g: 1, alice: 1, bob: 1}
	sign := func(w *wallet, typ string, m map[string]any) *tx.Tx {
		return signTx(t, w, typ, seqs[w], m)
	}
	type step struct {
		name string
		tx   *tx.Tx
		want string
	}
	closeLedger := func(steps ...step) {
		t.Helper()
		txs := make([]*tx.Tx, len(steps))
		for i, s := range steps {
			txs[i] = s.tx
		}
		before := st.Header().TotalDrops
		c := st.Close(txs, st.Header().CloseTime+10)
		got := map[*tx.Tx]string{}
		var fees uint64
		for _, a := range c.Txs {
			got[a.Tx] = a.Meta.Result.Token()
			fees += a.Destroyed
		}
		for _, r := range c.Rejected {
			got[r.Tx] = r.Code.Token()
		}
		for _, s := range steps {
			if got[s.tx] != s.want {
				t.Fatalf("ledger %d, %s: %s, want %s", c.Header.Seq, s.name, got[s.tx], s.want)
			}
		}
		if c.Header.TotalDrops != before-fees {
			t.Fatalf("ledger %d: total %d, want %d less the fees %d", c.Header.Seq, c.Header.TotalDrops, before, fees)
		}
		if err := st.CheckInvariants(); err != nil {
			t.Fatal(err)
		}
	}
	// next returns w's transaction of the given type with the next
	// sequence, which a recorded one consumes; sign keeps it, for
	// refused ones.
	next := func(w *wallet, typ string, m map[string]any) *tx.Tx {
		tr := sign(w, typ, m)
		seqs[w]++
		return tr
	}
	balance := func(w *wallet) uint64 {
		a, _ := st.Account(w.id())
		return a.Balance
	}
	owners := func(w *wallet) uint32 {
		a, _ := st.Account(w.id())
		return a.OwnerCount
	}
	create := func(w *wallet, dst address.AccountID, drops uint64, finish, cancel uint32) map[string]any {
		m := map[string]any{"Destination": dst.String(), "Amount": uintText(drops)}
		if finish != 0 {
			m["FinishAfter"] = finish
		}
		if cancel != 0 {
			m["CancelAfter"] = cancel
		}
		return m
	}
	end := func(owner *wallet, seq uint32) map[string]any {
		return map[string]any{"Owner": owner.id().String(), "OfferSequence": seq}
	}
	T := uint32(genesisTime)

	// Ledger 2 (parent closed at T): fund alice and bob.
	closeLedger(
		step{"fund alice", next(g, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": uintText(100 * zxc)}), "tesSUCCESS"},
		step{"fund bob", next(g, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": uintText(6 * zxc)}), "tesSUCCESS"},
	)
	// Ledger 3 (parent T+10): the malformed are refused. Ledger 4
	// (parent T+20): the unfunded and the late are recorded; one escrow
	// of 10 ZXC for alice, finish after T+35, cancel after T+55.
	g0 := balance(g)
	refused := []step{
		{"no time", sign(g, "EscrowCreate", create(g, alice.id(), zxc, 0, 0)), "temBAD_EXPIRATION"},
		{"cancel before finish", sign(g, "EscrowCreate", create(g, alice.id(), zxc, T+30, T+30)), "temBAD_EXPIRATION"},
		{"cancel only", sign(g, "EscrowCreate", create(g, alice.id(), zxc, 0, T+30)), "temMALFORMED"},
		{"zero amount", sign(g, "EscrowCreate", create(g, alice.id(), 0, T+30, 0)), "temBAD_AMOUNT"},
		{"issued amount", sign(g, "EscrowCreate", map[string]any{"Destination": alice.id().String(), "FinishAfter": T + 30,
			"Amount": map[string]any{"currency": "USD", "issuer": alice.id().String(), "value": "1"}}), "temBAD_AMOUNT"},
		{"condition", sign(g, "EscrowCreate", map[string]any{"Destination": alice.id().String(), "FinishAfter": T + 30, "Amount": "1000",
			"Condition": "A0258020E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855810100"}), "temDISABLED"},
		{"flags", sign(g, "EscrowCreate", map[string]any{"Destination": alice.id().String(), "FinishAfter": T + 30, "Amount": "1000", "Flags": 1}), "temINVALID_FLAG"},
	}
	closeLedger(refused...)
	if balance(g) != g0 {
		t.Fatalf("refused transactions cost %d drops", g0-balance(g))
	}
	first := seqs[g]
	closeLedger(
		step{"escrow", next(g, "EscrowCreate", create(g, alice.id(), 10*zxc, T+35, T+55)), "tesSUCCESS"},
		step{"finish in the past", next(g, "EscrowCreate", create(g, alice.id(), zxc, T+5, 0)), "tecNO_PERMISSION"},
		step{"no destination", next(g, "EscrowCreate", create(g, newWallet(t, "carol").id(), zxc, T+30, 0)), "tecNO_DST"},
		step{"bob below the reserve", next(bob, "EscrowCreate", create(bob, alice.id(), 1, T+30, 0)), "tecINSUFFICIENT_RESERVE"},
	)
	if got, want := balance(g), g0-10*zxc-3*10; got != want {
		t.Fatalf("genesis after the escrow: %d, want %d", got, want)
	}
	if owners(g) != 1 {
		t.Fatalf("genesis OwnerCount %d, want 1", owners(g))
	}
	key := ledger.EscrowKey(g.id(), first)
	if e, ok := st.Escrow(key); !ok || e.Amount != 10*zxc || e.Destination != alice.id() || e.FinishAfter != T+35 || e.CancelAfter != T+55 {
		t.Fatalf("escrow %X: %+v %v", key, e, ok)
	}
	// Ledger 5 (parent T+30): too early; ledger 6 (parent T+40): done.
	a0 := balance(alice)
	closeLedger(
		step{"finish too early", next(alice, "EscrowFinish", end(g, first)), "tecNO_PERMISSION"},
		step{"cancel too early", next(alice, "EscrowCancel", end(g, first)), "tecNO_PERMISSION"},
	)
	closeLedger(
		step{"finish", next(alice, "EscrowFinish", end(g, first)), "tesSUCCESS"},
		step{"finish again", next(alice, "EscrowFinish", end(g, first)), "tecNO_TARGET"},
		step{"no such escrow", next(alice, "EscrowCancel", end(g, first+100)), "tecNO_TARGET"},
		step{"condition", sign(alice, "EscrowFinish", map[string]any{"Owner": g.id().String(), "OfferSequence": first, "Condition": "00", "Fulfillment": "00"}), "temDISABLED"},
		step{"condition alone", sign(alice, "EscrowFinish", map[string]any{"Owner": g.id().String(), "OfferSequence": first, "Condition": "00"}), "temMALFORMED"},
	)
	if got, want := balance(alice), a0+10*zxc-5*10; got != want {
		t.Fatalf("alice after the finish: %d, want %d", got, want)
	}
	if _, ok := st.Escrow(key); ok || owners(g) != 0 {
		t.Fatalf("escrow still there after its finish, or OwnerCount %d", owners(g))
	}
	// A second escrow, cancelled: created in ledger 7 (parent T+50),
	// finish after T+65, cancel after T+80.
	second := seqs[g]
	closeLedger(step{"escrow 2", next(g, "EscrowCreate", create(g, alice.id(), 7*zxc, T+65, T+80)), "tesSUCCESS"})
	g1 := balance(g)
	closeLedger(step{"cancel too early", next(g, "EscrowCancel", end(g, second)), "tecNO_PERMISSION"})    // parent T+60
	closeLedger()                                                                                         // parent T+70
	closeLedger(step{"cancel at the time", next(g, "EscrowCancel", end(g, second)), "tecNO_PERMISSION"})  // parent T+80
	closeLedger(step{"finish too late", next(alice, "EscrowFinish", end(g, second)), "tecNO_PERMISSION"}) // parent T+90
	closeLedger(step{"cancel by anyone", next(bob, "EscrowCancel", end(g, second)), "tesSUCCESS"})        // parent T+100
	if got, want := balance(g), g1+7*zxc-2*10; got != want {
		t.Fatalf("genesis after the cancel: %d, want %d", got, want)
	}
	if _, ok := st.Escrow(ledger.EscrowKey(g.id(), second)); ok || owners(g) != 0 || len(st.EscrowList()) != 0 {
		t.Fatalf("escrow left after its cancel: %v", st.EscrowList())
	}
}

func uintText(n uint64) string { return strconv.FormatUint(n, 10) }
