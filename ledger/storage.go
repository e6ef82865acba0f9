package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Slot names one storage slot of a contract.
type Slot struct {
	Contract address.AccountID
	Key      [32]byte
}

// SlotKey is the ledger index of a storage slot: SHA-512Half of the space
// key 'v', the contract and the slot.
func SlotKey(s Slot) hash.Hash256 {
	return hash.SHA512Half([]byte{0, 'v'}, s.Contract[:], s.Key[:])
}

func slotDigest(s Slot, value [32]byte) stateHash {
	return entryDigest(SlotKey(s), value[:])
}

// slotChange is one storage slot a transaction wrote.
type slotChange struct {
	slot   Slot
	before [32]byte // zero: the slot was absent
	after  [32]byte // zero: the slot is deleted
}

// SlotUpdate is a slot's value after a ledger; zero means deleted.
type SlotUpdate struct {
	Slot  Slot
	Value [32]byte
}

// storageValue reads a slot through the sandbox.
func (v *sandbox) storageValue(s Slot) [32]byte {
	for i := len(v.smods) - 1; i >= 0; i-- {
		if v.smods[i].slot == s {
			return v.smods[i].after
		}
	}
	return v.base.getSlot(s)
}

// setStorage writes a slot.
func (v *sandbox) setStorage(s Slot, value [32]byte) {
	for i := range v.smods {
		if v.smods[i].slot == s {
			v.smods[i].after = value
			return
		}
	}
	v.smods = append(v.smods, slotChange{slot: s, before: v.base.getSlot(s), after: value})
}

// peek reads an account through the sandbox without touching it.
func (v *sandbox) peek(id address.AccountID) *AccountRoot {
	for i := range v.mods {
		if v.mods[i].after.Account == id {
			return &v.mods[i].after.AccountRoot
		}
	}
	if e := v.base.get(id); e != nil {
		return &e.AccountRoot
	}
	return nil
}

// evmState is the sandbox as the EVM reads it (vmhost.State).
type evmState struct{ v *sandbox }

func (s evmState) Account(addr [20]byte) (uint64, uint64, bool) {
	a := s.v.peek(addr)
	if a == nil {
		return 0, 0, false
	}
	return a.Balance, uint64(a.Sequence), true
}

func (s evmState) Code(addr [20]byte) []byte {
	if a := s.v.peek(addr); a != nil {
		return a.Code
	}
	return nil
}

func (s evmState) Storage(addr [20]byte, key [32]byte) [32]byte {
	return s.v.storageValue(Slot{Contract: addr, Key: key})
}
