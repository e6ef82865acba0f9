package ledger_test

import (
	"fmt"
	"log"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Example starts a chain, closes a ledger with two payments from the
// genesis account (one in sequence, one too far ahead) and reads the
// results and the new account.
func Example() {
	genesis, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		log.Fatal(err)
	}
	alice, err := keys.SeedFromPassphrase("alice").KeyPair()
	if err != nil {
		log.Fatal(err)
	}
	st, err := ledger.Genesis(ledger.DefaultParams(), genesis.AccountID(), 0)
	if err != nil {
		log.Fatal(err)
	}
	pay := func(seq uint32, drops string) *tx.Tx {
		o, err := codec.FromMap(map[string]any{
			"TransactionType": "Payment",
			"Account":         genesis.AccountID().String(),
			"Destination":     alice.AccountID().String(),
			"Amount":          drops,
			"Fee":             "10",
			"Sequence":        seq,
		})
		if err != nil {
			log.Fatal(err)
		}
		t, err := tx.Sign(o, genesis)
		if err != nil {
			log.Fatal(err)
		}
		return t
	}

	c := st.Close([]*tx.Tx{pay(1, "25000000"), pay(3, "1000000")}, 10)

	for _, a := range c.Txs {
		fmt.Println("in the ledger:", a.Meta.Index, a.Meta.Result.Token())
	}
	for _, r := range c.Rejected {
		fmt.Println("left out:", r.Code.Token())
	}
	acct, _ := st.Account(alice.AccountID())
	fmt.Println("alice:", acct.Balance, "drops, next sequence", acct.Sequence)
	fmt.Println("ledger", c.Header.Seq, "holds", c.Header.TotalDrops, "drops")
	// Output:
	// in the ledger: 0 tesSUCCESS
	// left out: terPRE_SEQ
	// alice: 25000000 drops, next sequence 1
	// ledger 2 holds 99999999999999990 drops
}
