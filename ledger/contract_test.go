package ledger_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// initCode wraps runtime code (at most 255 bytes) in init code that
// returns it.
func initCode(runtime string) string {
	return fmt.Sprintf("60%02x80600b6000396000f3", len(runtime)/2) + runtime
}

// TestContractBounds: no contract transaction can outgrow its metadata
// or hold the sequencer for long.
func TestContractBounds(t *testing.T) {
	st, g := genesisState(t)
	const (
		bigRevert = "620f42406000fd"   // REVERT(0, 1,000,000)
		bigLog    = "6204a0006000a000" // LOG0(0, 303,104); STOP
	)
	seq := uint32(1)
	deploy := func(runtime string) string {
		d := signTx(t, g, "Contract", seq, map[string]any{"ContractOpType": 1, "ContractData": initCode(runtime), "Gas": 1_000_000})
		addr := ledger.ContractAddress(g.id(), seq)
		seq++
		c := st.Close([]*tx.Tx{d}, 200+seq)
		if c.Txs[0].Meta.Result != ter.TesSUCCESS {
			t.Fatalf("deploy: %s", c.Txs[0].Meta.Result.Token())
		}
		return addr.String()
	}
	call := func(addr string, gas int) *ledger.Closed {
		c := signTx(t, g, "Contract", seq, map[string]any{"ContractOpType": 2, "ContractAddress": addr, "ContractData": "00", "Gas": gas})
		seq++
		return st.Close([]*tx.Tx{c}, 200+seq)
	}
	revert, logger := deploy(bigRevert), deploy(bigLog)

	r := call(revert, 9_000_000)
	if len(r.Txs) != 1 || r.Txs[0].Meta.Result != ter.TefCONTRACT_REVERT_INSTRUCTION || len(r.Txs[0].Meta.Detail) != 1024 {
		t.Fatalf("a megabyte of revert data: %+v", r.Txs)
	}
	l := call(logger, 9_000_000)
	if len(l.Txs) != 1 || l.Txs[0].Meta.Result != ter.TefCONTRACT_EXEC_EXCEPTION || !strings.Contains(l.Txs[0].Meta.Detail, "logs exceed") {
		t.Fatalf("300 KB of logs: %+v", l.Txs)
	}
	if code, _ := ledger.Preflight(signTx(t, g, "Contract", seq, map[string]any{"ContractOpType": 2, "ContractAddress": revert, "ContractData": "00", "Gas": ledger.MaxContractGas + 1})); code != ter.TemMALFORMED {
		t.Fatalf("gas over the bound: %s", code.Token())
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}
