package actors

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
type viewState struct{ v *View }

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
		if h, _ := n.view.Closed(); !current && seq != h.Seq {
			return nil, rpcerr.Newf(rpcerr.LgrNotFound, "ledgerNotFound: this node keeps the state of its last closed ledger (%d) only", h.Seq)
		}
	}
	if _, ok := n.view.Account(caller); !ok {
		return nil, rpcerr.New(rpcerr.ActNotFound)
	}
	h, _ := n.view.Closed()
	to := [20]byte(contract)
	res, err := vmhost.Execute(viewState{n.view}, vmhost.Message{Caller: caller, To: &to, Data: data, Gas: callGas, ReadOnly: true},
		vmhost.Block{Number: uint64(h.Seq), Time: uint64(h.CloseTime) + ledger.RippleEpoch, GasLimit: 21000}, vmhost.Config{})
	if err != nil {
		return nil, err
	}
	if res.Status != vmhost.Success {
		return nil, rpcerr.Newf(rpcerr.CtrEVMCallException, "%s", res.Message())
	}
	return map[string]any{"contract_call_result": "0x" + hex.EncodeToString(res.Return)}, nil
}
