package ledger

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// State is the ledger state after the last closed ledger. It is owned by
// one goroutine (the sequencer, or replay): it has no locks.
type State struct {
	params   Params
	header   Header
	hash     hash.Hash256
	accounts map[address.AccountID]*accountEntry
	tables   map[hash.Hash256]tableEntry
	storage  map[Slot][32]byte
	escrows  map[hash.Hash256]escrowEntry
	lines    map[hash.Hash256]lineEntry
	// recent are the hashes of the last 256 ledgers, by sequence mod 256,
	// for the EVM's BLOCKHASH.
	recent [256]hash.Hash256
	sum    stateHash
}

// Genesis returns the state of ledger 1: the genesis account holding
// every drop, at sequence 1, closed at closeTime (Ripple epoch seconds).
func Genesis(p Params, genesis address.AccountID, closeTime uint32) (*State, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &State{params: p, accounts: make(map[address.AccountID]*accountEntry), tables: make(map[hash.Hash256]tableEntry), storage: make(map[Slot][32]byte), escrows: make(map[hash.Hash256]escrowEntry), lines: make(map[hash.Hash256]lineEntry)}
	root := newAccountEntry(AccountRoot{Account: genesis, Balance: p.GenesisDrops, Sequence: 1})
	s.accounts[genesis] = root
	s.sum.add(root.digest)
	s.header = Header{
		Seq:                 1,
		TotalDrops:          p.GenesisDrops,
		AccountHash:         s.sum.sum(),
		CloseTime:           closeTime,
		CloseTimeResolution: CloseTimeResolution,
	}
	s.hash = s.header.Hash()
	s.recent[1] = s.hash
	return s, nil
}

// Params returns the chain's fee schedule.
func (s *State) Params() Params { return s.params }

// Header returns the header of the last closed ledger.
func (s *State) Header() Header { return s.header }

// Hash returns the hash of the last closed ledger.
func (s *State) Hash() hash.Hash256 { return s.hash }

// Account returns a copy of an account root.
func (s *State) Account(id address.AccountID) (AccountRoot, bool) {
	a, ok := s.accounts[id]
	if !ok {
		return AccountRoot{}, false
	}
	return *a.AccountRoot.clone(), true
}

// Accounts is the number of accounts in the state.
func (s *State) Accounts() int { return len(s.accounts) }

// CheckInvariants verifies what must hold after every ledger: the
// balances and the escrowed drops add up to the header's total, and the
// state hash matches the entries (account roots, tables, contract
// storage slots, escrows and trust lines), every trust line is well
// formed (checkLine), each hashed afresh under its
// ledger index computed afresh. It walks the whole state; tests and
// replay call it, and so does every Close in builds with the invariants
// tag. Its errors wrap ErrInvariant.
func (s *State) CheckInvariants() error {
	var total uint64
	var sum stateHash
	for _, a := range s.accounts {
		total += a.Balance
		sum.add(a.AccountRoot.digest(AccountKey(a.Account)))
	}
	for _, e := range s.tables {
		sum.add(e.t.digest(e.t.Key()))
	}
	for sl, v := range s.storage {
		sum.add(slotDigest(sl, v))
	}
	for _, e := range s.escrows {
		total += e.e.Amount
		sum.add(e.e.digest(e.e.Key()))
	}
	for key, e := range s.lines {
		if err := checkLine(e.l, key); err != nil {
			return fmt.Errorf("%w: ledger %d: %w", ErrInvariant, s.header.Seq, err)
		}
		sum.add(e.l.digest(e.l.Key()))
	}
	if total != s.header.TotalDrops {
		return fmt.Errorf("%w: ledger %d: balances and escrows add up to %d drops, header says %d", ErrInvariant, s.header.Seq, total, s.header.TotalDrops)
	}
	if sum != s.sum || sum.sum() != s.header.AccountHash {
		return fmt.Errorf("%w: ledger %d: state hash %X does not match its entries", ErrInvariant, s.header.Seq, s.header.AccountHash)
	}
	return nil
}

func (s *State) get(id address.AccountID) *accountEntry { return s.accounts[id] }

func (s *State) getTable(key hash.Hash256) *Table { return s.tables[key].t }

func (s *State) getSlot(sl Slot) [32]byte { return s.storage[sl] }

func (s *State) getEscrow(key hash.Hash256) *Escrow { return s.escrows[key].e }

func (s *State) getLine(key hash.Hash256) *TrustLine { return s.lines[key].l }

// Line returns a trust line's entry by ledger index; the caller must
// not modify it. It makes a State a Lookup.
func (s *State) Line(key hash.Hash256) (*TrustLine, bool) {
	e, ok := s.lines[key]
	return e.l, ok
}

// LineList returns every trust line, ordered by ledger index.
func (s *State) LineList() []*TrustLine {
	out := make([]*TrustLine, 0, len(s.lines))
	for _, e := range s.lines {
		out = append(out, e.l)
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := out[i].Key(), out[j].Key()
		return bytes.Compare(ki[:], kj[:]) < 0
	})
	return out
}

// Escrow returns an escrow's entry by ledger index; the caller must not
// modify it. With Account, TableByKey and Slot, it makes a State a
// Lookup.
func (s *State) Escrow(key hash.Hash256) (*Escrow, bool) {
	e, ok := s.escrows[key]
	return e.e, ok
}

// EscrowList returns every escrow, ordered by ledger index.
func (s *State) EscrowList() []*Escrow {
	out := make([]*Escrow, 0, len(s.escrows))
	for _, e := range s.escrows {
		out = append(out, e.e)
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := out[i].Key(), out[j].Key()
		return bytes.Compare(ki[:], kj[:]) < 0
	})
	return out
}

// Slot returns a contract storage slot (zero when absent). With Account
// and TableByKey, it makes a State a Lookup.
func (s *State) Slot(sl Slot) [32]byte { return s.storage[sl] }

// blockHash is the hash of ledger n if it is one of the 256 before
// current, else zero (BLOCKHASH).
func (s *State) blockHash(current uint32) func(n uint64) [32]byte {
	recent := s.recent
	return func(n uint64) [32]byte {
		if n >= uint64(current) || n+256 < uint64(current) || n == 0 {
			return [32]byte{}
		}
		return recent[n%256]
	}
}

// SlotList returns every storage slot, ordered by contract and key.
func (s *State) SlotList() []SlotUpdate {
	out := make([]SlotUpdate, 0, len(s.storage))
	for sl, v := range s.storage {
		out = append(out, SlotUpdate{Slot: sl, Value: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if c := bytes.Compare(out[i].Slot.Contract[:], out[j].Slot.Contract[:]); c != 0 {
			return c < 0
		}
		return bytes.Compare(out[i].Slot.Key[:], out[j].Slot.Key[:]) < 0
	})
	return out
}

// Table returns a copy of a table's entry.
func (s *State) Table(owner address.AccountID, name []byte) (*Table, bool) {
	e, ok := s.tables[TableKey(owner, name)]
	if !ok {
		return nil, false
	}
	return e.t.clone(), true
}

// TableByKey returns a table's entry by ledger index; the caller must
// not modify it. With Account, it makes a State a Lookup.
func (s *State) TableByKey(key hash.Hash256) (*Table, bool) {
	e, ok := s.tables[key]
	return e.t, ok
}

// TableList returns every table, ordered by ledger index.
func (s *State) TableList() []*Table {
	out := make([]*Table, 0, len(s.tables))
	for _, e := range s.tables {
		out = append(out, e.t.clone())
	}
	sort.Slice(out, func(i, j int) bool {
		ki, kj := out[i].Key(), out[j].Key()
		return bytes.Compare(ki[:], kj[:]) < 0
	})
	return out
}

// AccountList returns every account root, ordered by account ID.
func (s *State) AccountList() []AccountRoot {
	out := make([]AccountRoot, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, a.AccountRoot)
	}
	sort.Slice(out, func(i, j int) bool { return bytes.Compare(out[i].Account[:], out[j].Account[:]) < 0 })
	return out
}
