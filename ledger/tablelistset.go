package ledger

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// preflightTableListSet checks a TableListSet alone (chainsqld's
// TableListSet::preflight).
func preflightTableListSet(t *tx.Tx, _ *parsed) ter.Code {
	op, code := parseTableOp(t.Fields, t.Account)
	if code != ter.TesSUCCESS {
		if code == ter.TemBAD_TABLES {
			return ter.TemINVALID
		}
		return code
	}
	return preflightListOp(&op)
}

func preflightListOp(op *tableOp) ter.Code {
	if !op.op.IsTableListSet() {
		return ter.TemBAD_OPTYPE
	}
	if op.token {
		// Confidential tables (encrypted Raw with a Token) are refused
		// for now.
		return ter.TemDISABLED
	}
	switch op.op {
	case tx.OpCreate:
		if !op.hasNameInDB || len(op.raw) == 0 {
			return ter.TemINVALID
		}
		if _, err := ParseColumns(op.raw); err != nil {
			return ter.TemBAD_RAW
		}
		if len(op.rule) > 0 && !validRule(op.rule) {
			return ter.TemBAD_OPERATIONRULE
		}
	case tx.OpRename:
		if len(op.newName) == 0 {
			return ter.TemINVALID
		}
	case tx.OpGrant:
		if !op.hasUser {
			return ter.TemBAD_OWNER
		}
		if len(op.raw) == 0 {
			return ter.TemBAD_RAW
		}
		if _, _, err := parseGrant(op.raw); err != nil {
			return ter.TemMALFORMED
		}
	case tx.OpRecreate, tx.OpAddFields, tx.OpModifyFields:
		if len(op.raw) == 0 {
			return ter.TemBAD_RAW
		}
		if _, err := ParseColumns(op.raw); err != nil {
			return ter.TemBAD_RAW
		}
	case tx.OpDeleteFields:
		if _, err := parseFieldNames(op.raw); err != nil {
			return ter.TemBAD_RAW
		}
	case tx.OpCreateIndex, tx.OpDeleteIndex:
		if _, _, err := parseIndex(op.raw, op.op == tx.OpCreateIndex); err != nil {
			return ter.TemBAD_RAW
		}
	case tx.OpAssign, tx.OpCancelAssign, tx.OpReport:
		// Legacy assignment and cross-chain reports are not supported.
		return ter.TemDISABLED
	}
	return ter.TesSUCCESS
}

// validRule reports whether an OperationRule names at least one of
// Insert, Update, Delete and Get (temBAD_OPERATIONRULE otherwise).
func validRule(rule []byte) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(rule, &m) != nil {
		return false
	}
	for _, k := range []string{"Insert", "Update", "Delete", "Get"} {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

func applyTableListSet(v *sandbox, t *tx.Tx, e *env) ter.Code {
	op, _ := parseTableOp(t.Fields, t.Account)
	return applyListOp(v, &op, t.Account, t.Hash, t.Fee, e)
}

// applyListOp applies a table-list operation of the table's owner
// (chainsqld's TableListSet::preclaim and doApply).
func applyListOp(v *sandbox, op *tableOp, account address.AccountID, txID hash.Hash256, fee uint64, e *env) ter.Code {
	key := TableKey(op.owner, op.name)
	if op.op == tx.OpCreate {
		return createTable(v, op, txID, fee, e)
	}
	tbl := v.table(key)
	if tbl == nil {
		return ter.TefTABLE_NOTEXIST
	}
	if op.hasNameInDB && op.nameInDB != tbl.NameInDB {
		return ter.TefBAD_DBNAME
	}
	if op.owner != account {
		return ter.TefBAD_AUTH_NO
	}
	switch op.op {
	case tx.OpDrop:
		v.deleteTable(key)
		owner := v.account(op.owner)
		owner.OwnerCount -= min(owner.OwnerCount, TableOwnerUnits)
		return ter.TesSUCCESS
	case tx.OpRename:
		if bytes.Equal(op.newName, op.name) {
			return ter.TefTABLE_SAMENAME
		}
		if v.table(TableKey(op.owner, op.newName)) != nil {
			return ter.TefTABLE_EXISTANDNOTDEL
		}
		moved := tbl.clone()
		moved.Name = op.newName
		moved.LastSeq, moved.LastTx = e.seq, txID
		v.deleteTable(key)
		v.createTable(moved)
		return ter.TesSUCCESS
	case tx.OpGrant:
		if code := grant(v, tbl, op); code != ter.TesSUCCESS {
			return code
		}
	case tx.OpRecreate:
		tbl.CreateRaw = op.raw
		cols, _ := ParseColumns(op.raw)
		tbl.Columns = mustMarshal(cols)
		tbl.CheckHash = hash.SHA512Half(op.raw)
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
func createTable(v *sandbox, op *tableOp, txID hash.Hash256, fee uint64, e *env) ter.Code {
	if v.table(TableKey(op.owner, op.name)) != nil {
		return ter.TefTABLE_EXISTANDNOTDEL
	}
	owner := v.account(op.owner)
	if owner.OwnerCount/TableOwnerUnits >= MaxTablesPerAccount {
		return ter.TefTABLE_COUNTFULL
	}
	if owner.Balance+fee < e.params.Reserve(owner.OwnerCount+TableOwnerUnits) {
		return ter.TefINSU_RESERVE_TABLE
	}
	cols, _ := ParseColumns(op.raw)
	v.createTable(&Table{
		Owner:         op.owner,
		Name:          op.name,
		NameInDB:      op.nameInDB,
		Columns:       mustMarshal(cols),
		CreateRaw:     op.raw,
		OperationRule: op.rule,
		CheckHash:     hash.SHA512Half(op.raw),
		CreatedSeq:    e.seq,
		CreatedTx:     txID,
		LastSeq:       e.seq,
		LastTx:        txID,
	})
	owner.OwnerCount += TableOwnerUnits
	return ter.TesSUCCESS
}

// grant sets a user's permissions (keys the Raw does not name keep their
// value). The user must exist, or be NoAccount (everyone).
func grant(v *sandbox, tbl *Table, op *tableOp) ter.Code {
	if op.user == tbl.Owner {
		return ter.TefBAD_USER
	}
	if op.user != address.NoAccount && !v.exists(op.user) {
		return ter.TefBAD_USER
	}
	prev, had := tbl.grant(op.user)
	if !had && len(tbl.Grants) >= MaxGrants {
		return ter.TefTABLE_GRANTFULL
	}
	set, clear, _ := parseGrant(op.raw)
	tbl.setGrant(op.user, (prev.Flags|set)&^clear)
	return ter.TesSUCCESS
}

// alterTable applies add, delete and modify fields to the schema, and
// checks that index operations name existing fields. A field that
// should exist and does not (or the reverse) is tefBAD_STATEMENT.
func alterTable(tbl *Table, op *tableOp) ter.Code {
	var cols []Column
	if err := json.Unmarshal(tbl.Columns, &cols); err != nil {
		return ter.TefTABLE_STATEERROR
	}
	find := func(name string) int {
		for i, c := range cols {
			if strings.EqualFold(c.Field, name) {
				return i
			}
		}
		return -1
	}
	switch op.op {
	case tx.OpAddFields, tx.OpModifyFields:
		changes, _ := ParseColumns(op.raw)
		for _, c := range changes {
			i := find(c.Field)
			switch {
			case op.op == tx.OpAddFields && i >= 0, op.op == tx.OpModifyFields && i < 0:
				return ter.TefBAD_STATEMENT
			case i >= 0:
				cols[i] = c
			default:
				cols = append(cols, c)
			}
		}
	case tx.OpDeleteFields:
		names, _ := parseFieldNames(op.raw)
		for _, n := range names {
			i := find(n)
			if i < 0 || len(cols) == 1 {
				return ter.TefBAD_STATEMENT
			}
			cols = append(cols[:i], cols[i+1:]...)
		}
	case tx.OpCreateIndex:
		_, fields, _ := parseIndex(op.raw, true)
		for _, f := range fields {
			if find(f) < 0 {
				return ter.TefBAD_STATEMENT
			}
		}
	}
	tbl.Columns = mustMarshal(cols)
	return ter.TesSUCCESS
}
