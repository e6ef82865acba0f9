package address

import "fmt"

// PublicKeyLen is the length of a compressed secp256k1 or 0xED-prefixed
// ed25519 public key.
const PublicKeyLen = 33

// EncodeAccountPublic returns the "a…" token of an account public key.
func EncodeAccountPublic(pub []byte) string {
	return EncodeToken(TokenAccountPublic, pub)
}

// EncodeNodePublic returns the "n…" token of a node (validator) public key.
func EncodeNodePublic(pub []byte) string {
	return EncodeToken(TokenNodePublic, pub)
}

// DecodeAccountPublic decodes an "a…" token holding a 33-byte public key.
// It checks the length, not that the bytes are a valid key.
func DecodeAccountPublic(s string) ([]byte, error) {
	return decodePublic(s, TokenAccountPublic, "account public key")
}

// DecodeNodePublic decodes an "n…" token holding a 33-byte public key.
// It checks the length, not that the bytes are a valid key.
func DecodeNodePublic(s string) ([]byte, error) {
	return decodePublic(s, TokenNodePublic, "node public key")
}

func decodePublic(s string, t TokenType, what string) ([]byte, error) {
	payload, err := DecodeToken(s, t)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	if len(payload) != PublicKeyLen {
		return nil, fmt.Errorf("%s: %w: %d-byte payload, want %d", what, ErrLength, len(payload), PublicKeyLen)
	}
	return payload, nil
}
