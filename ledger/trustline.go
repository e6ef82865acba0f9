package ledger

import (
	"bytes"
	"encoding/binary"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/hash"
	"github.com/sqledger/sqledger/protocol/iou"
)

// Trust line flags (rippled's RippleState lsf values).
const (
	LsfLowReserve   = 0x00010000
	LsfHighReserve  = 0x00020000
	LsfLowAuth      = 0x00040000
	LsfHighAuth     = 0x00080000
	LsfLowNoRipple  = 0x00100000
	LsfHighNoRipple = 0x00200000
	LsfLowFreeze    = 0x00400000
	LsfHighFreeze   = 0x00800000
)

// TrustLine is a trust line's ledger entry, rippled's RippleState: the
// two accounts in byte order (Low < High), the currency, the balance in
// the low account's terms (positive: the high account owes the low
// one), each side's limit (what it lets the other owe it), qualities
// (0 is none, as rippled stores QUALITY_ONE) and flags.
type TrustLine struct {
	Low, High           address.AccountID
	Currency            codec.Currency
	Balance             iou.Value
	LowLimit, HighLimit iou.Value
	LowQualityIn        uint32
	LowQualityOut       uint32
	HighQualityIn       uint32
	HighQualityOut      uint32
	Flags               uint32
	PreviousTxnID       hash.Hash256
	PreviousTxnLgrSeq   uint32
}

// LineKey is the ledger index of the trust line between a and b in
// currency: SHA-512Half of the space key 'r' (0x0072), the lower
// account, the higher and the currency, as rippled's keylet::line.
func LineKey(a, b address.AccountID, currency codec.Currency) hash.Hash256 {
	lo, hi := a, b
	if bytes.Compare(lo[:], hi[:]) > 0 {
		lo, hi = hi, lo
	}
	return hash.SHA512Half([]byte{0, 'r'}, lo[:], hi[:], currency[:])
}

// Key is the line's ledger index.
func (l *TrustLine) Key() hash.Hash256 { return LineKey(l.Low, l.High, l.Currency) }

// isHigh reports whether id is the line's high account.
func (l *TrustLine) isHigh(id address.AccountID) bool { return id == l.High }

// Peer returns the account on the other side of id.
func (l *TrustLine) Peer(id address.AccountID) address.AccountID {
	if l.isHigh(id) {
		return l.Low
	}
	return l.High
}

// BalanceOf is the line's balance in id's terms: positive when the peer
// owes id.
func (l *TrustLine) BalanceOf(id address.AccountID) iou.Value {
	if l.isHigh(id) {
		return l.Balance.Neg()
	}
	return l.Balance
}

// LimitOf is the limit id set: what it lets the peer owe it.
func (l *TrustLine) LimitOf(id address.AccountID) iou.Value {
	if l.isHigh(id) {
		return l.HighLimit
	}
	return l.LowLimit
}

// QualitiesOf are id's QualityIn and QualityOut (0: none).
func (l *TrustLine) QualitiesOf(id address.AccountID) (in, out uint32) {
	if l.isHigh(id) {
		return l.HighQualityIn, l.HighQualityOut
	}
	return l.LowQualityIn, l.LowQualityOut
}

// sideFlag returns the low or the high variant of a flag pair for id.
func (l *TrustLine) sideFlag(id address.AccountID, low, high uint32) uint32 {
	if l.isHigh(id) {
		return high
	}
	return low
}

// HasFlag reports whether id's side of the line has the flag of the
// pair (low, high), such as LsfLowNoRipple, LsfHighNoRipple.
func (l *TrustLine) HasFlag(id address.AccountID, low, high uint32) bool {
	return l.Flags&l.sideFlag(id, low, high) != 0
}

// digest is the entry's term of the state hash, under its ledger index.
// Its layout is fixed: a change would change every state hash that has
// a trust line.
func (l *TrustLine) digest(key hash.Hash256) stateHash {
	b := make([]byte, 0, 2+20+20+20+3*12+4*4+4+32+4)
	b = append(b, 0, 'r')
	b = append(b, l.Low[:]...)
	b = append(b, l.High[:]...)
	b = append(b, l.Currency[:]...)
	for _, v := range []iou.Value{l.Balance, l.LowLimit, l.HighLimit} {
		b = binary.BigEndian.AppendUint64(b, uint64(v.Mantissa()))
		b = binary.BigEndian.AppendUint32(b, uint32(int32(v.Exponent())))
	}
	for _, q := range []uint32{l.LowQualityIn, l.LowQualityOut, l.HighQualityIn, l.HighQualityOut, l.Flags} {
		b = binary.BigEndian.AppendUint32(b, q)
	}
	b = append(b, l.PreviousTxnID[:]...)
	b = binary.BigEndian.AppendUint32(b, l.PreviousTxnLgrSeq)
	return entryDigest(key, b)
}

func (l *TrustLine) clone() *TrustLine {
	c := *l
	return &c
}

// lineEntry is a trust line as the state holds it, with its term of the
// state hash.
type lineEntry struct {
	l      *TrustLine
	digest stateHash
}

// lineChange is one trust line a transaction touched: before is nil
// when it created the line, after nil when it deleted it.
type lineChange struct {
	key    hash.Hash256
	before *TrustLine
	after  *TrustLine
	// deleted: the transaction deleted the line; after is its value
	// when it did, for the metadata's FinalFields.
	deleted bool
}

// LineChange is one trust line a transaction touched, in its metadata:
// Before is nil for a line it created, After nil for one it deleted,
// whose value when it was deleted is Final (the metadata's
// FinalFields).
type LineChange struct {
	Key    hash.Hash256
	Before *TrustLine
	After  *TrustLine
	Final  *TrustLine
}

// LineUpdate is a trust line's value after a ledger; Line is nil when
// the ledger deleted it.
type LineUpdate struct {
	Key  hash.Hash256
	Line *TrustLine
}

// line returns the sandbox's mutable copy of a trust line, or nil.
func (v *sandbox) line(key hash.Hash256) *TrustLine {
	for i := range v.lmods {
		if v.lmods[i].key == key {
			if v.lmods[i].deleted {
				return nil
			}
			return v.lmods[i].after
		}
	}
	l := v.base.getLine(key)
	if l == nil {
		return nil
	}
	c := l.clone()
	v.lmods = append(v.lmods, lineChange{key: key, before: l, after: c})
	return c
}

// readLine returns a trust line without marking it touched: the
// sandbox's copy if it has one, else the state's, which the caller must
// not modify.
func (v *sandbox) readLine(key hash.Hash256) *TrustLine {
	for i := range v.lmods {
		if v.lmods[i].key == key {
			if v.lmods[i].deleted {
				return nil
			}
			return v.lmods[i].after
		}
	}
	return v.base.getLine(key)
}

// putLine stores l as the line's value: a new line, or the new value of
// one the sandbox holds.
func (v *sandbox) putLine(l *TrustLine) {
	key := l.Key()
	for i := range v.lmods {
		if v.lmods[i].key == key {
			v.lmods[i].after, v.lmods[i].deleted = l, false
			return
		}
	}
	v.lmods = append(v.lmods, lineChange{key: key, before: v.base.getLine(key), after: l})
}

// deleteLine removes a trust line the sandbox holds.
func (v *sandbox) deleteLine(key hash.Hash256) {
	for i := range v.lmods {
		if v.lmods[i].key == key {
			v.lmods[i].deleted = true
		}
	}
}
