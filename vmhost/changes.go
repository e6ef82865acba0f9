package vmhost

// Changes is every change a successful execution makes to the ledger, as
// final values, in a deterministic order: accounts sorted by address,
// storage by address and then key. Applying them to the State that
// Execute read gives the state after the execution.
type Changes struct {
	Accounts []AccountChange
	Storage  []StorageChange
}

// AccountChange is the final state of one account whose balance, nonce or
// code changed, or that was created or deleted.
type AccountChange struct {
	Address [20]byte
	// Created: the account did not exist in State. A created contract has
	// Nonce 1 and Code; an account created by a value transfer has Nonce 0
	// (the ledger gives it the Sequence a new account gets).
	Created bool
	// Deleted: remove the account and all its storage. Only an account
	// that existed and was left empty (no balance, nonce or code) once
	// touched is deleted (EIP-161); a contract created and self-destructed
	// in the same execution never appears at all.
	Deleted bool
	// Balance is the final balance in drops.
	Balance uint64
	// Nonce is the final nonce (the ledger's Sequence).
	Nonce uint64
	// Code is the code deployed in this execution, nil if the code did
	// not change.
	Code []byte
}

// StorageChange is the final value of one storage slot that differs from
// State. A zero Value deletes the slot.
type StorageChange struct {
	Address [20]byte
	Key     [32]byte
	Value   [32]byte
}

// Empty reports whether there is nothing to apply.
func (c Changes) Empty() bool {
	return len(c.Accounts) == 0 && len(c.Storage) == 0
}
