package compat

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
)

// TestClientIOU runs iou.js: trust lines from two holders to a gateway,
// an issue of 100 USD, a payment of 30 USD between the holders with the
// gateway's 0.5% rate raised to its 0.2 minimum fee, and one over the
// second holder's limit, checked to the last digit.
func TestClientIOU(t *testing.T) {
	installClient(t)
	steps := runScript(t, "iou.js", startNode(t))
	var acc struct{ Gw, Alice, Bob string }
	if err := json.Unmarshal(steps["accounts"], &acc); err != nil {
		t.Fatalf("accounts: %s", steps["accounts"])
	}
	// The RippleState's Balance is in the low account's terms.
	bob, _ := address.ParseAccountID(acc.Bob)
	gw, _ := address.ParseAccountID(acc.Gw)
	stateBalance := "30"
	if bytes.Compare(bob[:], gw[:]) > 0 {
		stateBalance = "-30"
	}
	want := map[string]string{
		"linesA":     `[{"balance":"69.8","counterparty":"` + acc.Gw + `","currency":"USD","limit":"1000"}]`,
		"linesB":     `[{"balance":"30","counterparty":"` + acc.Gw + `","currency":"USD","limit":"50"}]`,
		"gateway":    `{"balances":{"` + acc.Bob + `":[{"currency":"USD","value":"30"}]},"obligations":{"USD":"69.8"}}`,
		"currencies": `{"receive":["USD"],"send":["USD"]}`,
		"objects":    `[{"balance":"` + stateBalance + `","type":"RippleState"}]`,
		// As of the ledger of the issue: bob's line empty, alice's 100.
		"pastLinesB": `[{"balance":"0","counterparty":"` + acc.Gw + `","currency":"USD","limit":"50"}]`,
	}
	for name, w := range want {
		if got := compact(t, steps[name]); got != w {
			t.Errorf("%s: %s\nwant %s", name, got, w)
		}
	}
	var bal []struct{ Currency, Value, Counterparty string }
	if err := json.Unmarshal(steps["balancesA"], &bal); err != nil || len(bal) != 2 || bal[0].Currency != "ZXC" ||
		bal[1] != (struct{ Currency, Value, Counterparty string }{"USD", "69.8", acc.Gw}) {
		t.Errorf("balancesA: %s", steps["balancesA"])
	}
	var past []struct{ Currency, Value, Counterparty string }
	if err := json.Unmarshal(steps["pastBalancesA"], &past); err != nil || len(past) != 2 || past[0].Currency != "ZXC" ||
		past[1] != (struct{ Currency, Value, Counterparty string }{"USD", "100", acc.Gw}) {
		t.Errorf("pastBalancesA: %s", steps["pastBalancesA"])
	}
	var over struct {
		Name, Message, ResultCode, EngineResult string
	}
	json.Unmarshal(steps["overLimit"], &over)
	if over.ResultCode != "tecPATH_PARTIAL" && over.EngineResult != "tecPATH_PARTIAL" {
		t.Errorf("overLimit: %s", steps["overLimit"])
	}
	for _, s := range []string{"trustA", "trustB", "issue", "pay"} {
		var r struct{ Status string }
		if json.Unmarshal(steps[s], &r); r.Status != "validate_success" {
			t.Errorf("%s: %s", s, steps[s])
		}
	}
}

// compact re-marshals a JSON value with sorted keys and no spaces.
func compact(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
