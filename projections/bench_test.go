package projections

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/tx"
)

// insertLedgers returns a function building ledger seq with the same
// signed inserts: txs transactions of rows rows each, in a table without
// a primary key, so that the rows can repeat.
func insertLedgers(b *testing.B, p *Projection, txs, rowsPerTx int) func(seq uint32) *eventlog.Ledger {
	c := newChain(b)
	mustApply(b, p, c.ledger(c.tableTx(tx.OpCreate, tableA,
		`[{"field":"id","type":"int"},{"field":"item","type":"varchar"},{"field":"price","type":"decimal"},{"field":"at","type":"datetime"}]`)))
	var row []string
	for i := 0; i < rowsPerTx; i++ {
		row = append(row, fmt.Sprintf(`{"id":%d,"item":"item-%d","price":%d.5,"at":"2024-01-02 03:04:05"}`, i, i, i))
	}
	raw := "[" + strings.Join(row, ",") + "]"
	var batch []any
	for i := 0; i < txs; i++ {
		batch = append(batch, c.tableTx(tx.OpInsert, tableA, raw))
	}
	template := c.ledger(batch...)
	return func(seq uint32) *eventlog.Ledger {
		h := ledger.Header{Seq: seq, CloseTime: closeTimeOf(seq)}
		return &eventlog.Ledger{Seq: seq, Hash: h.Hash(), Header: h.Encode(), Txs: template.Txs}
	}
}

// BenchmarkApplyInserts applies ledgers of 100 insert transactions of 10
// rows each and reports rows per second through Apply, on each store.
func BenchmarkApplyInserts(b *testing.B) {
	for i, kind := range []string{"sqlite", "postgres"} {
		// A new store at each of b.Run's rounds: a round starts the
		// chain again at ledger 1.
		b.Run(kind, func(b *testing.B) { benchApplyInserts(b, newStores(b)[i].open(b, Options{})) })
	}
}

func benchApplyInserts(b *testing.B, p *Projection) {
	const txs, rowsPerTx = 100, 10
	next := insertLedgers(b, p, txs, rowsPerTx)
	seq, _, _ := p.Checkpoint()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		seq++
		out, err := p.Apply(ctx, next(seq))
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Results) != txs || out.Results[0].Status != DBSuccess {
			b.Fatalf("results %+v", out.Results[0])
		}
	}
	b.ReportMetric(float64(b.N*txs*rowsPerTx)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkGet runs an r_get query (a range condition, an order, a
// limit of 50 rows) against a table of 10,000 rows.
func BenchmarkGet(b *testing.B) {
	p := openTest(b, Options{})
	next := insertLedgers(b, p, 100, 100)
	seq, _, _ := p.Checkpoint()
	if _, err := p.Apply(context.Background(), next(seq+1)); err != nil {
		b.Fatal(err)
	}
	raw := []byte(`[["id","item","price"],{"id":{"$ge":20,"$lt":40}},{"$order":[{"price":-1}]},{"$limit":{"index":0,"total":50}}]`)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lines, err := p.Get(ctx, tableA, raw, 0)
		if err != nil || len(lines) != 50 {
			b.Fatalf("%d lines, %v", len(lines), err)
		}
	}
}

// BenchmarkGetPoint runs an r_get query by primary key against a table
// of 10,000 rows: one row, so the query's fixed costs (parsing, the
// table's schema, preparing the statement) dominate, as in the node's
// point queries.
func BenchmarkGetPoint(b *testing.B) {
	p := openTest(b, Options{})
	c := newChain(b)
	mustApply(b, p, c.ledger(c.tableTx(tx.OpCreate, tableB,
		`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar"},{"field":"age","type":"int"}]`)))
	var batch []any
	for t := 0; t < 100; t++ {
		row := make([]string, 100)
		for i := range row {
			id := t*100 + i
			row[i] = fmt.Sprintf(`{"id":%d,"name":"name-%d","age":%d}`, id, id, id%90)
		}
		batch = append(batch, c.tableTx(tx.OpInsert, tableB, "["+strings.Join(row, ",")+"]"))
	}
	mustApply(b, p, c.ledger(batch...))
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		id := i % 10000
		lines, err := p.Get(ctx, tableB, fmt.Appendf(nil, `[["id","name","age"],{"id":%d}]`, id), 0)
		if err != nil || len(lines) != 1 || lines[0]["id"] != int64(id) {
			b.Fatalf("%v, %v", lines, err)
		}
	}
}
