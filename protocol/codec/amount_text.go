package codec

import (
	"errors"
	"strconv"
	"strings"
)

// maxAmountDigits is rippled's limit on the digits of an amount's text
// (integer and fraction together).
const maxAmountDigits = 32

var (
	errOverflow        = errors.New("value overflow")
	errNumberSyntax    = errors.New("not a decimal number")
	errOverlong        = errors.New("more than 32 digits")
	errNativeFraction  = errors.New("ZXC must be specified in integral drops")
	errNativeRange     = errors.New("native amount beyond 10^17 drops")
	errMantissaTooLong = errors.New("mantissa does not fit 64 bits")
)

// parseDecimal reads an amount's text as rippled's amountFromString does:
// an optional sign, an integer part without leading zeros, an optional
// fraction and an optional exponent:
//
//	^([-+]?)(0|[1-9][0-9]*)(\.([0-9]+))?([eE]([+-]?)([0-9]+))?$
//
// It returns the digits as a mantissa and the exponent that scales them.
// A native amount may not have a fraction.
func parseDecimal(s string, native bool) (m uint64, e int, neg bool, err error) {
	rest := s
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		neg = rest[0] == '-'
		rest = rest[1:]
	}
	intPart, rest := leadingDigits(rest)
	if intPart == "" || (len(intPart) > 1 && intPart[0] == '0') {
		return 0, 0, false, errNumberSyntax
	}
	var frac string
	if rest != "" && rest[0] == '.' {
		frac, rest = leadingDigits(rest[1:])
		if frac == "" {
			return 0, 0, false, errNumberSyntax
		}
		if native {
			return 0, 0, false, errNativeFraction
		}
	}
	if rest != "" && (rest[0] == 'e' || rest[0] == 'E') {
		expText := rest[1:]
		if expText != "" && (expText[0] == '-' || expText[0] == '+') {
			expText = expText[1:]
		}
		digits, tail := leadingDigits(expText)
		if digits == "" || tail != "" {
			return 0, 0, false, errNumberSyntax
		}
		x, perr := strconv.ParseInt(rest[1:], 10, 32)
		if perr != nil {
			return 0, 0, false, errOverflow
		}
		e = int(x)
		rest = ""
	}
	if rest != "" {
		return 0, 0, false, errNumberSyntax
	}
	if len(intPart)+len(frac) > maxAmountDigits {
		return 0, 0, false, errOverlong
	}
	m, perr := strconv.ParseUint(intPart+frac, 10, 64)
	if perr != nil {
		return 0, 0, false, errMantissaTooLong
	}
	return m, e - len(frac), neg, nil
}

// leadingDigits splits s after its leading ASCII digits.
func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// nativeDrops scales a parsed native amount to drops as rippled's
// canonicalize does (a negative exponent truncates) and checks the range.
func nativeDrops(m uint64, e int) (uint64, error) {
	for e < 0 && m != 0 {
		m /= 10
		e++
	}
	for e > 0 && m != 0 {
		if m > MaxNativeDrops {
			return 0, errNativeRange
		}
		m *= 10
		e--
	}
	if m > MaxNativeDrops {
		return 0, errNativeRange
	}
	return m, nil
}

// formatIssuedValue writes a normalized issued value as rippled's
// STAmount::getText does: "0" for zero; mantissa "e" exponent when the
// exponent is outside -25..-5; otherwise a plain decimal without leading or
// trailing zeros.
func formatIssuedValue(m uint64, e int, neg bool) string {
	if m == 0 {
		return "0"
	}
	raw := strconv.FormatUint(m, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	if e != 0 && (e < -25 || e > -5) {
		b.WriteString(raw)
		b.WriteByte('e')
		b.WriteString(strconv.Itoa(e))
		return b.String()
	}
	point := len(raw) + e // digits before the decimal point
	var intPart, frac string
	switch {
	case point <= 0:
		intPart, frac = "0", strings.Repeat("0", -point)+raw
	case point >= len(raw):
		intPart = raw + strings.Repeat("0", point-len(raw))
	default:
		intPart, frac = raw[:point], raw[point:]
	}
	b.WriteString(intPart)
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
