package actors

import (
	"github.com/asynkron/protoactor-go/actor"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// tableActor admits the transactions of one table (a TableListSet or a
// SQLStatement naming it). It owns the table's committed view — schema,
// grants, strict-mode hash — and checks at admission what can be known
// before the ledger closes, in parallel with other tables: the table
// exists (or, for a create, does not), the NameInDB matches, the sender
// may do the operation, the Raw names only the table's columns, and a
// TxCheckHash extends the chain. A transaction that passes goes on to
// its sender's account actor; the answer comes back through here so
// that the table knows what is pending.
type tableActor struct {
	key      hash.Hash256
	view     *View
	accounts *actor.PID

	committed *ledger.Table
	// pending are this table's transactions queued for the open ledger.
	pending map[hash.Hash256]*tx.Tx
	// creating is set while a create of the table is pending.
	creating bool
	waiting  map[uint64]*submitTx
	nextTok  uint64
}

func (a *tableActor) Receive(ctx actor.Context) {
	switch m := ctx.Message().(type) {
	case *actor.Started:
		a.committed, _ = a.view.Snapshot().TableByKey(a.key)
		a.pending = make(map[hash.Hash256]*tx.Tx)
		a.waiting = make(map[uint64]*submitTx)
	case *submitTx:
		if code, detail := a.check(m.tx); code != ter.TesSUCCESS {
			ctx.Send(m.replyTo, &submitResult{token: m.token, tx: m.tx, code: code, detail: detail})
			return
		}
		a.nextTok++
		a.waiting[a.nextTok] = m
		ctx.Send(a.accounts, &submitTx{tx: m.tx, replyTo: ctx.Self(), token: a.nextTok})
	case *submitResult:
		orig, ok := a.waiting[m.token]
		if !ok {
			return
		}
		delete(a.waiting, m.token)
		if m.queued {
			a.pending[m.tx.Hash] = m.tx
			if isCreate(m.tx) {
				a.creating = true
			}
		}
		r := *m
		r.token = orig.token
		ctx.Send(orig.replyTo, &r)
	case *tableUpdate:
		a.committed = m.table
		for _, h := range m.resolved {
			if t, ok := a.pending[h]; ok {
				if isCreate(t) {
					a.creating = false
				}
				delete(a.pending, h)
			}
		}
	}
}

func isCreate(t *tx.Tx) bool {
	return t.Type == tx.TableListSet && tableop.Of(t).Ops[0].Type == tx.OpCreate
}

// check is the table's admission check.
func (a *tableActor) check(t *tx.Tx) (ter.Code, string) {
	if code, detail := ledger.Preflight(t); code != ter.TesSUCCESS {
		return code, detail
	}
	op := &tableop.Of(t).Ops[0]
	tbl := a.committed
	if t.Type == tx.TableListSet && op.Type == tx.OpCreate {
		if tbl != nil || a.creating {
			return ter.TefTABLE_EXISTANDNOTDEL, ""
		}
		return ter.TesSUCCESS, ""
	}
	if tbl == nil {
		if a.creating {
			// The table is being created in the open ledger: the ledger
			// will decide.
			return ter.TesSUCCESS, ""
		}
		if t.Type == tx.SQLStatement {
			return ter.TecNO_TARGET, ""
		}
		return ter.TefTABLE_NOTEXIST, ""
	}
	if n, ok := op.ComparedNameInDB(); ok && n != tbl.NameInDB {
		return ter.TefBAD_DBNAME, ""
	}
	if t.Type == tx.TableListSet {
		if t.Account != tbl.Owner {
			return ter.TefBAD_AUTH_NO, ""
		}
		return ter.TesSUCCESS, ""
	}
	if tbl.Permissions(t.Account)&tableop.RequiredPerm(op.Type) == 0 {
		return ter.TefBAD_AUTH_NO, ""
	}
	if tbl.Confidential() {
		// The Raw is ciphertext: only the SQL store of a node with the
		// owner's secret reads it.
		return ter.TesSUCCESS, ""
	}
	if err := ledger.CheckFits(tbl, op); err != nil {
		return ter.TemBAD_RAW, err.Error()
	}
	if op.HasCheckHash && len(a.pending) == 0 && op.CheckHash != hash.SHA512Half(op.Raw.Bytes(), tbl.CheckHash[:]) {
		return ter.TemBAD_BASETX, ""
	}
	return ter.TesSUCCESS, ""
}
