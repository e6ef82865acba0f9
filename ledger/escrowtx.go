package ledger

import (
	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// The escrow transactions, as rippled's Escrow.cpp with fix1543, fix1523
// and fix1571 enabled and DepositAuth not (this ledger has no deposit
// authorisation): ZXC only, timed by the parent ledger's close time,
// without crypto-conditions (temDISABLED).

// escrowFlagsMask are the flags an escrow transaction accepts
// (tfUniversalMask).
const escrowFlagsMask = tx.FlagFullyCanonicalSig

// escrowCreateFields are the fields of an EscrowCreate.
type escrowCreateFields struct {
	drops                int64
	native, negative     bool
	finish, cancel       uint32
	hasFinish, hasCancel bool
	hasCondition         bool
	dstTag, srcTag       uint32
	hasDstTag, hasSrcTag bool
	destination          [20]byte
}

func readEscrowCreate(t *tx.Tx) escrowCreateFields {
	var f escrowCreateFields
	o := t.Fields
	if a, ok := o.Amount("Amount"); ok {
		f.native, f.negative = a.IsNative(), a.IsNegative()
		if f.native {
			f.drops = a.Drops()
		}
	}
	f.finish, f.hasFinish = o.UInt32("FinishAfter")
	f.cancel, f.hasCancel = o.UInt32("CancelAfter")
	f.hasCondition = o.Has("Condition")
	f.dstTag, f.hasDstTag = o.UInt32("DestinationTag")
	f.srcTag, f.hasSrcTag = o.UInt32("SourceTag")
	f.destination, _ = o.AccountID("Destination")
	return f
}

// preflightEscrowCreate checks an EscrowCreate alone: the flags, a
// positive ZXC amount (temBAD_AMOUNT; chainsqld also escrows issued
// currencies, which this ledger does not have), at least one time
// (temBAD_EXPIRATION), CancelAfter strictly after FinishAfter
// (temBAD_EXPIRATION), a FinishAfter (temMALFORMED: without a condition,
// fix1571 requires one), no condition (temDISABLED).
func preflightEscrowCreate(t *tx.Tx, _ *parsed) ter.Code {
	if t.Flags&^escrowFlagsMask != 0 {
		return ter.TemINVALID_FLAG
	}
	f := readEscrowCreate(t)
	switch {
	case !f.native || f.negative || f.drops <= 0:
		return ter.TemBAD_AMOUNT
	case !f.hasFinish && !f.hasCancel:
		return ter.TemBAD_EXPIRATION
	case f.hasFinish && f.hasCancel && f.cancel <= f.finish:
		return ter.TemBAD_EXPIRATION
	case f.hasCondition:
		return ter.TemDISABLED
	case !f.hasFinish:
		return ter.TemMALFORMED
	}
	return ter.TesSUCCESS
}

// applyEscrowCreate sets the amount aside: both times must be in the
// future of the parent ledger's close (tecNO_PERMISSION); the owner
// keeps the reserve of one more object (tecINSUFFICIENT_RESERVE) and
// the amount on top (tecUNFUNDED); the destination exists (tecNO_DST),
// gets its tag if it needs one (tecDST_TAG_NEEDED) and takes ZXC
// (tecNO_TARGET). The escrow is keyed by the owner and this
// transaction's sequence, and counts in the owner's OwnerCount.
func applyEscrowCreate(v *sandbox, t *tx.Tx, e *env) ter.Code {
	f := readEscrowCreate(t)
	now := e.parentCloseTime
	if (f.hasCancel && now > f.cancel) || (f.hasFinish && now > f.finish) {
		return ter.TecNO_PERMISSION
	}
	src := v.account(t.Account)
	reserve := e.params.Reserve(src.OwnerCount + 1)
	if src.Balance < reserve {
		return ter.TecINSUFFICIENT_RESERVE
	}
	if src.Balance-reserve < uint64(f.drops) {
		return ter.TecUNFUNDED
	}
	if f.destination != t.Account {
		dst := v.account(f.destination)
		switch {
		case dst == nil:
			return ter.TecNO_DST
		case dst.Flags&LsfRequireDestTag != 0 && !f.hasDstTag:
			return ter.TecDST_TAG_NEEDED
		case dst.Flags&LsfDisallowZXC != 0:
			return ter.TecNO_TARGET
		}
	}
	// A self-escrow's destination is the owner, checked by the same
	// rules.
	if f.destination == t.Account {
		switch {
		case src.Flags&LsfRequireDestTag != 0 && !f.hasDstTag:
			return ter.TecDST_TAG_NEEDED
		case src.Flags&LsfDisallowZXC != 0:
			return ter.TecNO_TARGET
		}
	}
	esc := &Escrow{
		Owner: t.Account, Sequence: t.Sequence, Destination: f.destination, Amount: uint64(f.drops),
		SourceTag: f.srcTag, HasSourceTag: f.hasSrcTag, DestinationTag: f.dstTag, HasDestinationTag: f.hasDstTag,
	}
	if f.hasFinish {
		esc.FinishAfter = f.finish
	}
	if f.hasCancel {
		esc.CancelAfter = f.cancel
	}
	v.createEscrow(esc)
	src = v.account(t.Account)
	src.Balance -= uint64(f.drops)
	src.OwnerCount++
	return ter.TesSUCCESS
}

// preflightEscrowEnd checks an EscrowFinish or EscrowCancel alone: the
// flags, and for a finish no condition or fulfillment (temDISABLED; one
// without the other is temMALFORMED, as rippled).
func preflightEscrowEnd(t *tx.Tx, _ *parsed) ter.Code {
	if t.Flags&^escrowFlagsMask != 0 {
		return ter.TemINVALID_FLAG
	}
	cond, ful := t.Fields.Has("Condition"), t.Fields.Has("Fulfillment")
	switch {
	case cond != ful:
		return ter.TemMALFORMED
	case cond:
		return ter.TemDISABLED
	}
	return ter.TesSUCCESS
}

// escrowOf returns the escrow an EscrowFinish or EscrowCancel names
// (Owner, OfferSequence), or nil.
func escrowOf(v *sandbox, t *tx.Tx) *Escrow {
	owner, _ := t.Fields.AccountID("Owner")
	seq, _ := t.Fields.UInt32("OfferSequence")
	return v.escrow(EscrowKey(owner, seq))
}

// applyEscrowFinish releases an escrow to its destination: anyone may
// send it, strictly after FinishAfter and not after CancelAfter (by the
// parent ledger's close time; tecNO_PERMISSION), to a destination that
// still exists (tecNO_DST). A missing escrow is tecNO_TARGET.
func applyEscrowFinish(v *sandbox, t *tx.Tx, e *env) ter.Code {
	esc := escrowOf(v, t)
	if esc == nil {
		return ter.TecNO_TARGET
	}
	now := e.parentCloseTime
	if (esc.FinishAfter != 0 && now <= esc.FinishAfter) || (esc.CancelAfter != 0 && now > esc.CancelAfter) {
		return ter.TecNO_PERMISSION
	}
	dst := v.account(esc.Destination)
	if dst == nil {
		return ter.TecNO_DST
	}
	dst.Balance += esc.Amount
	v.account(esc.Owner).OwnerCount--
	v.deleteEscrow(esc.Key())
	return ter.TesSUCCESS
}

// applyEscrowCancel returns an escrow to its owner: anyone may send it,
// only for an escrow with a CancelAfter and strictly after it
// (tecNO_PERMISSION). A missing escrow is tecNO_TARGET.
func applyEscrowCancel(v *sandbox, t *tx.Tx, e *env) ter.Code {
	esc := escrowOf(v, t)
	if esc == nil {
		return ter.TecNO_TARGET
	}
	if esc.CancelAfter == 0 || e.parentCloseTime <= esc.CancelAfter {
		return ter.TecNO_PERMISSION
	}
	owner := v.account(esc.Owner)
	owner.Balance += esc.Amount
	owner.OwnerCount--
	v.deleteEscrow(esc.Key())
	return ter.TesSUCCESS
}
