package vmhost

import (
	"errors"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/holiman/uint256"
)

// Execute runs one message against st and reports what it did. st is only
// read; the Result's Changes say what to write. The error is non-nil only
// for a host fault (ErrBadMessage, ErrHostFault), never for what the code
// did: a revert, running out of gas or a missing contract is a Status.
//
// The outcome depends on st, msg, blk and cfg alone. Execute keeps no
// state between calls and may run concurrently on different States.
func Execute(st State, msg Message, blk Block, cfg Config) (res *Result, err error) {
	if st == nil {
		return nil, fmt.Errorf("%w: nil State", ErrBadMessage)
	}
	if msg.ReadOnly && msg.To == nil {
		return nil, fmt.Errorf("%w: a read-only message must name a contract", ErrBadMessage)
	}
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("%w: EVM panicked: %v", ErrHostFault, r)
		}
	}()

	isDeploy := msg.To == nil
	var intrinsic uint64
	if !msg.ReadOnly {
		gas := intrinsicGas(msg.Data, isDeploy)
		if msg.Gas < gas {
			return &Result{Status: OutOfGas, GasUsed: msg.Gas, Err: ErrIntrinsicGas}, nil
		}
		intrinsic = gas
	}

	db := newOverlay(st)
	evm := vm.NewEVM(blockContext(blk), db, chainConfig(cfg.ChainID), vm.Config{})
	defer evm.Release()
	evm.SetTxContext(vm.TxContext{Origin: msg.Caller, GasPrice: uint256.NewInt(msg.GasPrice)})
	rules := evm.GetRules()
	precompiles := vm.ActivePrecompiles(rules)
	caller := common.Address(msg.Caller)
	var to *common.Address
	if !isDeploy {
		to = (*common.Address)(msg.To)
	}
	db.Prepare(rules, caller, blk.Coinbase, to, precompiles, nil)

	if !isDeploy && len(db.GetCode(*to)) == 0 && !slices.Contains(precompiles, *to) {
		return &Result{Status: NotExist, GasUsed: intrinsic, Err: ErrNoContract}, db.fault
	}

	value := uint256.NewInt(msg.Value)
	budget := vm.NewGasBudget(msg.Gas-intrinsic, 0)
	var (
		ret   []byte
		left  vm.GasBudget
		vmErr error
	)
	if isDeploy {
		ret, left, vmErr = deploy(evm, db, caller, common.Address(msg.Create), msg.Data, budget, value)
	} else {
		ret, left, vmErr = evm.Call(caller, *to, msg.Data, budget, value)
	}
	if db.fault != nil {
		return nil, db.fault
	}

	res = &Result{
		Status:  classify(vmErr),
		GasUsed: refunded(msg.Gas-left.ExecutionGas-left.StateGas, db.refund),
		Err:     vmErr,
	}
	switch res.Status {
	case Success:
		res.Return = ret
	case Revert:
		res.Return = ret
		res.RevertReason = DecodeRevert(ret)
	}
	if res.Status != Success || msg.ReadOnly {
		return res, nil
	}
	if res.Changes, err = db.changes(); err != nil {
		return nil, err
	}
	res.Logs = db.results()
	return res, nil
}

// classify maps the EVM's error to a Status.
func classify(err error) Status {
	switch {
	case err == nil:
		return Success
	case errors.Is(err, vm.ErrExecutionReverted):
		return Revert
	case errors.Is(err, vm.ErrOutOfGas), errors.Is(err, vm.ErrCodeStoreOutOfGas):
		return OutOfGas
	case errors.Is(err, vm.ErrInsufficientBalance):
		return Unfunded
	default:
		return Exception
	}
}
