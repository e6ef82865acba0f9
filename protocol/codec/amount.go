package codec

import (
	"encoding/binary"
	"strconv"

	"github.com/sqledger/sqledger/protocol/address"
)

// Limits of amounts, rippled's STAmount constants.
const (
	// MaxNativeDrops is the largest native amount, 10^17 drops
	// (100 billion ZXC).
	MaxNativeDrops = 100_000_000_000_000_000
	minMantissa    = 1_000_000_000_000_000 // 10^15
	maxMantissa    = 9_999_999_999_999_999 // 10^16 - 1
	minExponent    = -96
	maxExponent    = 80
	zeroExponent   = -100 // rippled's exponent of an issued zero

	notNativeBit   = uint64(1) << 63
	positiveBit    = uint64(1) << 62
	nativeSize     = 8
	issuedSize     = 48
	mantissaBits   = 54
	mantissaMask   = uint64(1)<<mantissaBits - 1
	exponentOffset = 97
)

// Amount is an STAmount: either native drops of ZXC or an issued-currency
// value (a 16-digit mantissa and a decimal exponent, in rippled's
// normalized form) with its currency and issuer. The zero value is zero
// drops.
type Amount struct {
	issued   bool
	negative bool
	mantissa uint64 // drops when native
	exponent int    // issued only
	currency Currency
	issuer   address.AccountID
}

// NativeAmount returns an amount of drops. Object.Set refuses amounts
// beyond ±MaxNativeDrops.
func NativeAmount(drops int64) Amount {
	if drops < 0 {
		return Amount{negative: true, mantissa: uint64(-drops)}
	}
	return Amount{mantissa: uint64(drops)}
}

// IssuedAmount returns an issued-currency amount from a decimal string
// such as "1.25", "-3" or "5e-3", normalized as rippled does: a 16-digit
// mantissa and an exponent within -96..80, values below 10^-81 flushed to
// zero. More than 16 significant digits is an error (as in the JavaScript
// codec), not a truncation. The currency must not be ZXC and the issuer
// must not be the zero account.
func IssuedAmount(value string, currency Currency, issuer address.AccountID) (Amount, error) {
	if currency.IsNative() {
		return Amount{}, newError(ErrBadValue, "", -1, "issued amount in the native currency")
	}
	if issuer == (address.AccountID{}) {
		return Amount{}, newError(ErrBadValue, "", -1, "issued amount with the zero issuer")
	}
	d, _, err := parseDecimal(value)
	if err != nil {
		return Amount{}, newError(ErrBadValue, "", -1, err.Error())
	}
	m, err := d.mantissa()
	if err != nil {
		return Amount{}, newError(ErrBadValue, "", -1, err.Error())
	}
	a := Amount{issued: true, negative: d.neg, currency: currency, issuer: issuer}
	if err := a.normalize(m, d.exp); err != nil {
		return Amount{}, newError(ErrBadValue, "", -1, err.Error())
	}
	return a, nil
}

// IsNative reports whether the amount is in drops of ZXC.
func (a Amount) IsNative() bool { return !a.issued }

// IsNegative reports whether the amount is below zero.
func (a Amount) IsNegative() bool { return a.negative }

// IsZero reports whether the amount is zero.
func (a Amount) IsZero() bool { return a.mantissa == 0 }

// Drops returns the signed number of drops of a native amount, 0 for an
// issued amount.
func (a Amount) Drops() int64 {
	if a.issued {
		return 0
	}
	if a.negative {
		return -int64(a.mantissa)
	}
	return int64(a.mantissa)
}

// Mantissa returns the magnitude's mantissa: drops for a native amount,
// 10^15..10^16-1 (or 0) for an issued amount.
func (a Amount) Mantissa() uint64 { return a.mantissa }

// Exponent returns the decimal exponent of an issued amount (value =
// ±mantissa × 10^exponent); 0 for native amounts, -100 for issued zero.
func (a Amount) Exponent() int { return a.exponent }

// Currency returns the currency; the zero Currency (ZXC) for native amounts.
func (a Amount) Currency() Currency { return a.currency }

// Issuer returns the issuer of an issued amount; the zero account for
// native amounts.
func (a Amount) Issuer() address.AccountID { return a.issuer }

// Value returns the amount's text as rippled's STAmount::getText writes it:
// signed drops for a native amount, a decimal for an issued one (in
// mantissa-e-exponent form when the exponent is outside -25..-5).
func (a Amount) Value() string {
	if !a.issued {
		if a.negative {
			return "-" + strconv.FormatUint(a.mantissa, 10)
		}
		return strconv.FormatUint(a.mantissa, 10)
	}
	return formatIssuedValue(a.mantissa, a.exponent, a.negative)
}

// String returns the drops of a native amount, or "value/currency/issuer"
// for an issued amount (rippled's getFullText order).
func (a Amount) String() string {
	if !a.issued {
		return a.Value()
	}
	return a.Value() + "/" + a.currency.String() + "/" + a.issuer.String()
}

// normalize sets an issued amount from an unnormalized mantissa and
// exponent, as rippled's STAmount::canonicalize does: scale the mantissa to
// 16 digits (truncating), flush values below the smallest exponent to
// zero, and fail on values above the largest.
func (a *Amount) normalize(m uint64, e int) error {
	if m == 0 {
		a.mantissa, a.exponent, a.negative = 0, zeroExponent, false
		return nil
	}
	for m < minMantissa && e > minExponent {
		m *= 10
		e--
	}
	for m > maxMantissa {
		if e >= maxExponent {
			return errOverflow
		}
		m /= 10
		e++
	}
	if e < minExponent || m < minMantissa {
		a.mantissa, a.exponent, a.negative = 0, zeroExponent, false
		return nil
	}
	if e > maxExponent {
		return errOverflow
	}
	a.mantissa, a.exponent = m, e
	return nil
}

// validNative reports whether a native amount is within ±MaxNativeDrops.
func (a Amount) validNative() bool {
	return a.mantissa <= MaxNativeDrops
}

// appendBinary appends the amount's 8- or 48-byte binary form.
func (a Amount) appendBinary(dst []byte) []byte {
	if !a.issued {
		v := a.mantissa
		if !a.negative {
			v |= positiveBit
		}
		return binary.BigEndian.AppendUint64(dst, v)
	}
	v := notNativeBit
	if a.mantissa != 0 {
		v |= a.mantissa | uint64(a.exponent+exponentOffset)<<mantissaBits
		if !a.negative {
			v |= positiveBit
		}
	}
	dst = binary.BigEndian.AppendUint64(dst, v)
	dst = append(dst, a.currency[:]...)
	return append(dst, a.issuer[:]...)
}

// parseAmount reads an amount's binary form at the start of b and returns
// it with its size. It enforces rippled's checks (STAmount(SerialIter&))
// and, beyond them, the limits that make the encoding unique and
// re-readable: native amounts within MaxNativeDrops.
func parseAmount(b []byte) (Amount, int, error) {
	if len(b) < nativeSize {
		return Amount{}, 0, newError(ErrTruncated, "", -1, "amount")
	}
	v := binary.BigEndian.Uint64(b)
	if v&notNativeBit == 0 {
		a := Amount{mantissa: v &^ positiveBit, negative: v&positiveBit == 0}
		if a.negative && a.mantissa == 0 {
			return Amount{}, 0, newError(ErrNonCanonical, "", -1, "negative native zero")
		}
		if !a.validNative() {
			return Amount{}, 0, newError(ErrBadValue, "", -1, "native amount above 10^17 drops")
		}
		return a, nativeSize, nil
	}
	if len(b) < issuedSize {
		return Amount{}, 0, newError(ErrTruncated, "", -1, "issued amount")
	}
	a := Amount{issued: true}
	copy(a.currency[:], b[8:28])
	copy(a.issuer[:], b[28:48])
	if a.currency.IsNative() {
		return Amount{}, 0, newError(ErrBadValue, "", -1, "issued amount in the native currency")
	}
	if a.issuer == (address.AccountID{}) {
		return Amount{}, 0, newError(ErrBadValue, "", -1, "issued amount with the zero issuer")
	}
	top := int(v >> mantissaBits) // not-native, sign and 8 exponent bits
	m := v & mantissaMask
	if m == 0 {
		if top != 512 {
			return Amount{}, 0, newError(ErrBadValue, "", -1, "issued zero with sign or exponent bits")
		}
		a.exponent = zeroExponent
		return a, issuedSize, nil
	}
	e := top&0xFF - exponentOffset
	if m < minMantissa || m > maxMantissa || e < minExponent || e > maxExponent {
		return Amount{}, 0, newError(ErrBadValue, "", -1, "issued amount mantissa or exponent out of range")
	}
	a.mantissa, a.exponent, a.negative = m, e, top&256 == 0
	return a, issuedSize, nil
}

// IssuedFromParts returns the issued amount ±mantissa × 10^exponent,
// normalized as IssuedAmount does (an error past the largest value).
// The currency must not be ZXC and the issuer must not be the zero
// account.
func IssuedFromParts(mantissa uint64, exponent int, negative bool, currency Currency, issuer address.AccountID) (Amount, error) {
	if currency.IsNative() {
		return Amount{}, newError(ErrBadValue, "", -1, "issued amount in the native currency")
	}
	if issuer == (address.AccountID{}) {
		return Amount{}, newError(ErrBadValue, "", -1, "issued amount with the zero issuer")
	}
	a := Amount{issued: true, negative: negative, currency: currency, issuer: issuer}
	if err := a.normalize(mantissa, exponent); err != nil {
		return Amount{}, newError(ErrBadValue, "", -1, err.Error())
	}
	return a, nil
}

// FormatIssued writes ±mantissa × 10^exponent (normalized) as Value
// writes an issued amount: rippled's STAmount::getText.
func FormatIssued(mantissa uint64, exponent int, negative bool) string {
	return formatIssuedValue(mantissa, exponent, negative)
}
