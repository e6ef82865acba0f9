package ledger_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// BenchmarkApplyInsert closes ledgers of 1,000 signed single-row inserts
// into one table and reports the cost per insert.
func BenchmarkApplyInsert(b *testing.B) { benchApplyInsert(b, false) }

// BenchmarkApplyInsertAdmitted is BenchmarkApplyInsert for inserts the
// node has admitted, as the sequencer gets them: parsed (tableop.Of) at
// admission, outside the timing, so that Close reads the parse.
func BenchmarkApplyInsertAdmitted(b *testing.B) { benchApplyInsert(b, true) }

func benchApplyInsert(b *testing.B, admitted bool) {
	c := newTableChain(b)
	c.close(b, c.pay(b, c.alice, 10_000_000))
	const perLedger = 1000
	ledgers := make([][]*tx.Tx, 0, b.N)
	for i := 0; i < b.N; i++ {
		batch := make([]*tx.Tx, perLedger)
		for j := range batch {
			batch[j] = c.stmt(b, c.alice, tx.OpInsert, "t", fmt.Sprintf(`[{"id":%d,"name":"row %d"}]`, i*perLedger+j, j), map[string]any{"Fee": "60000"})
			if admitted {
				tableop.Of(batch[j])
			}
		}
		ledgers = append(ledgers, batch)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for _, batch := range ledgers {
		closed := c.close(b, batch...)
		if len(closed.Txs) != perLedger || closed.Txs[perLedger-1].Meta.Result != ter.TesSUCCESS {
			b.Fatalf("ledger applied %d inserts", len(closed.Txs))
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perLedger), "ns/insert")
}
