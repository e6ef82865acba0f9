package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
)

// sandbox holds one transaction's changes on top of the state until they
// are committed or thrown away. It records entries in the order they were
// first touched, so that metadata is deterministic.
type sandbox struct {
	base     reader
	mods     []change
	feeDrops uint64 // the fee destroyed
}

// reader is what a sandbox reads through: the state, or a preview.
// get returns an entry that the caller must not modify, or nil.
type reader interface {
	get(id address.AccountID) *AccountRoot
}

// change is one entry a transaction touched: its value before (nil when
// the transaction created it) and after.
type change struct {
	before *AccountRoot
	after  *AccountRoot
}

// account returns the sandbox's mutable copy of an account, or nil.
func (v *sandbox) account(id address.AccountID) *AccountRoot {
	for i := range v.mods {
		if v.mods[i].after.Account == id {
			return v.mods[i].after
		}
	}
	a := v.base.get(id)
	if a == nil {
		return nil
	}
	c := a.clone()
	v.mods = append(v.mods, change{before: a, after: c})
	return c
}

// create adds a new account to the sandbox.
func (v *sandbox) create(a *AccountRoot) {
	v.mods = append(v.mods, change{after: a})
}

// reset throws away every change.
func (v *sandbox) reset() {
	v.mods = v.mods[:0]
	v.feeDrops = 0
}
