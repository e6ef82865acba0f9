package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// maxHeldAhead is how far past its next sequence an account may submit:
// such a transaction is held (answered terPRE_SEQ, as rippled does) and
// queued as soon as the gap before it is filled.
const maxHeldAhead = 10

// accountActor admits the transactions of one sending account. It knows
// the account's committed root and the transactions it has queued for
// the open ledger but not yet seen resolved, so it checks sequence, fee,
// balance and reserve against committed state minus what is pending, and
// lets one account submit many transactions in a row without waiting for
// each to validate.
type accountActor struct {
	id      address.AccountID
	view    *View
	log     *eventlog.Log
	orderer consensus.Orderer
	budget  *pendingBudget

	committed *ledger.AccountRoot
	pending   []*tx.Tx                     // queued in the open ledger, in sequence order
	pendBytes int64                        // blob bytes of pending, reserved in budget
	spent     uint64                       // drops the pending transactions may take
	credits   map[address.AccountID]uint64 // drops the pending payments send, by destination
	held      map[uint32]*submitTx         // future sequences waiting for their turn
}

func (a *accountActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		if root, ok := a.view.Snapshot().Account(a.id); ok {
			a.committed = &root
		}
		a.held = make(map[uint32]*submitTx)
		a.credits = make(map[address.AccountID]uint64)
	case *submitTx:
		a.submit(ctx, m)
	case *checkTx:
		m.reply <- a.check(m.tx)
	case *forgetTx:
		a.forget(m.tx)
	case *nextSeqQuery:
		ctx.Send(m.replyTo, &nextSeqAnswer{token: m.token, root: a.pendingView()})
	case *accountUpdate:
		a.update(ctx, m)
	}
}

// nextSeq is the sequence the account's next transaction must carry.
func (a *accountActor) nextSeq() (uint32, bool) {
	if a.committed == nil {
		return 0, false
	}
	return a.committed.Sequence + uint32(len(a.pending)), true
}

// pendingView is the committed root less what the queue will spend.
func (a *accountActor) pendingView() *ledger.AccountRoot {
	if a.committed == nil {
		return nil
	}
	v := *a.committed
	v.Sequence += uint32(len(a.pending))
	if a.spent >= v.Balance {
		v.Balance = 0
	} else {
		v.Balance -= a.spent
	}
	return &v
}

func (a *accountActor) submit(ctx actor.Context, m *submitTx) {
	t := m.tx
	for _, p := range a.pending {
		if p.Hash == t.Hash {
			a.reply(ctx, m, ter.TefALREADY, "", false)
			return
		}
	}
	next, exists := a.nextSeq()
	if exists && t.Sequence > next && t.Sequence <= next+maxHeldAhead {
		if h, ok := a.held[t.Sequence]; ok && h.tx.Hash == t.Hash {
			a.reply(ctx, m, ter.TefALREADY, "", false)
			return
		}
		if code, detail := ledger.Preflight(t); code != ter.TesSUCCESS {
			a.reply(ctx, m, code, detail, false)
			return
		}
		a.held[t.Sequence] = m
		a.reply(ctx, m, ter.TerPRE_SEQ, "", false)
		return
	}
	if exists && t.Sequence < a.committed.Sequence {
		if _, err := a.log.Tx(t.Hash); err == nil {
			a.reply(ctx, m, ter.TefALREADY, "", false)
			return
		}
	}
	code, detail, claimed := a.admit(t, true)
	a.reply(ctx, m, code, detail, claimed)
	a.release()
}

// check is the admission of a transaction an engine checks (CometBFT's
// CheckTx). One this actor has queued (submitted on this node, which
// handed it to the engine, or checked before: a recheck) is admitted as
// it is, never counted twice; update already dropped what the last
// ledger resolved or left behind a gap. Any other (gossiped, or dropped
// by update) is previewed against the pending view and queued like a
// submit, but not handed to the orderer: it is in the engine's mempool.
// A sequence ahead is refused (terPRE_SEQ), not held: the mempool gossip
// keeps the order in which one node admitted an account's transactions.
func (a *accountActor) check(t *tx.Tx) ter.Code {
	for _, p := range a.pending {
		if p.Hash == t.Hash {
			return ter.TesSUCCESS
		}
	}
	code, _, claimed := a.admit(t, false)
	if !claimed {
		return code
	}
	a.release()
	return ter.TesSUCCESS
}

// admit previews t against the pending view of one committed snapshot
// and queues it when the ledger would record it and the node's pending
// budget has room (else telCAN_NOT_QUEUE_FULL, not claimed), handing it
// to the orderer if submit is set; detail is the preview's, claimed
// whether it was queued. A claimed failure (tec, or a contract's tef
// such as a revert) is queued: the ledger records it and charges its fee.
func (a *accountActor) admit(t *tx.Tx, submit bool) (code ter.Code, detail string, claimed bool) {
	snap := a.view.Snapshot()
	code, detail, claimed = ledger.Preview(a.pendingView(), pendingLookup{snap, a}, t, snap.Header().Seq+1, snap.Params())
	if !claimed {
		return code, detail, false
	}
	if !a.budget.reserve(len(t.Blob)) {
		return ter.TelCAN_NOT_QUEUE_FULL, a.budget.fullDetail(), false
	}
	a.queue(t)
	if submit {
		a.orderer.Submit(t)
	}
	return code, detail, true
}

// queue adds an admitted transaction to the pending ones.
func (a *accountActor) queue(t *tx.Tx) {
	a.pending = append(a.pending, t)
	a.pendBytes += int64(len(t.Blob))
	a.spent += t.Fee + spendOf(t)
	if p, ok := t.Payment(); ok && p.Native && p.Drops > 0 {
		a.credits[p.Destination] += uint64(p.Drops)
	}
}

// pendingLookup is a committed snapshot as the preview of this
// account's next transaction sees it: destinations credited by its own
// pending payments, created by them if need be. Other accounts' pending
// transactions are not seen, so a preview can differ from the ledger's
// final result, as rippled's open-ledger results can.
type pendingLookup struct {
	*ledger.Snapshot
	a *accountActor
}

func (l pendingLookup) Account(id address.AccountID) (ledger.AccountRoot, bool) {
	root, ok := l.Snapshot.Account(id)
	credit := l.a.credits[id]
	switch {
	case ok:
		root.Balance += credit
	case credit >= l.Params().ReserveBase:
		root, ok = ledger.AccountRoot{Account: id, Balance: credit, Sequence: 1}, true
	}
	return root, ok
}

// release queues held transactions whose turn has come (submitted on
// this node: handed to the orderer). One the pending budget has no room
// for stays held until a ledger frees some.
func (a *accountActor) release() {
	for {
		next, ok := a.nextSeq()
		if !ok {
			return
		}
		m, ok := a.held[next]
		if !ok {
			return
		}
		delete(a.held, next)
		code, _, claimed := a.admit(m.tx, true)
		if code == ter.TelCAN_NOT_QUEUE_FULL {
			a.held[next] = m
			return
		}
		if !claimed {
			return
		}
	}
}

func (a *accountActor) reply(ctx actor.Context, m *submitTx, code ter.Code, detail string, queued bool) {
	ctx.Send(m.replyTo, &submitResult{token: m.token, tx: m.tx, code: code, queued: queued, detail: detail})
}

// forget drops a queued transaction the engine refused, and those
// queued after it, which can no longer apply; the account's next
// sequence is the refused one's again.
func (a *accountActor) forget(t *tx.Tx) {
	for i, p := range a.pending {
		if p.Hash != t.Hash {
			continue
		}
		kept := a.pending[:i]
		a.requeue(kept)
		return
	}
}

// update applies a closed ledger: the new committed root, and the queue
// less what the ledger resolved. A queued transaction left behind a gap
// (an earlier one was rejected) can no longer apply and is dropped.
func (a *accountActor) update(ctx actor.Context, m *accountUpdate) {
	if m.root != nil {
		a.committed = m.root
	}
	done := make(map[hash.Hash256]bool, len(m.resolved))
	for _, h := range m.resolved {
		done[h] = true
	}
	var kept []*tx.Tx
	for _, t := range a.pending {
		if done[t.Hash] {
			continue
		}
		if a.committed == nil || t.Sequence != a.committed.Sequence+uint32(len(kept)) {
			continue
		}
		kept = append(kept, t)
	}
	a.requeue(kept)
	for seq := range a.held {
		if a.committed != nil && seq < a.committed.Sequence {
			delete(a.held, seq)
		}
	}
	a.release()
}

// requeue makes kept, a part of the pending transactions, the whole
// queue, and gives the pending budget back the room of the others.
func (a *accountActor) requeue(kept []*tx.Tx) {
	txs, bytes := len(a.pending), a.pendBytes
	a.pending, a.pendBytes, a.spent = nil, 0, 0
	clear(a.credits)
	for _, k := range kept {
		a.queue(k)
	}
	a.budget.release(txs-len(a.pending), bytes-a.pendBytes)
}

// spendOf is what t may take from its sender besides the fee.
func spendOf(t *tx.Tx) uint64 {
	if p, ok := t.Payment(); ok && p.Native && p.Drops > 0 {
		return uint64(p.Drops)
	}
	if t.Type == tx.EscrowCreate {
		if a, ok := t.Fields.Amount("Amount"); ok && a.IsNative() && a.Drops() > 0 {
			return uint64(a.Drops())
		}
	}
	return 0
}
