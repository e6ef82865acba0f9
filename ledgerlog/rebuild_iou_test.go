package ledgerlog_test

import (
	"testing"

	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/ter"
)

// TestRebuildTrustLines rebuilds a log with trust lines: a gateway with
// a transfer rate and fee bounds, two holders' TrustSets, an issue, a
// payment between the holders, a failed one and a line deleted; every
// result and ledger hash is reproduced, with the same lines.
func TestRebuildTrustLines(t *testing.T) {
	c := newChain(t)
	gw, alice, bob := wallet(t, "gateway"), wallet(t, "alice"), wallet(t, "bob")
	c.close(c.pay(c.genesis, gw, 1_000_000_000), c.pay(c.genesis, alice, 1_000_000_000), c.pay(c.genesis, bob, 1_000_000_000))
	usd := func(v string) map[string]any {
		return map[string]any{"currency": "USD", "issuer": gw.AccountID().String(), "value": v}
	}
	c.close(c.sign(gw, "AccountSet", "10", map[string]any{"SetFlag": 8, "TransferRate": 1_005_000_000,
		"TransferFeeMin": "302E32", "TransferFeeMax": "31"}))
	c.close(c.sign(alice, "TrustSet", "10", map[string]any{"LimitAmount": usd("1000")}),
		c.sign(bob, "TrustSet", "10", map[string]any{"LimitAmount": usd("50")}))
	c.close(c.sign(gw, "Payment", "10", map[string]any{"Destination": alice.AccountID().String(), "Amount": usd("100")}))
	pay := c.close(c.sign(alice, "Payment", "10", map[string]any{"Destination": bob.AccountID().String(), "Amount": usd("30"), "SendMax": usd("30.2")}),
		c.sign(alice, "Payment", "10", map[string]any{"Destination": bob.AccountID().String(), "Amount": usd("30"), "SendMax": usd("40")}))
	if pay.Txs[0].Meta.Result != ter.TesSUCCESS || pay.Txs[1].Meta.Result != ter.TecPATH_PARTIAL || len(pay.ChangedLines) != 2 {
		t.Fatalf("payments: %s, %s, %d lines", pay.Txs[0].Meta.Result.Token(), pay.Txs[1].Meta.Result.Token(), len(pay.ChangedLines))
	}
	c.close(c.sign(bob, "Payment", "10", map[string]any{"Destination": gw.AccountID().String(), "Amount": usd("30")}),
		c.sign(bob, "TrustSet", "10", map[string]any{"LimitAmount": usd("0"), "Flags": 0x80020000}))
	if n := len(c.st.LineList()); n != 1 {
		t.Fatalf("%d lines, want alice's only", n)
	}
	st, rep, err := ledgerlog.Rebuild(c.log, nil)
	if err != nil || len(rep.Mismatches) != 0 || rep.Txs != 11 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	if st.Hash() != c.st.Hash() || st.Header() != c.st.Header() {
		t.Fatalf("rebuilt %X, closed %X", st.Hash(), c.st.Hash())
	}
	got, want := st.LineList(), c.st.LineList()
	if len(got) != 1 || *got[0] != *want[0] || got[0].BalanceOf(alice.AccountID()).String() != "69.8" {
		t.Fatalf("rebuilt lines %+v, want %+v", got, want)
	}
	// The state history has each line at each ledger: none before the
	// TrustSets (ledger 4), bob's holding 30 after alice paid him
	// (ledger 6), and gone after bob deleted it (ledger 7).
	h, err := ledgerlog.NewHistory(c.log)
	if err != nil {
		t.Fatal(err)
	}
	lines := func(who *keys.KeyPair, seq uint32) []ledgerlog.Entry {
		t.Helper()
		objs, err := h.Objects(who.AccountID(), seq)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range objs {
			if o.Kind != ledgerlog.KindRippleState || o.Line == nil {
				t.Fatalf("ledger %d: %s's object %+v", seq, who.AccountID(), o)
			}
		}
		return objs
	}
	balance := func(e ledgerlog.Entry) string { return e.Line.Balance.Abs().String() }
	if n := len(lines(bob, 3)); n != 0 {
		t.Fatalf("bob has %d lines before his TrustSet", n)
	}
	if l := lines(bob, 4); len(l) != 1 || balance(l[0]) != "0" {
		t.Fatalf("bob's line after his TrustSet: %+v", l)
	}
	if l := lines(bob, 6); len(l) != 1 || balance(l[0]) != "30" {
		t.Fatalf("bob's line after alice paid him: %+v", l)
	}
	if n := len(lines(bob, 7)); n != 0 {
		t.Fatalf("bob has %d lines after deleting his", n)
	}
	if l := lines(alice, 7); len(l) != 1 || balance(l[0]) != "69.8" || *l[0].Line != *want[0] {
		t.Fatalf("alice's line at the end: %+v, the state's %+v", l[0].Line, want[0])
	}
	// Every line at every ledger is the one the ledger held (lines of
	// both holders, created, modified and deleted).
	for seq := uint32(4); seq <= 7; seq++ {
		for _, who := range []*keys.KeyPair{alice, bob} {
			for _, l := range lines(who, seq) {
				if l.Line.Low != who.AccountID() && l.Line.High != who.AccountID() {
					t.Fatalf("ledger %d: %s has a line of others %+v", seq, who.AccountID(), l.Line)
				}
				if l.Key != l.Line.Key() {
					t.Fatalf("ledger %d: line %X read as %X", seq, l.Key, l.Line.Key())
				}
			}
		}
	}
}
