package compat

import (
	"encoding/json"
	"reflect"
	"testing"
)

// TestClientPastLedger: the published client's getAccountInfo and
// getSettings with {ledgerVersion} of a past ledger answer what they
// answered when that ledger was the last validated one: the issuer's
// balance and sequence after it was funded (1,000 ZXC), after its
// transfer rate (1.5) and a payment (899.999976 ZXC, each transaction
// costing the client's 12 drops), and with ChainSQL's fee bounds; the
// payee not yet existing before the payment. A ledger not yet closed is
// the client's error.
func TestClientPastLedger(t *testing.T) {
	installClient(t)
	steps := runScript(t, "pastledger.js", startNode(t))
	type account struct {
		Info     map[string]any `json:"info"`
		Settings map[string]any `json:"settings"`
		Error    string         `json:"error"`
		Message  string         `json:"message"`
	}
	type seen struct {
		Name   string  `json:"name"`
		Ledger int     `json:"ledger"`
		Issuer account `json:"issuer"`
		Payee  account `json:"payee"`
	}
	var then []seen
	for _, name := range []string{"funded", "rate", "paid", "bounds"} {
		var s seen
		if err := json.Unmarshal(steps[name], &s); err != nil {
			t.Fatalf("%s: %s", name, steps[name])
		}
		then = append(then, s)
	}
	var past []seen
	if err := json.Unmarshal(steps["past"], &past); err != nil || len(past) != len(then) {
		t.Fatalf("past: %s", steps["past"])
	}
	for i := range then {
		if !reflect.DeepEqual(past[i], then[i]) {
			t.Fatalf("at ledger %d (%s), the client reads\n%+v\nwhere it read then\n%+v", then[i].Ledger, then[i].Name, past[i], then[i])
		}
		if i > 0 && then[i].Ledger <= then[i-1].Ledger {
			t.Fatalf("ledgers %d then %d", then[i-1].Ledger, then[i].Ledger)
		}
	}
	want := []struct {
		balance  string
		sequence float64
		rate     any
		payee    string // the payee's balance, "" when it does not exist
	}{
		{"1000", 1, nil, ""},
		{"999.999988", 2, 1.5, ""},
		{"899.999976", 3, 1.5, "100"},
		{"899.999964", 4, 1.002, "100"},
	}
	for i, w := range want {
		s := then[i]
		if s.Issuer.Info["zxcBalance"] != w.balance || s.Issuer.Info["sequence"] != w.sequence || s.Issuer.Settings["transferRate"] != w.rate {
			t.Fatalf("%s: issuer %+v", s.Name, s.Issuer)
		}
		if w.payee == "" {
			if s.Payee.Error == "" || s.Payee.Info != nil {
				t.Fatalf("%s: the payee exists: %+v", s.Name, s.Payee)
			}
		} else if s.Payee.Info["zxcBalance"] != w.payee {
			t.Fatalf("%s: payee %+v", s.Name, s.Payee)
		}
	}
	if b := then[3].Issuer.Settings; b["transferFeeMin"] == nil || b["transferFeeMax"] == nil {
		t.Fatalf("bounds: settings %+v", b)
	}
	var future account
	if err := json.Unmarshal(steps["future"], &future); err != nil || future.Error == "" || future.Info != nil {
		t.Fatalf("future ledger: %s", steps["future"])
	}
}
