package ledger

import (
	"bytes"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
)

// Table permission flags (ChainSQL's TableRoleFlags, which
// protocol/tableop defines).
const (
	PermSelect  = tableop.PermSelect
	PermInsert  = tableop.PermInsert
	PermUpdate  = tableop.PermUpdate
	PermDelete  = tableop.PermDelete
	PermExecute = tableop.PermExecute
	// PermAll is what a table's owner holds.
	PermAll = tableop.PermAll
)

// Limits of ChainSQL's tables.
const (
	// MaxTableNameBytes is the longest TableName or TableNewName.
	MaxTableNameBytes = tableop.MaxTableNameBytes
	// MaxGrants is the most users a table can be granted to.
	MaxGrants = 256
	// MaxTablesPerAccount is the most tables one account may own.
	MaxTablesPerAccount = 100
	// TableOwnerUnits is what a table adds to its owner's OwnerCount,
	// and so to the reserve (chainsqld: a table and its grant entry).
	TableOwnerUnits = 2
)

// Grant is one user's permissions on a table. The user NoAccount stands
// for everyone.
type Grant struct {
	User  address.AccountID
	Flags uint32
}

// Table is a table's ledger entry: who owns it, what it is called on the
// ledger and in the SQL store, its columns, who may do what, and the
// strict-mode hash chain of its changes.
type Table struct {
	Owner    address.AccountID
	Name     []byte   // the plain name, as the client wrote it
	NameInDB [20]byte // the SQL table is t_<NameInDB as hex>
	// Columns is the table's schema, as canonical JSON
	// (tableop.MarshalColumns of the definitions, as create, recreate
	// and the field operations left them).
	Columns []byte
	// CreateRaw is the Raw of the create, which recreate replays.
	CreateRaw []byte
	// OperationRule is the create's OperationRule, if any (JSON).
	OperationRule []byte
	// InsertCounts are the rows each account has inserted, ordered by
	// account, when the OperationRule counts them (oprule.go).
	InsertCounts []InsertCount
	// Grants are the users other than the owner, ordered by account.
	Grants []Grant
	// Tokens are the Tokens of a confidential table (the owner's and
	// its grantees'), ordered by account; none for a plain table.
	Tokens []UserToken
	// CheckHash is the strict-mode hash of the last change of the rows.
	CheckHash hash.Hash256
	// CreatedSeq and CreatedTx identify the create; LastSeq and LastTx
	// the last transaction that changed the table or its rows.
	CreatedSeq uint32
	CreatedTx  hash.Hash256
	LastSeq    uint32
	LastTx     hash.Hash256

	// schema is Columns parsed, set with them; shared by copies.
	schema *schema
	// rule is OperationRule parsed, set at the create; shared by copies.
	rule *tableop.Rule
}

// schema is a table's columns, parsed once when the entry is created or
// its columns change, and their names in lower case for CheckFits.
type schema struct {
	cols  []tableop.Column
	known map[string]bool
}

// columns returns the table's columns, parsed.
func (t *Table) columns() []tableop.Column {
	if t.schema == nil {
		return nil
	}
	return t.schema.cols
}

// hasColumn reports whether the table has a column of that name,
// compared in lower case.
func (t *Table) hasColumn(name string) bool {
	return t.schema != nil && t.schema.known[strings.ToLower(name)]
}

// setColumns sets the table's columns.
func (t *Table) setColumns(cols []tableop.Column) {
	s := &schema{cols: cols, known: make(map[string]bool, len(cols))}
	for _, c := range cols {
		s.known[strings.ToLower(c.Field)] = true
	}
	t.schema = s
	t.Columns = tableop.MarshalColumns(cols)
}

// TableKey is the ledger index of a table: SHA-512Half of the space key
// 't', the owner and the plain name, as chainsqld's keylet.
func TableKey(owner address.AccountID, name []byte) hash.Hash256 {
	return hash.SHA512Half([]byte{0, 't'}, owner[:], name)
}

// Key is the table's ledger index.
func (t *Table) Key() hash.Hash256 { return TableKey(t.Owner, t.Name) }

// Permissions returns what user may do with the table: everything for
// the owner, the user's own grant if there is one, else the grant to
// everyone.
func (t *Table) Permissions(user address.AccountID) uint32 {
	if user == t.Owner {
		return PermAll
	}
	if g, ok := t.grant(user); ok {
		return g.Flags
	}
	if g, ok := t.grant(address.NoAccount); ok {
		return g.Flags
	}
	return 0
}

func (t *Table) grant(user address.AccountID) (Grant, bool) {
	i := sort.Search(len(t.Grants), func(i int) bool { return bytes.Compare(t.Grants[i].User[:], user[:]) >= 0 })
	if i < len(t.Grants) && t.Grants[i].User == user {
		return t.Grants[i], true
	}
	return Grant{}, false
}

// setGrant records user's permissions, keeping Grants ordered, in a new
// slice (copies of the entry share the old one, see clone).
func (t *Table) setGrant(user address.AccountID, flags uint32) {
	i := sort.Search(len(t.Grants), func(i int) bool { return bytes.Compare(t.Grants[i].User[:], user[:]) >= 0 })
	grants := make([]Grant, 0, len(t.Grants)+1)
	grants = append(grants, t.Grants[:i]...)
	grants = append(grants, Grant{User: user, Flags: flags})
	if i < len(t.Grants) && t.Grants[i].User == user {
		i++
	}
	t.Grants = append(grants, t.Grants[i:]...)
}

// appendEncode appends the entry's form in the state hash; its layout is
// fixed.
func (t *Table) appendEncode(b []byte) []byte {
	vl := func(b []byte, v []byte) []byte {
		b = binary.AppendUvarint(b, uint64(len(v)))
		return append(b, v...)
	}
	b = append(b, t.Owner[:]...)
	b = vl(b, t.Name)
	b = append(b, t.NameInDB[:]...)
	b = vl(b, t.Columns)
	b = vl(b, t.CreateRaw)
	b = vl(b, t.OperationRule)
	b = binary.AppendUvarint(b, uint64(len(t.Grants)))
	for _, g := range t.Grants {
		b = append(b, g.User[:]...)
		b = binary.BigEndian.AppendUint32(b, g.Flags)
	}
	b = append(b, t.CheckHash[:]...)
	b = binary.BigEndian.AppendUint32(b, t.CreatedSeq)
	b = append(b, t.CreatedTx[:]...)
	b = binary.BigEndian.AppendUint32(b, t.LastSeq)
	b = append(b, t.LastTx[:]...)
	return t.appendInsertCounts(t.appendTokens(b))
}

// encodedLen is the length of the entry's form in the state hash.
func (t *Table) encodedLen() int {
	vl := func(v []byte) int { return uvarintLen(len(v)) + len(v) }
	return 20 + vl(t.Name) + 20 + vl(t.Columns) + vl(t.CreateRaw) + vl(t.OperationRule) +
		uvarintLen(len(t.Grants)) + len(t.Grants)*(20+4) + 32 + 4 + 32 + 4 + 32 + t.tokensLen() + t.insertCountsLen()
}

// digest is the entry's term of the state hash, under its ledger index
// (Key).
func (t *Table) digest(key hash.Hash256) stateHash {
	var buf [512]byte
	b := buf[:0]
	if n := t.encodedLen(); n > len(buf) {
		b = make([]byte, 0, n)
	}
	return entryDigest(key, t.appendEncode(b))
}

// tableEntry is a table as the state holds it, with its term of the
// state hash. The state never modifies a Table it holds.
type tableEntry struct {
	t      *Table
	digest stateHash
	// pending marks an entry committed by the Close under way, whose
	// digest is not computed yet (State.digestChangedTables).
	pending bool
}

// clone returns a copy of t that shares its slices: every change to
// Grants, Tokens and InsertCounts builds a new slice (setGrant,
// setToken, setInserted), so a copy never sees another's changes. An
// insert clones its table, and a table's grants are up to 6 KiB.
func (t *Table) clone() *Table {
	c := *t
	return &c
}

// NewNameInDB is the NameInDB chainsqld generates for a table created
// while seq is the last validated ledger: RIPEMD160(SHA256(decimal(seq)
// ‖ base58(owner) ‖ name)).
func NewNameInDB(seq uint32, owner address.AccountID, name []byte) [20]byte {
	b := strconv.AppendUint(nil, uint64(seq), 10)
	b = append(b, owner.String()...)
	b = append(b, name...)
	return hash.RIPESHA(b)
}
