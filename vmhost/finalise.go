package vmhost

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/ethereum/go-ethereum/common"
)

// changes turns what the execution left in the overlay into Changes, as
// geth's Finalise decides it: an account self-destructed, or touched and
// left empty (EIP-161), is removed; everything else that differs from
// State is reported. Sorting makes the order independent of map order.
func (s *overlay) changes() (Changes, error) {
	touched := make(map[common.Address]bool)
	for i := range s.journal {
		if s.journal[i].touches() {
			touched[s.journal[i].addr] = true
		}
	}
	addrs := make([]common.Address, 0, len(s.accounts))
	for addr, a := range s.accounts {
		if a.exists || a.origExists {
			addrs = append(addrs, addr)
		}
	}
	slices.SortFunc(addrs, func(x, y common.Address) int { return bytes.Compare(x[:], y[:]) })

	var out Changes
	for _, addr := range addrs {
		a := s.accounts[addr]
		gone := !a.exists || a.selfDestructed || (touched[addr] && s.empty(addr, a))
		if gone {
			if a.origExists {
				out.Accounts = append(out.Accounts, AccountChange{Address: addr, Deleted: true})
			}
			continue
		}
		if !a.balance.IsUint64() {
			return Changes{}, fmt.Errorf("%w: balance of %x exceeds 64 bits", ErrHostFault, addr)
		}
		bal := a.balance.Uint64()
		if !a.origExists || a.codeSet || bal != a.origBalance || a.nonce != a.origNonce {
			c := AccountChange{Address: addr, Created: !a.origExists, Balance: bal, Nonce: a.nonce}
			if a.codeSet {
				c.Code = a.code
			}
			out.Accounts = append(out.Accounts, c)
		}
		out.Storage = s.appendStorage(out.Storage, addr, a)
	}
	return out, nil
}

// appendStorage appends an account's slots whose final value differs from
// State, by key.
func (s *overlay) appendStorage(out []StorageChange, addr common.Address, a *account) []StorageChange {
	keys := make([]common.Hash, 0, len(a.storage))
	for key, v := range a.storage {
		if v != s.committed(addr, a, key) {
			keys = append(keys, key)
		}
	}
	slices.SortFunc(keys, func(x, y common.Hash) int { return bytes.Compare(x[:], y[:]) })
	for _, key := range keys {
		out = append(out, StorageChange{Address: addr, Key: key, Value: a.storage[key]})
	}
	return out
}

// results converts the logs left after the execution.
func (s *overlay) results() []Log {
	if len(s.logs) == 0 {
		return nil
	}
	out := make([]Log, len(s.logs))
	for i, l := range s.logs {
		topics := make([][32]byte, len(l.Topics))
		for j, t := range l.Topics {
			topics[j] = t
		}
		out[i] = Log{Address: l.Address, Topics: topics, Data: l.Data}
	}
	return out
}
