package ledger

import (
	"math/big"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/iou"
)

// flowView is the trust lines of one strand while the payment engine
// works on them: lines[i] is step i's line (nil-valued once deleted,
// gone[i]), and the owner counts the credits changed. Each attempt
// works on a copy, as rippled's PaymentSandbox does, and the result of
// the best attempt becomes the next pass's base.
type flowView struct {
	lines []TrustLine
	gone  []bool
	owner []ownerDelta
}

type ownerDelta struct {
	id    address.AccountID
	delta int
}

func (fv *flowView) clone() *flowView {
	return &flowView{
		lines: append([]TrustLine(nil), fv.lines...),
		gone:  append([]bool(nil), fv.gone...),
		owner: append([]ownerDelta(nil), fv.owner...),
	}
}

func (fv *flowView) adjustOwner(id address.AccountID, d int) {
	for i := range fv.owner {
		if fv.owner[i].id == id {
			fv.owner[i].delta += d
			return
		}
	}
	fv.owner = append(fv.owner, ownerDelta{id: id, delta: d})
}

// stepCache is what a direct step's last pass moved (rippled's
// DirectStepI::Cache).
type stepCache struct {
	in, srcToDst, out iou.Value
	redeems           bool
}

// dstep is rippled's DirectIPaymentStep: src pays dst along their
// trust line, redeeming dst's IOUs src holds or issuing its own.
type dstep struct {
	i        int
	src, dst address.AccountID
	last     bool
	prev     *dstep
	cached   bool
	c        stepCache
}

// holds is the line's balance in src's terms (accountHolds, ignoring
// freezes).
func (f *flow) holds(fv *flowView, s *dstep) iou.Value {
	if fv.gone[s.i] {
		return iou.Zero
	}
	return fv.lines[s.i].BalanceOf(s.src)
}

// maxFlow is maxPaymentFlow: what src can send dst, and whether it
// redeems (holds dst's IOUs) or issues its own up to dst's limit.
func (f *flow) maxFlow(fv *flowView, s *dstep) (iou.Value, bool) {
	owed := f.holds(fv, s)
	if owed.Sign() > 0 {
		return owed, true
	}
	limit := iou.Zero
	if !fv.gone[s.i] {
		limit = fv.lines[s.i].LimitOf(s.dst)
	}
	return f.add(limit, owed), false
}

// quality is dst's QualityIn (in) or src's QualityOut on the line,
// QualityOne when none.
func (f *flow) quality(fv *flowView, s *dstep, in bool) uint32 {
	if fv.gone[s.i] {
		return QualityOne
	}
	l := &fv.lines[s.i]
	var q uint32
	if in {
		q, _ = l.QualitiesOf(s.dst)
	} else {
		_, q = l.QualitiesOf(s.src)
	}
	if q == 0 {
		return QualityOne
	}
	return q
}

func (f *flow) redeems(fv *flowView, s *dstep, forward bool) bool {
	if forward && s.cached {
		return s.c.redeems
	}
	return f.holds(fv, s).Sign() > 0
}

// qualities are the step's srcQOut and dstQIn: redeeming takes the
// larger of the previous line's QualityIn and src's QualityOut; issuing
// after a redeeming step charges src's transfer rate; the last step's
// QualityIn never raises what is delivered.
func (f *flow) qualities(fv *flowView, s *dstep, redeems, forward bool) (srcQOut, dstQIn uint32) {
	if redeems {
		if s.prev == nil {
			return QualityOne, QualityOne
		}
		return max(f.quality(fv, s.prev, true), f.quality(fv, s, false)), QualityOne
	}
	srcQOut = QualityOne
	if s.prev != nil && f.redeems(fv, s.prev, forward) {
		srcQOut = f.rate(s.src)
	}
	dstQIn = f.quality(fv, s, true)
	if s.last && dstQIn > QualityOne {
		dstQIn = QualityOne
	}
	return srcQOut, dstQIn
}

func (f *flow) rate(issuer address.AccountID) uint32 {
	if a := f.v.readAccount(issuer); a != nil && a.TransferRate != 0 {
		return a.TransferRate
	}
	return QualityOne
}

// feeBounds are ChainSQL's transfer fee bounds of an issuer, as
// chainsqld's transferFeeMin/transferFeeMax read them: "0" and
// "1000000000000" when unset.
func (f *flow) feeBounds(issuer address.AccountID) (lo, hi iou.Value) {
	minText, maxText := "0", "1000000000000"
	if a := f.v.readAccount(issuer); a != nil {
		if len(a.TransferFeeMin) > 0 {
			minText = string(a.TransferFeeMin)
		}
		if len(a.TransferFeeMax) > 0 {
			maxText = string(a.TransferFeeMax)
		}
	}
	return f.parse(minText), f.parse(maxText)
}

// rev is DirectStepI::revImp: what src must send for dst to receive
// out, limited by what the line allows; chainsqld bounds the transfer
// fee an issuing step charges by its issuer's TransferFeeMin and
// TransferFeeMax.
func (f *flow) rev(fv *flowView, s *dstep, out iou.Value) (iou.Value, iou.Value) {
	s.cached = false
	maxSrcToDst, redeems := f.maxFlow(fv, s)
	srcQOut, dstQIn := f.qualities(fv, s, redeems, false)
	if maxSrcToDst.Sign() <= 0 {
		s.cached, s.c = true, stepCache{in: iou.Zero, srcToDst: iou.Zero, out: iou.Zero, redeems: redeems}
		return iou.Zero, iou.Zero
	}
	srcToDst := f.mul(out, QualityOne, dstQIn, true)
	if srcToDst.Cmp(maxSrcToDst) <= 0 {
		in := f.mul(srcToDst, srcQOut, QualityOne, true)
		realIn := in
		if in.Cmp(srcToDst) >= 0 && !redeems {
			fee := f.sub(in, srcToDst)
			lo, hi := f.feeBounds(s.src)
			if act := iou.Min(hi, iou.Max(fee, lo)); act != fee {
				realIn = f.add(srcToDst, act)
			}
		}
		s.cached, s.c = true, stepCache{in: realIn, srcToDst: srcToDst, out: out, redeems: redeems}
		f.credit(fv, s, srcToDst)
		return realIn, out
	}
	in := f.mul(maxSrcToDst, srcQOut, QualityOne, true)
	actualOut := f.mul(maxSrcToDst, dstQIn, QualityOne, false)
	s.cached, s.c = true, stepCache{in: in, srcToDst: maxSrcToDst, out: actualOut, redeems: redeems}
	f.credit(fv, s, maxSrcToDst)
	return in, actualOut
}

// fwd is DirectStepI::fwdImp: what dst receives when src sends in.
func (f *flow) fwd(fv *flowView, s *dstep, in iou.Value) (iou.Value, iou.Value) {
	maxSrcToDst, redeems := f.maxFlow(fv, s)
	srcQOut, dstQIn := f.qualities(fv, s, redeems, true)
	if maxSrcToDst.Sign() <= 0 {
		s.cached, s.c = true, stepCache{in: iou.Zero, srcToDst: iou.Zero, out: iou.Zero, redeems: redeems}
		return iou.Zero, iou.Zero
	}
	srcToDst := f.mul(in, QualityOne, srcQOut, false)
	if srcToDst.Cmp(maxSrcToDst) <= 0 {
		out := f.mul(srcToDst, dstQIn, QualityOne, false)
		f.setCacheLimiting(s, in, srcToDst, out, redeems)
	} else {
		actualIn := f.mul(maxSrcToDst, srcQOut, QualityOne, true)
		out := f.mul(maxSrcToDst, dstQIn, QualityOne, false)
		f.setCacheLimiting(s, actualIn, maxSrcToDst, out, redeems)
	}
	f.credit(fv, s, s.c.srcToDst)
	return s.c.in, s.c.out
}

// setCacheLimiting keeps the forward pass from delivering more than the
// reverse pass found, as rippled does; rippled's test of a large
// difference compares the mantissas' ratio with 1.01 in doubles, here
// exactly (a × 100 > b × 101).
func (f *flow) setCacheLimiting(s *dstep, fwdIn, fwdSrcToDst, fwdOut iou.Value, redeems bool) {
	if s.c.in.Cmp(fwdIn) < 0 {
		smallDiff, _ := iou.New(1, -9)
		if f.sub(fwdIn, s.c.in).Cmp(smallDiff) > 0 {
			a := new(big.Int).Mul(big.NewInt(fwdIn.Mantissa()), big.NewInt(100))
			b := new(big.Int).Mul(big.NewInt(s.c.in.Mantissa()), big.NewInt(101))
			if fwdIn.Exponent() != s.c.in.Exponent() || s.c.in.IsZero() || a.Cmp(b) > 0 {
				s.c = stepCache{in: fwdIn, srcToDst: fwdSrcToDst, out: fwdOut, redeems: redeems}
				return
			}
		}
	}
	s.c.in = fwdIn
	if fwdSrcToDst.Cmp(s.c.srcToDst) < 0 {
		s.c.srcToDst = fwdSrcToDst
	}
	if fwdOut.Cmp(s.c.out) < 0 {
		s.c.out = fwdOut
	}
	s.c.redeems = redeems
}

// credit is rippled's rippleCredit on an existing line: src's balance
// falls by amount; when a sender's positive balance reaches zero or
// below and its side is otherwise at its default, its reserve (and
// owner count) is released, and the line is deleted if the balance is
// zero and the receiver holds no reserve either.
func (f *flow) credit(fv *flowView, s *dstep, amount iou.Value) {
	if fv.gone[s.i] {
		return
	}
	l := &fv.lines[s.i]
	before := l.BalanceOf(s.src)
	after := f.sub(before, amount)
	flags := l.Flags
	sender := s.src
	del := false
	if before.Sign() > 0 && after.Sign() <= 0 &&
		flags&l.sideFlag(sender, LsfLowReserve, LsfHighReserve) != 0 &&
		(flags&l.sideFlag(sender, LsfLowNoRipple, LsfHighNoRipple) != 0) != (f.v.readAccount(sender).Flags&LsfDefaultRipple != 0) &&
		flags&l.sideFlag(sender, LsfLowFreeze, LsfHighFreeze) == 0 &&
		l.LimitOf(sender).IsZero() && qualitiesZero(l, sender) {
		fv.adjustOwner(sender, -1)
		flags &^= l.sideFlag(sender, LsfLowReserve, LsfHighReserve)
		del = after.IsZero() && flags&l.sideFlag(s.dst, LsfLowReserve, LsfHighReserve) == 0
	}
	if l.isHigh(sender) {
		after = after.Neg()
	}
	l.Balance, l.Flags = after, flags
	fv.gone[s.i] = del
}

func qualitiesZero(l *TrustLine, id address.AccountID) bool {
	in, out := l.QualitiesOf(id)
	return in == 0 && out == 0
}
