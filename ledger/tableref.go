package ledger

import (
	"bytes"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/tableop"
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

// tablesOf appends to refs the tables a table transaction names, in
// order and without repeats: each well-formed operation's table (for a
// rename: the table under its old name, then its new one). Other
// transactions name none.
func tablesOf(t *tx.Tx, refs []TableRef) []TableRef {
	if !t.Type.IsTable() {
		return refs
	}
	start := len(refs)
	add := func(r TableRef) {
		for _, have := range refs[start:] {
			if have.Owner == r.Owner && bytes.Equal(have.Name, r.Name) {
				return
			}
		}
		refs = append(refs, r)
	}
	ops := tableop.Of(t).Ops
	for i := range ops {
		op := &ops[i]
		if op.Code != ter.TesSUCCESS {
			continue
		}
		add(TableRef{op.Owner, op.Name})
		if t.Type != tx.SQLTransaction && op.Type == tx.OpRename && len(op.NewName) > 0 {
			add(TableRef{op.Owner, op.NewName})
		}
	}
	return refs
}
