package tableop_test

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// BenchmarkParseRaw parses the Raw of a one-row insert (the one
// BenchmarkApplyInsert and BenchmarkSubmitInsert send) and of a create.
func BenchmarkParseRaw(b *testing.B) {
	for _, c := range []struct {
		name string
		op   tx.OpType
		raw  string
	}{
		{"insert", tx.OpInsert, `[{"id":12345,"name":"row 12345"}]`},
		{"create", tx.OpCreate, `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32}]`},
	} {
		raw := []byte(c.raw)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if r := tableop.ParseRaw(c.op, raw); r.Err() != nil {
					b.Fatal(r.Err())
				}
			}
		})
	}
}
