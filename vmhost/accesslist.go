package vmhost

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/params"
)

// The access list (EIP-2929) records the addresses and slots an execution
// has touched, which then cost the warm rather than the cold price. A
// warmed entry is journalled, so a reverted frame's accesses turn cold
// again, as in geth.

func (s *overlay) AddressInAccessList(addr common.Address) bool {
	_, ok := s.access[addr]
	return ok
}

func (s *overlay) SlotInAccessList(addr common.Address, slot common.Hash) (addressOk bool, slotOk bool) {
	slots, ok := s.access[addr]
	if !ok {
		return false, false
	}
	_, slotOk = slots[slot]
	return true, slotOk
}

func (s *overlay) AddAddressToAccessList(addr common.Address) {
	if _, ok := s.access[addr]; ok {
		return
	}
	s.access[addr] = make(map[common.Hash]struct{})
	s.journal = append(s.journal, entry{kind: entryAccessAddr, addr: addr})
}

func (s *overlay) AddSlotToAccessList(addr common.Address, slot common.Hash) {
	s.AddAddressToAccessList(addr)
	slots := s.access[addr]
	if _, ok := slots[slot]; ok {
		return
	}
	slots[slot] = struct{}{}
	s.journal = append(s.journal, entry{kind: entryAccessSlot, addr: addr, key: slot})
}

// Prepare starts an execution's access list as geth's does for a
// transaction: the sender, the destination, the precompiles and (from
// Shanghai, EIP-3651) the coinbase are warm. Transient storage starts
// empty. ChainSQL transactions carry no access list of their own.
func (s *overlay) Prepare(rules params.Rules, sender, coinbase common.Address, dest *common.Address, precompiles []common.Address, list types.AccessList) {
	clear(s.access)
	clear(s.transient)
	if !rules.IsEIP2929 {
		return
	}
	s.AddAddressToAccessList(sender)
	if dest != nil {
		s.AddAddressToAccessList(*dest)
	}
	for _, addr := range precompiles {
		s.AddAddressToAccessList(addr)
	}
	for _, el := range list {
		s.AddAddressToAccessList(el.Address)
		for _, key := range el.StorageKeys {
			s.AddSlotToAccessList(el.Address, key)
		}
	}
	if rules.IsShanghai {
		s.AddAddressToAccessList(coinbase)
	}
}
