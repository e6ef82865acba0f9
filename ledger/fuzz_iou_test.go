package ledger_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tx"
)

// FuzzIOU applies trust lines and issued payments with fuzzed limits,
// flags, qualities, amounts, SendMax and partial-payment flags: two
// holders trust a gateway (which may set a transfer rate), the gateway
// issues to one, and that one pays the other. Whatever the fields,
// Close must not panic, each transaction is recorded with a tes or tec
// code or left out with another, the ledger keeps its invariants (no
// drop created, no issued currency created but by its issuer), its
// metadata decodes, and the same transactions closed again give the
// same ledger hash.
func FuzzIOU(f *testing.F) {
	f.Add(int64(1000), int8(0), int64(100), int8(0), int64(30), int8(0), int64(302), int8(-1), uint32(0), uint32(0), uint32(1_005_000_000), uint8(0))
	f.Add(int64(50), int8(0), int64(100), int8(0), int64(60), int8(0), int64(0), int8(0), uint32(0x00020000), uint32(0), uint32(0), uint8(1))
	f.Add(int64(1), int8(-15), int64(9999999999999999), int8(80), int64(-3), int8(0), int64(5), int8(0), uint32(0), uint32(1_000_000), uint32(2_000_000_000), uint8(2))
	f.Add(int64(0), int8(0), int64(1), int8(0), int64(1), int8(0), int64(1), int8(0), uint32(0x00100000), uint32(0), uint32(1_000_000_000), uint8(3))
	g := newWallet(f, "genesis")
	gw := newWallet(f, "fuzz-gateway")
	alice := newWallet(f, "fuzz-alice")
	bob := newWallet(f, "fuzz-bob")
	fund := []*tx.Tx{
		payment(f, g, gw.id(), 1_000_000_000, 1),
		payment(f, g, alice.id(), 1_000_000_000, 2),
		payment(f, g, bob.id(), 1_000_000_000, 3),
	}
	f.Fuzz(func(t *testing.T, limM int64, limE int8, issueM int64, issueE int8, payM int64, payE int8, maxM int64, maxE int8,
		trustFlags, quality, rate uint32, payFlags uint8) {
		usd := func(m int64, e int8) map[string]any {
			return map[string]any{"currency": "USD", "issuer": gw.id().String(), "value": fmt.Sprintf("%de%d", m, e)}
		}
		// A field the codec refuses (an amount out of range) leaves
		// the transaction out: the codec's own fuzz target covers it.
		build := func(w *wallet, typ string, seq uint32, m map[string]any) (*tx.Tx, bool) {
			st, err := buildTx(w, typ, seq, m)
			return st, err == nil
		}
		var batches [][]*tx.Tx
		batches = append(batches, fund)
		var second []*tx.Tx
		gwSeq := uint32(1)
		if rate != 0 {
			gwSeq++
			if st, ok := build(gw, "AccountSet", 1, map[string]any{"TransferRate": rate}); ok {
				second = append(second, st)
			}
		}
		trust := map[string]any{"LimitAmount": usd(limM, limE), "Flags": tx.FlagFullyCanonicalSig | trustFlags}
		if quality != 0 {
			trust["QualityIn"] = quality
		}
		for _, w := range []*wallet{alice, bob} {
			if st, ok := build(w, "TrustSet", 1, trust); ok {
				second = append(second, st)
			}
		}
		batches = append(batches, second)
		if st, ok := build(gw, "Payment", gwSeq, map[string]any{"Destination": alice.id().String(), "Amount": usd(issueM, issueE)}); ok {
			batches = append(batches, []*tx.Tx{st})
		}
		pay := map[string]any{"Destination": bob.id().String(), "Amount": usd(payM, payE), "Flags": tx.FlagFullyCanonicalSig | uint32(payFlags&1)<<17}
		if maxM != 0 {
			pay["SendMax"] = usd(maxM, maxE)
		}
		if payFlags&2 != 0 {
			pay["DeliverMin"] = usd(payM/2, payE)
		}
		if st, ok := build(alice, "Payment", 2, pay); ok {
			batches = append(batches, []*tx.Tx{st})
		}
		run := func() *ledger.State {
			st, _ := genesisState(t)
			for i, batch := range batches {
				parent := st.Header()
				c := st.Close(batch, genesisTime+10+uint32(i))
				checkFuzzedLedger(t, st, parent, c)
			}
			return st
		}
		if a, b := run(), run(); a.Hash() != b.Hash() {
			t.Fatalf("the same transactions closed to %X and %X", a.Hash(), b.Hash())
		}
	})
}
