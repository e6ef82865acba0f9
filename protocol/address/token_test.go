package address

import (
	"bytes"
	"errors"
	"testing"
)

func TestTokenPrefixes(t *testing.T) {
	// The leading character of each token type, as rippled's (r, n, p, s,
	// p, a) mapped through the ChainSQL alphabet.
	tests := []struct {
		typ   TokenType
		size  int
		first byte
	}{
		{TokenAccountID, 20, 'z'},
		{TokenNodePublic, 33, 'n'},
		{TokenNodePrivate, 32, 'p'},
		{TokenFamilySeed, 16, 'x'},
		{TokenAccountSecret, 32, 'p'},
		{TokenAccountPublic, 33, 'c'},
	}
	for _, tc := range tests {
		for _, fill := range []byte{0x00, 0x7F, 0xFF} {
			payload := bytes.Repeat([]byte{fill}, tc.size)
			s := EncodeToken(tc.typ, payload)
			if s[0] != tc.first {
				t.Errorf("EncodeToken(%d, %X) = %q, want it to start with %c", tc.typ, payload, s, tc.first)
			}
			got, err := DecodeToken(s, tc.typ)
			if err != nil || !bytes.Equal(got, payload) {
				t.Errorf("DecodeToken(%q) = %X, %v; want %X", s, got, err, payload)
			}
		}
	}
}

func TestDecodeTokenVersion(t *testing.T) {
	s := EncodeToken(TokenNodePrivate, make([]byte, 32))
	if _, err := DecodeToken(s, TokenAccountSecret); !errors.Is(err, ErrVersion) {
		t.Fatalf("DecodeToken(node private as account secret) error = %v, want ErrVersion", err)
	}
}

func TestLeadingZerosKept(t *testing.T) {
	// Leading zero bytes are leading 'z' characters and must survive.
	payload := []byte{0, 0, 0, 1, 2}
	s := EncodeToken(TokenAccountID, payload)
	if s[:4] != "zzzz" {
		t.Fatalf("EncodeToken = %q, want four leading z (version and three zero bytes)", s)
	}
	got, err := DecodeToken(s, TokenAccountID)
	if err != nil || !bytes.Equal(got, payload) {
		t.Fatalf("DecodeToken(%q) = %X, %v; want %X", s, got, err, payload)
	}
}
