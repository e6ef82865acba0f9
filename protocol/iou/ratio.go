package iou

import (
	"errors"
	"math/big"
)

// ErrDivideByZero is a MulRatio by a zero denominator.
var ErrDivideByZero = errors.New("iou: division by zero")

// QualityOne is rippled's QUALITY_ONE: a rate or quality of 1.
const QualityOne = 1_000_000_000

// log10Floor64 is floor(log10(MaxInt64)): the digits a mantissa may
// grow to while a ratio is computed.
const log10Floor64 = 18

var powers = func() [30]*big.Int {
	var p [30]*big.Int
	cur := big.NewInt(1)
	for i := range p {
		p[i] = new(big.Int).Set(cur)
		cur.Mul(cur, big.NewInt(10))
	}
	return p
}()

// log10Ceil is the least i with 10^i ≥ v (0 for 0), over rippled's table
// of 10^0..10^29.
func log10Ceil(v *big.Int) int {
	for i, p := range powers {
		if p.Cmp(v) >= 0 {
			return i
		}
	}
	return len(powers)
}

// MulRatio returns v × num / den as rippled's mulRatio(IOUAmount)
// computes it, in 128-bit integers: the quotient keeps as many digits as
// an int64 holds, and when anything is left over it rounds away from
// zero (roundUp, positive v: one more in the last place, the smallest
// value for a result below it) or toward minus infinity (!roundUp,
// negative v); otherwise toward zero.
func (v Value) MulRatio(num, den uint32, roundUp bool) (Value, error) {
	if den == 0 {
		return Value{}, ErrDivideByZero
	}
	neg := v.m < 0
	abs := v.m
	if neg {
		abs = -abs
	}
	d := new(big.Int).SetUint64(uint64(den))
	mul := new(big.Int).Mul(big.NewInt(abs), new(big.Int).SetUint64(uint64(num)))
	low, rem := new(big.Int).QuoRem(mul, d, new(big.Int))
	exponent := v.Exponent()
	if rem.Sign() != 0 {
		if room := log10Floor64 - log10Ceil(low); room > 0 {
			exponent -= room
			low.Mul(low, powers[room])
			rem.Mul(rem, powers[room])
		}
		add, left := new(big.Int).QuoRem(rem, d, new(big.Int))
		low.Add(low, add)
		rem = left
	}
	hasRem := rem.Sign() != 0
	if shrink := log10Ceil(low) - log10Floor64; shrink > 0 {
		saved := new(big.Int).Set(low)
		exponent += shrink
		low.Quo(low, powers[shrink])
		if !hasRem {
			hasRem = saved.Cmp(new(big.Int).Mul(low, powers[shrink])) != 0
		}
	}
	mantissa := low.Int64()
	if neg {
		mantissa = -mantissa
	}
	result, err := New(mantissa, exponent)
	if err != nil || !hasRem {
		return result, err
	}
	switch {
	case roundUp && !neg:
		if result.IsZero() {
			return Value{m: minMantissa, e: minExponent}, nil
		}
		return New(result.m+1, result.e)
	case !roundUp && neg:
		if result.IsZero() {
			return Value{m: -minMantissa, e: minExponent}, nil
		}
		return New(result.m-1, result.e)
	}
	return result, nil
}
