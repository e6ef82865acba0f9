//go:build cgo

package keys

import (
	"fmt"

	decred "github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/ethereum/go-ethereum/crypto/secp256k1"
)

// With cgo, secp256k1 verification and signing run in libsecp256k1 (the
// copy go-ethereum builds): faster than decred, see README.md.

func verifySecp256k1(pub []byte, digest, r, s *[32]byte, highS bool) error {
	return libsecpVerify(pub, digest, r, s, highS)
}

func signSecp256k1(sec, digest *[32]byte) (r, s [32]byte, err error) {
	return libsecpSign(sec, digest)
}

// libsecpVerify verifies (r, s) over digest. libsecp256k1 only accepts a
// low S, so a high one is normalized first, as rippled does with
// secp256k1_ecdsa_signature_normalize.
func libsecpVerify(pub []byte, digest, r, s *[32]byte, highS bool) error {
	var compact [64]byte
	copy(compact[:32], r[:])
	low := lowS(s, highS)
	copy(compact[32:], low[:])
	if secp256k1.VerifySignature(pub, digest[:], compact[:]) {
		return nil
	}
	if x, _ := secp256k1.DecompressPubkey(pub); x == nil {
		return fmt.Errorf("%w: not a secp256k1 point", ErrBadPublicKey)
	}
	return fmt.Errorf("%w: secp256k1", ErrBadSignature)
}

// libsecpSign signs digest with secp256k1_nonce_function_rfc6979, which
// always gives a low S.
func libsecpSign(sec, digest *[32]byte) (r, s [32]byte, err error) {
	sig, err := secp256k1.Sign(digest[:], sec[:])
	if err != nil {
		return r, s, fmt.Errorf("%w: libsecp256k1: %w", ErrBadSeed, err)
	}
	copy(r[:], sig[:32])
	copy(s[:], sig[32:64])
	return r, s, nil
}

// lowS returns n - s when high is set, and s otherwise.
func lowS(s *[32]byte, high bool) [32]byte {
	if !high {
		return *s
	}
	var v decred.ModNScalar
	v.SetBytes(s)
	return v.Negate().Bytes()
}
