package projections

import (
	"github.com/sqledger/sqledger/protocol/tableop"
)

// OperationRule: a table created with one keeps its text in its schema
// (Schema.OperationRule), and the store rewrites the table's statements
// by it as chainsqld's STTx::buildRaw does, from the transaction alone,
// so that applying the log again gives the same rows: an insert's rows
// get the rule's columns they leave out ("$account": the sender,
// "$tx_hash": the transaction's hash), an update's and a delete's
// conditions are AND-ed with the rule's ("$account": the sender). The
// ledger has already refused what breaks the rule (rows that give the
// rule's columns other values, updates of other columns, inserts past
// the Count).

// setRule records a create's OperationRule on its new schema.
func (s *Schema) setRule(text []byte) error {
	if len(text) == 0 {
		return nil
	}
	r, err := tableop.ReadRule(text)
	if err != nil {
		return stmtErrorf("%s", err)
	}
	s.OperationRule, s.rule = string(text), r
	return nil
}

// fillRow returns an inserted row with the insert rule's columns it
// leaves out filled in.
func (a *applier) fillRow(s *Schema, row tableop.Value) tableop.Value {
	if s.rule == nil || s.rule.Insert == nil || row.Kind() != tableop.Object {
		return row
	}
	return s.rule.Insert.Fill(row, a.account, a.txHash)
}

// updateWhere returns an update's conditions AND-ed with the update
// rule's.
func (a *applier) updateWhere(s *Schema, conds []tableop.Value) []tableop.Value {
	if s.rule == nil || s.rule.Update == nil {
		return conds
	}
	return tableop.And(conds, tableop.For(s.rule.Update.Condition, a.account))
}

// deleteWhere returns a delete's conditions AND-ed with the delete
// rule's.
func (a *applier) deleteWhere(s *Schema, conds []tableop.Value) []tableop.Value {
	if s.rule == nil || s.rule.Delete == nil {
		return conds
	}
	return tableop.And(conds, tableop.For(s.rule.Delete.Condition, a.account))
}
