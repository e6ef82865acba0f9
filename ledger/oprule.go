package ledger

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// OperationRule (ChainSQL's record-level rules): a create may carry an
// OperationRule, which protocol/tableop parses and checks against the
// create's columns (preflight: temBAD_OPERATIONRULE, temBAD_UPDATERULE,
// temBAD_DELETERULE). The table keeps it, parsed, and the ledger
// enforces what it can decide without the rows: an inserted row's
// rule columns (tefTABLE_RULEDISSATISFIED), the Count of rows each
// account inserts (temBAD_INSERTLIMIT), the columns an update may set
// (tefTABLE_RULEDISSATISFIED), and that a SQLTransaction touching a rule
// table verifies (temBAD_NEEDVERIFY_OPERRULE). The conditions the rule
// adds to updates, deletes and queries, and the values it fills into
// inserted rows, are the SQL store's (projections/).

// InsertCount is how many rows one account has inserted into a table
// whose OperationRule has an insert Count (chainsqld's InsertCountMap).
type InsertCount struct {
	User address.AccountID
	Rows uint32
}

// Rule returns the table's OperationRule, parsed (nil: none).
func (t *Table) Rule() *tableop.Rule { return t.rule }

// Inserted returns how many rows user has inserted into the table, as
// its insert Count counts them.
func (t *Table) Inserted(user address.AccountID) uint32 {
	i := t.insertedIndex(user)
	if i < len(t.InsertCounts) && t.InsertCounts[i].User == user {
		return t.InsertCounts[i].Rows
	}
	return 0
}

func (t *Table) insertedIndex(user address.AccountID) int {
	return sort.Search(len(t.InsertCounts), func(i int) bool {
		return bytes.Compare(t.InsertCounts[i].User[:], user[:]) >= 0
	})
}

// setInserted records user's count, keeping InsertCounts ordered by
// account. It copies InsertCounts first: a clone shares the slice with
// the state's entry.
func (t *Table) setInserted(user address.AccountID, rows uint32) {
	i := t.insertedIndex(user)
	counts := make([]InsertCount, 0, len(t.InsertCounts)+1)
	counts = append(counts, t.InsertCounts[:i]...)
	counts = append(counts, InsertCount{User: user, Rows: rows})
	if i < len(t.InsertCounts) && t.InsertCounts[i].User == user {
		i++
	}
	t.InsertCounts = append(counts, t.InsertCounts[i:]...)
}

// insertCountsTag starts the counts in a table's state-hash form.
const insertCountsTag = 'c'

// appendInsertCounts appends the counts to the entry's form in the state
// hash, after its Tokens: nothing when there are none, so that every
// other table hashes as before; otherwise a tag, the number of counts
// and each account with its count.
func (t *Table) appendInsertCounts(b []byte) []byte {
	if len(t.InsertCounts) == 0 {
		return b
	}
	b = append(b, insertCountsTag)
	b = binary.AppendUvarint(b, uint64(len(t.InsertCounts)))
	for _, c := range t.InsertCounts {
		b = append(b, c.User[:]...)
		b = binary.BigEndian.AppendUint32(b, c.Rows)
	}
	return b
}

// insertCountsLen is the length appendInsertCounts appends.
func (t *Table) insertCountsLen() int {
	if len(t.InsertCounts) == 0 {
		return 0
	}
	return 1 + uvarintLen(len(t.InsertCounts)) + len(t.InsertCounts)*(20+4)
}

// applyRule checks a statement by account against its table's
// OperationRule, as chainsqld's dealWithSqlStatementRule does, and
// counts the rows an insert adds under a Count (adjustInsertCount).
func applyRule(tbl *Table, op *tableop.Op, account address.AccountID, txID hash.Hash256) ter.Code {
	r := tbl.rule
	if r == nil {
		return ter.TesSUCCESS
	}
	switch {
	case op.Type == tx.OpInsert && r.Insert != nil:
		return applyInsertRule(tbl, r.Insert, op, account, txID)
	case op.Type == tx.OpUpdate && r.Update != nil:
		objs, _ := op.Raw.Objects()
		if len(objs) == 0 {
			return ter.TemBAD_RAW
		}
		if !r.Update.Admits(objs[0]) {
			return ter.TefTABLE_RULEDISSATISFIED
		}
	}
	return ter.TesSUCCESS
}

func applyInsertRule(tbl *Table, ins *tableop.InsertRule, op *tableop.Op, account address.AccountID, txID hash.Hash256) ter.Code {
	rows, _ := op.Raw.Objects()
	who, txHash := account.String(), strings.ToUpper(hex.EncodeToString(txID[:]))
	for _, row := range rows {
		if !ins.Admits(row, who, txHash) {
			return ter.TefTABLE_RULEDISSATISFIED
		}
	}
	if ins.Count == nil {
		return ter.TesSUCCESS
	}
	n := uint64(tbl.Inserted(account)) + uint64(len(rows))
	if n > uint64(ins.Count.Limit) {
		return ter.TemBAD_INSERTLIMIT
	}
	tbl.setInserted(account, uint32(n))
	return ter.TesSUCCESS
}

// hasStatementRule reports whether the table has a rule for a
// statement's operation: an insert, update or delete rule (chainsqld's
// hasOperationRule, which a SQLTransaction without NeedVerify may not
// meet).
func hasStatementRule(tbl *Table, op tx.OpType) bool {
	r := tbl.rule
	if r == nil {
		return false
	}
	switch op {
	case tx.OpInsert:
		return r.Insert != nil
	case tx.OpUpdate:
		return r.Update != nil
	case tx.OpDelete:
		return r.Delete != nil
	}
	return false
}
