package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// tableOp is one table operation: a TableListSet, a SQLStatement, or one
// statement of a SQLTransaction, with the fields the ledger checks.
type tableOp struct {
	op           tx.OpType
	owner        address.AccountID // the table's owner
	name         []byte
	nameInDB     [20]byte
	hasNameInDB  bool
	newName      []byte
	raw          []byte
	user         address.AccountID
	hasUser      bool
	checkHash    hash.Hash256
	hasCheckHash bool
	token        bool
	rule         []byte
}

// parseTableOp reads a table operation from a transaction's (or a
// statement's) fields; owner is the table's owner when the fields carry
// no Owner (TableListSet: the sender). It fails with the tem code
// ChainSQL gives for the malformation.
func parseTableOp(o *codec.Object, owner address.AccountID) (tableOp, ter.Code) {
	var t tableOp
	op, ok := o.UInt16("OpType")
	if !ok {
		return t, ter.TemBAD_OPTYPE
	}
	t.op = tx.OpType(op)
	if o.Has("Owner") {
		t.owner, _ = o.AccountID("Owner")
		if t.owner.IsZero() {
			return t, ter.TemBAD_OWNER
		}
	} else {
		t.owner = owner
	}
	tables, _ := o.Array("Tables")
	if len(tables) != 1 || tables[0].Name() != "Table" {
		return t, ter.TemBAD_TABLES
	}
	tbl := tables[0]
	t.name, _ = tbl.Blob("TableName")
	if len(t.name) == 0 || len(t.name) > MaxTableNameBytes {
		return t, ter.TemINVALID
	}
	if n, ok := tbl.Hash160("NameInDB"); ok && n != ([20]byte{}) {
		t.nameInDB, t.hasNameInDB = n, true
	}
	if nn, ok := tbl.Blob("TableNewName"); ok {
		if len(nn) == 0 || len(nn) > MaxTableNameBytes {
			return t, ter.TemINVALID
		}
		t.newName = nn
	}
	t.raw, _ = o.Blob("Raw")
	t.user, t.hasUser = o.AccountID("User")
	t.checkHash, t.hasCheckHash = o.Hash256("TxCheckHash")
	t.token = o.Has("Token")
	t.rule, _ = o.Blob("OperationRule")
	return t, ter.TesSUCCESS
}

// RequiredPerm is the permission a statement's operation needs: insert,
// update or delete, and select for an assert.
func RequiredPerm(op tx.OpType) uint32 {
	switch op {
	case tx.OpInsert:
		return PermInsert
	case tx.OpUpdate:
		return PermUpdate
	case tx.OpDelete:
		return PermDelete
	}
	return PermSelect
}

// preflightStatement checks a SQLStatement operation alone.
func preflightStatement(t *tableOp) ter.Code {
	switch {
	case !t.op.IsSQLStatement():
		return ter.TemBAD_OPTYPE
	case len(t.raw) == 0:
		return ter.TemBAD_RAW
	case t.token:
		// Confidential tables are refused for now.
		return ter.TemDISABLED
	}
	if checkStatementRaw(t.op, t.raw) != nil {
		return ter.TemBAD_RAW
	}
	return ter.TesSUCCESS
}

// applyStatement applies a SQLStatement operation by account: the
// table must exist under its owner with the NameInDB given, the account
// must hold the permission, and a TxCheckHash, when given, must extend
// the table's strict-mode chain. The chain advances on every insert,
// update and delete.
func applyStatement(v *sandbox, t *tableOp, account address.AccountID, txID hash.Hash256, e *env) ter.Code {
	if !v.exists(t.owner) {
		return ter.TecNO_DST
	}
	tbl := v.table(TableKey(t.owner, t.name))
	if tbl == nil {
		return ter.TecNO_TARGET
	}
	if t.hasNameInDB && t.nameInDB != tbl.NameInDB {
		return ter.TefBAD_DBNAME
	}
	next := hash.SHA512Half(t.raw, tbl.CheckHash[:])
	if t.hasCheckHash && t.checkHash != next {
		return ter.TemBAD_BASETX
	}
	if tbl.Permissions(account)&RequiredPerm(t.op) == 0 {
		return ter.TefBAD_AUTH_NO
	}
	if t.op != tx.OpAssert {
		tbl.CheckHash = next
	}
	tbl.LastSeq, tbl.LastTx = e.seq, txID
	return ter.TesSUCCESS
}
