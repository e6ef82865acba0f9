package rpc_test

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/rpc"
)

// BenchmarkValidatedFrame builds the validate_success frame of a payment
// from its TxJSON, as the hub does once per validated transaction.
func BenchmarkValidatedFrame(b *testing.B) {
	ch := newChain(b)
	txj := rpc.TxJSON(ch.closed.Txs[0].Tx)
	b.ReportAllocs()
	for b.Loop() {
		if len(rpc.ValidatedFrame(txj, ter.TesSUCCESS, "")) < len(txj) {
			b.Fatal("short frame")
		}
	}
}
