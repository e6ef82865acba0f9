//go:build !cgo

package keys

// Without cgo, secp256k1 verification and signing run in decred's pure Go.

func verifySecp256k1(pub []byte, digest, r, s *[32]byte, highS bool) error {
	return decredVerify(pub, digest, r, s)
}

func signSecp256k1(sec, digest *[32]byte) (r, s [32]byte, err error) {
	return decredSign(sec, digest)
}
