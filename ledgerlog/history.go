package ledgerlog

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/iou"
)

// ErrNoHistory is History's error for a ledger its entry index does not
// cover: before the index's first ledger, or any ledger of a log written
// before the index existed.
var ErrNoHistory = errors.New("no state history for this ledger")

// History reads the ledger state as it stood after any ledger of the
// log, from the log alone: the event log's entry index names, for an
// entry and a ledger, the last transaction at or before that ledger
// that touched the entry, and that transaction's metadata holds the
// entry as the transaction left it (a CreatedNode's NewFields, a
// ModifiedNode's FinalFields; a DeletedNode means it is gone). An entry
// no transaction touched is as genesis made it: the genesis account, or
// nothing.
//
// What the metadata does not hold is what History cannot give: a
// contract's storage slots, a contract account's code after its
// creation (Code is left out of the roots it returns), and a table's
// columns and grants (TableEntry has the fields the metadata carries).
// PreviousTxnID and PreviousTxnLgrSeq are the touching transaction's,
// which is how Close threads an entry.
type History struct {
	log     *eventlog.Log
	from    uint32
	genesis ledger.AccountRoot
	gkey    hash.Hash256
}

// NewHistory returns the history of a log with a genesis record. A log
// written before the entry index existed gives a History whose every
// read is ErrNoHistory.
func NewHistory(log *eventlog.Log) (*History, error) {
	g, err := ReadGenesis(log)
	if err != nil {
		return nil, fmt.Errorf("state history: %w", err)
	}
	from, ok, err := log.IndexedFrom()
	if err != nil {
		return nil, fmt.Errorf("state history: %w", err)
	}
	if !ok {
		from = ^uint32(0)
	}
	return &History{
		log:     log,
		from:    from,
		genesis: ledger.AccountRoot{Account: g.Account, Balance: g.Params.GenesisDrops, Sequence: 1},
		gkey:    ledger.AccountKey(g.Account),
	}, nil
}

// From returns the first ledger History answers for (with ok false when
// it answers for none).
func (h *History) From() (uint32, bool) { return h.from, h.from != ^uint32(0) }

// Entry kinds, rippled's LedgerEntryType names.
const (
	KindAccountRoot = "AccountRoot"
	KindEscrow      = "Escrow"
	KindTable       = "Table"
	KindRippleState = "RippleState"
)

// Entry is one ledger entry as it stood after a ledger: its ledger
// index, its kind, and the one of Account, Escrow or Table its kind
// names.
type Entry struct {
	Key     hash.Hash256
	Kind    string
	Account *ledger.AccountRoot
	Escrow  *ledger.Escrow
	Table   *TableEntry
	Line    *ledger.TrustLine
	// Fields are the fields, in rippled's JSON, of an entry of another
	// kind (a trust line, say): as the metadata holds them.
	Fields map[string]any
}

// TableEntry is a table's entry as the metadata holds it.
type TableEntry struct {
	Owner      address.AccountID
	Name       []byte
	NameInDB   [20]byte
	CreatedSeq uint32
	CreatedTx  hash.Hash256
	CheckHash  hash.Hash256
	// PreviousTxnID and PreviousTxnLgrSeq name the last transaction
	// that touched the table.
	PreviousTxnID     hash.Hash256
	PreviousTxnLgrSeq uint32
}

// Entry returns the entry with ledger index key as it stood after
// ledger seq; ok is false when it did not exist then.
func (h *History) Entry(key hash.Hash256, seq uint32) (e Entry, ok bool, err error) {
	if seq < h.from {
		return Entry{}, false, fmt.Errorf("state history: ledger %d: %w", seq, ErrNoHistory)
	}
	rec, err := h.log.EntryAt(key, seq)
	if errors.Is(err, eventlog.ErrNotFound) {
		if key == h.gkey {
			root := h.genesis
			return Entry{Key: key, Kind: KindAccountRoot, Account: &root}, true, nil
		}
		return Entry{}, false, nil
	} else if err != nil {
		return Entry{}, false, fmt.Errorf("state history: %w", err)
	}
	e, ok, err = entryIn(rec, key)
	if err != nil {
		return Entry{}, false, fmt.Errorf("state history: entry %X in transaction %X: %w", key, rec.Tx.Hash, err)
	}
	return e, ok, nil
}

// Account returns an account root as it stood after ledger seq.
func (h *History) Account(id address.AccountID, seq uint32) (ledger.AccountRoot, bool, error) {
	e, ok, err := h.Entry(ledger.AccountKey(id), seq)
	if err != nil || !ok {
		return ledger.AccountRoot{}, false, err
	}
	if e.Account == nil {
		return ledger.AccountRoot{}, false, fmt.Errorf("state history: the account root's key holds a %s: %w", e.Kind, eventlog.ErrCorrupt)
	}
	return *e.Account, true, nil
}

// Objects returns the objects an account owned or was the destination
// of after ledger seq (escrows), in ledger index order.
func (h *History) Objects(id address.AccountID, seq uint32) ([]Entry, error) {
	if seq < h.from {
		return nil, fmt.Errorf("state history: ledger %d: %w", seq, ErrNoHistory)
	}
	keys, err := h.log.OwnedEntries(id)
	if err != nil {
		return nil, fmt.Errorf("state history: %w", err)
	}
	var out []Entry
	for _, k := range keys {
		e, ok, err := h.Entry(k, seq)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// Entries returns up to limit entries that existed after ledger seq, in
// ledger index order from from (inclusive), reading at most scan keys of
// the index (entries deleted by then are skipped but counted). next is
// the key to continue from, and more is false when the index is done.
func (h *History) Entries(seq uint32, from hash.Hash256, limit, scan int) (out []Entry, next hash.Hash256, more bool, err error) {
	if seq < h.from {
		return nil, next, false, fmt.Errorf("state history: ledger %d: %w", seq, ErrNoHistory)
	}
	if limit <= 0 || scan < limit {
		return nil, next, false, fmt.Errorf("state history: limit %d, scan %d: %w", limit, scan, eventlog.ErrInvalid)
	}
	raw, err := h.log.EntryKeys(from, scan+1)
	if err != nil {
		return nil, next, false, fmt.Errorf("state history: %w", err)
	}
	keys := make([]hash.Hash256, 0, len(raw)+1)
	for _, k := range raw {
		keys = append(keys, k)
	}
	// The genesis account may be in no transaction yet: it takes its
	// place in key order among the keys read, or after them when the
	// index is done.
	if !hash256Less(h.gkey, from) {
		i, found := slices.BinarySearchFunc(keys, h.gkey, func(a, b hash.Hash256) int { return bytes.Compare(a[:], b[:]) })
		if !found && (len(raw) <= scan || i < len(keys)) {
			keys = slices.Insert(keys, i, h.gkey)
		}
	}
	for i, k := range keys {
		if len(out) == limit || i == scan {
			return out, k, true, nil
		}
		e, ok, err := h.Entry(k, seq)
		if err != nil {
			return nil, next, false, err
		}
		if ok {
			out = append(out, e)
		}
	}
	return out, next, false, nil
}

func hash256Less(a, b hash.Hash256) bool { return bytes.Compare(a[:], b[:]) < 0 }

// entryIn finds the entry key in a transaction's metadata.
func entryIn(rec *eventlog.TxRecord, key hash.Hash256) (Entry, bool, error) {
	meta, err := codec.Decode(rec.Tx.Meta)
	if err != nil {
		return Entry{}, false, fmt.Errorf("decode metadata: %w", err)
	}
	nodes, _ := meta.Array("AffectedNodes")
	for _, n := range nodes {
		if k, _ := n.Hash256("LedgerIndex"); k != key {
			continue
		}
		if n.Name() == "DeletedNode" {
			return Entry{}, false, nil
		}
		fieldsName := "FinalFields"
		if n.Name() == "CreatedNode" {
			fieldsName = "NewFields"
		}
		f, ok := n.Object(fieldsName)
		if !ok {
			return Entry{}, false, fmt.Errorf("%s without %s", n.Name(), fieldsName)
		}
		typ, _ := n.UInt16("LedgerEntryType")
		kind, _ := codec.LedgerEntryTypeName(typ)
		e := Entry{Key: key, Kind: kind}
		switch e.Kind {
		case KindAccountRoot:
			e.Account = accountFrom(f)
			e.Account.PreviousTxnID, e.Account.PreviousTxnLgrSeq = rec.Tx.Hash, rec.LedgerSeq
		case KindEscrow:
			t, err := Tx(&rec.Tx)
			if err != nil {
				return Entry{}, false, err
			}
			e.Escrow = escrowFrom(f)
			e.Escrow.Sequence = t.Sequence
			e.Escrow.PreviousTxnID, e.Escrow.PreviousTxnLgrSeq = rec.Tx.Hash, rec.LedgerSeq
		case KindTable:
			e.Table = tableFrom(f)
			e.Table.PreviousTxnID, e.Table.PreviousTxnLgrSeq = rec.Tx.Hash, rec.LedgerSeq
		case KindRippleState:
			if e.Line, err = lineFrom(f, rec); err != nil {
				return Entry{}, false, err
			}
		default:
			if kind == "" {
				return Entry{}, false, fmt.Errorf("entry of type %d", typ)
			}
			e.Fields = f.Map()
			e.Fields["PreviousTxnID"] = fmt.Sprintf("%X", rec.Tx.Hash[:])
			e.Fields["PreviousTxnLgrSeq"] = rec.LedgerSeq
		}
		return e, true, nil
	}
	return Entry{}, false, errors.New("the entry index names a transaction whose metadata does not hold the entry")
}

func accountFrom(f *codec.Object) *ledger.AccountRoot {
	a := &ledger.AccountRoot{}
	a.Account, _ = f.AccountID("Account")
	if b, ok := f.Amount("Balance"); ok {
		a.Balance = uint64(b.Drops())
	}
	a.Sequence, _ = f.UInt32("Sequence")
	a.Flags, _ = f.UInt32("Flags")
	a.OwnerCount, _ = f.UInt32("OwnerCount")
	a.TransferRate, _ = f.UInt32("TransferRate")
	a.Domain, _ = f.Blob("Domain")
	a.TransferFeeMin, _ = f.Blob("TransferFeeMin")
	a.TransferFeeMax, _ = f.Blob("TransferFeeMax")
	return a
}

func escrowFrom(f *codec.Object) *ledger.Escrow {
	e := &ledger.Escrow{}
	e.Owner, _ = f.AccountID("Account")
	e.Destination, _ = f.AccountID("Destination")
	if a, ok := f.Amount("Amount"); ok {
		e.Amount = uint64(a.Drops())
	}
	e.FinishAfter, _ = f.UInt32("FinishAfter")
	e.CancelAfter, _ = f.UInt32("CancelAfter")
	e.SourceTag, e.HasSourceTag = f.UInt32("SourceTag")
	e.DestinationTag, e.HasDestinationTag = f.UInt32("DestinationTag")
	return e
}

// lineFrom reads a trust line. A modified line's FinalFields name both
// accounts (its limits' issuers); a created one's NewFields leave out
// what is zero, a limit among them, so its accounts are those of the
// TrustSet that created it: its sender and its limit's issuer.
func lineFrom(f *codec.Object, rec *eventlog.TxRecord) (*ledger.TrustLine, error) {
	l := &ledger.TrustLine{}
	var accts []address.AccountID
	for _, name := range []string{"Balance", "LowLimit", "HighLimit"} {
		a, ok := f.Amount(name)
		if !ok {
			continue
		}
		l.Currency = a.Currency()
		v := iou.FromAmount(a)
		switch name {
		case "Balance":
			l.Balance = v
		case "LowLimit":
			l.LowLimit, l.Low = v, a.Issuer()
			accts = append(accts, a.Issuer())
		case "HighLimit":
			l.HighLimit, l.High = v, a.Issuer()
			accts = append(accts, a.Issuer())
		}
	}
	if len(accts) < 2 {
		t, err := Tx(&rec.Tx)
		if err != nil {
			return nil, err
		}
		limit, ok := t.Fields.Amount("LimitAmount")
		if !ok {
			return nil, errors.New("a trust line created by a transaction without LimitAmount")
		}
		l.Currency = limit.Currency()
		a, b := t.Account, limit.Issuer()
		if bytes.Compare(a[:], b[:]) > 0 {
			a, b = b, a
		}
		l.Low, l.High = a, b
	}
	l.Flags, _ = f.UInt32("Flags")
	l.LowQualityIn, _ = f.UInt32("LowQualityIn")
	l.LowQualityOut, _ = f.UInt32("LowQualityOut")
	l.HighQualityIn, _ = f.UInt32("HighQualityIn")
	l.HighQualityOut, _ = f.UInt32("HighQualityOut")
	l.PreviousTxnID, l.PreviousTxnLgrSeq = rec.Tx.Hash, rec.LedgerSeq
	return l, nil
}

func tableFrom(f *codec.Object) *TableEntry {
	t := &TableEntry{}
	t.Owner, _ = f.AccountID("Owner")
	t.Name, _ = f.Blob("TableName")
	t.NameInDB, _ = f.Hash160("NameInDB")
	t.CreatedSeq, _ = f.UInt32("CreateLgrSeq")
	t.CreatedTx, _ = f.Hash256("CreatedTxnHash")
	t.CheckHash, _ = f.Hash256("TxCheckHash")
	return t
}
