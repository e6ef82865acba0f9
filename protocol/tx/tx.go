package tx

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Errors of transaction decoding and checking.
var (
	// ErrFormat: the transaction lacks a required field or carries one its
	// type does not allow.
	ErrFormat = errors.New("tx: malformed transaction")
	// ErrUnknownType: the TransactionType is not one the node knows.
	ErrUnknownType = errors.New("tx: unknown transaction type")
	// ErrBadFee: the Fee is not a non-negative native amount.
	ErrBadFee = errors.New("tx: fee must be a non-negative ZXC amount")
	// ErrUnsigned: the transaction has no signature.
	ErrUnsigned = errors.New("tx: transaction is not signed")
	// ErrSignature: the signature does not verify.
	ErrSignature = errors.New("tx: invalid signature")
)

// Tx is a decoded transaction: its fields, with the common ones in typed
// form, its binary form and its hash. A Tx is immutable once built: it is
// shared between actors.
type Tx struct {
	Type               Type
	Account            address.AccountID
	Sequence           uint32
	Fee                uint64 // drops
	Flags              uint32
	LastLedgerSequence uint32 // 0: none
	SigningPubKey      []byte
	TxnSignature       []byte

	// Hash is SHA-512Half("TXN\0" ‖ Blob), the transaction's identifier.
	Hash hash.Hash256
	// Blob is the binary transaction.
	Blob []byte
	// Fields are all the transaction's fields.
	Fields *codec.Object

	jsonOnce  sync.Once
	jsonBytes []byte
	// noRawOnce and noRaw are JSONBytesWithoutRaw's.
	noRawOnce sync.Once
	noRaw     []byte

	tableOnce sync.Once
	tableOps  any

	// What fromObject read besides the typed fields above (decoded), so
	// that the ledger need not search Fields for them: on another
	// goroutine than the decoder's, each search is cache misses.
	decoded         bool
	hasLastLedger   bool
	accountTxnID    hash.Hash256
	hasAccountTxnID bool
	pay             PaymentFields // a decoded Payment's
}

// HasLastLedgerSequence reports whether the transaction carries
// LastLedgerSequence, including one of 0 (which the field
// LastLedgerSequence cannot tell from none).
func (t *Tx) HasLastLedgerSequence() bool {
	if t.decoded {
		return t.hasLastLedger
	}
	return t.Fields != nil && t.Fields.Has("LastLedgerSequence")
}

// AccountTxnID returns the transaction's AccountTxnID field, if any.
func (t *Tx) AccountTxnID() (hash.Hash256, bool) {
	if t.decoded {
		return t.accountTxnID, t.hasAccountTxnID
	}
	if t.Fields == nil {
		return hash.Hash256{}, false
	}
	return t.Fields.Hash256("AccountTxnID")
}

// Decode parses a binary transaction and checks it against its type's
// format. It does not verify the signature. The transaction keeps blob:
// its Blob and the values of its Fields are slices of it, so the caller
// must not modify blob afterwards.
func Decode(blob []byte) (*Tx, error) {
	o, err := codec.DecodeShared(blob)
	if err != nil {
		return nil, fmt.Errorf("decode transaction: %w", err)
	}
	t, err := fromObject(o)
	if err != nil {
		return nil, err
	}
	t.Blob = blob
	t.Hash = hash.Prefixed(hash.TransactionID, blob)
	return t, nil
}

// FromObject checks a transaction's fields against its type's format and
// encodes it, as for a transaction built from JSON.
func FromObject(o *codec.Object) (*Tx, error) {
	t, err := fromObject(o)
	if err != nil {
		return nil, err
	}
	t.Blob = o.Encode()
	t.Hash = hash.Prefixed(hash.TransactionID, t.Blob)
	return t, nil
}

func fromObject(o *codec.Object) (*Tx, error) {
	code, ok := o.UInt16("TransactionType")
	if !ok {
		return nil, fmt.Errorf("%w: missing TransactionType", ErrFormat)
	}
	f, ok := FormatOf(Type(code))
	if !ok {
		return nil, fmt.Errorf("%w: %d", ErrUnknownType, code)
	}
	if err := f.check(o); err != nil {
		return nil, err
	}
	t := &Tx{Type: Type(code), Fields: o}
	t.Account, _ = o.AccountID("Account")
	t.Sequence, _ = o.UInt32("Sequence")
	t.Flags, _ = o.UInt32("Flags")
	t.LastLedgerSequence, t.hasLastLedger = o.UInt32("LastLedgerSequence")
	t.accountTxnID, t.hasAccountTxnID = o.Hash256("AccountTxnID")
	t.decoded = true
	t.SigningPubKey, _ = o.Blob("SigningPubKey")
	t.TxnSignature, _ = o.Blob("TxnSignature")
	fee, _ := o.Amount("Fee")
	if !fee.IsNative() || fee.IsNegative() {
		return nil, ErrBadFee
	}
	t.Fee = uint64(fee.Drops())
	if t.Type == Payment {
		t.pay = paymentFields(o)
	}
	return t, nil
}

// SigningData is what the signature covers: "STX\0" followed by the
// signing fields.
func (t *Tx) SigningData() []byte {
	return append(append([]byte(nil), hash.TxSign[:]...), t.Fields.EncodeSigning()...)
}

// JSON returns the transaction's JSON form with its "hash", a new map
// that the caller may change.
func (t *Tx) JSON() map[string]any {
	m := t.Fields.Map()
	m["hash"] = fmt.Sprintf("%X", t.Hash[:])
	return m
}

// JSONBytes is JSON marshalled, computed once: notifications of one
// transaction to many subscribers share it. The caller must not modify
// it. It is written by codec's MarshalJSON with "hash" appended: field
// names start with a capital, which sorts before "hash", so the bytes
// are json.Marshal's of JSON (a transaction with a field that sorts at
// or after "hash", which no signed transaction has, goes through JSON).
func (t *Tx) JSONBytes() []byte {
	t.jsonOnce.Do(func() {
		t.jsonBytes = t.marshalJSON()
	})
	return t.jsonBytes
}

// JSONBytesWithoutRaw is JSONBytes without the Raw field, computed
// once: what a submit answer and every notification of a table
// transaction with a long Raw carry (chainsqld leaves such a Raw out).
// The caller must not modify it.
func (t *Tx) JSONBytesWithoutRaw() []byte {
	t.noRawOnce.Do(func() {
		m := t.JSON()
		delete(m, "Raw")
		t.noRaw = marshalMap(m)
	})
	return t.noRaw
}

// marshalMap is json.Marshal of a JSON map, which holds only strings,
// numbers, maps and slices, and so never fails.
func marshalMap(m map[string]any) []byte {
	b, err := json.Marshal(m)
	if err != nil {
		return []byte(`{}`)
	}
	return b
}

func (t *Tx) marshalJSON() []byte {
	for i := range t.Fields.Len() {
		if t.Fields.FieldName(i) >= "hash" {
			return marshalMap(t.JSON())
		}
	}
	b, _ := t.Fields.MarshalJSON() // never fails
	b = b[:len(b)-1]
	if t.Fields.Len() > 0 {
		b = append(b, ',')
	}
	b = append(b, `"hash":"`...)
	b = fmt.Appendf(b, "%X", t.Hash[:])
	return append(b, `"}`...)
}

// TableOps returns what parse makes of the transaction's table
// operations, calling parse on the first call only: every later call,
// from any goroutine, returns that first value. Its one caller is
// protocol/tableop (tableop.Of), which reads this package's types and so
// cannot be imported by it; the value is immutable.
func (t *Tx) TableOps(parse func(*Tx) any) any {
	t.tableOnce.Do(func() { t.tableOps = parse(t) })
	return t.tableOps
}
