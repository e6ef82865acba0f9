package ledger

import (
	"bytes"

	"github.com/sqledger/sqledger/protocol/ter"
	"github.com/sqledger/sqledger/protocol/tx"
)

// QualityOne is rippled's QUALITY_ONE: a TransferRate of 1,000,000,000
// charges nothing. An AccountSet may set 0 (none) or a rate from
// QualityOne to 2×QualityOne (fix1201); either end of "none" clears it.
const QualityOne = 1_000_000_000

// decimal is ChainSQL's transfer fee bound: decimal text, digits with at
// most one point (IsNumerialStr_Decimal), kept as its integer and
// fraction digits without insignificant zeros, so that two bounds
// compare exactly.
type decimal struct {
	whole, frac []byte
}

// parseDecimal reads a transfer fee bound.
func parseDecimal(s []byte) (decimal, bool) {
	whole, frac, _ := bytes.Cut(s, []byte{'.'})
	if len(whole)+len(frac) == 0 || bytes.IndexByte(frac, '.') >= 0 {
		return decimal{}, false
	}
	for _, part := range [][]byte{whole, frac} {
		for _, c := range part {
			if c < '0' || c > '9' {
				return decimal{}, false
			}
		}
	}
	return decimal{whole: bytes.TrimLeft(whole, "0"), frac: bytes.TrimRight(frac, "0")}, true
}

func (d decimal) isZero() bool { return len(d.whole) == 0 && len(d.frac) == 0 }

// cmp compares two bounds: -1, 0 or +1.
func (d decimal) cmp(e decimal) int {
	if len(d.whole) != len(e.whole) {
		if len(d.whole) < len(e.whole) {
			return -1
		}
		return 1
	}
	if c := bytes.Compare(d.whole, e.whole); c != 0 {
		return c
	}
	return bytes.Compare(d.frac, e.frac)
}

// preflightTransfer checks an AccountSet's TransferRate and transfer fee
// bounds alone, as chainsqld's SetAccount::preflight: a rate below
// QualityOne (but not 0) or above 2×QualityOne is temBAD_TRANSFER_RATE;
// the bounds come together (temBAD_TRANSFERFEE_BOTH), are decimal text,
// and the minimum is at most a non-zero maximum (temBAD_TRANSFERFEE).
func preflightTransfer(s tx.AccountSetFields) ter.Code {
	if s.HasTransferRate && s.TransferRate != 0 && (s.TransferRate < QualityOne || s.TransferRate > 2*QualityOne) {
		return ter.TemBAD_TRANSFER_RATE
	}
	switch {
	case s.HasTransferFeeMin && s.HasTransferFeeMax:
		lo, okLo := parseDecimal(s.TransferFeeMin)
		hi, okHi := parseDecimal(s.TransferFeeMax)
		if !okLo || !okHi || (!hi.isZero() && lo.cmp(hi) > 0) {
			return ter.TemBAD_TRANSFERFEE
		}
	case s.HasTransferFeeMin || s.HasTransferFeeMax:
		return ter.TemBAD_TRANSFERFEE_BOTH
	}
	return ter.TesSUCCESS
}

// preclaimAccountSet checks that the transfer fee bounds and the rate
// agree, with the account's own where the transaction leaves them, as
// chainsqld's SetAccount::preclaim: a fee between two bounds (or above
// one, or below one) needs a rate; a fixed fee (equal bounds) excludes
// one. A mismatch is temBAD_FEE_MISMATCH_TRANSFER_RATE, which leaves the
// transaction out of the ledger.
func preclaimAccountSet(v *sandbox, t *tx.Tx) ter.Code {
	s := t.AccountSet()
	a := v.account(t.Account)
	rate, hasRate := a.TransferRate, a.TransferRate != 0
	if s.HasTransferRate {
		rate, hasRate = s.TransferRate, true
	}
	charges := hasRate && rate != 0 && rate != QualityOne
	if s.HasTransferFeeMin && s.HasTransferFeeMax {
		lo, _ := parseDecimal(s.TransferFeeMin)
		hi, _ := parseDecimal(s.TransferFeeMax)
		switch {
		case lo.isZero() != hi.isZero() || (!lo.isZero() && lo.cmp(hi) < 0):
			if !charges {
				return ter.TemBAD_FEE_MISMATCH_TRANSFER_RATE
			}
		case !lo.isZero() && lo.cmp(hi) == 0:
			if rate > QualityOne {
				return ter.TemBAD_FEE_MISMATCH_TRANSFER_RATE
			}
		}
		return ter.TesSUCCESS
	}
	if s.HasTransferRate && len(a.TransferFeeMin) > 0 && len(a.TransferFeeMax) > 0 {
		fixed := bytes.Equal(a.TransferFeeMin, a.TransferFeeMax)
		if (s.TransferRate > QualityOne) == fixed {
			return ter.TemBAD_FEE_MISMATCH_TRANSFER_RATE
		}
	}
	return ter.TesSUCCESS
}

// applyTransfer stores an AccountSet's rate and bounds: a rate of 0 or
// QualityOne clears the account's, a zero bound clears that bound.
func applyTransfer(a *AccountRoot, s tx.AccountSetFields) {
	if s.HasTransferRate {
		a.TransferRate = s.TransferRate
		if s.TransferRate == QualityOne {
			a.TransferRate = 0
		}
	}
	if s.HasTransferFeeMin && s.HasTransferFeeMax {
		a.TransferFeeMin = feeBound(s.TransferFeeMin)
		a.TransferFeeMax = feeBound(s.TransferFeeMax)
	}
}

// feeBound is the stored form of a bound: its text, nil when zero.
func feeBound(b []byte) []byte {
	if d, _ := parseDecimal(b); d.isZero() {
		return nil
	}
	return append([]byte(nil), b...)
}
