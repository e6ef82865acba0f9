package tableop

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// MaxTableNameBytes is the longest TableName or TableNewName.
const MaxTableNameBytes = 64

// Op is one table operation — a TableListSet, a SQLStatement, or one
// statement of a SQLTransaction — with its fields read and its Raw
// parsed. An Op is immutable: its slices are shared.
type Op struct {
	// Code is tesSUCCESS, or the tem code of the first malformation of
	// the operation's fields, in chainsqld's order: no OpType
	// (temBAD_OPTYPE), a zero Owner (temBAD_OWNER), not exactly one
	// Table (temBAD_TABLES), a TableName or TableNewName empty or longer
	// than MaxTableNameBytes (temINVALID). The fields are read whatever
	// the code.
	Code ter.Code
	Type tx.OpType
	// Owner is the table's owner: the Owner field, or the sender.
	Owner address.AccountID
	// Name is the plain TableName; NewName the TableNewName of a rename
	// (nil: none).
	Name    []byte
	NewName []byte
	// NameInDB is the table's NameInDB; HasNameInDB says whether the
	// operation carries one (zero or not).
	NameInDB    [20]byte
	HasNameInDB bool
	// Raw is the operation's Raw, parsed for Type (Bytes nil: none).
	Raw Raw
	// User is the account a grant is for.
	User    address.AccountID
	HasUser bool
	// CheckHash is the strict-mode TxCheckHash.
	CheckHash    hash.Hash256
	HasCheckHash bool
	// Token is the operation's Token (a confidential table's password
	// sealed to the owner's or the grantee's public key); HasToken says
	// whether the field is present, even empty.
	Token    []byte
	HasToken bool
	// OperationRule is a create's OperationRule (JSON), kept as bytes;
	// Rule is it parsed against the create's columns (nil: none, or
	// refused), and RuleCode why it is refused (ParseRule), or
	// tesSUCCESS.
	OperationRule []byte
	Rule          *Rule
	RuleCode      ter.Code
	// Fill names the columns the store fills in itself.
	Fill Fill
}

// Fill names the columns chainsqld fills in itself (ParseAutoFields);
// "" when not given. AutoFill and TxsHash get the transaction hash
// (an update appends ",<hash>" to TxsHash), LedgerSeq the ledger
// sequence, LedgerTime its close time.
type Fill struct {
	AutoFill, TxsHash, LedgerSeq, LedgerTime string
}

// ComparedNameInDB returns the NameInDB the ledger compares with the
// table's: one given and not zero (chainsqld ignores a zero NameInDB).
func (o *Op) ComparedNameInDB() ([20]byte, bool) {
	return o.NameInDB, o.HasNameInDB && o.NameInDB != [20]byte{}
}

// parseOp reads a table operation into op from a transaction's (or a
// statement's) fields; sender owns the table when the fields name no
// Owner.
func parseOp(op *Op, f *codec.Object, sender address.AccountID) {
	op.Code, op.Owner = ter.TesSUCCESS, sender
	fail := func(c ter.Code) {
		if op.Code == ter.TesSUCCESS {
			op.Code = c
		}
	}
	if v, ok := f.UInt16("OpType"); ok {
		op.Type = tx.OpType(v)
	} else {
		fail(ter.TemBAD_OPTYPE)
	}
	if f.Has("Owner") {
		op.Owner, _ = f.AccountID("Owner")
		if op.Owner.IsZero() {
			fail(ter.TemBAD_OWNER)
		}
	}
	tables, _ := f.Array("Tables")
	if len(tables) != 1 || tables[0].Name() != "Table" {
		fail(ter.TemBAD_TABLES)
	}
	if len(tables) > 0 {
		tbl := tables[0]
		op.Name, _ = tbl.Blob("TableName")
		if len(op.Name) == 0 || len(op.Name) > MaxTableNameBytes {
			fail(ter.TemINVALID)
		}
		op.NameInDB, op.HasNameInDB = tbl.Hash160("NameInDB")
		if nn, ok := tbl.Blob("TableNewName"); ok {
			if len(nn) == 0 || len(nn) > MaxTableNameBytes {
				fail(ter.TemINVALID)
			}
			op.NewName = nn
		}
	}
	raw, _ := f.Blob("Raw")
	op.Raw.parse(op.Type, raw)
	op.User, op.HasUser = f.AccountID("User")
	op.CheckHash, op.HasCheckHash = f.Hash256("TxCheckHash")
	op.Token, op.HasToken = f.Blob("Token")
	op.OperationRule, _ = f.Blob("OperationRule")
	op.RuleCode = ter.TesSUCCESS
	if op.Type == tx.OpCreate && len(op.OperationRule) > 0 {
		op.Rule, op.RuleCode = ParseRule(op.OperationRule, columnNames(op.Raw.Columns()), sender)
	}
	for _, fill := range []struct {
		field string
		dst   *string
	}{
		{"AutoFillField", &op.Fill.AutoFill}, {"TxsHashFillField", &op.Fill.TxsHash},
		{"LedgerSeqField", &op.Fill.LedgerSeq}, {"LedgerTimeField", &op.Fill.LedgerTime},
	} {
		if b, ok := f.Blob(fill.field); ok {
			*fill.dst = string(b)
		}
	}
}

// columnNames returns the names of columns.
func columnNames(cols []Column) []string {
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].Field
	}
	return names
}
