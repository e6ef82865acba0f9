package vmhost

import "github.com/ethereum/go-ethereum/common"

// committed is a slot's value before this execution: zero for an account
// created in it, State's value otherwise (read once, then cached).
func (s *overlay) committed(addr common.Address, a *account, key common.Hash) common.Hash {
	if a.created || !a.origExists {
		return common.Hash{}
	}
	if v, ok := a.origin[key]; ok {
		return v
	}
	v := common.Hash(s.st.Storage(addr, key))
	a.origin[key] = v
	return v
}

// slot returns a slot's current and committed values.
func (s *overlay) slot(addr common.Address, a *account, key common.Hash) (current, committed common.Hash) {
	committed = s.committed(addr, a, key)
	if v, ok := a.storage[key]; ok {
		return v, committed
	}
	return committed, committed
}

func (s *overlay) GetState(addr common.Address, key common.Hash) common.Hash {
	a := s.load(addr)
	if !a.exists {
		return common.Hash{}
	}
	v, _ := s.slot(addr, a, key)
	return v
}

func (s *overlay) GetStateAndCommittedState(addr common.Address, key common.Hash) (common.Hash, common.Hash) {
	a := s.load(addr)
	if !a.exists {
		return common.Hash{}, common.Hash{}
	}
	return s.slot(addr, a, key)
}

func (s *overlay) SetState(addr common.Address, key, value common.Hash) common.Hash {
	a := s.live(addr)
	prev, _ := s.slot(addr, a, key)
	if prev == value {
		return prev
	}
	s.journal = append(s.journal, entry{kind: entryStorage, addr: addr, key: key, prevHash: prev})
	a.storage[key] = value
	return prev
}

// Transient storage (EIP-1153, TLOAD/TSTORE) lives for one execution and
// is journalled like storage, so a reverted frame's writes disappear.

func (s *overlay) GetTransientState(addr common.Address, key common.Hash) common.Hash {
	return s.transient[slotKey{addr, key}]
}

func (s *overlay) SetTransientState(addr common.Address, key, value common.Hash) {
	k := slotKey{addr, key}
	prev := s.transient[k]
	if prev == value {
		return
	}
	s.journal = append(s.journal, entry{kind: entryTransient, addr: addr, key: key, prevHash: prev})
	s.transient[k] = value
}
