package codec

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func TestVLLengthBoundaries(t *testing.T) {
	tests := []struct {
		n      int
		prefix string
	}{
		{0, "00"},
		{1, "01"},
		{192, "C0"},
		{193, "C100"},
		{194, "C101"},
		{448, "C1FF"},
		{449, "C200"},
		{12480, "F0FF"},
		{12481, "F10000"},
		{12482, "F10001"},
		{918744, "FED417"},
	}
	for _, tc := range tests {
		got, err := AppendVLLength(nil, tc.n)
		if err != nil {
			t.Errorf("AppendVLLength(%d): %v", tc.n, err)
			continue
		}
		if h := strings.ToUpper(hex.EncodeToString(got)); h != tc.prefix {
			t.Errorf("AppendVLLength(%d) = %s, want %s", tc.n, h, tc.prefix)
		}
		if vlPrefixLen(tc.n) != len(got) {
			t.Errorf("vlPrefixLen(%d) = %d, want %d", tc.n, vlPrefixLen(tc.n), len(got))
		}
		n, size, err := ReadVLLength(append(got, 0xAA))
		if err != nil || n != tc.n || size != len(got) {
			t.Errorf("ReadVLLength(%s) = %d, %d, %v", tc.prefix, n, size, err)
		}
	}
}

func TestVLLengthErrors(t *testing.T) {
	if _, err := AppendVLLength(nil, MaxVLLength+1); !errors.Is(err, ErrTooLarge) {
		t.Errorf("AppendVLLength(max+1): %v", err)
	}
	if _, err := AppendVLLength(nil, -1); !errors.Is(err, ErrBadValue) {
		t.Errorf("AppendVLLength(-1): %v", err)
	}
	tests := []struct {
		prefix string
		want   error
	}{
		{"", ErrTruncated},
		{"C1", ErrTruncated},
		{"F100", ErrTruncated},
		{"FED418", ErrTooLarge}, // 918745
		{"FEFFFF", ErrTooLarge}, // 929984, the largest the form can express
		{"FF", ErrBadValue},
	}
	for _, tc := range tests {
		b, _ := hex.DecodeString(tc.prefix)
		if _, _, err := ReadVLLength(b); !errors.Is(err, tc.want) {
			t.Errorf("ReadVLLength(%q): %v, want %v", tc.prefix, err, tc.want)
		}
	}
}

// TestBlobLengths encodes and decodes Raw blobs at each VL boundary.
func TestBlobLengths(t *testing.T) {
	for _, n := range []int{0, 1, 192, 193, 12480, 12481, 918744} {
		raw := bytes.Repeat([]byte{'x'}, n)
		var o Object
		if err := o.Set("Raw", raw); err != nil {
			t.Fatalf("Set Raw of %d bytes: %v", n, err)
		}
		enc := o.Encode()
		if want := 2 + vlPrefixLen(n) + n; len(enc) != want {
			t.Errorf("%d bytes: encoded to %d bytes, want %d", n, len(enc), want)
		}
		back, err := Decode(enc)
		if err != nil {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if got, _ := back.Blob("Raw"); !bytes.Equal(got, raw) {
			t.Errorf("%d bytes: Raw changed", n)
		}
	}
	var o Object
	if err := o.Set("Raw", make([]byte, MaxVLLength+1)); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Set Raw above the limit: %v", err)
	}
}
