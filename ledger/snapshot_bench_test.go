package ledger_test

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkSnapshot measures the committed-state snapshot over states of
// a thousand and ten thousand accounts: the heap a whole snapshot holds
// per account (built once, as at a node's start), and the cost of Apply,
// the step after each ledger, per account changed by a ledger of 1,000
// payments that each create one.
func BenchmarkSnapshot(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint("accounts=", n), func(b *testing.B) {
			st, _ := genesisState(b)
			txs := creations(b, n+1000)
			if c := st.Close(txs[:n], genesisTime+1); len(c.Txs) != n {
				b.Fatalf("%d accounts created, want %d", len(c.Txs), n)
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			sn := st.Snapshot()
			runtime.GC()
			runtime.ReadMemStats(&after)
			heap := float64(after.HeapAlloc-before.HeapAlloc) / float64(sn.Accounts())
			closed := st.Close(txs[n:], genesisTime+2)
			if len(closed.Changed) != 1001 {
				b.Fatalf("the ledger changed %d accounts, want 1,001", len(closed.Changed))
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				sn.Apply(closed)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(closed.Changed)), "ns/changed")
			b.ReportMetric(heap, "heapB/account")
		})
	}
}
