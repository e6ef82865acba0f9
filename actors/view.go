package actors

import (
	"sync/atomic"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/rpc"
)

// View publishes the committed state that readers see: the immutable
// ledger.Snapshot of the last durable ledger. The sequencer replaces it
// after each append and before it publishes the ledger, so a reader
// never sees a ledger that is not in the log. Readers take no lock: a
// reader that needs several facts of one ledger takes one Snapshot and
// asks it.
type View struct {
	snap  atomic.Pointer[ledger.Snapshot]
	first uint32
}

func newView(st *ledger.State, first uint32) *View {
	v := &View{first: first}
	v.snap.Store(st.Snapshot())
	return v
}

// apply publishes the snapshot after a closed ledger. Only the
// sequencer calls it.
func (v *View) apply(c *ledger.Closed) { v.snap.Store(v.snap.Load().Apply(c)) }

// Snapshot returns the committed state of the last closed ledger.
func (v *View) Snapshot() *ledger.Snapshot { return v.snap.Load() }

// Current is the committed state of the last closed ledger as the
// commands read it (rpc.States): one snapshot for the whole request.
func (v *View) Current() rpc.State { return committed{v.Snapshot(), v.first} }

// committed is a snapshot with the range of ledgers the node holds.
type committed struct {
	*ledger.Snapshot
	first uint32
}

func (c committed) Closed() (ledger.Header, hash.Hash256) { return c.Header(), c.Hash() }

func (c committed) Complete() (first, last uint32) { return c.first, c.Header().Seq }
