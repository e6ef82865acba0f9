package vmhost

import (
	"maps"
	"testing"
)

// memState is the State of the tests: a ledger in maps, to which
// applyChanges writes what an execution did.
type memState struct {
	accounts map[[20]byte]*memAccount
	storage  map[[20]byte]map[[32]byte][32]byte
}

type memAccount struct {
	balance, nonce uint64
	code           []byte
}

func newMemState() *memState {
	return &memState{
		accounts: make(map[[20]byte]*memAccount),
		storage:  make(map[[20]byte]map[[32]byte][32]byte),
	}
}

func (m *memState) Account(addr [20]byte) (uint64, uint64, bool) {
	a, ok := m.accounts[addr]
	if !ok {
		return 0, 0, false
	}
	return a.balance, a.nonce, true
}

func (m *memState) Code(addr [20]byte) []byte {
	if a, ok := m.accounts[addr]; ok {
		return a.code
	}
	return nil
}

func (m *memState) Storage(addr [20]byte, key [32]byte) [32]byte {
	return m.storage[addr][key]
}

// put adds an account; a user account has nonce 1 (its Sequence).
func (m *memState) put(addr [20]byte, balance, nonce uint64, code []byte) *memState {
	m.accounts[addr] = &memAccount{balance: balance, nonce: nonce, code: code}
	return m
}

func (m *memState) setSlot(addr [20]byte, key, value [32]byte) {
	if m.storage[addr] == nil {
		m.storage[addr] = make(map[[32]byte][32]byte)
	}
	m.storage[addr][key] = value
}

// clone is a deep copy, so one starting state can serve several runs.
func (m *memState) clone() *memState {
	c := newMemState()
	for addr, a := range m.accounts {
		cp := *a
		c.accounts[addr] = &cp
	}
	for addr, slots := range m.storage {
		c.storage[addr] = maps.Clone(slots)
	}
	return c
}

// applyChanges writes Changes as a ledger would.
func (m *memState) applyChanges(t testing.TB, c Changes) {
	t.Helper()
	for _, a := range c.Accounts {
		if a.Deleted {
			delete(m.accounts, a.Address)
			delete(m.storage, a.Address)
			continue
		}
		acct, ok := m.accounts[a.Address]
		if ok == a.Created {
			t.Fatalf("account %x: Created=%v but present=%v", a.Address, a.Created, ok)
		}
		if !ok {
			acct = &memAccount{}
			m.accounts[a.Address] = acct
		}
		acct.balance, acct.nonce = a.Balance, a.Nonce
		if a.Code != nil {
			acct.code = a.Code
		}
	}
	for _, s := range c.Storage {
		if _, ok := m.accounts[s.Address]; !ok {
			t.Fatalf("storage change for missing account %x", s.Address)
		}
		if s.Value == ([32]byte{}) {
			delete(m.storage[s.Address], s.Key)
			continue
		}
		m.setSlot(s.Address, s.Key, s.Value)
	}
}
