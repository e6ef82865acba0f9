package keys

import (
	"crypto/rand"
	"fmt"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// Seed is the 16 bytes of entropy every key pair is derived from, and the
// algorithm to derive it for.
type Seed struct {
	Entropy   [address.SeedLen]byte
	Algorithm Algorithm
}

// SeedFromPassphrase returns rippled's generateSeed(passphrase): the
// first 16 bytes of SHA512Half of the passphrase's UTF-8 bytes, for
// secp256k1. "masterpassphrase" gives the genesis seed
// xnoPBzXtMeMyMHUVTgbuqAfg1SUTb.
func SeedFromPassphrase(passphrase string) Seed {
	h := hash.SHA512Half([]byte(passphrase))
	var s Seed
	copy(s.Entropy[:], h[:address.SeedLen])
	return s
}

// RandomSeed returns a seed of fresh entropy from crypto/rand.
func RandomSeed(alg Algorithm) (Seed, error) {
	if err := alg.check(); err != nil {
		return Seed{}, err
	}
	s := Seed{Algorithm: alg}
	if _, err := rand.Read(s.Entropy[:]); err != nil {
		return Seed{}, fmt.Errorf("keys: random seed: %w", err)
	}
	return s, nil
}

// ParseSeed reads a base58 seed: "x…" gives a secp256k1 seed, "xEd…"
// an ed25519 one. Errors wrap ErrBadSeed and the address package's
// sentinel (address.ErrChecksum and so on).
func ParseSeed(s string) (Seed, error) {
	entropy, ed, err := address.DecodeSeed(s)
	if err != nil {
		return Seed{}, fmt.Errorf("%w: %w", ErrBadSeed, err)
	}
	seed := Seed{Entropy: entropy}
	if ed {
		seed.Algorithm = Ed25519
	}
	return seed, nil
}

// String returns the base58 seed that ParseSeed reads back: "x…" for
// secp256k1, "xEd…" for ed25519. (rippled's wallet_propose writes an
// ed25519 seed in the plain "x…" form; use address.EncodeSeed(s.Entropy,
// false) for that.)
func (s Seed) String() string {
	return address.EncodeSeed(s.Entropy, s.Algorithm == Ed25519)
}

// KeyPair derives the seed's key pair as rippled's generateKeyPair does:
// the first account key of the family generator for secp256k1, or the
// key whose secret is SHA512Half(entropy) for ed25519.
func (s Seed) KeyPair() (*KeyPair, error) {
	switch s.Algorithm {
	case Secp256k1:
		return secp256k1KeyPair(s.Entropy)
	case Ed25519:
		return ed25519KeyPair(s.Entropy), nil
	default:
		return nil, s.Algorithm.check()
	}
}
