package rpcerr_test

import (
	"fmt"
	"testing"

	"github.com/sqledger/sqledger/protocol/rpcerr"
)

var (
	sinkToken   string
	sinkCode    int
	sinkMessage string
)

func BenchmarkFields(b *testing.B) {
	e := rpcerr.New(rpcerr.TabNotExist)
	for b.Loop() {
		sinkToken, sinkCode, sinkMessage = e.Fields()
	}
}

func BenchmarkFromWrapped(b *testing.B) {
	err := fmt.Errorf("handler: %w", rpcerr.MissingField("tx_json"))
	for b.Loop() {
		sinkToken, sinkCode, sinkMessage = rpcerr.From(err).Fields()
	}
}
