package eventlog_test

import (
	"encoding/json"
	"fmt"
	"log"

	"github.com/cockroachdb/pebble/v2/vfs"

	"github.com/sqledger/sqledger/eventlog"
)

// The sequencer appends each closed ledger and publishes it only after
// Append returns nil; readers look ledgers and transactions up afterwards.
func Example() {
	l, err := eventlog.Open("ledgers", eventlog.Options{FS: vfs.NewMem()})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()

	alice, bob := [20]byte{1}, [20]byte{2}
	led := &eventlog.Ledger{
		Seq:    1,
		Hash:   [32]byte{0xaa},
		Header: []byte("encoded header"),
		Txs: []eventlog.Tx{
			{Hash: [32]byte{0x01}, Blob: []byte("signed payment"), Meta: []byte("tesSUCCESS"), Accounts: [][20]byte{alice, bob}},
		},
	}
	if err := l.Append(led); err != nil {
		log.Fatal(err) // not durable: do not publish ledger 1
	}
	seq, hash, _ := l.Head()
	fmt.Printf("head %d %x\n", seq, hash[:2])

	rec, err := l.Tx([32]byte{0x01})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("tx in ledger %d at index %d: %s\n", rec.LedgerSeq, rec.Index, rec.Tx.Meta)

	// Output:
	// head 1 aa00
	// tx in ledger 1 at index 0: tesSUCCESS
}

// Replay and projections catch up by iterating from their checkpoint.
func ExampleLog_Iterate() {
	l, err := eventlog.Open("ledgers", eventlog.Options{FS: vfs.NewMem()})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	for seq := uint32(1); seq <= 5; seq++ {
		if err := l.Append(&eventlog.Ledger{Seq: seq, Hash: [32]byte{byte(seq)}}); err != nil {
			log.Fatal(err)
		}
	}
	if err := l.SetMeta("sql-checkpoint", []byte{3}); err != nil {
		log.Fatal(err)
	}

	cp, err := l.Meta("sql-checkpoint")
	if err != nil {
		log.Fatal(err)
	}
	err = l.Iterate(uint32(cp[0])+1, func(led *eventlog.Ledger) error {
		fmt.Println("apply ledger", led.Seq)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// apply ledger 4
	// apply ledger 5
}

// AccountTx pages with a marker, newest first unless Forward is set; the
// marker's JSON is rippled's.
func ExampleLog_AccountTx() {
	l, err := eventlog.Open("ledgers", eventlog.Options{FS: vfs.NewMem()})
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	alice := [20]byte{1}
	for seq := uint32(1); seq <= 3; seq++ {
		led := &eventlog.Ledger{Seq: seq, Hash: [32]byte{byte(seq)}, Txs: []eventlog.Tx{
			{Hash: [32]byte{byte(seq), 1}, Accounts: [][20]byte{alice}},
			{Hash: [32]byte{byte(seq), 2}, Accounts: [][20]byte{alice}},
		}}
		if err := l.Append(led); err != nil {
			log.Fatal(err)
		}
	}

	q := eventlog.AccountTxQuery{Account: alice, Limit: 4}
	for {
		recs, next, err := l.AccountTx(q)
		if err != nil {
			log.Fatal(err)
		}
		for _, r := range recs {
			fmt.Printf("%d/%d ", r.LedgerSeq, r.Index)
		}
		if next == nil {
			fmt.Println()
			break
		}
		marker, _ := json.Marshal(next)
		fmt.Printf("marker %s\n", marker)
		q.Marker = next
	}
	// Output:
	// 3/1 3/0 2/1 2/0 marker {"ledger":1,"seq":1}
	// 1/1 1/0
}
