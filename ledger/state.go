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
	accounts map[address.AccountID]*AccountRoot
	sum      stateHash
}

// Genesis returns the state of ledger 1: the genesis account holding
// every drop, at sequence 1, closed at closeTime (Ripple epoch seconds).
func Genesis(p Params, genesis address.AccountID, closeTime uint32) (*State, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	s := &State{params: p, accounts: make(map[address.AccountID]*AccountRoot)}
	root := &AccountRoot{Account: genesis, Balance: p.GenesisDrops, Sequence: 1}
	s.accounts[genesis] = root
	s.sum.add(root.digest())
	s.header = Header{
		Seq:                 1,
		TotalDrops:          p.GenesisDrops,
		AccountHash:         s.sum.sum(),
		CloseTime:           closeTime,
		CloseTimeResolution: CloseTimeResolution,
	}
	s.hash = s.header.Hash()
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
	return *a.clone(), true
}

// Accounts is the number of accounts in the state.
func (s *State) Accounts() int { return len(s.accounts) }

// CheckInvariants verifies what must hold after every ledger: the
// balances add up to the header's total, and the state hash matches the
// entries. It walks the whole state; tests and replay call it.
func (s *State) CheckInvariants() error {
	var total uint64
	var sum stateHash
	for _, a := range s.accounts {
		total += a.Balance
		sum.add(a.digest())
	}
	if total != s.header.TotalDrops {
		return fmt.Errorf("ledger %d: balances add up to %d drops, header says %d", s.header.Seq, total, s.header.TotalDrops)
	}
	if sum != s.sum || sum.sum() != s.header.AccountHash {
		return fmt.Errorf("ledger %d: state hash %X does not match its entries", s.header.Seq, s.header.AccountHash)
	}
	return nil
}

func (s *State) get(id address.AccountID) *AccountRoot { return s.accounts[id] }

// AccountList returns every account root, ordered by account ID.
func (s *State) AccountList() []AccountRoot {
	out := make([]AccountRoot, 0, len(s.accounts))
	for _, a := range s.accounts {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool { return bytes.Compare(out[i].Account[:], out[j].Account[:]) < 0 })
	return out
}
