package actors

import (
	"sort"
	"sync"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// View is the committed state that readers see: the last closed
// ledger's header and every account root. The ledger actor updates it
// after each durable append and before it publishes the ledger, so a
// reader never sees a ledger that is not in the log. Readers (session
// actors answering account_info, account actors starting up) take a read
// lock for a map lookup.
type View struct {
	mu       sync.RWMutex
	params   ledger.Params
	header   ledger.Header
	hash     hash.Hash256
	first    uint32
	accounts map[address.AccountID]ledger.AccountRoot
	tables   map[hash.Hash256]*ledger.Table
	slots    map[ledger.Slot][32]byte
}

func newView(st *ledger.State, first uint32) *View {
	v := &View{params: st.Params(), header: st.Header(), hash: st.Hash(), first: first,
		accounts: make(map[address.AccountID]ledger.AccountRoot, st.Accounts()),
		tables:   make(map[hash.Hash256]*ledger.Table),
		slots:    make(map[ledger.Slot][32]byte)}
	for _, sl := range st.SlotList() {
		v.slots[sl.Slot] = sl.Value
	}
	for _, a := range st.AccountList() {
		v.accounts[a.Account] = a
	}
	for _, t := range st.TableList() {
		v.tables[t.Key()] = t
	}
	return v
}

// apply records a closed ledger.
func (v *View) apply(c *ledger.Closed) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.header, v.hash = c.Header, c.Hash
	for _, a := range c.Changed {
		v.accounts[a.Account] = a
	}
	for _, u := range c.ChangedSlots {
		if u.Value == ([32]byte{}) {
			delete(v.slots, u.Slot)
		} else {
			v.slots[u.Slot] = u.Value
		}
	}
	for _, u := range c.ChangedTables {
		if u.Table == nil {
			delete(v.tables, u.Key)
		} else {
			v.tables[u.Key] = u.Table
		}
	}
}

// TableByKey returns a committed table entry, which the caller must not
// modify (ledger.Lookup).
func (v *View) TableByKey(key hash.Hash256) (*ledger.Table, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	t, ok := v.tables[key]
	return t, ok
}

// Slot returns a committed contract storage slot (ledger.Lookup).
func (v *View) Slot(s ledger.Slot) [32]byte {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.slots[s]
}

// Table returns a committed table by owner and plain name.
func (v *View) Table(owner address.AccountID, name []byte) (*ledger.Table, bool) {
	return v.TableByKey(ledger.TableKey(owner, name))
}

// TableByNameInDB finds a committed table by its NameInDB.
func (v *View) TableByNameInDB(n [20]byte) (*ledger.Table, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	for _, t := range v.tables {
		if t.NameInDB == n {
			return t, true
		}
	}
	return nil, false
}

// Tables returns the committed tables of an owner, ordered by name.
func (v *View) Tables(owner address.AccountID) []*ledger.Table {
	v.mu.RLock()
	var out []*ledger.Table
	for _, t := range v.tables {
		if t.Owner == owner {
			out = append(out, t)
		}
	}
	v.mu.RUnlock()
	sort.Slice(out, func(i, j int) bool { return string(out[i].Name) < string(out[j].Name) })
	return out
}

// Account returns the committed account root of id.
func (v *View) Account(id address.AccountID) (ledger.AccountRoot, bool) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	a, ok := v.accounts[id]
	return a, ok
}

// Closed returns the last closed ledger's header and hash.
func (v *View) Closed() (ledger.Header, hash.Hash256) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.header, v.hash
}

// Params returns the chain's fee schedule.
func (v *View) Params() ledger.Params { return v.params }

// Complete returns the range of ledgers the node holds.
func (v *View) Complete() (first, last uint32) {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.first, v.header.Seq
}
