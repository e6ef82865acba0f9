package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/consensus"
	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// accountsActor is the parent of the account actors: it spawns one per
// sending account on its first transaction, routes submissions to it,
// and splits each published ledger into per-account updates.
type accountsActor struct {
	view     *View
	log      *eventlog.Log
	orderer  consensus.Orderer
	budget   *pendingBudget
	dispatch actor.Dispatcher // the account actors'
	children map[address.AccountID]*actor.PID
}

func (a *accountsActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		a.children = make(map[address.AccountID]*actor.PID)
	case *submitTx:
		ctx.Send(a.child(ctx, m.tx.Account), m)
	case *checkTx:
		ctx.Send(a.child(ctx, m.tx.Account), m)
	case *forgetTx:
		ctx.Send(a.child(ctx, m.tx.Account), m)
	case *nextSeqQuery:
		ctx.Send(a.child(ctx, m.account), m)
	case *published:
		a.publish(ctx, m)
	}
}

func (a *accountsActor) child(ctx actor.Context, id address.AccountID) *actor.PID {
	if pid, ok := a.children[id]; ok {
		return pid
	}
	p := props(a.dispatch, func() actor.Actor {
		return &accountActor{id: id, view: a.view, log: a.log, orderer: a.orderer, budget: a.budget}
	})
	pid := ctx.Spawn(p)
	a.children[id] = pid
	return pid
}

// publish sends each account actor the part of a closed ledger that
// concerns it, in ledger order.
func (a *accountsActor) publish(ctx actor.Context, m *published) {
	updates := make(map[address.AccountID]*accountUpdate)
	var order []address.AccountID
	get := func(id address.AccountID) *accountUpdate {
		u, ok := updates[id]
		if !ok {
			u = &accountUpdate{}
			updates[id] = u
			order = append(order, id)
		}
		return u
	}
	c := m.closed
	for i := range c.Changed {
		if _, ok := a.children[c.Changed[i].Account]; ok {
			root := c.Changed[i]
			get(root.Account).root = &root
		}
	}
	resolve := func(id address.AccountID, h hash.Hash256) {
		if _, ok := a.children[id]; ok {
			u := get(id)
			u.resolved = append(u.resolved, h)
		}
	}
	for _, ap := range c.Txs {
		resolve(ap.Tx.Account, ap.Tx.Hash)
	}
	for _, r := range c.Rejected {
		resolve(r.Tx.Account, r.Tx.Hash)
	}
	for _, id := range order {
		ctx.Send(a.children[id], updates[id])
	}
}
