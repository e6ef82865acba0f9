package ledger

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TableRef names a table: its owner and plain name.
type TableRef struct {
	Owner address.AccountID
	Name  []byte
}

// Key is the table's ledger index.
func (r TableRef) Key() hash.Hash256 { return TableKey(r.Owner, r.Name) }

// TablesOf lists the tables a table transaction names, in order and
// without repeats (for a rename: the table under its old name, then its
// new one). Other transactions name none.
func TablesOf(t *tx.Tx) []TableRef {
	var out []TableRef
	add := func(r TableRef) {
		for _, have := range out {
			if have.Owner == r.Owner && bytes.Equal(have.Name, r.Name) {
				return
			}
		}
		out = append(out, r)
	}
	switch t.Type {
	case tx.TableListSet, tx.SQLStatement:
		if op, code := parseTableOp(t.Fields, t.Account); code == ter.TesSUCCESS {
			add(TableRef{op.owner, op.name})
			if op.op == tx.OpRename && len(op.newName) > 0 {
				add(TableRef{op.owner, op.newName})
			}
		}
	case tx.SQLTransaction:
		stmts, _ := Statements(t)
		for _, s := range stmts {
			if op, code := parseTableOp(s, t.Account); code == ter.TesSUCCESS {
				add(TableRef{op.owner, op.name})
			}
		}
	}
	return out
}

// Explain gives the reason behind a tem result of a table transaction
// whose Raw is refused (temBAD_RAW, temMALFORMED), in ChainSQL's words
// where it has them, or "" when there is nothing to add to the code's
// message.
func Explain(t *tx.Tx, code ter.Code) string {
	if code != ter.TemBAD_RAW && code != ter.TemMALFORMED {
		return ""
	}
	op, c := parseTableOp(t.Fields, t.Account)
	if c != ter.TesSUCCESS {
		return ""
	}
	var err error
	switch op.op {
	case tx.OpCreate, tx.OpRecreate, tx.OpAddFields, tx.OpModifyFields:
		_, err = ParseColumns(op.raw)
	case tx.OpDeleteFields:
		_, err = parseFieldNames(op.raw)
	case tx.OpCreateIndex, tx.OpDeleteIndex:
		_, _, err = parseIndex(op.raw, op.op == tx.OpCreateIndex)
	case tx.OpGrant:
		_, _, err = parseGrant(op.raw)
	default:
		err = checkStatementRaw(op.op, op.raw)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

// CheckFits checks that a statement's Raw names only columns of the
// table: the row keys of an insert, the set keys of an update, and the
// column keys of conditions (keys starting with $ are operators). It
// returns a RawError naming the first unknown column.
func CheckFits(tbl *Table, op tx.OpType, raw []byte) error {
	var cols []Column
	if err := json.Unmarshal(tbl.Columns, &cols); err != nil {
		return fmt.Errorf("table schema: %w", err)
	}
	known := make(map[string]bool, len(cols))
	for _, c := range cols {
		known[strings.ToLower(c.Field)] = true
	}
	objs, err := decodeArray(raw)
	if err != nil {
		return err
	}
	check := func(obj map[string]json.RawMessage) error {
		for k, v := range obj {
			if strings.HasPrefix(k, "$") {
				var nested []map[string]json.RawMessage
				if (k == "$and" || k == "$or") && json.Unmarshal(v, &nested) == nil {
					for _, n := range nested {
						if err := checkKeys(n, known); err != nil {
							return err
						}
					}
				}
				continue
			}
			if !known[strings.ToLower(k)] {
				return rawErrorf("field %s does not exist in table %s", k, tbl.Name)
			}
		}
		return nil
	}
	for _, obj := range objs {
		if err := check(obj); err != nil {
			return err
		}
	}
	return nil
}

func checkKeys(obj map[string]json.RawMessage, known map[string]bool) error {
	for k := range obj {
		if !strings.HasPrefix(k, "$") && !known[strings.ToLower(k)] {
			return rawErrorf("field %s does not exist", k)
		}
	}
	return nil
}
