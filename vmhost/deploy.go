package vmhost

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
)

// deploy runs init code at a given address. It is go-ethereum's
// EVM.create (which only derives addresses Ethereum's way) for the
// address chainsqld gives a deploy transaction, with one difference that
// is also chainsqld's: the sender's nonce is not raised, because the
// transaction's Sequence, which the ledger consumes, already made the
// address unique. CREATE and CREATE2 inside contracts are geth's own.
func deploy(evm *vm.EVM, db *overlay, caller, addr common.Address, code []byte, gas vm.GasBudget, value *uint256.Int) ([]byte, vm.GasBudget, error) {
	if !canTransfer(db, caller, value) {
		return nil, gas, vm.ErrInsufficientBalance
	}
	rules := evm.GetRules()
	if uint64(len(code)) > params.MaxInitCodeSize {
		return nil, gas.ExitHalt(), vm.ErrMaxInitCodeSizeExceeded
	}
	db.AddAddressToAccessList(addr)
	if hash := db.GetCodeHash(addr); db.GetNonce(addr) != 0 || (hash != (common.Hash{}) && hash != types.EmptyCodeHash) {
		return nil, gas.ExitHalt(), vm.ErrContractAddressCollision
	}
	snapshot := db.Snapshot()
	if !db.Exist(addr) {
		db.CreateAccount(addr)
	}
	db.CreateContract(addr)
	db.SetNonce(addr, 1, tracing.NonceChangeNewContract)
	transfer(db, caller, addr, value, &rules)

	contract := vm.NewContract(caller, addr, value, gas, nil)
	contract.SetCallCode(common.Hash{}, code)
	contract.IsDeployment = true
	ret, err := evm.Run(contract, nil, false)
	if err == nil {
		err = storeCode(db, &rules, contract, addr, ret)
	}
	if err != nil {
		db.RevertToSnapshot(snapshot)
		return ret, contract.Gas.Exit(err), err
	}
	return ret, contract.Gas.ExitSuccess(), nil
}

// storeCode checks the code init code returned and pays its deposit, as
// geth's initNewContract does: no leading 0xEF (EIP-3541), 200 gas a
// byte, at most 24576 bytes (EIP-170).
func storeCode(db *overlay, rules *params.Rules, contract *vm.Contract, addr common.Address, code []byte) error {
	if len(code) > 0 && code[0] == 0xEF {
		return vm.ErrInvalidCode
	}
	if _, ok := contract.Gas.ChargeExecution(uint64(len(code)) * params.CreateDataGas); !ok {
		return vm.ErrCodeStoreOutOfGas
	}
	if err := vm.CheckMaxCodeSize(rules, uint64(len(code))); err != nil {
		return err
	}
	if len(code) > 0 {
		db.SetCode(addr, code, tracing.CodeChangeContractCreation)
	}
	return nil
}
