package ledger

import (
	"bytes"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// preflightTableListSet checks a TableListSet alone (chainsqld's
// TableListSet::preflight).
func preflightTableListSet(t *tx.Tx, p *parsed) ter.Code {
	op := &tableop.Of(t).Ops[0]
	if op.Code != ter.TesSUCCESS {
		if op.Code == ter.TemBAD_TABLES {
			return ter.TemINVALID
		}
		return op.Code
	}
	return p.explain(op, preflightListOp(op))
}

func preflightListOp(op *tableop.Op) ter.Code {
	if !op.Type.IsTableListSet() {
		return ter.TemBAD_OPTYPE
	}
	raw := op.Raw.Bytes()
	switch op.Type {
	case tx.OpCreate:
		if _, ok := op.ComparedNameInDB(); !ok || len(raw) == 0 {
			return ter.TemINVALID
		}
		if op.HasToken {
			return preflightConfidentialCreate(op)
		}
		if op.Raw.Err() != nil {
			return ter.TemBAD_RAW
		}
		if len(op.OperationRule) > 0 && op.RuleCode != ter.TesSUCCESS {
			return op.RuleCode
		}
	case tx.OpRename:
		if len(op.NewName) == 0 {
			return ter.TemINVALID
		}
	case tx.OpGrant:
		if !op.HasUser {
			return ter.TemBAD_OWNER
		}
		if len(raw) == 0 {
			return ter.TemBAD_RAW
		}
		if op.Raw.Err() != nil {
			return ter.TemMALFORMED
		}
	case tx.OpRecreate, tx.OpAddFields, tx.OpModifyFields:
		if len(raw) == 0 || op.Raw.Err() != nil {
			return ter.TemBAD_RAW
		}
	case tx.OpDeleteFields, tx.OpCreateIndex, tx.OpDeleteIndex:
		if op.Raw.Err() != nil {
			return ter.TemBAD_RAW
		}
	case tx.OpAssign, tx.OpCancelAssign, tx.OpReport:
		// Legacy assignment and cross-chain reports are not supported.
		return ter.TemDISABLED
	}
	return ter.TesSUCCESS
}

func applyTableListSet(v *sandbox, t *tx.Tx, e *env) ter.Code {
	return applyListOp(v, &tableop.Of(t).Ops[0], t.Account, t.Hash, t.Fee, e)
}

// applyListOp applies a table-list operation of the table's owner
// (chainsqld's TableListSet::preclaim and doApply).
func applyListOp(v *sandbox, op *tableop.Op, account address.AccountID, txID hash.Hash256, fee uint64, e *env) ter.Code {
	key := TableKey(op.Owner, op.Name)
	if op.Type == tx.OpCreate {
		return createTable(v, op, txID, fee, e)
	}
	tbl := v.table(key)
	if tbl == nil {
		return ter.TefTABLE_NOTEXIST
	}
	if n, ok := op.ComparedNameInDB(); ok && n != tbl.NameInDB {
		return ter.TefBAD_DBNAME
	}
	if op.Owner != account {
		return ter.TefBAD_AUTH_NO
	}
	switch op.Type {
	case tx.OpDrop:
		v.deleteTable(key)
		owner := v.account(op.Owner)
		owner.OwnerCount -= min(owner.OwnerCount, TableOwnerUnits)
		return ter.TesSUCCESS
	case tx.OpRename:
		if bytes.Equal(op.NewName, op.Name) {
			return ter.TefTABLE_SAMENAME
		}
		if v.table(TableKey(op.Owner, op.NewName)) != nil {
			return ter.TefTABLE_EXISTANDNOTDEL
		}
		moved := tbl.clone()
		moved.Name = op.NewName
		moved.LastSeq, moved.LastTx = e.seq, txID
		v.deleteTable(key)
		v.createTable(moved)
		return ter.TesSUCCESS
	case tx.OpGrant:
		if code := checkConfidentialGrant(tbl, op); code != ter.TesSUCCESS {
			return code
		}
		if code := grant(v, tbl, op); code != ter.TesSUCCESS {
			return code
		}
		keepGrantToken(tbl, op)
	case tx.OpRecreate:
		tbl.CreateRaw = op.Raw.Bytes()
		tbl.setColumns(op.Raw.Columns())
		tbl.CheckHash = hash.SHA512Half(op.Raw.Bytes())
	case tx.OpAddFields, tx.OpDeleteFields, tx.OpModifyFields, tx.OpCreateIndex, tx.OpDeleteIndex:
		if code := alterTable(tbl, op); code != ter.TesSUCCESS {
			return code
		}
	}
	tbl.LastSeq, tbl.LastTx = e.seq, txID
	return ter.TesSUCCESS
}

// createTable creates a table under its owner, who must keep the
// reserve of TableOwnerUnits more objects and own fewer than
// MaxTablesPerAccount tables.
func createTable(v *sandbox, op *tableop.Op, txID hash.Hash256, fee uint64, e *env) ter.Code {
	if v.table(TableKey(op.Owner, op.Name)) != nil {
		return ter.TefTABLE_EXISTANDNOTDEL
	}
	owner := v.account(op.Owner)
	if owner.OwnerCount/TableOwnerUnits >= MaxTablesPerAccount {
		return ter.TefTABLE_COUNTFULL
	}
	if owner.Balance+fee < e.params.Reserve(owner.OwnerCount+TableOwnerUnits) {
		return ter.TefINSU_RESERVE_TABLE
	}
	tbl := &Table{
		Owner:         op.Owner,
		Name:          op.Name,
		NameInDB:      op.NameInDB,
		CreateRaw:     op.Raw.Bytes(),
		OperationRule: op.OperationRule,
		CheckHash:     hash.SHA512Half(op.Raw.Bytes()),
		CreatedSeq:    e.seq,
		CreatedTx:     txID,
		LastSeq:       e.seq,
		LastTx:        txID,
	}
	if op.HasToken {
		setConfidential(tbl, op)
	} else {
		tbl.setColumns(op.Raw.Columns())
		tbl.rule = op.Rule
	}
	v.createTable(tbl)
	owner.OwnerCount += TableOwnerUnits
	return ter.TesSUCCESS
}

// grant sets a user's permissions (keys the Raw does not name keep their
// value). The user must exist, or be NoAccount (everyone).
func grant(v *sandbox, tbl *Table, op *tableop.Op) ter.Code {
	if op.User == tbl.Owner {
		return ter.TefBAD_USER
	}
	if op.User != address.NoAccount && !v.exists(op.User) {
		return ter.TefBAD_USER
	}
	prev, had := tbl.grant(op.User)
	if !had && len(tbl.Grants) >= MaxGrants {
		return ter.TefTABLE_GRANTFULL
	}
	set, clear := op.Raw.Grant()
	tbl.setGrant(op.User, (prev.Flags|set)&^clear)
	return ter.TesSUCCESS
}

// alterTable applies add, delete and modify fields to the schema, and
// checks that index operations name existing fields. A field that
// should exist and does not (or the reverse) is tefBAD_STATEMENT.
func alterTable(tbl *Table, op *tableop.Op) ter.Code {
	cols := append([]tableop.Column(nil), tbl.columns()...)
	switch op.Type {
	case tx.OpAddFields, tx.OpModifyFields:
		for _, c := range op.Raw.Columns() {
			i := tableop.FindColumn(cols, c.Field)
			switch {
			case op.Type == tx.OpAddFields && i >= 0, op.Type == tx.OpModifyFields && i < 0:
				return ter.TefBAD_STATEMENT
			case i >= 0:
				cols[i] = c
			default:
				cols = append(cols, c)
			}
		}
	case tx.OpDeleteFields:
		for _, n := range op.Raw.Fields() {
			i := tableop.FindColumn(cols, n)
			if i < 0 || len(cols) == 1 {
				return ter.TefBAD_STATEMENT
			}
			cols = append(cols[:i], cols[i+1:]...)
		}
	case tx.OpCreateIndex:
		for _, f := range op.Raw.Fields() {
			if tableop.FindColumn(cols, f) < 0 {
				return ter.TefBAD_STATEMENT
			}
		}
		return ter.TesSUCCESS
	case tx.OpDeleteIndex:
		return ter.TesSUCCESS
	}
	tbl.setColumns(cols)
	return ter.TesSUCCESS
}
