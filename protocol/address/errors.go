package address

import "errors"

// The sentinel errors of the package. Every error returned by a decoder
// wraps exactly one of them, with context; match with errors.Is.
var (
	// ErrAlphabet reports a character outside the ChainSQL base58 alphabet.
	ErrAlphabet = errors.New("address: character outside the base58 alphabet")
	// ErrChecksum reports a token whose four-byte checksum does not match.
	ErrChecksum = errors.New("address: bad checksum")
	// ErrVersion reports a well-formed token of another type than asked for.
	ErrVersion = errors.New("address: wrong token type")
	// ErrLength reports a string or payload of the wrong length.
	ErrLength = errors.New("address: wrong length")
)
