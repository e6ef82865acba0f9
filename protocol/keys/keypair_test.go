package keys

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
)

func TestPaymentVectors(t *testing.T) {
	v := loadPaymentVectors(t)
	seed, err := ParseSecret(v.Secret, Secp256k1)
	if err != nil {
		t.Fatalf("ParseSecret(%q): %v", v.Secret, err)
	}
	if got := upperHex(seed.Entropy[:]); got != v.SeedEntropy {
		t.Fatalf("seed entropy = %s, want %s", got, v.SeedEntropy)
	}
	kp, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	if got := kp.PrivateKeyHex(); got != v.PrivateKey {
		t.Errorf("PrivateKeyHex = %s, want %s", got, v.PrivateKey)
	}
	if got := upperHex(kp.PublicKey()); got != v.PublicKey {
		t.Errorf("PublicKey = %s, want %s", got, v.PublicKey)
	}
	id := kp.AccountID()
	if got := upperHex(id[:]); got != v.AccountID {
		t.Errorf("AccountID = %s, want %s", got, v.AccountID)
	}
	if got := id.String(); got != v.Account {
		t.Errorf("account = %s, want %s", got, v.Account)
	}
	for _, ex := range v.Examples {
		t.Run(ex.Name, func(t *testing.T) {
			msg := mustHex(t, ex.SigningHex)
			sig, err := kp.Sign(msg)
			if err != nil {
				t.Fatal(err)
			}
			if got := upperHex(sig); got != ex.Sig {
				t.Fatalf("Sign = %s, want %s", got, ex.Sig)
			}
			for _, full := range []bool{false, true} {
				if err := Verify(kp.PublicKey(), msg, sig, full); err != nil {
					t.Fatalf("Verify(fully canonical %v): %v", full, err)
				}
			}
		})
	}
}

// fromRippled rewrites a rippled base58 string into the ChainSQL alphabet,
// which swaps r↔z, s↔x and a↔c.
func fromRippled(s string) string {
	swap := map[rune]rune{'r': 'z', 'z': 'r', 's': 'x', 'x': 's', 'a': 'c', 'c': 'a'}
	return strings.Map(func(r rune) rune {
		if to, ok := swap[r]; ok {
			return to
		}
		return r
	}, s)
}

func TestKeyDerivationVectors(t *testing.T) {
	tests := []struct {
		name    string
		secret  string // anything ParseSecret reads; seeds in the ChainSQL alphabet
		alg     Algorithm
		private string // "" where no source publishes it
		public  string
		account string // in rippled's alphabet
	}{
		// rippled src/test/rpc/KeyGeneration_test.cpp (secret_key_hex has
		// no type byte there).
		{"rippled secp256k1", "xnMwVWx2hZrfDUF3p2tHZ3EgmyhFx", Secp256k1,
			"001949ECD889EA71324BC7A30C8E81F4E93CB73EE19D59E9082111E78CC3DDABC2",
			"038AAE247B2344B1837FBED8F57389C8C11774510A3F7D784F2A09F0CB6843236C",
			"r4Vtj2jrfmTVZGfSP3gH9hQPMqFPQFin8f"},
		{"rippled ed25519", "xnMwVWx2hZrfDUF3p2tHZ3EgmyhFx", Ed25519,
			"ED77AAED2698D56D6676323629160F4EEF21CFD9EE3D0745CC78FA291461F98278",
			"ED54C3F5BEDA8BD588B203D23A27398FAD9D20F88A974007D6994659CD7273FE1D",
			"r4qV6xTXerqaZav3MJfSY79ynmc1BSBev1"},
		{"rippled strong brain", "xhKdhWkc8hS7Ex3bpatCZXBiAwfUN", Secp256k1,
			"0084262FB16AA25BE407174C7EDAB531220C30FA4D8A28AA9D564673FB3D34502C",
			"03BD334FB9E06C58D69603E9922686528B18A754BC2F2E1ADA095FFE67DE952C64",
			"rBcvXmNb7KPkNdMkpckdWPpbvkWgcV3nir"},
		// rippled's validator-keys-tool RippleKey_test (the secret is not
		// published there).
		{"masterpassphrase ed25519", "masterpassphrase", Ed25519, "",
			"EDAAC3F98BB94F451804EF5993C847DAAA4E6154F455635659D88AA5C80F156303",
			"rGWrZyQqhTp9Xu7G5Pkayo7bXjH4k4QYpf"},
		// ripple-keypairs / xrpl.js, zero entropy.
		{"zero entropy secp256k1", "00000000000000000000000000000000", Secp256k1,
			"002512BBDFDBB77510883B7DCCBEF270B86DEAC8B64AC762873D75A1BEE6298665",
			"0390A196799EE412284A5D80BF78C3E84CBB80E1437A0AECD9ADF94D7FEAAFA284",
			"rGCkuB7PBr5tNy68tPEABEtcdno4hE6Y7f"},
		{"zero entropy ed25519", "xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE", Secp256k1,
			"ED0B6CBAC838DFE7F47EA1BD0DF00EC282FDF45510C92161072CCFB84035390C4D",
			"ED1A7C082846CFF58FF9A892BA4BA2593151CCF1DBA59F37714CC9ED39824AF85F",
			"r9zRhGr7b6xPekLvT6wP4qNdWMryaumZS7"},
		// ripple-keypairs test/fixtures/api.json, entropy 0102…10.
		{"ripple-keypairs secp256k1", "xp5fghtJtpUozTwvof1NpDXArNwf5", Secp256k1,
			"00D78B9735C3F26501C7337B8A5727FD53A6EFDBC6AA55984F098488561F985E23",
			"030D58EB48B4420B1F7B9DF55087E0E29FEF0E8468F9A6825B01CA2C361042D435",
			"rU6K7V3Po4snVhBBaU29sesqs2qTQJWDw1"},
		{"ripple-keypairs ed25519", "xEdSKcCy2JT7JcM7v95H9SskhP9wS2z", Secp256k1,
			"EDB4C4E046826BD26190D09715FC31F4E6A728204EADD112905B08B14B7F15C4F3",
			"ED01FA53FA5A7E77798F882ECE20B1ABC00BB358A9E55A202D0D0676BD0CE37A63",
			"rLUEXYuLiQptky37CqLcm9USQpPiz5rkpD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seed, err := ParseSecret(tc.secret, tc.alg)
			if err != nil {
				t.Fatalf("ParseSecret: %v", err)
			}
			kp, err := seed.KeyPair()
			if err != nil {
				t.Fatal(err)
			}
			if got := kp.PrivateKeyHex(); tc.private != "" && got != tc.private {
				t.Errorf("PrivateKeyHex = %s, want %s", got, tc.private)
			}
			if got := upperHex(kp.PublicKey()); got != tc.public {
				t.Errorf("PublicKey = %s, want %s", got, tc.public)
			}
			if got, want := kp.AccountID().String(), fromRippled(tc.account); got != want {
				t.Errorf("AccountID = %s, want %s", got, want)
			}
			if got := address.AccountIDFromPublicKey(kp.PublicKey()); got != kp.AccountID() {
				t.Errorf("AccountID %s is not the public key's %s", kp.AccountID(), got)
			}
		})
	}
}

func TestRippleKeypairsSignatures(t *testing.T) {
	// ripple-keypairs test/fixtures/api.json: both keys sign "test message".
	tests := []struct {
		seed string // ChainSQL alphabet
		sig  string
	}{
		{"xEdSKcCy2JT7JcM7v95H9SskhP9wS2z", "CB199E1BFD4E3DAA105E4832EEDFA36413E1F44205E4EFB9E27E826044C21E3E2E848BBC8195E8959BADF887599B7310AD1B7047EF11B682E0D068F73749750E"},
		{"xp5fghtJtpUozTwvof1NpDXArNwf5", "30440220583A91C95E54E6A651C47BEC22744E0B101E2C4060E7B08F6341657DAD9BC3EE02207D1489C7395DB0188D3A56A977ECBA54B36FA9371B40319655B1B4429E33EF2D"},
	}
	msg := []byte("test message")
	for _, tc := range tests {
		t.Run(tc.seed, func(t *testing.T) {
			seed, err := ParseSeed(tc.seed)
			if err != nil {
				t.Fatal(err)
			}
			kp, err := seed.KeyPair()
			if err != nil {
				t.Fatal(err)
			}
			sig, err := kp.Sign(msg)
			if err != nil {
				t.Fatal(err)
			}
			if got := upperHex(sig); got != tc.sig {
				t.Fatalf("Sign = %s, want %s", got, tc.sig)
			}
			if err := Verify(kp.PublicKey(), msg, sig, true); err != nil {
				t.Fatalf("Verify: %v", err)
			}
		})
	}
}

func TestMasterpassphraseNodeKeys(t *testing.T) {
	// rippled PublicKey_test.cpp: derivePublicKey(generateSecretKey(type,
	// generateSeed("masterpassphrase"))) as node public keys. For secp256k1
	// that is the family generator's root key, for ed25519 the key pair.
	seed := SeedFromPassphrase("masterpassphrase")
	root, err := rootPrivateKey(seed.Entropy)
	if err != nil {
		t.Fatal(err)
	}
	rootKP, err := keyPairFromScalar(&root)
	if err != nil {
		t.Fatal(err)
	}
	seed.Algorithm = Ed25519
	edKP, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		token string // rippled's alphabet
		pub   []byte
	}{
		{"secp256k1 root", "n94a1u4jAz288pZLtw6yFWVbi89YamiC6JBXPVUj5zmExe5fTVg9", rootKP.PublicKey()},
		{"ed25519", "nHUeeJCSY2dM71oxM8Cgjouf5ekTuev2mwDpc374aLMxzDLXNmjf", edKP.PublicKey()},
	}
	for _, tc := range tests {
		want, err := address.DecodeNodePublic(fromRippled(tc.token))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !bytes.Equal(tc.pub, want) {
			t.Errorf("%s: public key %X, want %X", tc.name, tc.pub, want)
		}
	}
}

func TestPublicKeyIsACopy(t *testing.T) {
	kp, err := SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	pub := kp.PublicKey()
	pub[0] ^= 0xFF
	if kp.PublicKey()[0] == pub[0] {
		t.Fatal("changing the returned public key changed the key pair")
	}
}

func TestUnknownAlgorithm(t *testing.T) {
	if _, err := (Seed{Algorithm: 2}).KeyPair(); !errors.Is(err, ErrUnknownAlgorithm) {
		t.Fatalf("KeyPair with Algorithm(2): error = %v, want ErrUnknownAlgorithm", err)
	}
}
