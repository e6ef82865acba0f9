package ledger

import (
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// Lookup reads committed state for a preview.
type Lookup interface {
	Account(id address.AccountID) (AccountRoot, bool)
	// TableByKey returns a table's entry, which the caller must not
	// modify.
	TableByKey(key hash.Hash256) (*Table, bool)
	// Slot returns a contract storage slot, zero when absent.
	Slot(s Slot) [32]byte
	// Escrow returns an escrow's entry, which the caller must not
	// modify.
	Escrow(key hash.Hash256) (*Escrow, bool)
	// Line returns a trust line's entry, which the caller must not
	// modify.
	Line(key hash.Hash256) (*TrustLine, bool)
	// Header is the last closed ledger's header: its close time is the
	// parent close time of the ledger a preview applies in.
	Header() Header
}

// Preview returns the result t would have if it were applied in ledger
// seq to a state in which its sender's account is src (nil: absent) and
// every other account is what lookup says, and the detail the ledger
// would record with it: Preflight's when preflight refuses it, else the
// transactor's (a contract's revert reason or failure). Nothing is
// changed. Account actors use it to
// admit transactions: src is the sender's committed account less what
// its queued transactions will spend, so the preview is the result the
// ledger gives unless another account's transaction changes the outcome
// first (as in rippled's open ledger).
func Preview(src *AccountRoot, lookup Lookup, t *tx.Tx, seq uint32, p Params) (code ter.Code, detail string, claimed bool) {
	v := &sandbox{base: previewBase{src: src, lookup: lookup}}
	code, claimed = applyOne(v, t, &env{seq: seq, params: p, parentCloseTime: lookup.Header().CloseTime})
	if detail = v.parsed.detail; detail == "" {
		detail = v.result.detail
	}
	return code, detail, claimed
}

type previewBase struct {
	src    *AccountRoot
	lookup Lookup
}

// get returns the entry without its ledger index or digest: a preview
// never commits.
func (b previewBase) get(id address.AccountID) *accountEntry {
	if b.src != nil && b.src.Account == id {
		return &accountEntry{AccountRoot: *b.src}
	}
	a, ok := b.lookup.Account(id)
	if !ok {
		return nil
	}
	return &accountEntry{AccountRoot: a}
}

func (b previewBase) getSlot(s Slot) [32]byte { return b.lookup.Slot(s) }

func (b previewBase) getEscrow(key hash.Hash256) *Escrow {
	e, ok := b.lookup.Escrow(key)
	if !ok {
		return nil
	}
	return e
}

func (b previewBase) getTable(key hash.Hash256) *Table {
	t, ok := b.lookup.TableByKey(key)
	if !ok {
		return nil
	}
	return t
}

func (b previewBase) getLine(key hash.Hash256) *TrustLine {
	l, ok := b.lookup.Line(key)
	if !ok {
		return nil
	}
	return l
}
