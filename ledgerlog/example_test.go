package ledgerlog_test

import (
	"fmt"
	"log"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Example starts a chain in a log, appends a ledger as the sequencer
// does, reads it back as the readers do, and replays the log.
func Example() {
	l, err := eventlog.Open("log", eventlog.Options{FS: vfs.NewMem(), Logger: quiet})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	st, err := ledgerlog.Init(l, ledgerlog.NewGenesis(ledger.DefaultParams(), 800_000_000))
	if err != nil {
		log.Fatal(err)
	}

	// The sequencer: close a ledger, append its record, then publish.
	genesis, _ := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	alice, _ := keys.SeedFromPassphrase("alice").KeyPair()
	o, _ := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": genesis.AccountID().String(),
		"Destination": alice.AccountID().String(), "Amount": "25000000", "Fee": "10", "Sequence": 1})
	pay, err := tx.Sign(o, genesis)
	if err != nil {
		log.Fatal(err)
	}
	closed := st.Close([]*tx.Tx{pay}, 800_000_010)
	if err := l.Append(ledgerlog.Record(closed)); err != nil {
		log.Fatal(err)
	}

	// A reader: the tx command.
	rec, err := l.Tx(pay.Hash)
	if err != nil {
		log.Fatal(err)
	}
	h, _ := ledgerlog.LedgerHeader(l, rec.LedgerSeq)
	code, _ := ledgerlog.Result(&rec.Tx)
	fields, _ := ledgerlog.TxFields(&rec.Tx)
	fmt.Println("ledger", rec.LedgerSeq, "closed", ledgerlog.CloseTime(h).Format("2006-01-02 15:04:05"))
	fmt.Println(fields.Map()["TransactionType"], code.Token())

	// Replay: the node's start and node replay.
	_, rep, err := ledgerlog.Rebuild(l, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("replayed", rep.Ledgers, "ledgers,", rep.Txs, "transactions,", len(rep.Mismatches), "mismatches")
	// Output:
	// ledger 2 closed 2025-05-08 06:13:30
	// Payment tesSUCCESS
	// replayed 2 ledgers, 1 transactions, 0 mismatches
}
