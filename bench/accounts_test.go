package main

import (
	"context"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tx"
)

func TestPaymentSign(t *testing.T) {
	gk, err := genesisKey()
	if err != nil {
		t.Fatal(err)
	}
	if got := gk.AccountID().String(); got != genesisAddress {
		t.Fatalf("genesis account %s, want %s", got, genesisAddress)
	}
	dest, err := address.ParseAccountID("zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx")
	if err != nil {
		t.Fatal(err)
	}
	p := payment{from: gk, to: dest, seq: 3, drops: 100_000_000}
	signed, err := p.sign()
	if err != nil {
		t.Fatal(err)
	}
	again, err := p.sign()
	if err != nil {
		t.Fatal(err)
	}
	if again.Hash != signed.Hash {
		t.Error("signing the same payment twice gave two transactions")
	}
	// The prefix of the ChainSQL document's submit example (shared
	// vectors, payment-signing.json): TransactionType Payment, Flags
	// tfFullyCanonicalSig, Sequence 3; then, without LastLedgerSequence,
	// the Amount of 100 ZXC and a Fee of 12 drops.
	const prefix = "12000022800000002400000003" + "614000000005F5E100" + "68400000000000000C"
	if b := hexUpper(signed.Blob); !strings.HasPrefix(b, prefix) {
		t.Errorf("blob %s, want the prefix %s", b, prefix)
	}
	back, err := tx.Decode(signed.Blob)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Verify(); err != nil {
		t.Errorf("verify: %v", err)
	}
	pf, ok := back.Payment()
	if !ok || back.Account != gk.AccountID() || back.Sequence != 3 || back.Fee != paymentFee || pf.Destination != dest || pf.Drops != 100_000_000 || back.LastLedgerSequence != 0 {
		t.Errorf("decoded %+v, payment %+v", back, pf)
	}
}

func TestBenchAccounts(t *testing.T) {
	accts, err := benchAccounts(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[address.AccountID]bool{}
	for i, a := range accts {
		if a.seq != 1 || seen[a.kp.AccountID()] {
			t.Errorf("account %d: seq %d, duplicate %v", i, a.seq, seen[a.kp.AccountID()])
		}
		seen[a.kp.AccountID()] = true
	}
	again, err := benchAccounts(context.Background(), 1)
	if err != nil || again[0].kp.AccountID() != accts[0].kp.AccountID() {
		t.Errorf("accounts are not reproducible: %v", err)
	}
}
