package ledger_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// BenchmarkApplyInsert closes ledgers of 1,000 signed single-row inserts
// into one table and reports the cost per insert.
func BenchmarkApplyInsert(b *testing.B) { benchApplyInsert(b, false, 0) }

// BenchmarkApplyInsertAdmitted is BenchmarkApplyInsert for inserts the
// node has admitted, as the sequencer gets them: parsed (tableop.Of) at
// admission, outside the timing, so that Close reads the parse.
func BenchmarkApplyInsertAdmitted(b *testing.B) { benchApplyInsert(b, true, 0) }

// BenchmarkApplyInsertGranted is BenchmarkApplyInsertAdmitted into a
// table granted to ledger.MaxGrants users, as the tables of bench's
// inserts workload are (an entry of about 6 KiB that every insert
// changes).
func BenchmarkApplyInsertGranted(b *testing.B) { benchApplyInsert(b, true, ledger.MaxGrants) }

func benchApplyInsert(b *testing.B, admitted bool, grants int) {
	c := newTableChain(b)
	c.close(b, c.pay(b, c.alice, 10_000_000))
	grantees := make([]*wallet, grants)
	pays := make([]*tx.Tx, grants)
	for i := range grantees {
		grantees[i] = newWallet(b, fmt.Sprintf("grantee %d", i))
		pays[i] = c.pay(b, grantees[i], 100)
	}
	c.close(b, pays...)
	grantTxs := make([]*tx.Tx, grants)
	for i, g := range grantees {
		grantTxs[i] = c.list(b, c.alice, tx.OpGrant, "t", `[{"insert":true}]`, map[string]any{"User": g.id().String()})
	}
	if closed := c.close(b, grantTxs...); grants > 0 && len(c.table("t").Grants) != grants {
		b.Fatalf("%d grants after %d transactions (%d applied)", len(c.table("t").Grants), grants, len(closed.Txs))
	}
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
