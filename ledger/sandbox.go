package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
)

// sandbox holds one transaction's changes on top of the state until they
// are committed or thrown away. It records entries in the order they were
// first touched, so that metadata is deterministic.
type sandbox struct {
	base     reader
	mods     []change
	tmods    []tableChange
	smods    []slotChange
	emods    []escrowChange
	lmods    []lineChange
	feeDrops uint64 // the fee destroyed
	// failCharge is what a failed transaction costs besides its fee (the
	// gas a failed contract execution used).
	failCharge uint64
	// result carries what a transactor reports beside its code.
	result txResult
	// parsed is what preflight read for apply.
	parsed parsed
}

// txResult is what a transactor reports beside its code: a detail
// message for the metadata and notifications, a contract's logs, and
// what a successful payment delivered.
type txResult struct {
	detail    string
	logs      []ContractLog
	delivered int64
	// deliveredIOU is what a successful issued-currency payment
	// delivered, when it is less than its Amount (a partial payment);
	// hasIOU says it is set.
	deliveredIOU codec.Amount
	hasIOU       bool
}

// reader is what a sandbox reads through: the state, or a preview.
// get returns an entry that the caller must not modify, or nil.
type reader interface {
	get(id address.AccountID) *accountEntry
	getTable(key hash.Hash256) *Table
	getSlot(s Slot) [32]byte
	getEscrow(key hash.Hash256) *Escrow
	getLine(key hash.Hash256) *TrustLine
}

// tableChange is one table a transaction touched: before is nil when it
// created the table, after nil when it deleted it.
type tableChange struct {
	key    hash.Hash256
	before *Table
	after  *Table
}

// change is one entry a transaction touched: its value before (nil when
// the transaction created it) and the sandbox's copy.
type change struct {
	before *accountEntry
	after  *accountEntry
}

// account returns the sandbox's mutable copy of an account, or nil.
func (v *sandbox) account(id address.AccountID) *AccountRoot {
	for i := range v.mods {
		if v.mods[i].after.Account == id {
			return &v.mods[i].after.AccountRoot
		}
	}
	a := v.base.get(id)
	if a == nil {
		return nil
	}
	c := a.clone()
	v.mods = append(v.mods, change{before: a, after: c})
	return &c.AccountRoot
}

// readAccount returns an account without touching it: the sandbox's
// copy if it has one, else the state's; the caller must not modify it.
func (v *sandbox) readAccount(id address.AccountID) *AccountRoot {
	for i := range v.mods {
		if v.mods[i].after.Account == id {
			return &v.mods[i].after.AccountRoot
		}
	}
	if a := v.base.get(id); a != nil {
		return &a.AccountRoot
	}
	return nil
}

// exists reports whether an account exists, without touching it.
func (v *sandbox) exists(id address.AccountID) bool {
	for i := range v.mods {
		if v.mods[i].after.Account == id {
			return true
		}
	}
	return v.base.get(id) != nil
}

// table returns the sandbox's mutable copy of a table, or nil.
func (v *sandbox) table(key hash.Hash256) *Table {
	for i := range v.tmods {
		if v.tmods[i].key == key {
			return v.tmods[i].after
		}
	}
	t := v.base.getTable(key)
	if t == nil {
		return nil
	}
	c := t.clone()
	v.tmods = append(v.tmods, tableChange{key: key, before: t, after: c})
	return c
}

// createTable adds a new table (or one renamed to a new key).
func (v *sandbox) createTable(t *Table) {
	key := t.Key()
	for i := range v.tmods {
		if v.tmods[i].key == key {
			v.tmods[i].after = t
			return
		}
	}
	v.tmods = append(v.tmods, tableChange{key: key, after: t})
}

// deleteTable removes a table.
func (v *sandbox) deleteTable(key hash.Hash256) {
	v.table(key)
	for i := range v.tmods {
		if v.tmods[i].key == key {
			v.tmods[i].after = nil
		}
	}
}

// create adds a new account to the sandbox and returns it, zero but
// for its ID.
func (v *sandbox) create(id address.AccountID) *AccountRoot {
	e := &accountEntry{AccountRoot: AccountRoot{Account: id}}
	v.mods = append(v.mods, change{after: e})
	return &e.AccountRoot
}

// reset throws away every change.
func (v *sandbox) reset() {
	v.mods = v.mods[:0]
	v.tmods = v.tmods[:0]
	v.smods = v.smods[:0]
	v.emods = v.emods[:0]
	v.lmods = v.lmods[:0]
	v.feeDrops = 0
	v.failCharge = 0
	v.result = txResult{}
	v.parsed = parsed{}
}
