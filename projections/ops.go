package projections

import (
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/tx"
)

// tableOp is one table operation: a TableListSet or SQLStatement
// transaction, or one statement of a SQLTransaction.
type tableOp struct {
	op       tx.OpType
	table    string // t_<NameInDB>
	raw      []byte // the Raw JSON text; nil when absent
	autoFill string // AutoFillField: column set to the transaction hash
	hashFill string // TxsHashFillField: column set to (insert) or appended (update) the hash
	seqFill  string // LedgerSeqField: column set to the ledger sequence
	timeFill string // LedgerTimeField: column set to the ledger close time
}

// opsOf returns the table operations of a transaction of type typ with
// fields f.
func opsOf(typ tx.Type, f *codec.Object) ([]tableOp, error) {
	if typ == tx.SQLTransaction {
		stmts, _ := f.Blob("Statements")
		return parseStatements(stmts)
	}
	var o tableOp
	code, _ := f.UInt16("OpType")
	o.op = tx.OpType(code)
	tables, _ := f.Array("Tables")
	if len(tables) == 0 {
		return nil, stmtErrorf("the transaction names no table")
	}
	inner, ok := tables[0].Object("Table")
	if !ok {
		inner = tables[0]
	}
	name, ok := inner.Hash160("NameInDB")
	if !ok {
		return nil, stmtErrorf("the transaction's table has no NameInDB")
	}
	o.table = TableName(name)
	o.raw, _ = f.Blob("Raw")
	for field, dst := range map[string]*string{
		"AutoFillField": &o.autoFill, "TxsHashFillField": &o.hashFill,
		"LedgerSeqField": &o.seqFill, "LedgerTimeField": &o.timeFill,
	} {
		if b, ok := f.Blob(field); ok {
			*dst = string(b)
		}
	}
	return []tableOp{o}, nil
}

// statement is one element of a SQLTransaction's Statements: a
// transaction in JSON whose VL fields are hex.
type statement struct {
	OpType *uint16 `json:"OpType"`
	Tables []struct {
		Table struct {
			NameInDB string `json:"NameInDB"`
		} `json:"Table"`
	} `json:"Tables"`
	Raw              string `json:"Raw"`
	AutoFillField    string `json:"AutoFillField"`
	TxsHashFillField string `json:"TxsHashFillField"`
	LedgerSeqField   string `json:"LedgerSeqField"`
	LedgerTimeField  string `json:"LedgerTimeField"`
}

// parseStatements parses a SQLTransaction's Statements.
func parseStatements(text []byte) ([]tableOp, error) {
	var stmts []statement
	if err := json.Unmarshal(text, &stmts); err != nil {
		return nil, stmtErrorf("Statements is not a JSON array of statements: %v", err)
	}
	if len(stmts) == 0 {
		return nil, stmtErrorf("Statements is empty")
	}
	ops := make([]tableOp, len(stmts))
	for i, s := range stmts {
		o, err := s.op()
		if err != nil {
			return nil, stmtErrorf("statement %d: %v", i, err)
		}
		ops[i] = o
	}
	return ops, nil
}

// op converts a statement to a table operation.
func (s *statement) op() (tableOp, error) {
	var o tableOp
	if s.OpType == nil {
		return o, fmt.Errorf("no OpType")
	}
	o.op = tx.OpType(*s.OpType)
	if len(s.Tables) == 0 {
		return o, fmt.Errorf("no table")
	}
	name, err := hex.DecodeString(s.Tables[0].Table.NameInDB)
	if err != nil || len(name) != 20 {
		return o, fmt.Errorf("NameInDB must be 40 hex digits")
	}
	o.table = TableName([20]byte(name))
	for _, f := range []struct {
		name string
		hex  string
		dst  *string
	}{
		{"Raw", s.Raw, nil}, {"AutoFillField", s.AutoFillField, &o.autoFill},
		{"TxsHashFillField", s.TxsHashFillField, &o.hashFill},
		{"LedgerSeqField", s.LedgerSeqField, &o.seqFill}, {"LedgerTimeField", s.LedgerTimeField, &o.timeFill},
	} {
		b, err := hex.DecodeString(f.hex)
		if err != nil {
			return o, fmt.Errorf("%s is not hex", f.name)
		}
		if f.dst == nil {
			if f.hex != "" {
				o.raw = b
			}
			continue
		}
		*f.dst = string(b)
	}
	return o, nil
}

// run applies one table operation.
func (a *applier) run(o tableOp) error {
	switch o.op {
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
	return stmtErrorf("OpType %d is not a table operation", o.op)
}

// rawArray parses an operation's Raw, which must be a JSON array.
func rawArray(o tableOp) (jvalue, error) {
	if o.raw == nil {
		return jvalue{}, stmtErrorf("Raw data is empty")
	}
	v, err := parseJSON(o.raw)
	if err != nil {
		return jvalue{}, stmtErrorf("parse Raw unsuccessfully: %v", err)
	}
	if v.kind != jArray {
		return jvalue{}, stmtErrorf("Raw must be a JSON array, not %s", v.kind)
	}
	return v, nil
}
