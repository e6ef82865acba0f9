package keys

import (
	"bytes"
	"fmt"
)

// DER-encoded ECDSA signatures, read as strictly as rippled's
// ecdsaCanonicality (PublicKey.cpp):
//
//	30 len | 02 lenR R | 02 lenS S
//
// The whole is 8 to 72 bytes and len counts everything after it. R and S
// are 1 to 33 bytes, big-endian, not negative (top bit clear), not zero,
// and minimal (a leading 00 only when the next byte's top bit is set).
// Both must be below the group order n. Such a signature is "canonical";
// it is "fully canonical" when also S ≤ n/2, the only form rippled
// signs and the only one it accepts from transactions that ask for it.

const (
	minDERLen = 8
	maxDERLen = 72
	derSeq    = 0x30
	derInt    = 0x02
)

var (
	// curveOrder is n, the order of the secp256k1 group.
	curveOrder = [32]byte{
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
		0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
	}
	// halfOrder is (n-1)/2: S is high when S > halfOrder.
	halfOrder = [32]byte{
		0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
		0x5D, 0x57, 0x6E, 0x73, 0x57, 0xA4, 0x50, 0x1D, 0xDF, 0xE9, 0x2F, 0x46, 0x68, 0x1B, 0x20, 0xA0,
	}
)

// parseDER reads a canonical DER signature into 32-byte big-endian R and
// S and reports whether S is high (the signature is canonical but not
// fully canonical). Anything else is an ErrNonCanonical.
func parseDER(sig []byte) (r, s [32]byte, highS bool, err error) {
	if len(sig) < minDERLen || len(sig) > maxDERLen {
		return r, s, false, fmt.Errorf("%w: DER signature of %d bytes, want %d to %d", ErrNonCanonical, len(sig), minDERLen, maxDERLen)
	}
	if sig[0] != derSeq || int(sig[1]) != len(sig)-2 {
		return r, s, false, fmt.Errorf("%w: bad DER sequence header % X", ErrNonCanonical, sig[:2])
	}
	rest := sig[2:]
	var rb, sb []byte
	if rb, rest, err = derInteger(rest, "R"); err != nil {
		return r, s, false, err
	}
	if sb, rest, err = derInteger(rest, "S"); err != nil {
		return r, s, false, err
	}
	if len(rest) != 0 {
		return r, s, false, fmt.Errorf("%w: %d bytes after S", ErrNonCanonical, len(rest))
	}
	if !toScalar(&r, rb) {
		return r, s, false, fmt.Errorf("%w: R is not below the group order", ErrNonCanonical)
	}
	if !toScalar(&s, sb) {
		return r, s, false, fmt.Errorf("%w: S is not below the group order", ErrNonCanonical)
	}
	return r, s, bytes.Compare(s[:], halfOrder[:]) > 0, nil
}

// derInteger reads one DER INTEGER (rippled's sigPart) and returns its
// content bytes and what follows.
func derInteger(buf []byte, name string) (value, rest []byte, err error) {
	if len(buf) < 3 || buf[0] != derInt {
		return nil, nil, fmt.Errorf("%w: %s is not a DER integer", ErrNonCanonical, name)
	}
	n := int(buf[1])
	buf = buf[2:]
	switch {
	case n < 1 || n > 33 || n > len(buf):
		return nil, nil, fmt.Errorf("%w: %s has bad length %d", ErrNonCanonical, name, n)
	case buf[0]&0x80 != 0:
		return nil, nil, fmt.Errorf("%w: %s is negative", ErrNonCanonical, name)
	case buf[0] == 0 && n == 1:
		return nil, nil, fmt.Errorf("%w: %s is zero", ErrNonCanonical, name)
	case buf[0] == 0 && buf[1]&0x80 == 0:
		return nil, nil, fmt.Errorf("%w: %s has a needless leading zero", ErrNonCanonical, name)
	}
	return buf[:n], buf[n:], nil
}

// toScalar right-aligns the minimal big-endian b into dst and reports
// whether it is below the group order.
func toScalar(dst *[32]byte, b []byte) bool {
	if len(b) == 33 {
		b = b[1:] // the leading zero that keeps a high top bit positive
	}
	copy(dst[32-len(b):], b)
	return bytes.Compare(dst[:], curveOrder[:]) < 0
}

// encodeDER writes R and S as a minimal DER signature.
func encodeDER(r, s *[32]byte) []byte {
	rb, sb := derContent(r), derContent(s)
	out := make([]byte, 0, 6+len(rb)+len(sb))
	out = append(out, derSeq, byte(4+len(rb)+len(sb)))
	out = append(out, derInt, byte(len(rb)))
	out = append(out, rb...)
	out = append(out, derInt, byte(len(sb)))
	return append(out, sb...)
}

// derContent strips leading zeros from v and puts one back when the top
// bit would otherwise make it negative.
func derContent(v *[32]byte) []byte {
	b := bytes.TrimLeft(v[:], "\x00")
	if len(b) == 0 || b[0]&0x80 != 0 {
		return append([]byte{0}, b...)
	}
	return b
}
