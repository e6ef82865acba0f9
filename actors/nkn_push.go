package actors

import (
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/ledger"
)

// nknJoin tells the hub that a session spoke the NKN dialect: from now
// on it receives updateSigChainBlockHash pushes, until it closes.
type nknJoin struct{ conn Conn }

// nknPushAction is the Action of the push sent for every closed ledger.
const nknPushAction = "updateSigChainBlockHash"

// pushSigChainBlockHash sends updateSigChainBlockHash for a closed
// ledger to every NKN session. Its Result is what NKN sent: the hash of
// the block before the new one (height-1, the new block's
// prevBlockHash), the block every node already agrees on, written as
// getblock writes hashes.
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
	frame := gateway.NKNReply(nknPushAction, nil, gateway.NKNSuccess, hexLower(c.Header.ParentHash))
	for _, conn := range h.nknSubs {
		conn.Notify(frame)
	}
}
