package rpc

import (
	"encoding/hex"
	"strings"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/rpcerr"
	"github.com/sqledger/sqledger/vmhost"
)

// callGas is the gas a read-only contract_call may use.
const callGas = 50_000_000

// viewState is the committed state as the EVM reads it for
// contract_call.
type viewState struct{ v State }

func (s viewState) Account(addr [20]byte) (uint64, uint64, bool) {
	a, ok := s.v.Account(addr)
	if !ok {
		return 0, 0, false
	}
	return a.Balance, uint64(a.Sequence), true
}

func (s viewState) Code(addr [20]byte) []byte {
	a, ok := s.v.Account(addr)
	if !ok {
		return nil
	}
	return a.Code
}

func (s viewState) Storage(addr [20]byte, key [32]byte) [32]byte {
	return s.v.Slot(ledger.Slot{Contract: addr, Key: key})
}

// cmdContractCall runs a contract read-only against the last closed
// ledger and answers its return data as "0x…" hex, as chainsqld does
// (the client strips the first two characters). An EVM failure is
// contractEVMcallError with the revert text.
func cmdContractCall(c *call) (any, error) {
	n := c.s.node
	caller, err := c.account("account")
	if err != nil {
		return nil, err
	}
	contract, err := c.account("contract_address")
	if err != nil {
		return nil, err
	}
	dataHex, ok, err := c.str("contract_data")
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, rpcerr.MissingField("contract_data")
	}
	data, derr := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(dataHex, "0x"), "0X"))
	if derr != nil {
		return nil, rpcerr.InvalidField("contract_data")
	}
	if c.has("ledger_index") {
		seq, current, err := c.ledgerSelector()
		if err != nil {
			return nil, err
		}
		if h, _ := c.view.Closed(); !current && seq != h.Seq {
			return nil, rpcerr.Newf(rpcerr.LgrNotFound, "ledgerNotFound: this node keeps the state of its last closed ledger (%d) only", h.Seq)
		}
	}
	if _, ok := c.view.Account(caller); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	h, _ := c.view.Closed()
	to := [20]byte(contract)
	res, err := vmhost.Execute(viewState{c.view}, vmhost.Message{Caller: caller, To: &to, Data: data, Gas: callGas, ReadOnly: true},
		vmhost.Block{Number: uint64(h.Seq), Time: uint64(h.CloseTime) + ledger.RippleEpoch, GasLimit: ledger.CallGasLimit, Hash: n.blockHash(h.Seq)}, vmhost.Config{})
	if err != nil {
		return nil, err
	}
	if res.Status != vmhost.Success {
		return nil, rpcerr.Newf(rpcerr.CtrEVMCallException, "%s", res.Message())
	}
	return map[string]any{"contract_call_result": "0x" + hex.EncodeToString(res.Return)}, nil
}

// blockHash answers BLOCKHASH for a read-only call in ledger seq: the
// hash of one of the 256 ledgers before it, from the event log, as the
// ledger does for transactions.
func (n *Node) blockHash(seq uint32) func(k uint64) [32]byte {
	return func(k uint64) [32]byte {
		if k == 0 || k >= uint64(seq) || k+256 < uint64(seq) {
			return [32]byte{}
		}
		hsh, _, _, err := n.log.LedgerHeader(uint32(k))
		if err != nil {
			return [32]byte{}
		}
		return hsh
	}
}
