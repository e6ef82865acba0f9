package iou

import (
	"errors"
	"strconv"
)

// ErrSyntax is a text that rippled's amountFromString refuses: not
// [-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?, more than 32
// digits, or a mantissa beyond 64 bits.
var ErrSyntax = errors.New("iou: not a valid number")

// Parse reads a decimal text as rippled's amountFromString does for an
// issued currency, and normalizes it as the STAmount it builds: beyond
// 16 digits the mantissa is truncated (rippled's canonicalize), not
// refused as protocol/codec refuses it in a transaction's JSON.
func Parse(s string) (Value, error) {
	rest := s
	neg := false
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	whole, rest := digits(rest)
	if whole == "" || (len(whole) > 1 && whole[0] == '0') {
		return Value{}, ErrSyntax
	}
	var frac string
	if rest != "" && rest[0] == '.' {
		if frac, rest = digits(rest[1:]); frac == "" {
			return Value{}, ErrSyntax
		}
	}
	exp := 0
	if rest != "" && (rest[0] == 'e' || rest[0] == 'E') {
		x := rest[1:]
		sign := 1
		if x != "" && (x[0] == '-' || x[0] == '+') {
			if x[0] == '-' {
				sign = -1
			}
			x = x[1:]
		}
		var d string
		if d, rest = digits(x); d == "" {
			return Value{}, ErrSyntax
		}
		n, err := strconv.ParseInt(d, 10, 32)
		if err != nil {
			return Value{}, ErrSyntax
		}
		exp = sign * int(n)
	}
	if rest != "" || len(whole)+len(frac) > 32 {
		return Value{}, ErrSyntax
	}
	m, err := strconv.ParseUint(whole+frac, 10, 64)
	if err != nil {
		return Value{}, ErrSyntax
	}
	return fromUnsigned(m, exp-len(frac), neg)
}

// fromUnsigned normalizes an unsigned mantissa as STAmount's
// canonicalize does, which holds 64 bits before scaling.
func fromUnsigned(m uint64, e int, neg bool) (Value, error) {
	for m > maxMantissa {
		if e >= maxExponent {
			return Value{}, ErrOverflow
		}
		m /= 10
		e++
	}
	v := int64(m)
	if neg {
		v = -v
	}
	return New(v, e)
}

func digits(s string) (d, rest string) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}
