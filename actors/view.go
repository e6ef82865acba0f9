package actors

import (
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
}

func newView(st *ledger.State, accounts map[address.AccountID]ledger.AccountRoot, first uint32) *View {
	return &View{params: st.Params(), header: st.Header(), hash: st.Hash(), first: first, accounts: accounts}
}

// apply records a closed ledger.
func (v *View) apply(c *ledger.Closed) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.header, v.hash = c.Header, c.Hash
	for _, a := range c.Changed {
		v.accounts[a.Account] = a
	}
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
