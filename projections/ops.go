package projections

import (
	"errors"

	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// op is one table operation, parsed by protocol/tableop, with the SQL
// table it acts on.
type op struct {
	*tableop.Op
	table string // t_<NameInDB>
}

// opsOf returns the table operations of a transaction: its parse, kept
// on the transaction (tableop.Of), so that a transaction the node has
// already parsed is not parsed again.
func opsOf(t *tx.Tx) ([]op, error) {
	p := tableop.Of(t)
	if p.StatementsErr != nil {
		return nil, stmtErrorf("%s", p.StatementsErr)
	}
	inTx := t.Type == tx.SQLTransaction
	ops := make([]op, len(p.Ops))
	for i := range p.Ops {
		o := &p.Ops[i]
		switch {
		case inTx && o.Code == ter.TemBAD_OPTYPE:
			return nil, stmtErrorf("statement %d: no OpType", i)
		case inTx && !o.HasNameInDB:
			return nil, stmtErrorf("statement %d: NameInDB must be 40 hex digits", i)
		case !o.HasNameInDB:
			return nil, stmtErrorf("the transaction's table has no NameInDB")
		}
		ops[i] = op{o, TableName(o.NameInDB)}
	}
	return ops, nil
}

// run applies one table operation.
func (a *applier) run(o op) error {
	switch o.Type {
	case tx.OpCreate:
		return a.create(o, false)
	case tx.OpRecreate:
		return a.create(o, true)
	case tx.OpDrop:
		return a.drop(o)
	case tx.OpRename, tx.OpAssign, tx.OpCancelAssign, tx.OpGrant, tx.OpReport:
		// Ledger-side only: the SQL table keeps its name (NameInDB does
		// not change on rename) and grants are not SQL privileges.
		return nil
	case tx.OpAddFields:
		return a.addFields(o)
	case tx.OpDeleteFields:
		return a.deleteFields(o)
	case tx.OpModifyFields:
		return a.modifyFields(o)
	case tx.OpCreateIndex:
		return a.createIndex(o)
	case tx.OpDeleteIndex:
		return a.deleteIndex(o)
	case tx.OpInsert:
		return a.insert(o)
	case tx.OpUpdate:
		return a.update(o)
	case tx.OpDelete:
		return a.delete(o)
	case tx.OpAssert:
		return a.assert(o)
	}
	return stmtErrorf("OpType %d is not a table operation", o.Type)
}

// rawArray returns an operation's Raw, which must be a JSON array.
func rawArray(r *tableop.Raw) (tableop.Value, error) {
	if len(r.Bytes()) == 0 {
		return tableop.Value{}, stmtErrorf("Raw data is empty")
	}
	v, err := r.JSON()
	if err != nil {
		return tableop.Value{}, stmtErrorf("parse Raw unsuccessfully: %v", err)
	}
	if v.Kind() != tableop.Array {
		return tableop.Value{}, stmtErrorf("Raw must be a JSON array, not %s", v.Kind())
	}
	return v, nil
}

// checked returns the Raw of a schema or index operation, a JSON array
// the operation's grammar accepts: what the ledger applied. A Raw the
// grammar refuses (no ledger records one as tesSUCCESS) is refused in
// its words, an illegal name as this store words one.
func checked(r *tableop.Raw) (tableop.Value, error) {
	v, err := rawArray(r)
	if err != nil {
		return tableop.Value{}, err
	}
	if err := r.Err(); err != nil {
		if e, ok := errors.AsType[*tableop.Error](err); ok && e.Name != "" {
			return tableop.Value{}, checkIdent(e.What, e.Name)
		}
		return tableop.Value{}, stmtErrorf("%s", err)
	}
	return v, nil
}
