package codec

import (
	"errors"
	"strconv"
	"strings"
)

// maxSignificantDigits is the precision of an issued amount's mantissa.
const maxSignificantDigits = 16

var (
	errOverflow       = errors.New("value overflow")
	errNumberSyntax   = errors.New("not a decimal number")
	errPrecision      = errors.New("more than 16 significant digits")
	errExponent       = errors.New("exponent out of range")
	errNativeFraction = errors.New("ZXC must be specified in integral drops")
	errNativeRange    = errors.New("native amount beyond 10^17 drops")
)

// decimal is a parsed amount text: ±digits × 10^exp, digits without
// leading or trailing zeros ("" for zero).
type decimal struct {
	digits string
	exp    int
	neg    bool
}

// parseDecimal reads an amount's text in rippled's syntax (an optional
// sign, an integer part without leading zeros, an optional fraction and an
// optional exponent):
//
//	^([-+]?)(0|[1-9][0-9]*)(\.([0-9]+))?([eE]([+-]?)([0-9]+))?$
//
// It reports whether a fraction was written. Unlike rippled it does not
// cap the number of digits at 32, so the plain decimals the JavaScript
// codec writes ("0.000…001") are read too; the callers refuse values that
// would lose digits instead of truncating them.
func parseDecimal(s string) (d decimal, fraction bool, err error) {
	rest := s
	if rest != "" && (rest[0] == '-' || rest[0] == '+') {
		d.neg = rest[0] == '-'
		rest = rest[1:]
	}
	intPart, rest := leadingDigits(rest)
	if intPart == "" || (len(intPart) > 1 && intPart[0] == '0') {
		return d, false, errNumberSyntax
	}
	var frac string
	if rest != "" && rest[0] == '.' {
		if frac, rest = leadingDigits(rest[1:]); frac == "" {
			return d, false, errNumberSyntax
		}
		fraction = true
	}
	if rest != "" && (rest[0] == 'e' || rest[0] == 'E') {
		expText := rest[1:]
		if expText != "" && (expText[0] == '-' || expText[0] == '+') {
			expText = expText[1:]
		}
		if digits, tail := leadingDigits(expText); digits == "" || tail != "" {
			return d, false, errNumberSyntax
		}
		x, perr := strconv.ParseInt(rest[1:], 10, 32)
		if perr != nil {
			return d, false, errExponent
		}
		d.exp = int(x)
		rest = ""
	}
	if rest != "" {
		return d, false, errNumberSyntax
	}
	all := strings.TrimLeft(intPart+frac, "0")
	trimmed := strings.TrimRight(all, "0")
	d.digits = trimmed
	d.exp += len(all) - len(trimmed) - len(frac)
	return d, fraction, nil
}

// leadingDigits splits s after its leading ASCII digits.
func leadingDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return s[:i], s[i:]
}

// mantissa returns the digits as an integer for an issued amount.
func (d decimal) mantissa() (uint64, error) {
	if d.digits == "" {
		return 0, nil
	}
	if len(d.digits) > maxSignificantDigits {
		return 0, errPrecision
	}
	return strconv.ParseUint(d.digits, 10, 64)
}

// drops returns the value as a number of drops: an integer within
// MaxNativeDrops.
func (d decimal) drops() (uint64, error) {
	if d.digits == "" {
		return 0, nil
	}
	if d.exp < 0 {
		return 0, errNativeFraction
	}
	if len(d.digits)+d.exp > 18 {
		return 0, errNativeRange
	}
	m, err := strconv.ParseUint(d.digits+strings.Repeat("0", d.exp), 10, 64)
	if err != nil || m > MaxNativeDrops {
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
