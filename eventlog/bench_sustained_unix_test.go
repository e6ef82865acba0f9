//go:build unix

package eventlog

import (
	"syscall"
	"testing"
	"time"

	"github.com/cockroachdb/pebble/v2/vfs"
)

// BenchmarkAppendSustained appends b.N synced ledgers of 5,000
// payment-sized transactions, each naming two of 1,000 account roots,
// as a node under full payment load does, and reports what Append's
// wall time hides: the process CPU per transaction, flushes and
// compactions included, and Pebble's write amplification. Run it with
// -benchtime=200x (a million transactions) to reach steady compaction.
func BenchmarkAppendSustained(b *testing.B) {
	const n = 5_000
	l := openLog(b, vfs.Default, b.TempDir())
	leds := make([]*Ledger, b.N)
	for i := range leds {
		leds[i] = testLedger(uint32(i+1), n)
		for j := range leds[i].Txs {
			for k := range 2 {
				leds[i].Txs[j].Entries = append(leds[i].Txs[j].Entries, Entry{Key: testHash("root", uint32(j*2+k)%1_000)})
			}
		}
	}
	b.SetBytes(int64(n * (250 + 150)))
	cpu0 := processCPU(b)
	b.ResetTimer()
	for _, led := range leds {
		if err := l.Append(led); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	total := l.db.Metrics().Total()
	wamp := total.WriteAmp()
	closeLog(b, l)
	txs := float64(n * b.N)
	b.ReportMetric(txs/b.Elapsed().Seconds(), "txs/s")
	b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/txs, "cpu-µs/tx")
	b.ReportMetric(wamp, "w-amp")
}

// processCPU is the user and system CPU time this process has used.
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
