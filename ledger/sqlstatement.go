package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// preflightSQLStatement checks a SQLStatement alone (chainsqld's
// SqlStatement::preflight): an Owner, exactly one table, a non-empty Raw
// of the operation's shape, an OpType of 6, 8, 9 or 10.
func preflightSQLStatement(t *tx.Tx, p *parsed) ter.Code {
	if !t.Fields.Has("Owner") {
		return ter.TemBAD_OWNER
	}
	op := &tableop.Of(t).Ops[0]
	if op.Code != ter.TesSUCCESS {
		return op.Code
	}
	return p.explain(op, preflightStatement(op))
}

// preflightStatement checks a SQLStatement operation alone.
func preflightStatement(op *tableop.Op) ter.Code {
	switch {
	case !op.Type.IsSQLStatement():
		return ter.TemBAD_OPTYPE
	case len(op.Raw.Bytes()) == 0:
		return ter.TemBAD_RAW
	}
	// Whether the Raw must parse depends on the table (a confidential
	// table's is ciphertext): preclaimSQLStatement checks it.
	return ter.TesSUCCESS
}

func applySQLStatement(v *sandbox, t *tx.Tx, e *env) ter.Code {
	return applyStatement(v, &tableop.Of(t).Ops[0], t.Account, t.Hash, e)
}

// applyStatement applies a SQLStatement operation by account: the
// table must exist under its owner with the NameInDB given, the account
// must hold the permission, and a TxCheckHash, when given, must extend
// the table's strict-mode chain. The chain advances on every insert,
// update and delete.
func applyStatement(v *sandbox, op *tableop.Op, account address.AccountID, txID hash.Hash256, e *env) ter.Code {
	if !v.exists(op.Owner) {
		return ter.TecNO_DST
	}
	tbl := v.table(TableKey(op.Owner, op.Name))
	if tbl == nil {
		return ter.TecNO_TARGET
	}
	if n, ok := op.ComparedNameInDB(); ok && n != tbl.NameInDB {
		return ter.TefBAD_DBNAME
	}
	next := hash.SHA512Half(op.Raw.Bytes(), tbl.CheckHash[:])
	if op.HasCheckHash && op.CheckHash != next {
		return ter.TemBAD_BASETX
	}
	if tbl.Permissions(account)&tableop.RequiredPerm(op.Type) == 0 {
		return ter.TefBAD_AUTH_NO
	}
	if code := applyRule(tbl, op, account, txID); code != ter.TesSUCCESS {
		return code
	}
	if op.Type != tx.OpAssert {
		tbl.CheckHash = next
	}
	tbl.LastSeq, tbl.LastTx = e.seq, txID
	return ter.TesSUCCESS
}

// preflightSQLTransaction checks a SQLTransaction alone: every statement
// must be a well-formed insert, update, delete, assert or grant (create,
// drop, rename and the other table-list operations are not allowed in a
// transaction: temBAD_OPTYPE_IN_TRANSACTION).
func preflightSQLTransaction(t *tx.Tx, pd *parsed) ter.Code {
	p := tableop.Of(t)
	if p.StatementsErr != nil {
		return ter.TemBAD_STATEMENTS
	}
	for i := range p.Ops {
		op := &p.Ops[i]
		if op.Code != ter.TesSUCCESS {
			return op.Code
		}
		var code ter.Code
		switch {
		case op.Type == tx.OpGrant:
			code = preflightListOp(op)
		case op.Type.IsTableListSet():
			return ter.TemBAD_OPTYPE_IN_TRANSACTION
		default:
			code = preflightStatement(op)
			if code == ter.TesSUCCESS && op.Raw.Err() != nil {
				// Statements of a transaction are plain: confidential
				// tables are not supported in a SQLTransaction.
				code = pd.explain(op, ter.TemBAD_RAW)
			}
		}
		if code != ter.TesSUCCESS {
			return code
		}
	}
	return ter.TesSUCCESS
}

// applySQLTransaction applies the statements in order, all or nothing:
// the first failure is the transaction's result and, as for any failure,
// only the fee and the sequence remain.
func applySQLTransaction(v *sandbox, t *tx.Tx, e *env) ter.Code {
	ops := tableop.Of(t).Ops
	verify, _ := t.Fields.UInt32("NeedVerify")
	for i := range ops {
		op := &ops[i]
		if tbl := v.base.getTable(TableKey(op.Owner, op.Name)); verify != 1 && tbl != nil && hasStatementRule(tbl, op.Type) {
			return ter.TemBAD_NEEDVERIFY_OPERRULE
		}
		var code ter.Code
		if op.Type == tx.OpGrant {
			code = applyListOp(v, op, t.Account, t.Hash, t.Fee, e)
		} else {
			code = applyStatement(v, op, t.Account, t.Hash, e)
		}
		if code != ter.TesSUCCESS {
			return code
		}
	}
	return ter.TesSUCCESS
}

// tableFeeBase is what every table transaction pays on top of the base
// fee (chainsqld's checkFee).
const tableFeeBase = 1000

// tableFee is the minimum fee of a table transaction: the base fee, 1000
// drops, and DropsPerByte for each byte of its Raw or Statements.
func tableFee(t *tx.Tx, p Params) uint64 {
	n := 0
	if raw, ok := t.Fields.Blob("Raw"); ok {
		n = len(raw)
	} else if st, ok := t.Fields.Blob("Statements"); ok {
		n = len(st)
	}
	return p.BaseFee + tableFeeBase + uint64(n)*p.DropsPerByte
}
