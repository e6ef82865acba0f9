package vmhost

// State is the committed ledger state as the EVM reads it: the host's only
// view of the ledger, and read-only. Addresses are ChainSQL account IDs,
// whose 20 bytes are the EVM address.
//
// Execute calls these methods from the goroutine that called it, only while
// it runs, and never modifies a slice they return; the caller must not
// modify it either until Execute returns. An account that does not exist
// has no code and no storage.
type State interface {
	// Account reports an account's balance in drops and its nonce (the
	// ledger's Sequence), and whether it exists.
	Account(addr [20]byte) (balanceDrops uint64, nonce uint64, exists bool)
	// Code is a contract's code, or nil (or empty) for an account that is
	// not a contract.
	Code(addr [20]byte) []byte
	// Storage is one slot of a contract's storage; absent slots are zero.
	Storage(addr [20]byte, key [32]byte) [32]byte
}
