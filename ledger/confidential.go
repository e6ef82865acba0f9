package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Confidential tables (chainsqld's sfToken): the create carries the
// owner's Token and a Raw encrypted with the table's password, which the
// ledger cannot read; each grant carries the grantee's Token. The ledger
// keeps the Tokens and never decrypts anything: only a node configured
// with the owner's secret projects the rows (projections' sync tables).

// preflightConfidentialCreate checks a create with a Token: no
// OperationRule (chainsqld's temBAD_RULEANDTOKEN, which it returns from
// doApply; here from preflight, before the fee is charged), and a Token
// that is not empty. The Raw is not parsed: it is ciphertext.
func preflightConfidentialCreate(op *tableop.Op) ter.Code {
	if len(op.OperationRule) > 0 {
		return ter.TemBAD_RULEANDTOKEN
	}
	if len(op.Token) == 0 {
		return ter.TemINVALID
	}
	return ter.TesSUCCESS
}

// setConfidential records a confidential create on its new table: no
// known columns, and the owner's Token.
func setConfidential(tbl *Table, op *tableop.Op) {
	tbl.setColumns(nil)
	tbl.setToken(tbl.Owner, op.Token)
}

// checkConfidentialGrant checks a grant of a confidential table
// (chainsqld's TableListSet preclaim): not to everyone, and with the
// grantee's Token (temINVALID otherwise). A grant of a plain table may
// carry a Token too; chainsqld keeps it, and so does the ledger.
func checkConfidentialGrant(tbl *Table, op *tableop.Op) ter.Code {
	if !tbl.Confidential() {
		return ter.TesSUCCESS
	}
	if op.User == address.NoAccount || len(op.Token) == 0 {
		return ter.TemINVALID
	}
	return ter.TesSUCCESS
}

// keepGrantToken stores a successful grant's Token for its user.
func keepGrantToken(tbl *Table, op *tableop.Op) {
	if len(op.Token) > 0 {
		tbl.setToken(op.User, op.Token)
	}
}

// preclaimSQLStatement refuses, unclaimed, a statement whose Raw does
// not parse, unless its table is confidential (its Raw is ciphertext
// then, which only a node with the owner's secret reads).
func preclaimSQLStatement(v *sandbox, t *tx.Tx) ter.Code {
	op := &tableop.Of(t).Ops[0]
	if op.Raw.Err() == nil {
		return ter.TesSUCCESS
	}
	if tbl := v.base.getTable(TableKey(op.Owner, op.Name)); tbl != nil && tbl.Confidential() {
		return ter.TesSUCCESS
	}
	return v.parsed.explain(op, ter.TemBAD_RAW)
}

// preclaimTableListSet refuses, unclaimed, a grant that breaks the
// rules of a confidential table (chainsqld checks them in preclaim).
func preclaimTableListSet(v *sandbox, t *tx.Tx) ter.Code {
	op := &tableop.Of(t).Ops[0]
	if op.Type != tx.OpGrant {
		return ter.TesSUCCESS
	}
	if tbl := v.base.getTable(TableKey(op.Owner, op.Name)); tbl != nil {
		return checkConfidentialGrant(tbl, op)
	}
	return ter.TesSUCCESS
}
