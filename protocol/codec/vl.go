package codec

import "strconv"

// MaxVLLength is the largest length a VL prefix can express, rippled's
// Serializer::encodeLengthLength limit (918744 bytes).
const MaxVLLength = 918744

// AppendVLLength appends the VL length prefix of an n-byte value:
//
//	0 ..    192  one byte   n
//	193 .. 12480 two bytes  193 + (n-193)>>8, (n-193)&0xFF
//	12481 .. 918744 three bytes 241 + (n-12481)>>16, ..., (n-12481)&0xFF
//
// Every length has exactly one encoding. It fails with ErrTooLarge above
// MaxVLLength and ErrBadValue for a negative n.
func AppendVLLength(dst []byte, n int) ([]byte, error) {
	switch {
	case n < 0:
		return dst, newError(ErrBadValue, "", -1, "negative VL length "+strconv.Itoa(n))
	case n <= 192:
		return append(dst, byte(n)), nil
	case n <= 12480:
		n -= 193
		return append(dst, byte(193+n>>8), byte(n)), nil
	case n <= MaxVLLength:
		n -= 12481
		return append(dst, byte(241+n>>16), byte(n>>8), byte(n)), nil
	}
	return dst, newError(ErrTooLarge, "", -1, "VL length "+strconv.Itoa(n)+" above "+strconv.Itoa(MaxVLLength))
}

// ReadVLLength reads a VL length prefix at the start of b and returns the
// length it encodes and the size of the prefix. It fails with ErrTruncated
// when b ends inside the prefix, ErrBadValue for the unused first byte 255
// and ErrTooLarge for a length above MaxVLLength (the three-byte form can
// express up to 929984; rippled cannot write those, so neither do we read
// them). It does not check that the value itself fits in b.
func ReadVLLength(b []byte) (n, size int, err error) {
	if len(b) == 0 {
		return 0, 0, newError(ErrTruncated, "", -1, "VL length prefix")
	}
	b1 := int(b[0])
	switch {
	case b1 <= 192:
		return b1, 1, nil
	case b1 <= 240:
		if len(b) < 2 {
			return 0, 0, newError(ErrTruncated, "", -1, "VL length prefix")
		}
		return 193 + (b1-193)<<8 + int(b[1]), 2, nil
	case b1 <= 254:
		if len(b) < 3 {
			return 0, 0, newError(ErrTruncated, "", -1, "VL length prefix")
		}
		n = 12481 + (b1-241)<<16 + int(b[1])<<8 + int(b[2])
		if n > MaxVLLength {
			return 0, 0, newError(ErrTooLarge, "", -1, "VL length "+strconv.Itoa(n)+" above "+strconv.Itoa(MaxVLLength))
		}
		return n, 3, nil
	}
	return 0, 0, newError(ErrBadValue, "", -1, "VL length prefix byte 0xFF")
}

// vlPrefixLen returns the size of the VL prefix for an n-byte value
// (n <= MaxVLLength).
func vlPrefixLen(n int) int {
	switch {
	case n <= 192:
		return 1
	case n <= 12480:
		return 2
	}
	return 3
}
