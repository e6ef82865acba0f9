package eventlog

import (
	"bytes"
	"testing"
)

// TestBatchInKeyOrder checks that an Append batch holds every record once,
// in strictly increasing key order.
func TestBatchInKeyOrder(t *testing.T) {
	l := openLog(t, memFS(), "log")
	defer closeLog(t, l)
	led := testLedger(7, 50)
	for i := range led.Txs {
		// Two entries a transaction, the second with an owner that every
		// fifth transaction shares (so it is written once).
		led.Txs[i].Entries = []Entry{
			{Key: testHash("entry", uint32(i))},
			{Key: testHash("entry", uint32(i%5)+100), Owners: [][20]byte{testAccount(uint32(i % 5))}},
		}
	}
	next, err := l.checkAppend(led)
	if err != nil {
		t.Fatal(err)
	}
	b := l.db.NewBatch()
	defer b.Close()
	if err := l.fillBatch(b, led, next); err != nil {
		t.Fatal(err)
	}
	accounts := 0
	for _, tx := range led.Txs {
		accounts += len(dedupAccounts(tx.Accounts))
	}
	// ledger record, ledger index, head, the entry index's start (the
	// log is empty), per tx its record, hash index and two entry index
	// records, and five owner records.
	if want := 4 + 4*len(led.Txs) + accounts + 5; int(b.Count()) != want {
		t.Fatalf("batch holds %d records, want %d", b.Count(), want)
	}
	r := b.Reader()
	var prev []byte
	for {
		_, key, _, ok, err := r.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if prev != nil && bytes.Compare(prev, key) >= 0 {
			t.Fatalf("key %x follows %x", key, prev)
		}
		prev = bytes.Clone(key)
	}
}
