package ledger_test

import (
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// BenchmarkContractStorageWrite closes ledgers of 100 setName(string)
// calls of the document's contract, each writing a new value to its
// storage, and reports the cost per call through Close (signing is
// outside the timing).
func BenchmarkContractStorageWrite(b *testing.B) {
	code, err := os.ReadFile("../vmhost/testdata/name_contract.hex")
	if err != nil {
		b.Fatal(err)
	}
	st, g := genesisState(b)
	deploy := signTx(b, g, "Contract", 1, map[string]any{"ContractOpType": 1, "ContractData": strings.TrimSpace(string(code)), "Gas": 3_000_000})
	closed := st.Close([]*tx.Tx{deploy}, 200)
	if closed.Txs[0].Meta.Result != ter.TesSUCCESS {
		b.Fatalf("deploy: %s", closed.Txs[0].Meta.Result.Token())
	}
	addr := ledger.ContractAddress(g.id(), 1).String()
	const perLedger = 100
	seq := uint32(2)
	batches := make([][]*tx.Tx, b.N)
	for i := range batches {
		batches[i] = make([]*tx.Tx, perLedger)
		for j := range batches[i] {
			name := hex.EncodeToString([]byte(fmt.Sprintf("name-%d-%d", i, j)))
			data := "C47F0027" + fmt.Sprintf("%064x%064x", 0x20, len(name)/2) + name + strings.Repeat("0", 64-len(name))
			batches[i][j] = signTx(b, g, "Contract", seq, map[string]any{"ContractOpType": 2, "ContractAddress": addr, "ContractData": data, "Gas": 100_000})
			seq++
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i, batch := range batches {
		c := st.Close(batch, uint32(300+i))
		if len(c.Txs) != perLedger || c.Txs[perLedger-1].Meta.Result != ter.TesSUCCESS {
			b.Fatalf("ledger %d: %d calls, last %s", i, len(c.Txs), c.Txs[len(c.Txs)-1].Meta.Result.Token())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*perLedger), "ns/call")
}
