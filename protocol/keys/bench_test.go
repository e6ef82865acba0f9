package keys

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/hash"
)

// benchKey is the genesis key and the first Payment example's signing
// data and signature.
type benchKey struct {
	kp     *KeyPair
	msg    []byte
	sig    []byte
	digest [32]byte
	r, s   [32]byte
}

func newBenchKey(b *testing.B) benchKey {
	b.Helper()
	v := loadPaymentVectors(b)
	kp, err := SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		b.Fatal(err)
	}
	k := benchKey{kp: kp, msg: mustHex(b, v.Examples[0].SigningHex), sig: mustHex(b, v.Examples[0].Sig)}
	k.digest = [32]byte(hash.SHA512Half(k.msg))
	if k.r, k.s, _, err = parseDER(k.sig); err != nil {
		b.Fatal(err)
	}
	return k
}

// BenchmarkVerify compares the secp256k1 backends on the same digest and
// parsed signature (decred, and libsecp256k1 when built with cgo), then
// times the public Verify end to end for both algorithms.
func BenchmarkVerify(b *testing.B) {
	k := newBenchKey(b)
	pub := k.kp.PublicKey()
	for _, be := range secpBackends {
		b.Run(be.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := be.verify(pub, &k.digest, &k.r, &k.s, false); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("Verify-secp256k1", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Verify(pub, k.msg, k.sig, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	edSeed := SeedFromPassphrase("masterpassphrase")
	edSeed.Algorithm = Ed25519
	ed, err := edSeed.KeyPair()
	if err != nil {
		b.Fatal(err)
	}
	edSig, err := ed.Sign(k.msg)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Verify-ed25519", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Verify(ed.PublicKey(), k.msg, edSig, true); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkVerifyParallel runs the public secp256k1 Verify on every core,
// as session actors do.
func BenchmarkVerifyParallel(b *testing.B) {
	k := newBenchKey(b)
	pub := k.kp.PublicKey()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := Verify(pub, k.msg, k.sig, true); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkSign compares the secp256k1 backends' RFC 6979 signing, then
// times the public Sign for both algorithms.
func BenchmarkSign(b *testing.B) {
	k := newBenchKey(b)
	for _, be := range secpBackends {
		b.Run(be.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := be.sign(&k.kp.secret, &k.digest); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	for _, alg := range []Algorithm{Secp256k1, Ed25519} {
		seed := SeedFromPassphrase("masterpassphrase")
		seed.Algorithm = alg
		kp, err := seed.KeyPair()
		if err != nil {
			b.Fatal(err)
		}
		b.Run("Sign-"+alg.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := kp.Sign(k.msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkKeyPair times deriving a key pair from a seed, which signing
// with a secret in an RPC request pays every time.
func BenchmarkKeyPair(b *testing.B) {
	for _, alg := range []Algorithm{Secp256k1, Ed25519} {
		seed := SeedFromPassphrase("masterpassphrase")
		seed.Algorithm = alg
		b.Run(alg.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := seed.KeyPair(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
