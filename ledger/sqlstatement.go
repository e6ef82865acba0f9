package ledger

import (
	"encoding/json"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// preflightSQLStatement checks a SQLStatement alone (chainsqld's
// SqlStatement::preflight): an Owner, exactly one table, a non-empty Raw
// of the operation's shape, an OpType of 6, 8, 9 or 10.
func preflightSQLStatement(t *tx.Tx, _ *parsed) ter.Code {
	if !t.Fields.Has("Owner") {
		return ter.TemBAD_OWNER
	}
	op, code := parseTableOp(t.Fields, t.Account)
	if code != ter.TesSUCCESS {
		return code
	}
	return preflightStatement(&op)
}

func applySQLStatement(v *sandbox, t *tx.Tx, e *env) ter.Code {
	op, _ := parseTableOp(t.Fields, t.Account)
	return applyStatement(v, &op, t.Account, t.Hash, e)
}

// Statements parses a SQLTransaction's Statements: a JSON array of
// statement objects whose binary fields are hex, as the client's
// t_prepare returns them. A statement's table owner defaults to the
// sender.
func Statements(t *tx.Tx) ([]*codec.Object, ter.Code) {
	raw, _ := t.Fields.Blob("Statements")
	var arr []map[string]any
	if err := json.Unmarshal(raw, &arr); err != nil || len(arr) == 0 {
		return nil, ter.TemBAD_STATEMENTS
	}
	out := make([]*codec.Object, len(arr))
	for i, m := range arr {
		if m == nil {
			return nil, ter.TemBAD_STATEMENTS
		}
		o, err := codec.FromMap(m)
		if err != nil {
			return nil, ter.TemBAD_STATEMENTS
		}
		out[i] = o
	}
	return out, ter.TesSUCCESS
}

// preflightSQLTransaction checks a SQLTransaction alone: every statement
// must be a well-formed insert, update, delete, assert or grant (create,
// drop, rename and the other table-list operations are not allowed in a
// transaction: temBAD_OPTYPE_IN_TRANSACTION).
func preflightSQLTransaction(t *tx.Tx, _ *parsed) ter.Code {
	stmts, code := Statements(t)
	if code != ter.TesSUCCESS {
		return code
	}
	for _, s := range stmts {
		op, code := parseTableOp(s, t.Account)
		if code != ter.TesSUCCESS {
			return code
		}
		switch {
		case op.op == tx.OpGrant:
			code = preflightListOp(&op)
		case op.op.IsTableListSet():
			return ter.TemBAD_OPTYPE_IN_TRANSACTION
		default:
			code = preflightStatement(&op)
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
	stmts, _ := Statements(t)
	for _, s := range stmts {
		op, _ := parseTableOp(s, t.Account)
		var code ter.Code
		if op.op == tx.OpGrant {
			code = applyListOp(v, &op, t.Account, t.Hash, t.Fee, e)
		} else {
			code = applyStatement(v, &op, t.Account, t.Hash, e)
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
