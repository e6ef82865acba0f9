package codec

import (
	"encoding/hex"
	"fmt"
)

const upperHexDigits = "0123456789ABCDEF"

// appendUpperHex appends the uppercase hex form of b, the form rippled and
// ChainSQL use for blobs and hashes in JSON.
func appendUpperHex(dst, b []byte) []byte {
	for _, c := range b {
		dst = append(dst, upperHexDigits[c>>4], upperHexDigits[c&0x0F])
	}
	return dst
}

// upperHex returns the uppercase hex form of b.
func upperHex(b []byte) string {
	return string(appendUpperHex(make([]byte, 0, 2*len(b)), b))
}

// decodeHexBlob decodes a blob's hex text in either case. An odd number of
// digits is read with an implied leading zero, as rippled's strUnHex does.
func decodeHexBlob(s string) ([]byte, error) {
	if len(s)%2 == 1 {
		s = "0" + s
	}
	out := make([]byte, len(s)/2)
	if _, err := hex.Decode(out, []byte(s)); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeHexExact decodes exactly len(dst) bytes of hex text in either case.
func decodeHexExact(dst []byte, s string) error {
	if len(s) != 2*len(dst) {
		return fmt.Errorf("%d hex digits, want %d", len(s), 2*len(dst))
	}
	_, err := hex.Decode(dst, []byte(s))
	return err
}
