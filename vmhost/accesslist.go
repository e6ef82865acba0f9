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
	_, ok := s.warmAddrs[addr]
	return ok
}

func (s *overlay) SlotInAccessList(addr common.Address, slot common.Hash) (addressOk bool, slotOk bool) {
	_, addressOk = s.warmAddrs[addr]
	_, slotOk = s.warmSlots[slotKey{addr, slot}]
	return addressOk, slotOk
}

func (s *overlay) AddAddressToAccessList(addr common.Address) {
	if _, ok := s.warmAddrs[addr]; ok {
		return
	}
	s.warmAddrs[addr] = struct{}{}
	s.journal = append(s.journal, entry{kind: entryAccessAddr, addr: addr})
}

func (s *overlay) AddSlotToAccessList(addr common.Address, slot common.Hash) {
	s.AddAddressToAccessList(addr)
	k := slotKey{addr, slot}
	if _, ok := s.warmSlots[k]; ok {
		return
	}
	s.warmSlots[k] = struct{}{}
	s.journal = append(s.journal, entry{kind: entryAccessSlot, addr: addr, key: slot})
}

// Prepare starts an execution's access list as geth's does for a
// transaction: the sender, the destination, the precompiles and (from
// Shanghai, EIP-3651) the coinbase are warm. Like geth's, it is not
// journalled: no snapshot reaches back before it. Transient storage
// starts empty. ChainSQL transactions carry no access list of their own.
func (s *overlay) Prepare(rules params.Rules, sender, coinbase common.Address, dest *common.Address, precompiles []common.Address, list types.AccessList) {
	clear(s.warmAddrs)
	clear(s.warmSlots)
	clear(s.transient)
	if !rules.IsEIP2929 {
		return
	}
	s.warmAddrs[sender] = struct{}{}
	if dest != nil {
		s.warmAddrs[*dest] = struct{}{}
	}
	for _, addr := range precompiles {
		s.warmAddrs[addr] = struct{}{}
	}
	for _, el := range list {
		s.warmAddrs[el.Address] = struct{}{}
		for _, key := range el.StorageKeys {
			s.warmSlots[slotKey{el.Address, key}] = struct{}{}
		}
	}
	if rules.IsShanghai {
		s.warmAddrs[coinbase] = struct{}{}
	}
}
