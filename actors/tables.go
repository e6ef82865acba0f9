package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
)

// tableUpdate tells a table actor what a closed ledger did: the table's
// committed entry (nil: it does not exist) and the hashes of the
// transactions naming it that the ledger resolved.
type tableUpdate struct {
	table    *ledger.Table
	resolved []hash.Hash256
}

// tablesActor is the parent of the table actors: it spawns one per
// table on its first transaction, routes TableListSet and SQLStatement
// submissions to it, and splits each published ledger into per-table
// updates.
type tablesActor struct {
	view     *View
	accounts *actor.PID
	dispatch actor.Dispatcher // the table actors'
	children map[hash.Hash256]*actor.PID
}

func (a *tablesActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		a.children = make(map[hash.Hash256]*actor.PID)
	case *submitTx:
		op := &tableop.Of(m.tx).Ops[0]
		if op.Code != ter.TesSUCCESS {
			// Malformed: the account actor's preflight answers it.
			ctx.Send(a.accounts, m)
			return
		}
		ctx.Send(a.child(ctx, ledger.TableKey(op.Owner, op.Name)), m)
	case *published:
		a.publish(ctx, m.closed)
	}
}

func (a *tablesActor) child(ctx actor.Context, key hash.Hash256) *actor.PID {
	if pid, ok := a.children[key]; ok {
		return pid
	}
	pid := ctx.Spawn(props(a.dispatch, func() actor.Actor {
		return &tableActor{key: key, view: a.view, accounts: a.accounts}
	}))
	a.children[key] = pid
	return pid
}

func (a *tablesActor) publish(ctx actor.Context, c *ledger.Closed) {
	updates := make(map[hash.Hash256]*tableUpdate)
	var order []hash.Hash256
	get := func(key hash.Hash256) *tableUpdate {
		u, ok := updates[key]
		if !ok {
			tbl, _ := a.view.Snapshot().TableByKey(key)
			u = &tableUpdate{table: tbl}
			updates[key] = u
			order = append(order, key)
		}
		return u
	}
	for _, u := range c.ChangedTables {
		if _, ok := a.children[u.Key]; ok {
			get(u.Key)
		}
	}
	resolve := func(refs []ledger.TableRef, h hash.Hash256) {
		for _, r := range refs {
			if _, ok := a.children[r.Key()]; ok {
				u := get(r.Key())
				u.resolved = append(u.resolved, h)
			}
		}
	}
	for _, ap := range c.Txs {
		resolve(ap.Tables, ap.Tx.Hash)
	}
	for _, r := range c.Rejected {
		resolve(r.Tables, r.Tx.Hash)
	}
	for _, key := range order {
		ctx.Send(a.children[key], updates[key])
	}
}
