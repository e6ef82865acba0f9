package ledgerlog_test

import (
	"testing"

	"github.com/sqledger/sqledger/ledgerlog"
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
}
