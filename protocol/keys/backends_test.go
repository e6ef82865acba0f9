package keys

import (
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/sqledger/sqledger/protocol/hash"
)

// secpBackend is one secp256k1 implementation, for tests and benchmarks
// that compare them.
type secpBackend struct {
	name   string
	verify func(pub []byte, digest, r, s *[32]byte, highS bool) error
	sign   func(sec, digest *[32]byte) (r, s [32]byte, err error)
}

var decredBackend = secpBackend{
	name: "decred",
	verify: func(pub []byte, digest, r, s *[32]byte, _ bool) error {
		return decredVerify(pub, digest, r, s)
	},
	sign: decredSign,
}

// negateS returns n - s.
func negateS(s [32]byte) [32]byte {
	n := new(big.Int).SetBytes(curveOrder[:])
	v := new(big.Int).Sub(n, new(big.Int).SetBytes(s[:]))
	var out [32]byte
	v.FillBytes(out[:])
	return out
}

// TestBackendsAgree signs and verifies with every built-in backend: the
// signatures must be identical and every verdict the same.
func TestBackendsAgree(t *testing.T) {
	for i := range 40 {
		seed := SeedFromPassphrase(fmt.Sprintf("backend test %d", i))
		kp, err := seed.KeyPair()
		if err != nil {
			t.Fatal(err)
		}
		other, err := SeedFromPassphrase(fmt.Sprintf("other key %d", i)).KeyPair()
		if err != nil {
			t.Fatal(err)
		}
		digest := hash.SHA512Half([]byte(fmt.Sprintf("message %d", i)))
		d := (*[32]byte)(&digest)
		wantR, wantS, err := decredSign(&kp.secret, d)
		if err != nil {
			t.Fatal(err)
		}
		if s := new(big.Int).SetBytes(wantS[:]); s.Cmp(new(big.Int).SetBytes(halfOrder[:])) > 0 {
			t.Fatalf("#%d: decred gave a high S", i)
		}
		highS := negateS(wantS)
		tampered := *d
		tampered[0] ^= 1
		for _, b := range secpBackends {
			r, s, err := b.sign(&kp.secret, d)
			if err != nil || r != wantR || s != wantS {
				t.Fatalf("#%d %s: sign = %X %X %v, want %X %X", i, b.name, r, s, err, wantR, wantS)
			}
			if err := b.verify(kp.PublicKey(), d, &r, &s, false); err != nil {
				t.Errorf("#%d %s: good signature: %v", i, b.name, err)
			}
			if err := b.verify(kp.PublicKey(), d, &r, &highS, true); err != nil {
				t.Errorf("#%d %s: high-S form: %v", i, b.name, err)
			}
			if err := b.verify(kp.PublicKey(), &tampered, &r, &s, false); !errors.Is(err, ErrBadSignature) {
				t.Errorf("#%d %s: tampered digest: error %v, want ErrBadSignature", i, b.name, err)
			}
			if err := b.verify(other.PublicKey(), d, &r, &s, false); !errors.Is(err, ErrBadSignature) {
				t.Errorf("#%d %s: other key: error %v, want ErrBadSignature", i, b.name, err)
			}
			offCurve := append([]byte{0x02}, make([]byte, 32)...)
			offCurve[32] = 5 // x = 5: 5³+7 is not a square mod p
			if err := b.verify(offCurve, d, &r, &s, false); !errors.Is(err, ErrBadPublicKey) {
				t.Errorf("#%d %s: off-curve key: error %v, want ErrBadPublicKey", i, b.name, err)
			}
		}
	}
}
