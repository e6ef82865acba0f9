package ledger_test

import (
	"encoding/hex"
	"testing"

	"github.com/sqledger/sqledger/protocol/tx"
)

// TestAccountSetTransfer applies one AccountSet after another from the
// genesis account and checks each one's result, what the account holds
// after it, and that a refused one is in no ledger and costs nothing.
func TestAccountSetTransfer(t *testing.T) {
	st, g := genesisState(t)
	hexs := func(s string) string { return hex.EncodeToString([]byte(s)) }
	type after struct {
		rate     uint32
		min, max string
	}
	steps := []struct {
		name   string
		fields map[string]any
		result string // a tem result is rejected, not recorded
		after  after
	}{
		{"rate 1.5", map[string]any{"TransferRate": 1_500_000_000}, "tesSUCCESS", after{rate: 1_500_000_000}},
		{"rate below one", map[string]any{"TransferRate": 999_999_999}, "temBAD_TRANSFER_RATE", after{rate: 1_500_000_000}},
		{"rate above two", map[string]any{"TransferRate": 2_000_000_001}, "temBAD_TRANSFER_RATE", after{rate: 1_500_000_000}},
		{"rate two", map[string]any{"TransferRate": 2_000_000_000}, "tesSUCCESS", after{rate: 2_000_000_000}},
		{"rate one clears", map[string]any{"TransferRate": 1_000_000_000}, "tesSUCCESS", after{}},
		{"rate 1.2", map[string]any{"TransferRate": 1_200_000_000}, "tesSUCCESS", after{rate: 1_200_000_000}},
		{"rate zero clears", map[string]any{"TransferRate": 0}, "tesSUCCESS", after{}},
		{"min alone", map[string]any{"TransferFeeMin": hexs("1")}, "temBAD_TRANSFERFEE_BOTH", after{}},
		{"max alone", map[string]any{"TransferFeeMax": hexs("1")}, "temBAD_TRANSFERFEE_BOTH", after{}},
		{"not decimal", map[string]any{"TransferFeeMin": hexs("1e3"), "TransferFeeMax": hexs("2")}, "temBAD_TRANSFERFEE", after{}},
		{"two points", map[string]any{"TransferFeeMin": hexs("1.2.3"), "TransferFeeMax": hexs("2")}, "temBAD_TRANSFERFEE", after{}},
		{"negative", map[string]any{"TransferFeeMin": hexs("-1"), "TransferFeeMax": hexs("2")}, "temBAD_TRANSFERFEE", after{}},
		{"min above max", map[string]any{"TransferFeeMin": hexs("2.5"), "TransferFeeMax": hexs("02.49")}, "temBAD_TRANSFERFEE", after{}},
		{"range without a rate", map[string]any{"TransferFeeMin": hexs("0.5"), "TransferFeeMax": hexs("2")}, "temBAD_FEE_MISMATCH_TRANSFER_RATE", after{}},
		{"range with rate one", map[string]any{"TransferFeeMin": hexs("0.5"), "TransferFeeMax": hexs("2"), "TransferRate": 1_000_000_000}, "temBAD_FEE_MISMATCH_TRANSFER_RATE", after{}},
		{"range with a rate", map[string]any{"TransferFeeMin": hexs("0.5"), "TransferFeeMax": hexs("2"), "TransferRate": 1_002_000_000}, "tesSUCCESS", after{1_002_000_000, "0.5", "2"}},
		{"fixed fee with the range's rate", map[string]any{"TransferFeeMin": hexs("1"), "TransferFeeMax": hexs("1.0")}, "temBAD_FEE_MISMATCH_TRANSFER_RATE", after{1_002_000_000, "0.5", "2"}},
		{"rate one under a range", map[string]any{"TransferRate": 1_000_000_000}, "temBAD_FEE_MISMATCH_TRANSFER_RATE", after{1_002_000_000, "0.5", "2"}},
		{"fixed fee, rate cleared", map[string]any{"TransferFeeMin": hexs("1"), "TransferFeeMax": hexs("1"), "TransferRate": 0}, "tesSUCCESS", after{0, "1", "1"}},
		{"a rate under a fixed fee", map[string]any{"TransferRate": 1_100_000_000}, "temBAD_FEE_MISMATCH_TRANSFER_RATE", after{0, "1", "1"}},
		{"max only (min zero), with a rate", map[string]any{"TransferFeeMin": hexs("0"), "TransferFeeMax": hexs("3"), "TransferRate": 1_100_000_000}, "tesSUCCESS", after{1_100_000_000, "", "3"}},
		{"bounds cleared", map[string]any{"TransferFeeMin": hexs("0"), "TransferFeeMax": hexs("0.000")}, "tesSUCCESS", after{rate: 1_100_000_000}},
	}
	seq := uint32(1)
	for i, s := range steps {
		a0, _ := st.Account(g.id())
		tr := signTx(t, g, "AccountSet", seq, s.fields)
		c := st.Close([]*tx.Tx{tr}, st.Header().CloseTime+10)
		var got string
		switch {
		case len(c.Txs) == 1:
			got = c.Txs[0].Meta.Result.Token()
			seq++
		case len(c.Rejected) == 1:
			got = c.Rejected[0].Code.Token()
		}
		if got != s.result {
			t.Fatalf("%d %s: %s, want %s", i, s.name, got, s.result)
		}
		a, _ := st.Account(g.id())
		if a.TransferRate != s.after.rate || string(a.TransferFeeMin) != s.after.min || string(a.TransferFeeMax) != s.after.max {
			t.Fatalf("%d %s: rate %d, bounds %q %q; want %+v", i, s.name, a.TransferRate, a.TransferFeeMin, a.TransferFeeMax, s.after)
		}
		if len(c.Txs) == 0 && (a.Balance != a0.Balance || a.Sequence != a0.Sequence) {
			t.Fatalf("%d %s: a refused AccountSet changed the account: %+v -> %+v", i, s.name, a0, a)
		}
		if err := st.CheckInvariants(); err != nil {
			t.Fatalf("%d %s: %v", i, s.name, err)
		}
	}
}
