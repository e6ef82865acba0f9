package ledger_test

import (
	"encoding/hex"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/tx"
)

// iouRun drives a state through ledgers of one or more transactions,
// keeping each wallet's next sequence.
type iouRun struct {
	t    *testing.T
	st   *ledger.State
	seqs map[*wallet]uint32
}

// do applies one transaction alone in a ledger and checks its result;
// a recorded one consumes its sequence. It returns the recorded
// transaction (nil when refused).
func (r *iouRun) do(w *wallet, typ string, m map[string]any, want string) *ledger.Applied {
	r.t.Helper()
	tr := signTx(r.t, w, typ, r.seqs[w], m)
	c := r.st.Close([]*tx.Tx{tr}, r.st.Header().CloseTime+10)
	if err := r.st.CheckInvariants(); err != nil {
		r.t.Fatal(err)
	}
	if len(c.Txs) == 1 {
		r.seqs[w]++
		if got := c.Txs[0].Meta.Result.Token(); got != want {
			r.t.Fatalf("%s %s %v: %s, want %s", w.name, typ, m, got, want)
		}
		a := c.Txs[0]
		return &a
	}
	if got := c.Rejected[0].Code.Token(); got != want {
		r.t.Fatalf("%s %s %v: %s (refused), want %s", w.name, typ, m, got, want)
	}
	return nil
}

func usd(value string, issuer *wallet) map[string]any {
	return map[string]any{"currency": "USD", "issuer": issuer.id().String(), "value": value}
}

// balance is a's USD balance with the gateway, in a's terms, and a's
// limit, as text.
func (r *iouRun) line(a, gw *wallet) (balance, limit string, ok bool) {
	cur, _ := codec.ParseCurrency("USD")
	l, ok := r.st.Line(ledger.LineKey(a.id(), gw.id(), cur))
	if !ok {
		return "", "", false
	}
	return l.BalanceOf(a.id()).String(), l.LimitOf(a.id()).String(), true
}

func (r *iouRun) wantLine(a, gw *wallet, balance, limit string) {
	r.t.Helper()
	b, l, ok := r.line(a, gw)
	if !ok || b != balance || l != limit {
		r.t.Fatalf("%s's line: balance %s limit %s (exists %v), want %s limit %s", a.name, b, l, ok, balance, limit)
	}
}

func (r *iouRun) owners(w *wallet) uint32 {
	a, _ := r.st.Account(w.id())
	return a.OwnerCount
}

// TestTrustSetAndIOUPayments walks rippled's trust line and payment
// rules: the TrustSet codes, the reserve of a third object, issuing,
// rippling through the gateway with its transfer rate and ChainSQL's
// fee bounds, limits, partial payments and DeliverMin, and deleting a
// line back at its defaults.
func TestTrustSetAndIOUPayments(t *testing.T) {
	st, g := genesisState(t)
	gw, alice, bob, carol, dave := newWallet(t, "gateway"), newWallet(t, "alice"), newWallet(t, "bob"), newWallet(t, "carol"), newWallet(t, "dave")
	r := &iouRun{t: t, st: st, seqs: map[*wallet]uint32{g: 1, gw: 1, alice: 1, bob: 1, carol: 1, dave: 1}}
	for _, w := range []*wallet{gw, alice, bob} {
		r.do(g, "Payment", map[string]any{"Destination": w.id().String(), "Amount": "1000000000"}, "tesSUCCESS")
	}
	// carol can pay for two objects' worth of nothing: 5 ZXC + 10 drops of
	// fees for each transaction she sends.
	r.do(g, "Payment", map[string]any{"Destination": carol.id().String(), "Amount": "5000030"}, "tesSUCCESS")
	r.do(gw, "AccountSet", map[string]any{"SetFlag": tx.AsfDefaultRipple}, "tesSUCCESS")

	// TrustSet's preflight and preclaim codes: nothing in the ledger.
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("-1", gw)}, "temBAD_LIMIT")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": "1000"}, "temBAD_LIMIT")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("10", alice)}, "temDST_IS_SRC")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("10", gw), "Flags": tx.FlagFullyCanonicalSig | 0x00000001}, "temINVALID_FLAG")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("10", gw), "Flags": tx.FlagFullyCanonicalSig | tx.FlagSetfAuth}, "tefNO_AUTH_REQUIRED")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": map[string]any{"currency": "0000000000000000000000005A58430000000000", "issuer": gw.id().String(), "value": "1"}}, "temBAD_CURRENCY")
	// Claimed failures.
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("10", dave)}, "tecNO_DST")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("0", gw)}, "tecNO_LINE_REDUNDANT")

	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("1000", gw)}, "tesSUCCESS")
	r.do(bob, "TrustSet", map[string]any{"LimitAmount": usd("50", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "0", "1000")
	r.wantLine(gw, alice, "0", "0")
	if r.owners(alice) != 1 || r.owners(gw) != 0 {
		t.Fatalf("owner counts: alice %d, gateway %d", r.owners(alice), r.owners(gw))
	}

	// The reserve applies from the third object on.
	other1, other2 := newWallet(t, "other1"), newWallet(t, "other2")
	for _, w := range []*wallet{other1, other2} {
		r.do(g, "Payment", map[string]any{"Destination": w.id().String(), "Amount": "1000000000"}, "tesSUCCESS")
	}
	r.do(carol, "TrustSet", map[string]any{"LimitAmount": usd("1", other1)}, "tesSUCCESS")
	r.do(carol, "TrustSet", map[string]any{"LimitAmount": usd("1", other2)}, "tesSUCCESS")
	r.do(carol, "TrustSet", map[string]any{"LimitAmount": usd("1", gw)}, "tecNO_LINE_INSUF_RESERVE")
	if r.owners(carol) != 2 {
		t.Fatalf("carol owns %d", r.owners(carol))
	}

	// Issuing: the gateway pays alice 100 USD (its own IOUs).
	a := r.do(gw, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("100", gw)}, "tesSUCCESS")
	if !a.Meta.HasDeliveredIOU || a.Meta.DeliveredIOU.Value() != "100" {
		t.Fatalf("delivered %v", a.Meta.DeliveredIOU)
	}
	r.wantLine(alice, gw, "100", "1000")
	r.wantLine(gw, alice, "-100", "0")
	// Over bob's limit of 50.
	r.do(gw, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("51", gw)}, "tecPATH_PARTIAL")
	// To an account without a line.
	r.do(g, "Payment", map[string]any{"Destination": dave.id().String(), "Amount": "1000000000"}, "tesSUCCESS")
	r.do(gw, "Payment", map[string]any{"Destination": dave.id().String(), "Amount": usd("1", gw)}, "tecPATH_DRY")
	r.do(gw, "Payment", map[string]any{"Destination": newWallet(t, "nobody").id().String(), "Amount": usd("1", gw)}, "tecNO_DST")

	// A transfer rate of 0.5%: alice pays bob 30 USD, which costs her
	// 30.15; without a SendMax she may spend only 30.
	r.do(gw, "AccountSet", map[string]any{"TransferRate": 1_005_000_000}, "tesSUCCESS")
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw)}, "tecPATH_PARTIAL")
	a = r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw), "SendMax": usd("30.15", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "69.85", "1000")
	r.wantLine(bob, gw, "30", "50")
	if a.Meta.DeliveredIOU.Value() != "30" || len(a.Meta.Lines) != 2 {
		t.Fatalf("delivered %s, %d lines", a.Meta.DeliveredIOU.Value(), len(a.Meta.Lines))
	}
	// The metadata blob reads back with the codec: the delivered amount
	// and two modified RippleState nodes beside alice's AccountRoot.
	m, err := ledger.DecodeMeta(a.MetaBlob)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := m["delivered_amount"].(map[string]any); d["value"] != "30" || d["currency"] != "USD" {
		t.Fatalf("delivered_amount %v", m["delivered_amount"])
	}
	states := 0
	for _, n := range m["AffectedNodes"].([]any) {
		if mod, ok := n.(map[string]any)["ModifiedNode"].(map[string]any); ok && mod["LedgerEntryType"] == "RippleState" {
			states++
		}
	}
	if states != 2 {
		t.Fatalf("%d RippleState nodes in %v", states, m["AffectedNodes"])
	}
	// Bob's limit leaves room for 20: a full payment of 30 fails, a
	// partial one delivers 20 for 20.1, DeliverMin above that fails.
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw), "SendMax": usd("40", gw)}, "tecPATH_PARTIAL")
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw), "SendMax": usd("40", gw), "DeliverMin": usd("25", gw),
		"Flags": tx.FlagFullyCanonicalSig | tx.FlagPartialPayment}, "tecPATH_PARTIAL")
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw), "DeliverMin": usd("31", gw),
		"Flags": tx.FlagFullyCanonicalSig | tx.FlagPartialPayment}, "temBAD_AMOUNT")
	a = r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("30", gw), "SendMax": usd("40", gw), "DeliverMin": usd("20", gw),
		"Flags": tx.FlagFullyCanonicalSig | tx.FlagPartialPayment}, "tesSUCCESS")
	if a.Meta.DeliveredIOU.Value() != "20" {
		t.Fatalf("partial delivered %s", a.Meta.DeliveredIOU.Value())
	}
	r.wantLine(alice, gw, "49.75", "1000")
	r.wantLine(bob, gw, "50", "50")
	// Bob is full: nothing can reach him.
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("1", gw), "SendMax": usd("2", gw)}, "tecPATH_DRY")

	// ChainSQL's bounds: a fee of at least 0.5 and at most 1. Bob pays
	// alice 10: a fee of 0.05, raised to 0.5 by the reverse pass. A
	// SendMax below the rate's cost (10.05) fails; one between the
	// rate's cost and the bounded fee's runs forward from the SendMax,
	// where chainsqld applies no bound: bob pays 10.49 (DirectStep.cpp
	// bounds the fee in revImp only).
	r.do(gw, "AccountSet", map[string]any{"TransferFeeMin": hexText("0.5"), "TransferFeeMax": hexText("1")}, "tesSUCCESS")
	r.do(bob, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("10", gw), "SendMax": usd("10.04", gw)}, "tecPATH_PARTIAL")
	r.do(bob, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("10", gw), "SendMax": usd("10.49", gw)}, "tesSUCCESS")
	r.wantLine(bob, gw, "39.51", "50")
	r.wantLine(alice, gw, "59.75", "1000")
	r.do(bob, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("10", gw), "SendMax": usd("11", gw)}, "tesSUCCESS")
	r.wantLine(bob, gw, "29.01", "50")
	r.wantLine(alice, gw, "69.75", "1000")
	// 0.5% of 300 is 1.5: capped at 1. The gateway issues alice 300
	// (an issuing first step charges no rate; the fixed minimum makes
	// the reverse pass ask 300.5 of it, over its 300, and the forward
	// pass from 300 delivers it all).
	r.do(bob, "TrustSet", map[string]any{"LimitAmount": usd("500", gw)}, "tesSUCCESS")
	r.do(gw, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("300", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "369.75", "1000")
	r.do(alice, "Payment", map[string]any{"Destination": bob.id().String(), "Amount": usd("300", gw), "SendMax": usd("301", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "68.75", "1000")
	r.wantLine(bob, gw, "329.01", "500")

	// A fixed fee of 0.2 (equal bounds, no rate).
	r.do(gw, "AccountSet", map[string]any{"TransferRate": 0, "TransferFeeMin": hexText("0.2"), "TransferFeeMax": hexText("0.2")}, "tesSUCCESS")
	r.do(bob, "Payment", map[string]any{"Destination": alice.id().String(), "Amount": usd("8", gw), "SendMax": usd("8.2", gw)}, "tesSUCCESS")
	r.wantLine(bob, gw, "320.81", "500")
	r.wantLine(alice, gw, "76.75", "1000")

	// Redeeming to the issuer charges nothing: alice pays the gateway
	// back everything. A zero limit alone keeps the line (her NoRipple
	// is not at her default); with tfSetNoRipple it is gone.
	r.do(alice, "Payment", map[string]any{"Destination": gw.id().String(), "Amount": usd("76.75", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "0", "1000")
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("0", gw)}, "tesSUCCESS")
	r.wantLine(alice, gw, "0", "0")
	if r.owners(alice) != 1 {
		t.Fatalf("alice owns %d", r.owners(alice))
	}
	r.do(alice, "TrustSet", map[string]any{"LimitAmount": usd("0", gw), "Flags": tx.FlagFullyCanonicalSig | tx.FlagSetNoRipple}, "tesSUCCESS")
	if _, _, ok := r.line(alice, gw); ok || r.owners(alice) != 0 {
		t.Fatalf("alice's line still there (owners %d)", r.owners(alice))
	}
	// NoRipple cannot be set on a side that owes.
	r.do(gw, "TrustSet", map[string]any{"LimitAmount": usd("0", bob), "Flags": tx.FlagFullyCanonicalSig | tx.FlagSetNoRipple}, "tecNO_PERMISSION")
}

func hexText(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }
