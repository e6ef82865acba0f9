package keys

import (
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
)

// decredVerify verifies (r, s) over digest with the pure-Go
// github.com/decred/dcrd/dcrec/secp256k1. r and s are in [1, n). It
// accepts a high S as it is (ECDSA holds for S and n-S alike), which is
// rippled's normalize-then-verify.
func decredVerify(pub []byte, digest, r, s *[32]byte) error {
	key, err := secp256k1.ParsePubKey(pub)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrBadPublicKey, err)
	}
	var rs, ss secp256k1.ModNScalar
	rs.SetBytes(r)
	ss.SetBytes(s)
	if !ecdsa.NewSignature(&rs, &ss).Verify(digest[:], key) {
		return fmt.Errorf("%w: secp256k1", ErrBadSignature)
	}
	return nil
}

// decredSign signs digest with the secret key sec: RFC 6979 nonce, low S.
func decredSign(sec, digest *[32]byte) (r, s [32]byte, err error) {
	var k secp256k1.ModNScalar
	if overflow := k.SetBytes(sec); overflow != 0 || k.IsZero() {
		return r, s, fmt.Errorf("%w: secret key out of range", ErrBadSeed)
	}
	sig := ecdsa.Sign(secp256k1.NewPrivateKey(&k), digest[:])
	rs, ss := sig.R(), sig.S()
	return rs.Bytes(), ss.Bytes(), nil
}
