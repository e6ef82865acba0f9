package address

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"strings"

	"github.com/mr-tron/base58"
)

// Alphabet is ChainSQL's base58 alphabet: rippled's with the pairs r↔z,
// s↔x and a↔c swapped, so that account IDs start with 'z' and seeds with
// 'x'.
const Alphabet = "zpxhncf39wBUDNEGHJKLM4PQRST7VWXYZ2badeCg65jkm8oFqi1tuvAsyr"

// TokenType is the version byte that leads a base58 token and says what
// its payload holds. The values are rippled's TokenType.
type TokenType byte

// The token types of rippled (src/ripple/protocol/tokens.h).
const (
	TokenAccountID     TokenType = 0  // 20-byte account ID, "z…"
	TokenNodePublic    TokenType = 28 // 33-byte validator public key, "n…"
	TokenNodePrivate   TokenType = 32 // 32-byte validator secret key, "p…"
	TokenFamilySeed    TokenType = 33 // 16-byte seed, "x…"
	TokenAccountSecret TokenType = 34 // 32-byte account secret key, "p…"
	TokenAccountPublic TokenType = 35 // 33-byte account public key, "a…"
)

const (
	checksumLen = 4
	// maxTokenLen bounds the strings the decoders look at: base58 decoding
	// is quadratic, and no token of the protocol comes near this size
	// (a 65-byte GM public key token is 96 characters).
	maxTokenLen = 128
)

var alphabet = base58.NewAlphabet(Alphabet)

// EncodeToken returns the base58 token of type t holding payload: the
// version byte, the payload and the first four bytes of the double
// SHA-256 of both, in the ChainSQL alphabet.
func EncodeToken(t TokenType, payload []byte) string {
	return encode([]byte{byte(t)}, payload)
}

// DecodeToken decodes a base58 token of type t and returns its payload,
// of whatever length it has. It checks the alphabet, the checksum and the
// version byte, in that order; the caller checks the payload length.
func DecodeToken(s string, t TokenType) ([]byte, error) {
	return decode(s, []byte{byte(t)})
}

func encode(prefix, payload []byte) string {
	buf := make([]byte, 0, len(prefix)+len(payload)+checksumLen)
	buf = append(buf, prefix...)
	buf = append(buf, payload...)
	sum := checksum(buf)
	buf = append(buf, sum[:]...)
	return base58.FastBase58EncodingAlphabet(buf, alphabet)
}

// decodeRaw decodes s and checks its checksum, returning the bytes before
// the checksum (version prefix and payload).
func decodeRaw(s string) ([]byte, error) {
	if len(s) == 0 {
		return nil, fmt.Errorf("%w: empty string", ErrLength)
	}
	if len(s) > maxTokenLen {
		return nil, fmt.Errorf("%w: %d characters, more than %d", ErrLength, len(s), maxTokenLen)
	}
	if i := strings.IndexFunc(s, notInAlphabet); i >= 0 {
		return nil, fmt.Errorf("%w: %q at offset %d", ErrAlphabet, s[i], i)
	}
	raw, err := base58.FastBase58DecodingAlphabet(s, alphabet)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrAlphabet, err)
	}
	if len(raw) <= checksumLen {
		return nil, fmt.Errorf("%w: %d bytes decoded, too short for a token", ErrLength, len(raw))
	}
	body, sum := raw[:len(raw)-checksumLen], raw[len(raw)-checksumLen:]
	if want := checksum(body); !bytes.Equal(sum, want[:]) {
		return nil, fmt.Errorf("%w: %q", ErrChecksum, s)
	}
	return body, nil
}

func decode(s string, prefix []byte) ([]byte, error) {
	body, err := decodeRaw(s)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(body, prefix) {
		return nil, fmt.Errorf("%w: %q does not start with version % X", ErrVersion, s, prefix)
	}
	return body[len(prefix):], nil
}

func checksum(b []byte) [checksumLen]byte {
	first := sha256.Sum256(b)
	second := sha256.Sum256(first[:])
	var out [checksumLen]byte
	copy(out[:], second[:checksumLen])
	return out
}

func notInAlphabet(r rune) bool {
	return !strings.ContainsRune(Alphabet, r)
}
