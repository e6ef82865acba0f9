package vmhost

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/tracing"
	"github.com/ethereum/go-ethereum/core/vm"
	"github.com/ethereum/go-ethereum/params"
	"github.com/holiman/uint256"
)

// chainConfig is the fixed rule set: every Ethereum fork up to and
// including Cancun, active from ledger 0, and nothing after it (no Prague,
// Osaka or Amsterdam). Only ChainID varies.
func chainConfig(chainID uint64) *params.ChainConfig {
	zero := big.NewInt(0)
	var t0 uint64
	return &params.ChainConfig{
		ChainID:                 new(big.Int).SetUint64(chainID),
		HomesteadBlock:          zero,
		EIP150Block:             zero,
		EIP155Block:             zero,
		EIP158Block:             zero,
		ByzantiumBlock:          zero,
		ConstantinopleBlock:     zero,
		PetersburgBlock:         zero,
		IstanbulBlock:           zero,
		MuirGlacierBlock:        zero,
		BerlinBlock:             zero,
		LondonBlock:             zero,
		ArrowGlacierBlock:       zero,
		GrayGlacierBlock:        zero,
		MergeNetsplitBlock:      zero,
		TerminalTotalDifficulty: zero,
		ShanghaiTime:            &t0,
		CancunTime:              &t0,
	}
}

// blockContext is the EVM's view of the ledger. Fees and randomness that
// ChainSQL has no counterpart for are fixed at zero: BASEFEE,
// BLOBBASEFEE, PREVRANDAO (DIFFICULTY) and BLOBHASH all read zero.
func blockContext(b Block) vm.BlockContext {
	getHash := func(uint64) common.Hash { return common.Hash{} }
	if b.Hash != nil {
		getHash = func(n uint64) common.Hash { return b.Hash(n) }
	}
	return vm.BlockContext{
		CanTransfer: canTransfer,
		Transfer:    transfer,
		GetHash:     getHash,
		Coinbase:    b.Coinbase,
		GasLimit:    b.GasLimit,
		BlockNumber: new(big.Int).SetUint64(b.Number),
		Time:        b.Time,
		Difficulty:  new(big.Int),
		BaseFee:     new(big.Int),
		BlobBaseFee: new(big.Int),
		// A non-nil Random is what marks the chain as post-merge, which
		// Shanghai and Cancun require in geth.
		Random: &common.Hash{},
	}
}

// canTransfer reports whether addr can pay amount.
func canTransfer(db vm.StateDB, addr common.Address, amount *uint256.Int) bool {
	return db.GetBalance(addr).Cmp(amount) >= 0
}

// transfer moves amount between accounts; with a zero amount it still
// touches the recipient, which EIP-161 needs.
func transfer(db vm.StateDB, sender, recipient common.Address, amount *uint256.Int, _ *params.Rules) {
	db.SubBalance(sender, amount, tracing.BalanceChangeTransfer)
	db.AddBalance(recipient, amount, tracing.BalanceChangeTransfer)
}
