package vmhost

import (
	"bytes"

	"github.com/ethereum/go-ethereum/params"
)

// intrinsicGas is what a transaction costs before its code runs, as
// Cancun prices it (and as chainsqld's Executive::baseGasRequired does,
// plus Shanghai's init-code words): 21000 for a call or 53000 for a
// deploy, 4 per zero byte and 16 per other byte of data, and for a deploy
// 2 per 32-byte word of init code (EIP-3860). The sum cannot overflow:
// it would take data of 2^60 bytes.
//
// It is go-ethereum's core.IntrinsicGas without access and authorization
// lists; importing package core for it would link geth's blockchain,
// consensus engines and their modules into the node.
func intrinsicGas(data []byte, deploy bool) uint64 {
	gas := params.TxGas
	if deploy {
		gas = params.TxGasContractCreation
	}
	n := uint64(len(data))
	zeros := uint64(bytes.Count(data, []byte{0}))
	gas += (n-zeros)*params.TxDataNonZeroGasEIP2028 + zeros*params.TxDataZeroGas
	if deploy {
		gas += (n + 31) / 32 * params.InitCodeWordGas
	}
	return gas
}

// refunded applies the refund counter to the gas used: at most a fifth of
// it (EIP-3529).
func refunded(used, refund uint64) uint64 {
	return used - min(refund, used/params.RefundQuotientEIP3529)
}
