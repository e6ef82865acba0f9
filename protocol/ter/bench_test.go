package ter_test

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/ter"
)

var (
	sinkString string
	sinkCode   ter.Code
	sinkOK     bool
)

func BenchmarkToken(b *testing.B) {
	all := ter.All()
	for i := 0; b.Loop(); i++ {
		sinkString = all[i%len(all)].Token()
	}
}

func BenchmarkFromToken(b *testing.B) {
	all := ter.All()
	tokens := make([]string, len(all))
	for i, c := range all {
		tokens[i] = c.Token()
	}
	for i := 0; b.Loop(); i++ {
		sinkCode, sinkOK = ter.FromToken(tokens[i%len(tokens)])
	}
}

func BenchmarkMarshalText(b *testing.B) {
	for b.Loop() {
		text, err := ter.TefTABLE_NOTEXIST.MarshalText()
		if err != nil {
			b.Fatal(err)
		}
		sinkString = string(text)
	}
}
