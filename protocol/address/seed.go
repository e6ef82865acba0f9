package address

import (
	"bytes"
	"fmt"
)

// SeedLen is the length of a family seed's entropy.
const SeedLen = 16

// ed25519SeedPrefix is the three-byte version that ripple-lib (and the
// ChainSQL JavaScript library) puts in front of a seed meant for ed25519
// keys; it makes the token start with "xEd" ("sEd" in rippled's alphabet).
// rippled decodes it (RPC::parseRippleLibSeed) but never writes it.
var ed25519SeedPrefix = []byte{0x01, 0xE1, 0x4B}

// EncodeSeed returns the base58 form of a seed: "x…" for a secp256k1
// seed (TokenFamilySeed), "xEd…" for an ed25519 one.
func EncodeSeed(entropy [SeedLen]byte, ed25519 bool) string {
	if ed25519 {
		return encode(ed25519SeedPrefix, entropy[:])
	}
	return EncodeToken(TokenFamilySeed, entropy[:])
}

// DecodeSeed decodes a seed written by EncodeSeed and tells whether it was
// marked for ed25519.
func DecodeSeed(s string) (entropy [SeedLen]byte, ed25519 bool, err error) {
	body, err := decodeRaw(s)
	if err != nil {
		return entropy, false, fmt.Errorf("seed: %w", err)
	}
	var payload []byte
	switch {
	case body[0] == byte(TokenFamilySeed):
		payload = body[1:]
	case bytes.HasPrefix(body, ed25519SeedPrefix):
		payload, ed25519 = body[len(ed25519SeedPrefix):], true
	default:
		return entropy, false, fmt.Errorf("seed: %w: %q has version %d", ErrVersion, s, body[0])
	}
	if len(payload) != SeedLen {
		return entropy, false, fmt.Errorf("seed: %w: %d-byte payload, want %d", ErrLength, len(payload), SeedLen)
	}
	copy(entropy[:], payload)
	return entropy, ed25519, nil
}
