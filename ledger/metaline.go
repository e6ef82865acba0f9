package ledger

import (
	"encoding/binary"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/iou"
)

// noAccount is rippled's noAccount() (ACCOUNT_ONE), the issuer of a
// trust line's Balance: the balance is neither side's IOU.
var noAccount = address.AccountID{19: 1}

// appendLineNode appends a RippleState's CreatedNode (NewFields: the
// fields that are not at their default), ModifiedNode (the
// PreviousFields that changed, and every field in FinalFields) or
// DeletedNode (FinalFields with the thread, and PreviousFields), in
// rippled's form. LowNode and HighNode, the owner directory pages, are
// always 0: this ledger keeps no owner directories.
func appendLineNode(b []byte, c *LineChange) []byte {
	l := c.After
	switch {
	case c.Before == nil:
		b = append(b, fCreatedNode...)
		b = appendUint16(b, fLedgerEntryType, rippleStateType)
		b = appendHash256(b, fLedgerIndex, &c.Key)
		b = append(b, fNewFields...)
		if l.Flags != 0 {
			b = appendUint32(b, fFlags, l.Flags)
		}
		b = appendQualities(b, l)
		if !l.Balance.IsZero() {
			b = appendIssued(b, fBalance, l.Balance, l.Currency, noAccount)
		}
		if !l.LowLimit.IsZero() {
			b = appendIssued(b, fLowLimit, l.LowLimit, l.Currency, l.Low)
		}
		if !l.HighLimit.IsZero() {
			b = appendIssued(b, fHighLimit, l.HighLimit, l.Currency, l.High)
		}
		return append(b, objectEnd, objectEnd)
	case c.After == nil:
		l = c.Final
		b = append(b, fDeletedNode...)
	default:
		b = append(b, fModifiedNode...)
	}
	p := c.Before
	b = appendUint16(b, fLedgerEntryType, rippleStateType)
	if c.After != nil && p.PreviousTxnLgrSeq != 0 {
		b = appendUint32(b, fPreviousTxnLgrSeq, p.PreviousTxnLgrSeq)
		b = appendHash256(b, fPreviousTxnID, &p.PreviousTxnID)
	}
	b = appendHash256(b, fLedgerIndex, &c.Key)
	b = appendLinePrevious(b, p, l)
	b = append(b, fFinalFields...)
	b = appendUint32(b, fFlags, l.Flags)
	if c.After == nil {
		b = appendUint32(b, fPreviousTxnLgrSeq, l.PreviousTxnLgrSeq)
	}
	b = appendQualities(b, l)
	b = binary.BigEndian.AppendUint64(append(b, fLowNode...), 0)
	b = binary.BigEndian.AppendUint64(append(b, fHighNode...), 0)
	if c.After == nil {
		b = appendHash256(b, fPreviousTxnID, &l.PreviousTxnID)
	}
	b = appendIssued(b, fBalance, l.Balance, l.Currency, noAccount)
	b = appendIssued(b, fLowLimit, l.LowLimit, l.Currency, l.Low)
	b = appendIssued(b, fHighLimit, l.HighLimit, l.Currency, l.High)
	return append(b, objectEnd, objectEnd)
}

// appendLinePrevious appends the PreviousFields of a line whose value
// went from p to l, if any changed: a quality that was absent before is
// not a previous field, as in rippled.
func appendLinePrevious(b []byte, p, l *TrustLine) []byte {
	type prevQ struct {
		h          fieldHeader
		was, is    uint32
		changedOld bool
	}
	qs := [4]prevQ{
		{h: fHighQualityIn, was: p.HighQualityIn, is: l.HighQualityIn},
		{h: fHighQualityOut, was: p.HighQualityOut, is: l.HighQualityOut},
		{h: fLowQualityIn, was: p.LowQualityIn, is: l.LowQualityIn},
		{h: fLowQualityOut, was: p.LowQualityOut, is: l.LowQualityOut},
	}
	any := p.Flags != l.Flags || p.Balance != l.Balance || p.LowLimit != l.LowLimit || p.HighLimit != l.HighLimit
	for i := range qs {
		qs[i].changedOld = qs[i].was != qs[i].is && qs[i].was != 0
		any = any || qs[i].changedOld
	}
	if !any {
		return b
	}
	b = append(b, fPreviousFields...)
	if p.Flags != l.Flags {
		b = appendUint32(b, fFlags, p.Flags)
	}
	for _, q := range qs {
		if q.changedOld {
			b = appendUint32(b, q.h, q.was)
		}
	}
	if p.Balance != l.Balance {
		b = appendIssued(b, fBalance, p.Balance, p.Currency, noAccount)
	}
	if p.LowLimit != l.LowLimit {
		b = appendIssued(b, fLowLimit, p.LowLimit, p.Currency, p.Low)
	}
	if p.HighLimit != l.HighLimit {
		b = appendIssued(b, fHighLimit, p.HighLimit, p.Currency, p.High)
	}
	return append(b, objectEnd)
}

// appendQualities appends the qualities a line holds, in canonical
// order.
func appendQualities(b []byte, l *TrustLine) []byte {
	for _, q := range []struct {
		h fieldHeader
		v uint32
	}{{fHighQualityIn, l.HighQualityIn}, {fHighQualityOut, l.HighQualityOut}, {fLowQualityIn, l.LowQualityIn}, {fLowQualityOut, l.LowQualityOut}} {
		if q.v != 0 {
			b = appendUint32(b, q.h, q.v)
		}
	}
	return b
}

// appendIssued appends an issued amount in rippled's 48-byte form: the
// not-native bit, the sign (positive bit), the exponent + 97 and the
// mantissa, then the currency and the issuer; zero is the not-native
// bit alone.
func appendIssued(b []byte, h fieldHeader, v iou.Value, currency codec.Currency, issuer address.AccountID) []byte {
	b = append(b, h...)
	word := uint64(1) << 63
	if m := v.Mantissa(); m != 0 {
		if m > 0 {
			word |= positiveAmount
		} else {
			m = -m
		}
		word |= uint64(m) | uint64(v.Exponent()+97)<<54
	}
	b = binary.BigEndian.AppendUint64(b, word)
	b = append(b, currency[:]...)
	return append(b, issuer[:]...)
}

// appendAmount appends an amount, native or issued.
func appendAmount(b []byte, h fieldHeader, a codec.Amount) []byte {
	if a.IsNative() {
		return appendDrops(b, h, uint64(a.Drops()))
	}
	return appendIssued(b, h, iou.FromAmount(a), a.Currency(), a.Issuer())
}
