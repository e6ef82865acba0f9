package ledger

import (
	"github.com/sqledger/sqledger/protocol/iou"
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// ripplePayment is Payment::doApply for a payment that ripples (an
// issued Amount or a SendMax), over the default path only: the source,
// the SendMax's issuer, the Amount's issuer, the destination, each pair
// a direct step along a trust line (rippled's Flow with DirectStepI).
// Without SendMax the source may spend the Amount's value in its own
// IOUs, as in rippled, so a transfer fee needs a SendMax.
//
// A payment that would need an order book (SendMax and Amount in
// different currencies) finds no liquidity, as rippled does when the
// book has no offers — and no offers exist on this ledger:
// tecPATH_PARTIAL, or tecPATH_DRY with tfPartialPayment.
func ripplePayment(v *sandbox, t *tx.Tx, e *env) ter.Code {
	p := v.parsed.payment
	amount := p.Amount
	sendMax := amount
	if p.HasSendMax {
		sendMax = p.SendMax
	} else if !amount.IsNative() {
		sendMax, _ = iou.FromAmount(amount).Amount(amount.Currency(), t.Account)
	}
	partial := t.Flags&tx.FlagPartialPayment != 0
	if dst := v.readAccount(p.Destination); dst == nil {
		if !amount.IsNative() {
			return ter.TecNO_DST
		}
		if uint64(amount.Drops()) < e.params.ReserveBase {
			return ter.TecNO_DST_INSUF_ZXC
		}
	} else if dst.Flags&LsfRequireDestTag != 0 && !p.HasDestinationTag {
		return ter.TecDST_TAG_NEEDED
	}
	if t.Flags&tx.FlagNoRippleDirect != 0 {
		return ter.TemRIPPLE_EMPTY
	}
	if amount.IsNative() || sendMax.IsNative() || amount.Currency() != sendMax.Currency() {
		if partial {
			return ter.TecPATH_DRY
		}
		return ter.TecPATH_PARTIAL
	}
	if amount.Issuer() == noAccount || sendMax.Issuer() == noAccount {
		return ter.TemBAD_PATH
	}
	path := defaultPath(t.Account, p.Destination, sendMax.Issuer(), amount.Issuer())
	f, fv, code := newFlow(v, amount.Currency(), path)
	if code != ter.TesSUCCESS {
		if code.Class() == ter.ClassTer {
			return ter.TecPATH_DRY
		}
		return code
	}
	want := iou.FromAmount(amount)
	delivered, view, code := f.run(fv, want, iou.FromAmount(sendMax), partial)
	if code != ter.TesSUCCESS {
		return code
	}
	if delivered != want {
		if dmin, ok := deliverMin(t, p); ok && delivered.Cmp(iou.FromAmount(dmin)) < 0 {
			return ter.TecPATH_PARTIAL
		}
	}
	f.apply(view)
	out, err := delivered.Amount(amount.Currency(), amount.Issuer())
	if err != nil {
		return ter.TecINTERNAL
	}
	v.result.deliveredIOU, v.result.hasIOU = out, true
	return ter.TesSUCCESS
}
