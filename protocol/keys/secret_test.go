package keys

import (
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
)

func TestParseSecret(t *testing.T) {
	const (
		master = "DEDCE9CE67B451D852FD4E846FCDE31C"
		common = "BE6A670A19B209E112146D0A7ED2AAD7" // rippled KeyGeneration_test
		strong = "74BA8389B44F98CF41E795CD91F9C93F"
		zero   = "00000000000000000000000000000000"
	)
	rfc1751 := "SCAT BERN ISLE FOR ROIL BUS SOAK AQUA FREE FOR DRAM BRIG"
	rfc1751Seed := SeedFromPassphrase(rfc1751)
	badChecksum := "xnoPBzXtMeMyMHUVTgbuqAfg1SUTc"
	badChecksumSeed := SeedFromPassphrase(badChecksum)
	hex31 := master[:31]
	hex31Seed := SeedFromPassphrase(hex31)

	tests := []struct {
		name    string
		secret  string
		alg     Algorithm
		entropy string
		wantAlg Algorithm
	}{
		{"passphrase", "masterpassphrase", Secp256k1, master, Secp256k1},
		{"base58 seed", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", Secp256k1, master, Secp256k1},
		{"hex seed", master, Secp256k1, master, Secp256k1},
		{"lower-case hex seed", strings.ToLower(master), Secp256k1, master, Secp256k1},
		{"passphrase for ed25519", "masterpassphrase", Ed25519, master, Ed25519},
		{"base58 seed for ed25519", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", Ed25519, master, Ed25519},
		{"rippled passphrase", "REINDEER FLOTILLA", Secp256k1, common, Secp256k1},
		{"rippled strong passphrase", "A4yKIRGdzrw0YQ$2%TFKYG9HP*&ok^!sy7E@RwICs", Secp256k1, strong, Secp256k1},
		{"xEd seed is ed25519 whatever alg says", "xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE", Secp256k1, zero, Ed25519},
		// Not as rippled: RFC 1751 words are a passphrase here.
		{"RFC 1751 words are a passphrase", rfc1751, Secp256k1, upperHex(rfc1751Seed.Entropy[:]), Secp256k1},
		// As rippled: a seed with a typo is a passphrase.
		{"seed with a bad checksum is a passphrase", badChecksum, Secp256k1, upperHex(badChecksumSeed.Entropy[:]), Secp256k1},
		{"31 hex digits are a passphrase", hex31, Secp256k1, upperHex(hex31Seed.Entropy[:]), Secp256k1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseSecret(tc.secret, tc.alg)
			if err != nil {
				t.Fatalf("ParseSecret(%q): %v", tc.secret, err)
			}
			if e := upperHex(got.Entropy[:]); e != tc.entropy || got.Algorithm != tc.wantAlg {
				t.Fatalf("ParseSecret(%q) = %s %v, want %s %v", tc.secret, e, got.Algorithm, tc.entropy, tc.wantAlg)
			}
		})
	}
}

func TestParseSecretRefuses(t *testing.T) {
	kp, err := SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	secret := make([]byte, 32)
	secret[31] = 1
	tests := []struct {
		name   string
		secret string
		alg    Algorithm
		want   error
	}{
		{"empty", "", Secp256k1, ErrBadSeed},
		{"account ID", "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", Secp256k1, ErrBadSeed},
		{"account public key", address.EncodeAccountPublic(kp.PublicKey()), Secp256k1, ErrBadSeed},
		{"node public key", address.EncodeNodePublic(kp.PublicKey()), Secp256k1, ErrBadSeed},
		{"account secret key", address.EncodeToken(address.TokenAccountSecret, secret), Secp256k1, ErrBadSeed},
		{"node secret key", address.EncodeToken(address.TokenNodePrivate, secret), Secp256k1, ErrBadSeed},
		{"unknown algorithm", "masterpassphrase", Algorithm(9), ErrUnknownAlgorithm},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ParseSecret(tc.secret, tc.alg); !errors.Is(err, tc.want) {
				t.Fatalf("ParseSecret(%q) error = %v, want %v", tc.secret, err, tc.want)
			}
		})
	}
	// A 33-byte account-public token with an unknown key type is no key,
	// so rippled (and ParseSecret) take it as a passphrase.
	junk := address.EncodeAccountPublic(append([]byte{0x07}, make([]byte, 32)...))
	if s, err := ParseSecret(junk, Secp256k1); err != nil || s != SeedFromPassphrase(junk) {
		t.Fatalf("ParseSecret(public token with type 07) = %v, %v; want the passphrase seed", s, err)
	}
}

func TestSeedString(t *testing.T) {
	tests := []struct {
		seed string
		alg  Algorithm
	}{
		{"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", Secp256k1},
		{"xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE", Ed25519},
	}
	for _, tc := range tests {
		s, err := ParseSeed(tc.seed)
		if err != nil {
			t.Fatalf("ParseSeed(%q): %v", tc.seed, err)
		}
		if s.Algorithm != tc.alg || s.String() != tc.seed {
			t.Fatalf("ParseSeed(%q) = %v, String %q", tc.seed, s.Algorithm, s.String())
		}
	}
	if got := SeedFromPassphrase("masterpassphrase").String(); got != "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb" {
		t.Fatalf("masterpassphrase seed = %s", got)
	}
	_, err := ParseSeed("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh")
	if !errors.Is(err, ErrBadSeed) || !errors.Is(err, address.ErrVersion) {
		t.Fatalf("ParseSeed(account) error = %v, want ErrBadSeed and address.ErrVersion", err)
	}
}

func TestRandomSeed(t *testing.T) {
	a, err := RandomSeed(Ed25519)
	if err != nil {
		t.Fatal(err)
	}
	b, err := RandomSeed(Ed25519)
	if err != nil {
		t.Fatal(err)
	}
	if a.Algorithm != Ed25519 || a == b {
		t.Fatalf("RandomSeed gave %v and %v", a, b)
	}
	if _, err := RandomSeed(Algorithm(3)); !errors.Is(err, ErrUnknownAlgorithm) {
		t.Fatalf("RandomSeed(Algorithm(3)) error = %v, want ErrUnknownAlgorithm", err)
	}
}

func TestAlgorithm(t *testing.T) {
	for _, alg := range []Algorithm{Secp256k1, Ed25519} {
		got, err := ParseAlgorithm(alg.String())
		if err != nil || got != alg {
			t.Fatalf("ParseAlgorithm(%q) = %v, %v", alg.String(), got, err)
		}
	}
	if got := Algorithm(7).String(); got != "Algorithm(7)" {
		t.Fatalf("Algorithm(7).String() = %q", got)
	}
	for _, name := range []string{"", "ED25519", "secp256r1", "gmalg"} {
		if _, err := ParseAlgorithm(name); !errors.Is(err, ErrUnknownAlgorithm) {
			t.Fatalf("ParseAlgorithm(%q) error = %v, want ErrUnknownAlgorithm", name, err)
		}
	}
}
