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
	// ledger record, ledger index, head, and per tx its record and hash index
	if want := 3 + 2*len(led.Txs) + accounts; int(b.Count()) != want {
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
