package keys

import "errors"

// The sentinel errors of the package; returned errors wrap one of them
// with context. Match with errors.Is.
var (
	// ErrBadSignature reports a well-formed, canonical signature that does
	// not verify: wrong key, wrong message or a forged signature.
	ErrBadSignature = errors.New("keys: signature does not verify")
	// ErrNonCanonical reports a signature that rippled rejects before
	// verifying it: malformed or non-minimal DER, R or S out of [1, n),
	// S above n/2 when full canonicality is required, or an ed25519
	// signature that is not 64 bytes or whose S is not below the group
	// order.
	ErrNonCanonical = errors.New("keys: signature not canonical")
	// ErrBadPublicKey reports a public key that is not 33 bytes, has an
	// unknown type byte or is not a point on the curve.
	ErrBadPublicKey = errors.New("keys: bad public key")
	// ErrBadSeed reports a string that is not a seed (rippled's
	// rpcBAD_SEED), or a key that cannot be derived from one.
	ErrBadSeed = errors.New("keys: bad seed")
	// ErrUnknownAlgorithm reports an Algorithm other than Secp256k1 and
	// Ed25519, or an unknown key_type name.
	ErrUnknownAlgorithm = errors.New("keys: unknown algorithm")
)
