package address

import (
	"encoding/hex"
	"errors"
	"testing"
)

func TestSeedVectors(t *testing.T) {
	tests := []struct {
		name    string
		seed    string
		entropy string
		ed25519 bool
	}{
		// masterpassphrase (vectors/payment-signing.json; rippled snoPBrXt…).
		{"masterpassphrase", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb", "DEDCE9CE67B451D852FD4E846FCDE31C", false},
		// rippled KeyGeneration_test.cpp: snMwVWs2hZzfDUF3p2tHZ3EgmyhFs, shKdhWka8hS7Es3bpctCZXBiAwfUN.
		{"rippled common seed", "xnMwVWx2hZrfDUF3p2tHZ3EgmyhFx", "BE6A670A19B209E112146D0A7ED2AAD7", false},
		{"rippled strong brain seed", "xhKdhWkc8hS7Ex3bpatCZXBiAwfUN", "74BA8389B44F98CF41E795CD91F9C93F", false},
		// ripple-keypairs zero entropy: sp6JS7f14BuwFY8Mw6bTtLKWauoUs and sEdSJHS4oiAdz7w2X2ni1gFiqtbJHqE.
		{"zero entropy secp256k1", "xp6JS7f14BuwFY8Mw6bTtLKWcuoUx", "00000000000000000000000000000000", false},
		{"zero entropy ed25519", "xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE", "00000000000000000000000000000000", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want [SeedLen]byte
			if _, err := hex.Decode(want[:], []byte(tc.entropy)); err != nil {
				t.Fatal(err)
			}
			got, ed, err := DecodeSeed(tc.seed)
			if err != nil {
				t.Fatalf("DecodeSeed(%q): %v", tc.seed, err)
			}
			if got != want || ed != tc.ed25519 {
				t.Fatalf("DecodeSeed(%q) = %X, %v; want %X, %v", tc.seed, got, ed, want, tc.ed25519)
			}
			if s := EncodeSeed(want, tc.ed25519); s != tc.seed {
				t.Fatalf("EncodeSeed = %q, want %q", s, tc.seed)
			}
		})
	}
}

func TestDecodeSeedErrors(t *testing.T) {
	const good = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	tests := []struct {
		name  string
		input string
		want  error
	}{
		{"bad checksum", good[:len(good)-1] + "c", ErrChecksum},
		{"account, not a seed", "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", ErrVersion},
		{"account secret, not a seed", EncodeToken(TokenAccountSecret, make([]byte, 32)), ErrVersion},
		{"version 1 without the ed25519 prefix", encode([]byte{0x01, 0xE1, 0x4C}, make([]byte, 16)), ErrVersion},
		{"15-byte seed", EncodeToken(TokenFamilySeed, make([]byte, 15)), ErrLength},
		{"17-byte seed", EncodeToken(TokenFamilySeed, make([]byte, 17)), ErrLength},
		{"15-byte ed25519 seed", encode(ed25519SeedPrefix, make([]byte, 15)), ErrLength},
		{"empty", "", ErrLength},
		{"bad character", good[:3] + "0" + good[4:], ErrAlphabet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := DecodeSeed(tc.input)
			if !errors.Is(err, tc.want) {
				t.Fatalf("DecodeSeed(%q) error = %v, want %v", tc.input, err, tc.want)
			}
		})
	}
}
