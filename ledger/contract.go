package ledger

import (
	"encoding/binary"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
	"github.com/sqledger/sqledger/vmhost"
)

// ContractLog is one event a contract emitted, recorded in metadata.
type ContractLog struct {
	Address address.AccountID
	Topics  [][32]byte
	Data    []byte
}

// Block gas limits chainsqld reports through GASLIMIT: in transactions,
// and in read-only contract_call.
const (
	txGasLimit   = 210000
	CallGasLimit = 21000
)

// Bounds on one contract transaction, so that no transaction can stall
// the sequencer or outgrow its metadata: a contract's gas (at the default
// price, 100 ZXC's worth, a few tenths of a second of EVM time), the
// detail message kept (a revert reason), and the logs one execution may
// leave (an execution that logs more fails with
// tefCONTRACT_EXEC_EXCEPTION).
const (
	MaxContractGas  = 10_000_000
	maxDetailBytes  = 1024
	maxContractLogs = 256 << 10
)

// ContractAddress is the address a deploy creates, as chainsqld derives
// it: RIPEMD160(SHA256(sender ‖ BE32(Sequence))).
func ContractAddress(sender address.AccountID, seq uint32) address.AccountID {
	return hash.RIPESHA(binary.BigEndian.AppendUint32(append([]byte(nil), sender[:]...), seq))
}

// contractFields are the fields of a Contract transaction.
type contractFields struct {
	op     uint16
	data   []byte
	gas    uint32
	value  uint64
	target address.AccountID
	hasTo  bool
}

func readContract(t *tx.Tx) (contractFields, ter.Code) {
	var c contractFields
	o := t.Fields
	c.op, _ = o.UInt16("ContractOpType")
	c.data, _ = o.Blob("ContractData")
	c.gas, _ = o.UInt32("Gas")
	c.target, c.hasTo = o.AccountID("ContractAddress")
	if v, ok := o.Amount("ContractValue"); ok {
		if !v.IsNative() || v.IsNegative() {
			return c, ter.TemBAD_AMOUNT
		}
		c.value = uint64(v.Drops())
	}
	return c, ter.TesSUCCESS
}

// preflightContract checks a Contract alone: a deploy (1) or a call (2)
// with code or call data, a call naming its contract, a ZXC value.
func preflightContract(t *tx.Tx, _ *parsed) ter.Code {
	c, code := readContract(t)
	switch {
	case code != ter.TesSUCCESS:
		return code
	case c.op != tx.ContractCreate && c.op != tx.ContractCall:
		return ter.TemBAD_OPTYPE
	case len(c.data) == 0 && c.op == tx.ContractCreate:
		return ter.TemMALFORMED
	case c.op == tx.ContractCall && (!c.hasTo || c.target.IsZero()):
		return ter.TemMALFORMED
	case c.gas > MaxContractGas:
		return ter.TemMALFORMED
	}
	return ter.TesSUCCESS
}

// truncate keeps at most max bytes of a detail message.
func truncate(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return s[:max]
}

// logBytes is the size of an execution's logs.
func logBytes(logs []vmhost.Log) int {
	n := 0
	for _, l := range logs {
		n += 20 + 32*len(l.Topics) + len(l.Data)
	}
	return n
}

// applyContract runs a deploy or a call: Gas × GasPrice is set aside
// before the code runs and the unused part returned after; the gas used
// is destroyed like the fee, whatever the outcome. A failed execution
// leaves only the fee and the gas it used (tefGAS_INSUFFICIENT,
// tefCONTRACT_REVERT_INSTRUCTION with the revert reason,
// tefCONTRACT_EXEC_EXCEPTION, tefCONTRACT_NOT_EXIST).
func applyContract(v *sandbox, t *tx.Tx, e *env) ter.Code {
	c, _ := readContract(t)
	src := v.account(t.Account)
	gasDrops := uint64(c.gas) * e.params.GasPrice
	if src.Balance < gasDrops || src.Balance-gasDrops < c.value {
		return ter.TecINSUFF_FEE
	}
	src.Balance -= gasDrops
	msg := vmhost.Message{Caller: t.Account, Value: c.value, Data: c.data, Gas: uint64(c.gas), GasPrice: e.params.GasPrice}
	if c.op == tx.ContractCall {
		to := [20]byte(c.target)
		msg.To = &to
	} else {
		msg.Create = ContractAddress(t.Account, t.Sequence)
	}
	blk := vmhost.Block{Number: uint64(e.seq), Time: uint64(e.closeTime) + RippleEpoch, GasLimit: txGasLimit, Hash: e.blockHash}
	res, err := vmhost.Execute(evmState{v}, msg, blk, vmhost.Config{})
	if err != nil {
		// A host fault, not an EVM failure: record it as such.
		v.result.detail = truncate(err.Error(), maxDetailBytes)
		return ter.TefEXCEPTION
	}
	used := min(res.GasUsed, uint64(c.gas)) * e.params.GasPrice
	if res.Status != vmhost.Success {
		v.failCharge = used
		v.result.detail = truncate(res.Message(), maxDetailBytes)
		return contractCode(res.Status)
	}
	if logBytes(res.Logs) > maxContractLogs {
		v.failCharge = used
		v.result.detail = fmt.Sprintf("contract logs exceed %d bytes", maxContractLogs)
		return ter.TefCONTRACT_EXEC_EXCEPTION
	}
	if err := applyChanges(v, res.Changes); err != nil {
		v.failCharge = used
		v.result.detail = truncate(err.Error(), maxDetailBytes)
		return ter.TefCONTRACT_EXEC_EXCEPTION
	}
	src = v.account(t.Account)
	src.Balance += gasDrops - used
	v.feeDrops += used
	for _, l := range res.Logs {
		v.result.logs = append(v.result.logs, ContractLog{Address: l.Address, Topics: l.Topics, Data: l.Data})
	}
	return ter.TesSUCCESS
}

func contractCode(s vmhost.Status) ter.Code {
	switch s {
	case vmhost.Revert:
		return ter.TefCONTRACT_REVERT_INSTRUCTION
	case vmhost.OutOfGas:
		return ter.TefGAS_INSUFFICIENT
	case vmhost.NotExist:
		return ter.TefCONTRACT_NOT_EXIST
	case vmhost.Unfunded:
		return ter.TecUNFUNDED_PAYMENT
	}
	return ter.TefCONTRACT_EXEC_EXCEPTION
}

// applyChanges writes an execution's changes into the sandbox, in the
// order vmhost gives them (sorted, so deterministic).
func applyChanges(v *sandbox, ch vmhost.Changes) error {
	for _, a := range ch.Accounts {
		id := address.AccountID(a.Address)
		if a.Deleted {
			// Accounts here always have a sequence, so EIP-161 never
			// finds one empty; a deletion means a broken assumption.
			return fmt.Errorf("contract execution deletes account %s", id)
		}
		root := v.account(id)
		if root == nil {
			root = v.create(id)
		}
		root.Balance = a.Balance
		root.Sequence = uint32(max(a.Nonce, 1))
		if a.Code != nil {
			root.Code = a.Code
		}
	}
	for _, s := range ch.Storage {
		v.setStorage(Slot{Contract: s.Address, Key: s.Key}, s.Value)
	}
	return nil
}
