package vmhost

import (
	"bytes"
	"math"

	"github.com/ethereum/go-ethereum/params"
)

// intrinsicGas is what a transaction costs before its code runs, as
// Cancun prices it (and as chainsqld's Executive::baseGasRequired does,
// plus Shanghai's init-code words): 21000 for a call or 53000 for a
// deploy, 4 per zero byte and 16 per other byte of data, and for a
// deploy 2 per 32-byte word of init code (EIP-3860). ok is false if the
// sum does not fit 64 bits.
func intrinsicGas(data []byte, deploy bool) (gas uint64, ok bool) {
	gas = params.TxGas
	if deploy {
		gas = params.TxGasContractCreation
	}
	n := uint64(len(data))
	if n == 0 {
		return gas, true
	}
	zeros := uint64(bytes.Count(data, []byte{0}))
	nonZeros := n - zeros
	if (math.MaxUint64-gas)/params.TxDataNonZeroGasEIP2028 < nonZeros {
		return 0, false
	}
	gas += nonZeros * params.TxDataNonZeroGasEIP2028
	if (math.MaxUint64-gas)/params.TxDataZeroGas < zeros {
		return 0, false
	}
	gas += zeros * params.TxDataZeroGas
	if deploy {
		words := (n + 31) / 32
		if (math.MaxUint64-gas)/params.InitCodeWordGas < words {
			return 0, false
		}
		gas += words * params.InitCodeWordGas
	}
	return gas, true
}

// refunded applies the refund counter to the gas used: at most a fifth of
// it (EIP-3529).
func refunded(used, refund uint64) uint64 {
	return used - min(refund, used/params.RefundQuotientEIP3529)
}
