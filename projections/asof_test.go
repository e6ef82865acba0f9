package projections

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// memLog is a log of ledgers in memory (Log).
type memLog []*eventlog.Ledger

func (l memLog) Iterate(from uint32, fn func(*ledgerlog.Ledger) error) error {
	for _, led := range l {
		if led.Seq >= from {
			if err := fn(led); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l memLog) Head() (uint32, [32]byte, bool) {
	if len(l) == 0 {
		return 0, [32]byte{}, false
	}
	return l[len(l)-1].Seq, l[len(l)-1].Hash, true
}

func (l memLog) First() (uint32, bool) {
	if len(l) == 0 {
		return 0, false
	}
	return l[0].Seq, true
}

// insertLog is a log whose first ledger creates tableA and each of the
// next `ledgers` inserts txs transactions of 10 rows.
func insertLog(tb testing.TB, ledgers, txs int) memLog {
	c := newChain(tb)
	log := memLog{c.ledger(c.tableTx(tx.OpCreate, tableA, `[{"field":"id","type":"int"},{"field":"item","type":"varchar"}]`))}
	for l := range ledgers {
		var batch []any
		for i := range txs {
			var row []string
			for r := range 10 {
				row = append(row, fmt.Sprintf(`{"id":%d,"item":"l%d"}`, (l*txs+i)*10+r, l))
			}
			batch = append(batch, c.tableTx(tx.OpInsert, tableA, "["+strings.Join(row, ",")+"]"))
		}
		log = append(log, c.ledger(batch...))
	}
	return log
}

// TestAsOf asks for each ledger's rows, forward, back and forward again:
// ledger n holds the rows of the first n-1 insert ledgers.
func TestAsOf(t *testing.T) {
	log := insertLog(t, 5, 2)
	a, err := NewAsOf(log, t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	for _, seq := range []uint32{3, 6, 2, 4, 4, 1, 6} {
		lines, err := a.Get(ctx, seq, tableA, []byte(`[["id"],{"$order":[{"id":"desc"}]}]`), tableop.Value{}, 0)
		if err != nil {
			t.Fatalf("ledger %d: %v", seq, err)
		}
		if want := int(seq-1) * 20; len(lines) != want {
			t.Fatalf("ledger %d: %d rows, want %d", seq, len(lines), want)
		}
		if seq > 1 && lines[0]["id"] != int64((seq-1)*20-1) {
			t.Fatalf("ledger %d: last id %v", seq, lines[0]["id"])
		}
	}
	if _, err := a.Get(ctx, 7, tableA, []byte(`[[]]`), tableop.Value{}, 0); err == nil {
		t.Fatal("a ledger past the head answered")
	}
}

// BenchmarkAsOf times r_get as of the last of 100 ledgers of 100 inserts
// of 10 rows (100,000 rows): cold, the scratch store replaying the whole
// log; warm, asked again at the same ledger.
func BenchmarkAsOf(b *testing.B) {
	log := insertLog(b, 100, 100)
	ctx := context.Background()
	raw := []byte(`[[], {"id": 4242}]`)
	b.Run("cold", func(b *testing.B) {
		for range b.N {
			a, err := NewAsOf(log, b.TempDir(), Options{})
			if err != nil {
				b.Fatal(err)
			}
			if lines, err := a.Get(ctx, 101, tableA, raw, tableop.Value{}, 0); err != nil || len(lines) != 1 {
				b.Fatalf("%v %v", lines, err)
			}
			if err := a.Close(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*100_000)/b.Elapsed().Seconds(), "rows-replayed/s")
	})
	b.Run("warm", func(b *testing.B) {
		a, err := NewAsOf(log, b.TempDir(), Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer a.Close()
		if _, err := a.Get(ctx, 101, tableA, raw, tableop.Value{}, 0); err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for range b.N {
			if lines, err := a.Get(ctx, 101, tableA, raw, tableop.Value{}, 0); err != nil || len(lines) != 1 {
				b.Fatalf("%v %v", lines, err)
			}
		}
	})
}
