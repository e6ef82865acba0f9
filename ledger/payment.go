package ledger

import (
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/iou"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// deliverMin returns a payment's DeliverMin, looking for it only when
// the payment has one.
func deliverMin(t *tx.Tx, p tx.PaymentFields) (codec.Amount, bool) {
	if !p.HasDeliverMin {
		return codec.Amount{}, false
	}
	return t.Fields.Amount("DeliverMin")
}

// preflightPayment checks a Payment alone, in the order of rippled's
// Payment::preflight. Beyond rippled, an issued-currency payment with
// explicit Paths or tfLimitQuality is temDISABLED: this ledger runs the
// default path only (see ripplePayment).
func preflightPayment(t *tx.Tx, parsed *parsed) ter.Code {
	if t.Flags&^(tx.FlagFullyCanonicalSig|tx.FlagNoRippleDirect|tx.FlagPartialPayment|tx.FlagLimitQuality) != 0 {
		return ter.TemINVALID_FLAG
	}
	p, ok := t.Payment()
	if !ok {
		return ter.TemMALFORMED
	}
	parsed.payment = p
	amount := p.Amount
	maxSource := amount
	if p.HasSendMax {
		maxSource = p.SendMax
	}
	zxcDirect := amount.IsNative() && maxSource.IsNative()
	partial := t.Flags&tx.FlagPartialPayment != 0
	switch {
	case !legalNet(amount) || !legalNet(maxSource):
		return ter.TemBAD_AMOUNT
	case p.Destination.IsZero():
		return ter.TemDST_NEEDED
	case p.HasSendMax && (maxSource.IsNegative() || maxSource.IsZero()):
		return ter.TemBAD_AMOUNT
	case amount.IsNegative() || amount.IsZero():
		return ter.TemBAD_AMOUNT
	case amount.Currency() == badCurrency || maxSource.Currency() == badCurrency:
		return ter.TemBAD_CURRENCY
	case p.Destination == t.Account && amount.Currency() == maxSource.Currency() && !p.HasPaths:
		return ter.TemREDUNDANT
	case zxcDirect && p.HasSendMax:
		return ter.TemBAD_SEND_ZXC_MAX
	case zxcDirect && p.HasPaths:
		return ter.TemBAD_SEND_ZXC_PATHS
	case zxcDirect && partial:
		return ter.TemBAD_SEND_ZXC_PARTIAL
	case zxcDirect && t.Flags&tx.FlagLimitQuality != 0:
		return ter.TemBAD_SEND_ZXC_LIMIT
	case zxcDirect && t.Flags&tx.FlagNoRippleDirect != 0:
		return ter.TemBAD_SEND_ZXC_NO_DIRECT
	}
	if dmin, has := deliverMin(t, p); has {
		switch {
		case !partial || !legalNet(dmin) || dmin.IsNegative() || dmin.IsZero():
			return ter.TemBAD_AMOUNT
		case dmin.IsNative() != amount.IsNative() || dmin.Currency() != amount.Currency() || dmin.Issuer() != amount.Issuer():
			return ter.TemBAD_AMOUNT
		case !dmin.IsNative() && iou.FromAmount(dmin).Cmp(iou.FromAmount(amount)) > 0:
			return ter.TemBAD_AMOUNT
		case dmin.IsNative() && dmin.Drops() > amount.Drops():
			return ter.TemBAD_AMOUNT
		}
	}
	if !zxcDirect && (p.HasPaths || t.Flags&tx.FlagLimitQuality != 0) {
		return ter.TemDISABLED
	}
	return ter.TesSUCCESS
}

// legalNet is rippled's isLegalNet: a native amount within the limit
// (issued amounts always are, once decoded).
func legalNet(a codec.Amount) bool {
	return !a.IsNative() || (a.Drops() <= maxDrops && a.Drops() >= -maxDrops)
}

// applyPayment moves ZXC, creating the destination when the amount meets
// the reserve, as rippled's Payment::doApply does for ZXC.
func applyPayment(v *sandbox, t *tx.Tx, e *env) ter.Code {
	p := v.parsed.payment
	if !p.Native || p.HasSendMax || p.HasPaths {
		return ripplePayment(v, t, e)
	}
	amount := uint64(p.Drops)
	src := v.account(t.Account)
	dst := v.account(p.Destination)
	if dst == nil {
		if amount < e.params.ReserveBase {
			return ter.TecNO_DST_INSUF_ZXC
		}
		dst = v.create(p.Destination)
		dst.Sequence = 1
	} else if dst.Flags&LsfRequireDestTag != 0 && !p.HasDestinationTag {
		return ter.TecDST_TAG_NEEDED
	}
	// rippled: the balance before the fee must cover the amount and the
	// larger of the reserve and the fee.
	prior := src.Balance + t.Fee
	need := max(e.params.Reserve(src.OwnerCount), t.Fee)
	if prior < amount+need {
		return ter.TecUNFUNDED_PAYMENT
	}
	src.Balance -= amount
	dst.Balance += amount
	v.result.delivered = p.Drops
	return ter.TesSUCCESS
}
