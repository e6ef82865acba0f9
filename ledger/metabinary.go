package ledger

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Metadata is written field by field, in canonical order (type code, then
// nth, as codec.Object keeps fields), straight into a byte slice: the
// same bytes as building codec.Objects and encoding them, without the
// objects. The field headers come from the codec's field table; the
// order of the fields within each object is the order of the code
// below, which TestMetaFieldOrder checks against the table and
// TestMetaEncodeMatchesCodec against codec.Object.
var (
	fTransactionResult = metaField("TransactionResult")
	fTransactionIndex  = metaField("TransactionIndex")
	fDeliveredAmount   = metaField("DeliveredAmount")
	fContractLogs      = metaField("ContractLogs")
	fContractDetailMsg = metaField("ContractDetailMsg")
	fAffectedNodes     = metaField("AffectedNodes")

	fCreatedNode    = metaField("CreatedNode")
	fDeletedNode    = metaField("DeletedNode")
	fModifiedNode   = metaField("ModifiedNode")
	fPreviousFields = metaField("PreviousFields")
	fFinalFields    = metaField("FinalFields")
	fNewFields      = metaField("NewFields")

	fLedgerEntryType   = metaField("LedgerEntryType")
	fPreviousTxnLgrSeq = metaField("PreviousTxnLgrSeq")
	fPreviousTxnID     = metaField("PreviousTxnID")
	fLedgerIndex       = metaField("LedgerIndex")

	fFlags        = metaField("Flags")
	fSequence     = metaField("Sequence")
	fOwnerCount   = metaField("OwnerCount")
	fBalance      = metaField("Balance")
	fDomain       = metaField("Domain")
	fTransferRate = metaField("TransferRate")
	fFeeMin       = metaField("TransferFeeMin")
	fFeeMax       = metaField("TransferFeeMax")
	fContractCode = metaField("ContractCode")
	fAccount      = metaField("Account")

	fCreateLgrSeq   = metaField("CreateLgrSeq")
	fTxCheckHash    = metaField("TxCheckHash")
	fCreatedTxnHash = metaField("CreatedTxnHash")
	fTableName      = metaField("TableName")
	fOwner          = metaField("Owner")
	fNameInDB       = metaField("NameInDB")

	fSourceTag      = metaField("SourceTag")
	fDestinationTag = metaField("DestinationTag")
	fCancelAfter    = metaField("CancelAfter")
	fFinishAfter    = metaField("FinishAfter")
	fOwnerNode      = metaField("OwnerNode")
	fAmount         = metaField("Amount")
	fDestination    = metaField("Destination")

	accountRootType = entryType("AccountRoot")
	escrowType      = entryType("Escrow")
	tableType       = entryType("Table")
	rippleStateType = entryType("RippleState")

	fLowNode        = metaField("LowNode")
	fHighNode       = metaField("HighNode")
	fLowLimit       = metaField("LowLimit")
	fHighLimit      = metaField("HighLimit")
	fLowQualityIn   = metaField("LowQualityIn")
	fLowQualityOut  = metaField("LowQualityOut")
	fHighQualityIn  = metaField("HighQualityIn")
	fHighQualityOut = metaField("HighQualityOut")
)

// The end markers of rippled's serialization: the headers of
// ObjectEndMarker (STObject, nth 1) and ArrayEndMarker (STArray, nth 1).
const (
	objectEnd = 0xE1
	arrayEnd  = 0xF1
)

// positiveAmount marks a non-negative native amount (STAmount's
// cPositive bit).
const positiveAmount = uint64(1) << 62

// fieldHeader is a field's header bytes: type and nth.
type fieldHeader []byte

// metaField returns the header of a serialized field, by rippled's rule:
// type and nth each take a nibble of the first byte when below 16,
// otherwise a byte of their own after it, type first. The names are
// compiled in, so a missing one is a build defect.
func metaField(name string) fieldHeader {
	f, ok := codec.LookupField(name)
	if !ok || !f.Serialized {
		panic("ledger: metadata field " + name + " has no binary form in the codec's table")
	}
	t, n := byte(f.Type), byte(f.Nth)
	switch {
	case t < 16 && n < 16:
		return fieldHeader{t<<4 | n}
	case t < 16:
		return fieldHeader{t << 4, n}
	case n < 16:
		return fieldHeader{n, t}
	}
	return fieldHeader{0, t, n}
}

func entryType(name string) uint16 {
	c, ok := codec.LedgerEntryTypeCode(name)
	if !ok {
		panic("ledger: ledger entry type " + name + " is not in the codec's table")
	}
	return c
}

// metaWriter writes metadata blobs. It keeps its scratch space between
// blobs, so that a ledger's worth of metadata costs no allocation but
// the blobs themselves.
type metaWriter struct {
	buf   []byte
	order []affected
}

// affected is an AffectedNodes element before sorting: an account
// (Nodes[i]) or a table (Tables[i]), with its ledger index and its
// position in the unsorted list, accounts first.
type affected struct {
	key    hash.Hash256
	pos    int
	table  bool
	escrow bool
	line   bool
	i      int
}

// encode returns m's binary form in w's buffer, valid until the next
// call; keys[i] is the ledger index of m.Nodes[i].
func (w *metaWriter) encode(m *Meta, keys []hash.Hash256) []byte {
	w.order = w.order[:0]
	for i := range m.Nodes {
		w.order = append(w.order, affected{key: keys[i], pos: len(w.order), i: i})
	}
	for i := range m.Tables {
		w.order = append(w.order, affected{key: m.Tables[i].Key, pos: len(w.order), table: true, i: i})
	}
	for i := range m.Escrows {
		w.order = append(w.order, affected{key: m.Escrows[i].Key, pos: len(w.order), escrow: true, i: i})
	}
	for i := range m.Lines {
		w.order = append(w.order, affected{key: m.Lines[i].Key, pos: len(w.order), line: true, i: i})
	}
	// By ledger index; equal indexes (which distinct entries never
	// have) would keep accounts first, each kind in its own order.
	slices.SortFunc(w.order, func(a, b affected) int {
		if c := bytes.Compare(a.key[:], b.key[:]); c != 0 {
			return c
		}
		return a.pos - b.pos
	})

	b := w.buf[:0]
	b = appendUint16(b, fTransactionResult, uint16(m.Result))
	b = appendUint32(b, fTransactionIndex, m.Index)
	if m.DeliveredDrops >= 0 {
		b = appendDrops(b, fDeliveredAmount, uint64(m.DeliveredDrops))
	} else if m.HasDeliveredIOU {
		b = appendAmount(b, fDeliveredAmount, m.DeliveredIOU)
	}
	if len(m.Logs) > 0 {
		b = appendBlob(b, fContractLogs, encodeLogs(m.Logs))
	}
	if m.Detail != "" {
		b = appendBlob(b, fContractDetailMsg, []byte(m.Detail))
	}
	b = append(b, fAffectedNodes...)
	for _, a := range w.order {
		if a.line {
			b = appendLineNode(b, &m.Lines[a.i])
		} else if a.escrow {
			b = appendEscrowNode(b, &m.Escrows[a.i])
		} else if a.table {
			b = appendTableNode(b, &m.Tables[a.i])
		} else {
			b = appendAccountNode(b, &m.Nodes[a.i], &a.key)
		}
	}
	b = append(b, arrayEnd)
	w.buf = b
	return b
}

// appendAccountNode appends an AccountRoot's CreatedNode or ModifiedNode.
func appendAccountNode(b []byte, n *NodeChange, key *hash.Hash256) []byte {
	a := n.After
	if n.Before == nil {
		b = append(b, fCreatedNode...)
		b = appendUint16(b, fLedgerEntryType, accountRootType)
		b = appendHash256(b, fLedgerIndex, key)
		b = append(b, fNewFields...)
		b = appendUint32(b, fSequence, a.Sequence)
		b = appendDrops(b, fBalance, a.Balance)
		if len(a.Code) > 0 {
			b = appendBlob(b, fContractCode, a.Code)
		}
		b = appendAccountID(b, fAccount, a.Account)
		return append(b, objectEnd, objectEnd)
	}
	p := n.Before
	b = append(b, fModifiedNode...)
	b = appendUint16(b, fLedgerEntryType, accountRootType)
	if p.PreviousTxnLgrSeq != 0 {
		b = appendUint32(b, fPreviousTxnLgrSeq, p.PreviousTxnLgrSeq)
		b = appendHash256(b, fPreviousTxnID, &p.PreviousTxnID)
	}
	b = appendHash256(b, fLedgerIndex, key)
	// A transfer setting that was absent before is not a previous field,
	// as in rippled.
	prevRate := p.TransferRate != a.TransferRate && p.TransferRate != 0
	prevMin := !bytes.Equal(p.TransferFeeMin, a.TransferFeeMin) && len(p.TransferFeeMin) > 0
	prevMax := !bytes.Equal(p.TransferFeeMax, a.TransferFeeMax) && len(p.TransferFeeMax) > 0
	if p.Flags != a.Flags || p.Sequence != a.Sequence || p.OwnerCount != a.OwnerCount || p.Balance != a.Balance || prevRate || prevMin || prevMax {
		b = append(b, fPreviousFields...)
		if p.Flags != a.Flags {
			b = appendUint32(b, fFlags, p.Flags)
		}
		if p.Sequence != a.Sequence {
			b = appendUint32(b, fSequence, p.Sequence)
		}
		if prevRate {
			b = appendUint32(b, fTransferRate, p.TransferRate)
		}
		if p.OwnerCount != a.OwnerCount {
			b = appendUint32(b, fOwnerCount, p.OwnerCount)
		}
		if p.Balance != a.Balance {
			b = appendDrops(b, fBalance, p.Balance)
		}
		if prevMin {
			b = appendBlob(b, fFeeMin, p.TransferFeeMin)
		}
		if prevMax {
			b = appendBlob(b, fFeeMax, p.TransferFeeMax)
		}
		b = append(b, objectEnd)
	}
	b = append(b, fFinalFields...)
	b = appendUint32(b, fFlags, a.Flags)
	b = appendUint32(b, fSequence, a.Sequence)
	if a.TransferRate != 0 {
		b = appendUint32(b, fTransferRate, a.TransferRate)
	}
	b = appendUint32(b, fOwnerCount, a.OwnerCount)
	b = appendDrops(b, fBalance, a.Balance)
	if len(a.Domain) > 0 {
		b = appendBlob(b, fDomain, a.Domain)
	}
	if len(a.TransferFeeMin) > 0 {
		b = appendBlob(b, fFeeMin, a.TransferFeeMin)
	}
	if len(a.TransferFeeMax) > 0 {
		b = appendBlob(b, fFeeMax, a.TransferFeeMax)
	}
	b = appendAccountID(b, fAccount, a.Account)
	return append(b, objectEnd, objectEnd)
}

// appendTableNode appends a Table's CreatedNode (NewFields),
// ModifiedNode (FinalFields) or DeletedNode (FinalFields, the value
// before), with the fields a client reads.
func appendTableNode(b []byte, t *TableChange) []byte {
	kind, fields, tbl := fModifiedNode, fFinalFields, t.After
	switch {
	case t.Before == nil:
		kind, fields = fCreatedNode, fNewFields
	case t.After == nil:
		kind, tbl = fDeletedNode, t.Before
	}
	b = append(b, kind...)
	b = appendUint16(b, fLedgerEntryType, tableType)
	b = appendHash256(b, fLedgerIndex, &t.Key)
	b = append(b, fields...)
	b = appendUint32(b, fCreateLgrSeq, tbl.CreatedSeq)
	b = appendHash256(b, fTxCheckHash, &tbl.CheckHash)
	b = appendHash256(b, fCreatedTxnHash, &tbl.CreatedTx)
	b = appendBlob(b, fTableName, tbl.Name)
	b = appendAccountID(b, fOwner, tbl.Owner)
	b = append(b, fNameInDB...)
	b = append(b, tbl.NameInDB[:]...)
	return append(b, objectEnd, objectEnd)
}

// appendEscrowNode appends an Escrow's CreatedNode (NewFields) or
// DeletedNode (FinalFields, the value before); a transaction never
// modifies an escrow in place.
func appendEscrowNode(b []byte, c *EscrowChange) []byte {
	kind, fields, e := fCreatedNode, fNewFields, c.After
	if c.After == nil {
		kind, fields, e = fDeletedNode, fFinalFields, c.Before
	}
	deleted := c.After == nil
	b = append(b, kind...)
	b = appendUint16(b, fLedgerEntryType, escrowType)
	b = appendHash256(b, fLedgerIndex, &c.Key)
	b = append(b, fields...)
	if deleted {
		b = appendUint32(b, fFlags, 0)
	}
	if e.HasSourceTag {
		b = appendUint32(b, fSourceTag, e.SourceTag)
	}
	if deleted {
		b = appendUint32(b, fPreviousTxnLgrSeq, e.PreviousTxnLgrSeq)
	}
	if e.HasDestinationTag {
		b = appendUint32(b, fDestinationTag, e.DestinationTag)
	}
	if e.CancelAfter != 0 {
		b = appendUint32(b, fCancelAfter, e.CancelAfter)
	}
	if e.FinishAfter != 0 {
		b = appendUint32(b, fFinishAfter, e.FinishAfter)
	}
	if deleted {
		b = binary.BigEndian.AppendUint64(append(b, fOwnerNode...), 0)
		b = appendHash256(b, fPreviousTxnID, &e.PreviousTxnID)
	}
	b = appendDrops(b, fAmount, e.Amount)
	b = appendAccountID(b, fAccount, e.Owner)
	b = appendAccountID(b, fDestination, e.Destination)
	return append(b, objectEnd, objectEnd)
}

func appendUint16(b []byte, h fieldHeader, v uint16) []byte {
	return binary.BigEndian.AppendUint16(append(b, h...), v)
}

func appendUint32(b []byte, h fieldHeader, v uint32) []byte {
	return binary.BigEndian.AppendUint32(append(b, h...), v)
}

// appendDrops appends a native amount; drops never exceed maxDrops.
func appendDrops(b []byte, h fieldHeader, drops uint64) []byte {
	return binary.BigEndian.AppendUint64(append(b, h...), drops|positiveAmount)
}

func appendHash256(b []byte, h fieldHeader, v *hash.Hash256) []byte {
	return append(append(b, h...), v[:]...)
}

func appendAccountID(b []byte, h fieldHeader, id [20]byte) []byte {
	b = append(b, h...)
	b = append(b, byte(len(id)))
	return append(b, id[:]...)
}

// appendBlob appends a VL-encoded value. A value past the VL limit has
// no encoding (codec.Object.Set refuses it as well); the transactors
// must never leave one in metadata.
func appendBlob(b []byte, h fieldHeader, v []byte) []byte {
	b, err := codec.AppendVLLength(append(b, h...), len(v))
	if err != nil {
		panic(fmt.Errorf("ledger: building metadata: %w", err))
	}
	return append(b, v...)
}
