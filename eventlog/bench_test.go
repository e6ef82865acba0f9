package eventlog

import (
	"context"
	"fmt"
	"testing"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// BenchmarkAppend appends synced ledgers of payment-sized transactions
// (250-byte blob, 150 bytes of metadata, 2 accounts) to a real directory;
// with entries=2, each transaction also names the two account roots a
// payment touches, for the entry index (what ledgerlog.Record writes).
func BenchmarkAppend(b *testing.B) {
	for _, n := range []int{1, 100, 1000} {
		for _, entries := range []int{0, 2} {
			b.Run(fmt.Sprintf("txs=%d/entries=%d", n, entries), func(b *testing.B) {
				l := openLog(b, vfs.Default, b.TempDir())
				defer closeLog(b, l)
				// Build the ledgers first: only Append is measured.
				leds := make([]*Ledger, b.N)
				for i := range leds {
					leds[i] = testLedger(uint32(i+1), n)
					for j := range leds[i].Txs {
						for k := range entries {
							leds[i].Txs[j].Entries = append(leds[i].Txs[j].Entries, Entry{Key: testHash("root", uint32(i*n+j+k)%10_000)})
						}
					}
				}
				b.SetBytes(int64(n * (250 + 150)))
				b.ResetTimer()
				for _, led := range leds {
					if err := l.Append(led); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "txs/s")
			})
		}
	}
}

// BenchmarkIterate reads back 100,000 transactions (100 ledgers of 1,000)
// from a reopened log on a real directory, so they come from sstables.
func BenchmarkIterate(b *testing.B) {
	const ledgers, perLedger = 100, 1000
	dir := b.TempDir()
	l := openLog(b, vfs.Default, dir)
	for seq := uint32(1); seq <= ledgers; seq++ {
		if err := l.Append(testLedger(seq, perLedger)); err != nil {
			b.Fatal(err)
		}
	}
	closeLog(b, l)
	l = openLog(b, vfs.Default, dir)
	defer closeLog(b, l)
	// Settle the tree as a long-running node's would be, so background
	// compactions do not compete with the measured reads.
	if err := l.db.Compact(context.Background(), []byte{0}, []byte{0xff}, true); err != nil {
		b.Fatal(err)
	}

	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		txs := 0
		err := l.Iterate(0, func(led *Ledger) error {
			txs += len(led.Txs)
			return nil
		})
		if err != nil || txs != ledgers*perLedger {
			b.Fatalf("Iterate: %d txs, %v", txs, err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(ledgers*perLedger*b.N)/b.Elapsed().Seconds(), "txs/s")
}

// BenchmarkRawSyncedBatch commits one small key per synced pebble batch,
// with the log's pebble options: the machine's limit for durable appends,
// against which Append is compared.
func BenchmarkRawSyncedBatch(b *testing.B) {
	pl := &pebbleLogger{log: quietLogger, onFatal: func(err error) { b.Errorf("pebble fatal: %v", err) }}
	db, err := pebble.Open(b.TempDir(), pebbleOptions(vfs.Default, Options{}, pl))
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}()
	key := appendLedgerKey(nil, 0)
	val := make([]byte, 32)
	b.ResetTimer()
	for i := range b.N {
		key = appendLedgerKey(key[:0], uint32(i))
		batch := db.NewBatch()
		if err := batch.Set(key, val, nil); err != nil {
			b.Fatal(err)
		}
		if err := batch.Commit(pebble.Sync); err != nil {
			b.Fatal(err)
		}
		if err := batch.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "batches/s")
}
