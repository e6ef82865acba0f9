package actors

import (
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/rpc"
)

// nknJoin tells the hub that a session spoke the NKN dialect: from now
// on it receives updateSigChainBlockHash pushes, until it closes.
type nknJoin struct{ conn Conn }

// pushSigChainBlockHash sends updateSigChainBlockHash for a closed
// ledger (rpc.NKNPushFrame) to every NKN session.
//
// What NKN got wrong is how it delivered the push, not what it pushed:
// it spawned a goroutine per block (so pushes could overtake each other),
// wrote to one session after another while holding the session list
// (so one stalled client delayed everyone), and pushed for blocks it
// was only catching up on (nknorg/nkn#448). Here the hub sends in ledger
// order, for ledgers the sequencer closes (never for those replayed at
// start), builds the frame once, and queues it with Conn.Notify, which
// never blocks: a stalled session loses its own oldest notifications and
// delays nobody.
func (h *hubActor) pushSigChainBlockHash(c *ledger.Closed) {
	if len(h.nknSubs) == 0 {
		return
	}
	frame := rpc.NKNPushFrame(c.Header.ParentHash)
	for _, conn := range h.nknSubs {
		conn.Notify(frame)
	}
}
