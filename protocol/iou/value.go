package iou

import (
	"errors"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
)

// The limits of a normalized value, rippled's.
const (
	minMantissa  = 1_000_000_000_000_000 // 10^15
	maxMantissa  = 9_999_999_999_999_999 // 10^16 - 1
	minExponent  = -96
	maxExponent  = 80
	zeroExponent = -100
)

// ErrOverflow is a result beyond the largest value, 9999999999999999e80:
// rippled throws std::overflow_error there, which fails the transaction
// with tefEXCEPTION.
var ErrOverflow = errors.New("iou: value overflow")

// Value is an issued-currency value as rippled's IOUAmount holds it: a
// signed mantissa of 16 digits (10^15 ≤ |m| < 10^16) and an exponent in
// -96..80, or zero (mantissa 0, exponent -100). The zero Value is not
// normalized: use Zero, or the result of an operation.
type Value struct {
	m int64
	e int
}

// Zero is the value 0.
var Zero = Value{e: zeroExponent}

// New returns m × 10^e normalized as IOUAmount's constructor does:
// scaled to 16 digits (truncating toward zero), flushed to zero below
// 10^-81 (10^15 × 10^-96), ErrOverflow above the largest value.
func New(m int64, e int) (Value, error) {
	if m == 0 {
		return Zero, nil
	}
	neg := m < 0
	// |m| of the smallest int64 does not fit: take one digit off first.
	if m == -1<<63 {
		m /= 10
		e++
	}
	if neg {
		m = -m
	}
	for m < minMantissa && e > minExponent {
		m *= 10
		e--
	}
	for m > maxMantissa {
		if e >= maxExponent {
			return Value{}, ErrOverflow
		}
		m /= 10
		e++
	}
	if e < minExponent || m < minMantissa {
		return Zero, nil
	}
	if e > maxExponent {
		return Value{}, ErrOverflow
	}
	if neg {
		m = -m
	}
	return Value{m: m, e: e}, nil
}

// FromAmount returns an issued amount's value (zero for a native one).
func FromAmount(a codec.Amount) Value {
	if a.IsNative() || a.IsZero() {
		return Zero
	}
	m := int64(a.Mantissa())
	if a.IsNegative() {
		m = -m
	}
	return Value{m: m, e: a.Exponent()}
}

// Amount returns the value as an issued amount of currency and issuer.
func (v Value) Amount(currency codec.Currency, issuer address.AccountID) (codec.Amount, error) {
	m, neg := v.m, v.m < 0
	if neg {
		m = -m
	}
	a, err := codec.IssuedFromParts(uint64(m), v.e, neg, currency, issuer)
	if err != nil {
		return codec.Amount{}, err
	}
	return a, nil
}

// Mantissa is the signed mantissa (0 for zero).
func (v Value) Mantissa() int64 { return v.m }

// Exponent is the exponent (-100 for zero).
func (v Value) Exponent() int {
	if v.m == 0 {
		return zeroExponent
	}
	return v.e
}

// Sign is -1, 0 or +1.
func (v Value) Sign() int {
	switch {
	case v.m < 0:
		return -1
	case v.m > 0:
		return 1
	}
	return 0
}

// IsZero reports whether v is 0.
func (v Value) IsZero() bool { return v.m == 0 }

// Neg returns -v.
func (v Value) Neg() Value {
	if v.m == 0 {
		return Zero
	}
	return Value{m: -v.m, e: v.e}
}

// Abs returns |v|.
func (v Value) Abs() Value {
	if v.m < 0 {
		return v.Neg()
	}
	return v
}

// Add returns v + w as IOUAmount::operator+= (and STAmount's operator+)
// computes it: the operand of the smaller exponent loses digits (toward
// zero) to the other's exponent, and a sum within ±10 of the mantissa's
// last place is zero.
func (v Value) Add(w Value) (Value, error) {
	if w.m == 0 {
		return v.norm(), nil
	}
	if v.m == 0 {
		return w, nil
	}
	m1, e1, m2, e2 := v.m, v.e, w.m, w.e
	for e1 < e2 {
		m1 /= 10
		e1++
	}
	for e2 < e1 {
		m2 /= 10
		e2++
	}
	sum := m1 + m2
	if sum >= -10 && sum <= 10 {
		return Zero, nil
	}
	return New(sum, e1)
}

// Sub returns v - w.
func (v Value) Sub(w Value) (Value, error) { return v.Add(w.Neg()) }

// norm maps the unnormalized zero Value{} to Zero.
func (v Value) norm() Value {
	if v.m == 0 {
		return Zero
	}
	return v
}

// Cmp compares v and w: -1, 0 or +1 (IOUAmount::operator<).
func (v Value) Cmp(w Value) int {
	if v == w || (v.m == 0 && w.m == 0) {
		return 0
	}
	if v.less(w) {
		return -1
	}
	return 1
}

func (v Value) less(w Value) bool {
	lneg, rneg := v.m < 0, w.m < 0
	if lneg != rneg {
		return lneg
	}
	if v.m == 0 {
		return w.m > 0
	}
	if w.m == 0 {
		return false
	}
	if v.e > w.e {
		return lneg
	}
	if v.e < w.e {
		return !lneg
	}
	return v.m < w.m
}

// Min returns the smaller of v and w.
func Min(v, w Value) Value {
	if w.Cmp(v) < 0 {
		return w
	}
	return v
}

// Max returns the larger of v and w.
func Max(v, w Value) Value {
	if w.Cmp(v) > 0 {
		return w
	}
	return v
}

// String writes v as rippled's STAmount::getText (and to_string of an
// IOUAmount): "0", a plain decimal, or mantissa "e" exponent when the
// exponent is outside -25..-5.
func (v Value) String() string {
	m, neg := v.m, v.m < 0
	if neg {
		m = -m
	}
	return codec.FormatIssued(uint64(m), v.Exponent(), neg)
}
