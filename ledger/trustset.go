package ledger

import (
	"bytes"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/iou"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// trustSetMask are the transaction flags TrustSet accepts.
const trustSetMask = tx.FlagFullyCanonicalSig | tx.FlagSetfAuth | tx.FlagSetNoRipple |
	tx.FlagClearNoRipple | tx.FlagSetFreeze | tx.FlagClearFreeze

// badCurrency is rippled's badCurrency(): the three letters of the
// native currency as a standard code, which no issued amount may use.
var badCurrency = func() codec.Currency {
	var c codec.Currency
	copy(c[12:], codec.NativeCode)
	return c
}()

// preflightTrustSet checks a TrustSet alone, in the order of rippled's
// SetTrust::preflight.
func preflightTrustSet(t *tx.Tx, _ *parsed) ter.Code {
	if t.Flags&^trustSetMask != 0 {
		return ter.TemINVALID_FLAG
	}
	s := t.TrustSet()
	switch {
	case s.Limit.IsNative():
		return ter.TemBAD_LIMIT
	case s.Limit.Currency() == badCurrency:
		return ter.TemBAD_CURRENCY
	case s.Limit.IsNegative():
		return ter.TemBAD_LIMIT
	case s.Limit.Issuer().IsZero() || s.Limit.Issuer() == noAccount:
		return ter.TemDST_NEEDED
	}
	return ter.TesSUCCESS
}

// preclaimTrustSet is SetTrust::preclaim: tfSetfAuth needs the sender's
// lsfRequireAuth (tefNO_AUTH_REQUIRED), and a line to oneself is
// temDST_IS_SRC (no such line can exist here, so rippled's clean-up of
// one does not apply). Both leave the transaction out of the ledger.
func preclaimTrustSet(v *sandbox, t *tx.Tx) ter.Code {
	a := v.readAccount(t.Account)
	if t.Flags&tx.FlagSetfAuth != 0 && a.Flags&LsfRequireAuth == 0 {
		return ter.TefNO_AUTH_REQUIRED
	}
	if t.TrustSet().Limit.Issuer() == t.Account {
		return ter.TemDST_IS_SRC
	}
	return ter.TesSUCCESS
}

// applyTrustSet is SetTrust::doApply: it sets the sender's side of the
// line to the peer (LimitAmount's issuer) in LimitAmount's currency,
// creating the line, changing it, or deleting it once both sides are
// back to their defaults.
func applyTrustSet(v *sandbox, t *tx.Tx, e *env) ter.Code {
	s := t.TrustSet()
	me, peer := t.Account, s.Limit.Issuer()
	src := v.account(me)
	prior := src.Balance + t.Fee
	// Only a third owned object onward needs the reserve, so that a
	// gateway can fund a new user's first lines without being tricked.
	var reserveCreate uint64
	if src.OwnerCount >= 2 {
		reserveCreate = e.params.Reserve(src.OwnerCount + 1)
	}
	qIn, qOut := s.QualityIn, s.QualityOut
	if s.HasQualityOut && qOut == QualityOne {
		qOut = 0
	}
	if !v.exists(peer) {
		return ter.TecNO_DST
	}
	limit := iou.FromAmount(s.Limit)
	setAuth := t.Flags&tx.FlagSetfAuth != 0
	setNoRipple := t.Flags&tx.FlagSetNoRipple != 0 && t.Flags&tx.FlagClearNoRipple == 0
	setFreeze := t.Flags&tx.FlagSetFreeze != 0 && t.Flags&tx.FlagClearFreeze == 0
	key := LineKey(me, peer, s.Limit.Currency())
	if l := v.line(key); l != nil {
		return modifyLine(v, t, l, prior, reserveCreate)
	}
	if limit.IsZero() && (!s.HasQualityIn || qIn == 0) && (!s.HasQualityOut || qOut == 0) && !setAuth {
		return ter.TecNO_LINE_REDUNDANT
	}
	if prior < reserveCreate {
		return ter.TecNO_LINE_INSUF_RESERVE
	}
	l := newLine(me, peer, s.Limit.Currency())
	high := l.isHigh(me)
	if high {
		l.HighLimit, l.HighQualityIn, l.HighQualityOut = limit, qIn, qOut
	} else {
		l.LowLimit, l.LowQualityIn, l.LowQualityOut = limit, qIn, qOut
	}
	l.Flags = l.sideFlag(me, LsfLowReserve, LsfHighReserve)
	if setAuth {
		l.Flags |= l.sideFlag(me, LsfLowAuth, LsfHighAuth)
	}
	if setNoRipple {
		l.Flags |= l.sideFlag(me, LsfLowNoRipple, LsfHighNoRipple)
	}
	if setFreeze {
		l.Flags |= l.sideFlag(me, LsfLowFreeze, LsfHighFreeze)
	}
	if v.readAccount(peer).Flags&LsfDefaultRipple == 0 {
		l.Flags |= l.sideFlag(peer, LsfLowNoRipple, LsfHighNoRipple)
	}
	src.OwnerCount++
	v.putLine(l)
	return ter.TesSUCCESS
}

// newLine returns an empty line between a and b, in byte order.
func newLine(a, b [20]byte, currency codec.Currency) *TrustLine {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return &TrustLine{Low: a, High: b, Currency: currency, Balance: iou.Zero, LowLimit: iou.Zero, HighLimit: iou.Zero}
}

// modifyLine is the existing-line branch of SetTrust::doApply: the
// sender's limit, qualities and flags change, each side's reserve (and
// its owner count) follows whether that side is at its default, and a
// line with both sides at their defaults is deleted.
func modifyLine(v *sandbox, t *tx.Tx, l *TrustLine, prior, reserveCreate uint64) ter.Code {
	s := t.TrustSet()
	me := t.Account
	limit := iou.FromAmount(s.Limit)
	if l.isHigh(me) {
		l.HighLimit = limit
	} else {
		l.LowLimit = limit
	}
	setQuality := func(has bool, q uint32, low, high *uint32) {
		if !has {
			return
		}
		if l.isHigh(me) {
			*high = q
		} else {
			*low = q
		}
	}
	setQuality(s.HasQualityIn, s.QualityIn, &l.LowQualityIn, &l.HighQualityIn)
	qOut := s.QualityOut
	if qOut == QualityOne {
		qOut = 0
	}
	setQuality(s.HasQualityOut, qOut, &l.LowQualityOut, &l.HighQualityOut)
	flagsIn := l.Flags
	flags := flagsIn
	f := t.Flags
	switch {
	case f&tx.FlagSetNoRipple != 0 && f&tx.FlagClearNoRipple == 0:
		if l.BalanceOf(me).Sign() < 0 {
			return ter.TecNO_PERMISSION
		}
		flags |= l.sideFlag(me, LsfLowNoRipple, LsfHighNoRipple)
	case f&tx.FlagClearNoRipple != 0 && f&tx.FlagSetNoRipple == 0:
		flags &^= l.sideFlag(me, LsfLowNoRipple, LsfHighNoRipple)
	}
	switch {
	case f&tx.FlagSetFreeze != 0 && f&tx.FlagClearFreeze == 0:
		flags |= l.sideFlag(me, LsfLowFreeze, LsfHighFreeze)
	case f&tx.FlagClearFreeze != 0 && f&tx.FlagSetFreeze == 0:
		flags &^= l.sideFlag(me, LsfLowFreeze, LsfHighFreeze)
	}
	if f&tx.FlagSetfAuth != 0 {
		flags |= l.sideFlag(me, LsfLowAuth, LsfHighAuth)
	}
	reserveIncrease := false
	for _, side := range [2][20]byte{l.Low, l.High} {
		reserve := l.sideFlag(side, LsfLowReserve, LsfHighReserve)
		needed := !sideIsDefault(v, l, side, flags)
		switch {
		case needed && flagsIn&reserve == 0:
			v.account(side).OwnerCount++
			flags |= reserve
			reserveIncrease = reserveIncrease || side == me
		case !needed && flagsIn&reserve != 0:
			v.account(side).OwnerCount--
			flags &^= reserve
		}
	}
	l.Flags = flags
	switch {
	case flags&(LsfLowReserve|LsfHighReserve) == 0:
		v.deleteLine(l.Key())
	case reserveIncrease && prior < reserveCreate:
		return ter.TecINSUF_RESERVE_LINE
	}
	return ter.TesSUCCESS
}

// sideIsDefault reports whether side's half of the line, with flags,
// asks for no reserve: no qualities, NoRipple as its account's
// DefaultRipple implies, no freeze, a zero limit and a balance it does
// not hold (bLowReserveClear / bHighReserveClear).
func sideIsDefault(v *sandbox, l *TrustLine, side [20]byte, flags uint32) bool {
	qIn, qOut := l.QualitiesOf(side)
	if qIn == QualityOne {
		qIn = 0
	}
	noRipple := flags&l.sideFlag(side, LsfLowNoRipple, LsfHighNoRipple) != 0
	defRipple := v.readAccount(side).Flags&LsfDefaultRipple != 0
	return qIn == 0 && qOut == 0 && noRipple != defRipple &&
		flags&l.sideFlag(side, LsfLowFreeze, LsfHighFreeze) == 0 &&
		l.LimitOf(side).IsZero() && l.BalanceOf(side).Sign() <= 0
}
