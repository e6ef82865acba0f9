package keys

import (
	"errors"
	"testing"

	"github.com/sqledger/sqledger/protocol/hash"
)

// FuzzVerify feeds Verify arbitrary keys, messages and signatures. It
// must never panic, must fail only with a sentinel error, and, for
// secp256k1, the production backend and decred must agree.
func FuzzVerify(f *testing.F) {
	v := loadPaymentVectors(f)
	pub, msg, sig := mustHex(f, v.PublicKey), mustHex(f, v.Examples[0].SigningHex), mustHex(f, v.Examples[0].Sig)
	f.Add(pub, msg, sig, true)
	f.Add(pub, msg[1:], sig, false)
	f.Add(pub, msg, sig[:len(sig)-2], false)
	edSeed, err := ParseSeed("xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE")
	if err != nil {
		f.Fatal(err)
	}
	edKP, err := edSeed.KeyPair()
	if err != nil {
		f.Fatal(err)
	}
	edSig, err := edKP.Sign(msg)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(edKP.PublicKey(), msg, edSig, false)
	f.Add([]byte{0x02}, []byte{}, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, false)

	f.Fuzz(func(t *testing.T, pub, msg, sig []byte, full bool) {
		err := Verify(pub, msg, sig, full)
		if err != nil && !errors.Is(err, ErrBadSignature) && !errors.Is(err, ErrNonCanonical) && !errors.Is(err, ErrBadPublicKey) {
			t.Fatalf("Verify error %v matches no sentinel", err)
		}
		if len(pub) != 33 || (pub[0] != 0x02 && pub[0] != 0x03) {
			return
		}
		r, s, highS, derErr := parseDER(sig)
		if derErr != nil || (highS && full) {
			return
		}
		digest := hash.SHA512Half(msg)
		ref := decredVerify(pub, (*[32]byte)(&digest), &r, &s)
		if (err == nil) != (ref == nil) || errors.Is(err, ErrBadPublicKey) != errors.Is(ref, ErrBadPublicKey) {
			t.Fatalf("Verify = %v, decred = %v", err, ref)
		}
	})
}
