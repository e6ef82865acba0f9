package keys

import (
	"bytes"
	"crypto/ed25519"
	"fmt"

	"github.com/sqledger/sqledger/protocol/hash"
)

// ed25519Order is L, the order of the ed25519 group, big-endian.
var ed25519Order = [32]byte{
	0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x14, 0xDE, 0xF9, 0xDE, 0xA2, 0xF7, 0x9C, 0xD6, 0x58, 0x12, 0x63, 0x1A, 0x5C, 0xF5, 0xD3, 0xED,
}

// Verify checks sig over message with the 33-byte public key pub, as
// rippled's verify(publicKey, m, sig, mustBeFullyCanonical). It returns
// nil when the signature is good, and otherwise an error wrapping
// ErrBadPublicKey, ErrNonCanonical or ErrBadSignature.
//
// The first byte of pub picks the algorithm. For secp256k1 (0x02, 0x03)
// the signature must be canonical DER (see ErrNonCanonical) over
// SHA512Half(message); a high S is refused when requireFullyCanonical is
// set and otherwise verified in its low-S form, as rippled does. For
// ed25519 (0xED) the 64-byte signature must have S below the group order
// and is verified over the message itself; requireFullyCanonical does not
// apply.
func Verify(pub, message, sig []byte, requireFullyCanonical bool) error {
	if err := publicKeyType(pub); err != nil {
		return err
	}
	if pub[0] == ed25519Prefix {
		return verifyEd25519(pub[1:], message, sig)
	}
	r, s, highS, err := parseDER(sig)
	if err != nil {
		return err
	}
	if highS && requireFullyCanonical {
		return fmt.Errorf("%w: S is above half the group order", ErrNonCanonical)
	}
	digest := hash.SHA512Half(message)
	return verifySecp256k1(pub, (*[32]byte)(&digest), &r, &s, highS)
}

func verifyEd25519(pub, message, sig []byte) error {
	if len(sig) != ed25519.SignatureSize {
		return fmt.Errorf("%w: ed25519 signature of %d bytes, want %d", ErrNonCanonical, len(sig), ed25519.SignatureSize)
	}
	var s [32]byte
	for i, b := range sig[32:] {
		s[31-i] = b // S is little-endian
	}
	if bytes.Compare(s[:], ed25519Order[:]) >= 0 {
		return fmt.Errorf("%w: ed25519 S is not below the group order", ErrNonCanonical)
	}
	if !ed25519.Verify(pub, message, sig) {
		return fmt.Errorf("%w: ed25519", ErrBadSignature)
	}
	return nil
}
