package ledger

import "fmt"

// DropsPerZXC is the number of drops in one ZXC.
const DropsPerZXC = 1_000_000

// Params is the fee schedule and the genesis of a chain. It is fixed for
// the life of a chain: the node records it with the genesis ledger, and
// replay reads it back from there.
type Params struct {
	// BaseFee is the minimum fee of a transaction, in drops.
	BaseFee uint64
	// ReserveBase is the balance, in drops, an account must keep.
	ReserveBase uint64
	// ReserveInc is the extra reserve per object an account owns.
	ReserveInc uint64
	// DropsPerByte is the fee per byte of a table transaction's Raw.
	DropsPerByte uint64
	// GenesisDrops is the balance of the genesis account.
	GenesisDrops uint64
	// GasPrice is what a unit of contract gas costs, in drops.
	GasPrice uint64
}

// DefaultParams are the values of a ChainSQL network: a 10-drop base fee,
// a 5 ZXC reserve plus 1 ZXC per owned object, 976 drops per byte, and
// 100,000,000,000 ZXC in the genesis account.
func DefaultParams() Params {
	return Params{
		BaseFee:      10,
		ReserveBase:  5 * DropsPerZXC,
		ReserveInc:   1 * DropsPerZXC,
		DropsPerByte: 1_000_000 / 1024,
		GenesisDrops: 100_000_000_000 * DropsPerZXC,
		GasPrice:     10,
	}
}

// Validate reports a schedule no chain can run on.
func (p Params) Validate() error {
	switch {
	case p.BaseFee == 0:
		return fmt.Errorf("ledger params: base fee must be positive")
	case p.GenesisDrops == 0 || p.GenesisDrops > maxDrops:
		return fmt.Errorf("ledger params: genesis balance %d out of range (1..%d drops)", p.GenesisDrops, uint64(maxDrops))
	case p.GasPrice == 0:
		return fmt.Errorf("ledger params: gas price must be positive")
	case p.ReserveBase > p.GenesisDrops:
		return fmt.Errorf("ledger params: reserve %d exceeds the genesis balance", p.ReserveBase)
	}
	return nil
}

// Reserve is the balance an account owning ownerCount objects must keep.
func (p Params) Reserve(ownerCount uint32) uint64 {
	return p.ReserveBase + uint64(ownerCount)*p.ReserveInc
}

// maxDrops is the largest native amount the binary format can carry
// (rippled's 100 billion ZXC cap).
const maxDrops = 100_000_000_000 * DropsPerZXC
