package codec

import (
	"errors"
	"strings"
)

// NativeCode is the JSON name of the native currency: ZXC where rippled
// says XRP.
const NativeCode = "ZXC"

// Currency is a 160-bit currency code. The zero value is the native
// currency, ZXC. A standard code keeps three ASCII characters in bytes
// 12..14 and zeros elsewhere.
type Currency [20]byte

// isoCharSet is rippled's set of characters allowed in a three-letter code.
const isoCharSet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789<>(){}[]|?!@#$%^&*"

// isoOffset is where the three letters of a standard code sit.
const isoOffset = 12

var errCurrency = errors.New("not ZXC, a three-character code or 40 hex digits")

// ParseCurrency reads a currency code as rippled's to_currency does: "" or
// "ZXC" is the native currency, three characters from rippled's ISO set are
// a standard code (upper-cased), 40 hex digits are the raw 160 bits.
func ParseCurrency(s string) (Currency, error) {
	var c Currency
	switch {
	case s == "" || s == NativeCode:
		return c, nil
	case len(s) == 3:
		for i := 0; i < 3; i++ {
			if strings.IndexByte(isoCharSet, s[i]) < 0 {
				return c, errCurrency
			}
		}
		copy(c[isoOffset:], strings.ToUpper(s))
		return c, nil
	}
	if err := decodeHexExact(c[:], s); err != nil {
		return c, errCurrency
	}
	return c, nil
}

// IsNative reports whether c is the native currency.
func (c Currency) IsNative() bool {
	return c == Currency{}
}

// String returns the code as rippled's to_string does: "ZXC" for the
// native currency, the three letters of a standard code, and otherwise 40
// uppercase hex digits. Two corner cases are written in hex where rippled
// writes letters, so that every string parses back to the same bits: the
// reserved code 0x…01 (rippled: "1") and codes with lower-case letters
// (which ParseCurrency, like rippled, would upper-case).
func (c Currency) String() string {
	if c.IsNative() {
		return NativeCode
	}
	if iso, ok := c.iso(); ok {
		return iso
	}
	return upperHex(c[:])
}

// iso returns the three letters of a standard code whose text form is the
// letters themselves.
func (c Currency) iso() (string, bool) {
	for i, b := range c {
		if b != 0 && (i < isoOffset || i >= isoOffset+3) {
			return "", false
		}
	}
	code := string(c[isoOffset : isoOffset+3])
	if code == NativeCode {
		return "", false
	}
	for i := 0; i < 3; i++ {
		if strings.IndexByte(isoCharSet, code[i]) < 0 || ('a' <= code[i] && code[i] <= 'z') {
			return "", false
		}
	}
	return code, true
}
