package ledger

import (
	"slices"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/iou"
	"github.com/sqledger/sqledger/protocol/ter"
)

// maxFlowTries is rippled's bound on the passes of one payment.
const maxFlowTries = 1000

// flow is rippled's payment engine (Flow, StrandFlow, DirectStepI) for
// the one strand this ledger builds: the default path of direct steps
// between accounts in one currency. Arithmetic errors (a value beyond
// the largest, a fee bound rippled cannot read) stop it with err, as
// rippled's exceptions do (tecINTERNAL).
type flow struct {
	v        *sandbox
	currency codec.Currency
	steps    []*dstep
	err      error
}

func (f *flow) fail(err error) {
	if f.err == nil {
		f.err = err
	}
}

func (f *flow) add(a, b iou.Value) iou.Value {
	r, err := a.Add(b)
	if err != nil {
		f.fail(err)
		return iou.Zero
	}
	return r
}

func (f *flow) sub(a, b iou.Value) iou.Value { return f.add(a, b.Neg()) }

func (f *flow) mul(v iou.Value, num, den uint32, up bool) iou.Value {
	r, err := v.MulRatio(num, den, up)
	if err != nil {
		f.fail(err)
		return iou.Zero
	}
	return r
}

func (f *flow) parse(s string) iou.Value {
	v, err := iou.Parse(s)
	if err != nil {
		f.fail(err)
		return iou.Zero
	}
	return v
}

// defaultPath is toStrand's normalized default path: the source, the
// SendMax's issuer unless it is the source, the Amount's issuer unless
// the path already ends there or the destination is the issuer, and
// the destination.
func defaultPath(src, dst, sendMaxIssuer, deliverIssuer address.AccountID) []address.AccountID {
	path := []address.AccountID{src}
	if sendMaxIssuer != src {
		path = append(path, sendMaxIssuer)
	}
	if path[len(path)-1] != deliverIssuer && dst != deliverIssuer {
		path = append(path, deliverIssuer)
	}
	if path[len(path)-1] != dst {
		path = append(path, dst)
	}
	return path
}

// newFlow builds the strand of direct steps along path, checking each
// step as DirectStepI::check does, in order: a step to oneself
// (temBAD_PATH), a missing source (terNO_ACCOUNT), a frozen line
// (terNO_LINE) unless the step is the whole strand, an account both of
// whose lines forbid rippling (terNO_RIPPLE), an account met twice
// (temBAD_PATH_LOOP), a missing line (terNO_LINE), an unauthorized
// line of an issuer that requires authorization (terNO_AUTH), and a
// line already at its limit (tecPATH_DRY).
func newFlow(v *sandbox, currency codec.Currency, path []address.AccountID) (*flow, *flowView, ter.Code) {
	f := &flow{v: v, currency: currency}
	fv := &flowView{}
	seenSrc := map[address.AccountID]bool{}
	seenDst := map[address.AccountID]bool{}
	for i := 0; i+1 < len(path); i++ {
		s := &dstep{i: i, src: path[i], dst: path[i+1], last: i+2 == len(path)}
		if i > 0 {
			s.prev = f.steps[i-1]
		}
		if code := f.check(s, len(path) == 2); code != ter.TesSUCCESS {
			return nil, nil, code
		}
		if seenSrc[s.src] || seenDst[s.dst] {
			return nil, nil, ter.TemBAD_PATH_LOOP
		}
		seenSrc[s.src], seenDst[s.dst] = true, true
		l := v.readLine(LineKey(s.src, s.dst, currency))
		if l == nil {
			return nil, nil, ter.TerNO_LINE
		}
		if src := v.readAccount(s.src); src.Flags&LsfRequireAuth != 0 && !l.HasFlag(s.src, LsfLowAuth, LsfHighAuth) && l.Balance.IsZero() {
			return nil, nil, ter.TerNO_AUTH
		}
		// creditBalance(dst, src): what dst owes src, src's holding.
		if owed := l.BalanceOf(s.src); owed.Sign() <= 0 && owed.Neg().Cmp(l.LimitOf(s.dst)) >= 0 {
			return nil, nil, ter.TecPATH_DRY
		}
		f.steps = append(f.steps, s)
		fv.lines = append(fv.lines, *l)
		fv.gone = append(fv.gone, false)
	}
	return f, fv, ter.TesSUCCESS
}

// check is the part of DirectStepI::check that comes before the loop
// test: the accounts, freezes and NoRipple.
func (f *flow) check(s *dstep, only bool) ter.Code {
	if s.src == s.dst {
		return ter.TemBAD_PATH
	}
	if f.v.readAccount(s.src) == nil {
		return ter.TerNO_ACCOUNT
	}
	if !only {
		if l := f.v.readLine(LineKey(s.src, s.dst, f.currency)); l != nil && l.HasFlag(s.dst, LsfLowFreeze, LsfHighFreeze) {
			return ter.TerNO_LINE
		}
	}
	if s.prev != nil {
		in := f.v.readLine(LineKey(s.prev.src, s.src, f.currency))
		out := f.v.readLine(LineKey(s.src, s.dst, f.currency))
		if in == nil || out == nil {
			return ter.TerNO_LINE
		}
		if in.HasFlag(s.src, LsfLowNoRipple, LsfHighNoRipple) && out.HasFlag(s.src, LsfLowNoRipple, LsfHighNoRipple) {
			return ter.TerNO_RIPPLE
		}
	}
	return ter.TesSUCCESS
}

// strand is StrandFlow's flow() for one strand on a copy of base: the
// reverse pass from the last step asks each for what the next needs; a
// step that cannot give it (or a first step asking more than maxIn)
// becomes the limiting step, is re-run on a fresh copy, and the steps
// after it are run forward from what it gives.
func (f *flow) strand(base *flowView, maxIn, out iou.Value) (ok bool, in, got iou.Value, view *flowView) {
	n := len(f.steps)
	sb := base.clone()
	limiting := n
	limitOut := iou.Zero
	stepOut := out
	for i := n - 1; i >= 0; i-- {
		s := f.steps[i]
		rin, rout := f.rev(sb, s, stepOut)
		if rout.IsZero() || f.err != nil {
			return false, iou.Zero, iou.Zero, nil
		}
		switch {
		case i == 0 && maxIn.Cmp(rin) < 0:
			sb, limiting = base.clone(), 0
			rin, rout = f.fwd(sb, s, maxIn)
			limitOut = rout
			if rout.IsZero() || rin != maxIn {
				return false, iou.Zero, iou.Zero, nil
			}
		case rout != stepOut:
			sb, limiting = base.clone(), i
			stepOut = rout
			rin, rout = f.rev(sb, s, stepOut)
			limitOut = rout
			if rout.IsZero() || rout != stepOut {
				return false, iou.Zero, iou.Zero, nil
			}
		}
		stepOut = rin
	}
	stepIn := limitOut
	for i := limiting + 1; i < n; i++ {
		rin, rout := f.fwd(sb, f.steps[i], stepIn)
		if rout.IsZero() || rin != stepIn {
			return false, iou.Zero, iou.Zero, nil
		}
		stepIn = rout
	}
	if f.err != nil {
		return false, iou.Zero, iou.Zero, nil
	}
	return true, f.steps[0].c.in, f.steps[n-1].c.out, sb
}

// run is the multi-pass flow(): passes until the amount is delivered,
// SendMax is spent or the strand is dry, then rippled's verdict:
// tecPATH_PARTIAL for less than the full amount without
// tfPartialPayment, tecPATH_DRY for nothing with it.
func (f *flow) run(base *flowView, outReq, sendMax iou.Value, partial bool) (delivered iou.Value, view *flowView, code ter.Code) {
	var ins, outs []iou.Value
	remainingOut, remainingIn := outReq, sendMax
	for tries := 1; remainingOut.Sign() > 0 && remainingIn.Sign() > 0; tries++ {
		if tries >= maxFlowTries {
			return iou.Zero, nil, ter.TelFAILED_PROCESSING
		}
		ok, in, out, sb := f.strand(base, remainingIn, remainingOut)
		if f.err != nil {
			return iou.Zero, nil, ter.TecINTERNAL
		}
		if !ok || out.IsZero() {
			break
		}
		ins, outs = insertSorted(ins, in), insertSorted(outs, out)
		remainingOut = f.sub(outReq, f.sum(outs))
		remainingIn = f.sub(sendMax, f.sum(ins))
		base = sb
	}
	actual := f.sum(outs)
	if f.err != nil {
		return iou.Zero, nil, ter.TecINTERNAL
	}
	if actual != outReq {
		if !partial {
			return actual, nil, ter.TecPATH_PARTIAL
		}
		if actual.IsZero() {
			return actual, nil, ter.TecPATH_DRY
		}
	}
	return actual, base, ter.TesSUCCESS
}

// sum adds a sorted list from its smallest, as std::accumulate over
// rippled's flat_multiset does.
func (f *flow) sum(vs []iou.Value) iou.Value {
	total := iou.Zero
	for i, v := range vs {
		if i == 0 {
			total = v
			continue
		}
		total = f.add(total, v)
	}
	return total
}

func insertSorted(vs []iou.Value, v iou.Value) []iou.Value {
	i, _ := slices.BinarySearchFunc(vs, v, func(a, b iou.Value) int { return a.Cmp(b) })
	for i < len(vs) && vs[i].Cmp(v) == 0 {
		i++
	}
	return slices.Insert(vs, i, v)
}

// apply writes the flow's lines and owner counts into the sandbox.
func (f *flow) apply(fv *flowView) {
	for i, s := range f.steps {
		key := LineKey(s.src, s.dst, f.currency)
		cur := f.v.readLine(key)
		if fv.gone[i] {
			f.v.line(key)
			f.v.deleteLine(key)
			continue
		}
		if cur != nil && cur.Balance == fv.lines[i].Balance && cur.Flags == fv.lines[i].Flags {
			continue
		}
		*f.v.line(key) = fv.lines[i]
	}
	for _, o := range fv.owner {
		if o.delta != 0 {
			a := f.v.account(o.id)
			a.OwnerCount = uint32(int(a.OwnerCount) + o.delta)
		}
	}
}
