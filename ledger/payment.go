package ledger

import (
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// preflightPayment checks a Payment alone, in the order of rippled's
// Payment::preflight. Only ZXC payments are supported: an issued-currency
// Amount or SendMax is temDISABLED, and the fields and flags that only
// make sense for issued currencies are refused with rippled's ZXC-to-ZXC
// codes. A payment to oneself is temREDUNDANT before those, a SendMax
// that is not positive is temBAD_AMOUNT before both, and a DeliverMin is
// temBAD_AMOUNT (rippled allows it only on partial payments, which ZXC
// payments cannot be).
func preflightPayment(t *tx.Tx, parsed *parsed) ter.Code {
	if t.Flags&^(tx.FlagFullyCanonicalSig|tx.FlagNoRippleDirect|tx.FlagPartialPayment|tx.FlagLimitQuality) != 0 {
		return ter.TemINVALID_FLAG
	}
	p, ok := t.Payment()
	if !ok {
		return ter.TemMALFORMED
	}
	parsed.payment = p
	var sendMax codec.Amount // absent: zero drops, native
	if p.HasSendMax {
		sendMax, _ = t.Fields.Amount("SendMax")
	}
	switch {
	case !p.Native || !sendMax.IsNative():
		return ter.TemDISABLED
	case p.Drops > maxDrops:
		return ter.TemBAD_AMOUNT
	case p.Destination.IsZero():
		return ter.TemDST_NEEDED
	case p.HasSendMax && sendMax.Drops() <= 0:
		return ter.TemBAD_AMOUNT
	case p.Drops <= 0:
		return ter.TemBAD_AMOUNT
	case p.Destination == t.Account && !p.HasPaths:
		return ter.TemREDUNDANT
	case p.HasSendMax:
		return ter.TemBAD_SEND_ZXC_MAX
	case p.HasPaths:
		return ter.TemBAD_SEND_ZXC_PATHS
	case t.Flags&tx.FlagPartialPayment != 0:
		return ter.TemBAD_SEND_ZXC_PARTIAL
	case t.Flags&tx.FlagLimitQuality != 0:
		return ter.TemBAD_SEND_ZXC_LIMIT
	case t.Flags&tx.FlagNoRippleDirect != 0:
		return ter.TemBAD_SEND_ZXC_NO_DIRECT
	case t.Fields.Has("DeliverMin"):
		return ter.TemBAD_AMOUNT
	}
	return ter.TesSUCCESS
}

// applyPayment moves ZXC, creating the destination when the amount meets
// the reserve, as rippled's Payment::doApply does for ZXC.
func applyPayment(v *sandbox, t *tx.Tx, e *env) ter.Code {
	p := v.parsed.payment
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
