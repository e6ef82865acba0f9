package keys

import (
	"errors"
	"math/big"
	"testing"
)

func TestVerifySecp256k1Errors(t *testing.T) {
	v := loadPaymentVectors(t)
	pub := mustHex(t, v.PublicKey)
	msg := mustHex(t, v.Examples[0].SigningHex)
	sig := mustHex(t, v.Examples[0].Sig)

	r, s, high, err := parseDER(sig)
	if err != nil || high {
		t.Fatalf("vector signature: high S %v, error %v", high, err)
	}
	highS := negateS(s)
	highSig := encodeDER(&r, &highS)

	tampered := append([]byte(nil), msg...)
	tampered[len(tampered)-1] ^= 1

	other, err := SeedFromPassphrase("another passphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}

	offCurve := append([]byte{0x03}, make([]byte, 32)...)
	offCurve[32] = 5
	xTooBig := append([]byte{0x02}, mustHex(t, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F")...)
	uncompressed := append([]byte{0x04}, make([]byte, 64)...)

	// The vector's S (0A9C…) has its top bit clear, so a leading zero is
	// needless padding.
	sStart := 4 + int(sig[3])
	padded := append([]byte{0x30, sig[1] + 1}, sig[2:sStart]...)
	padded = append(padded, 0x02, sig[sStart+1]+1, 0x00)
	padded = append(padded, sig[sStart+2:]...)

	rEqualsN := encodeDER(&curveOrder, &s)

	tests := []struct {
		name string
		pub  []byte
		msg  []byte
		sig  []byte
		full bool
		want error
	}{
		{"good", pub, msg, sig, true, nil},
		{"high S allowed", pub, msg, highSig, false, nil},
		{"high S refused when fully canonical", pub, msg, highSig, true, ErrNonCanonical},
		{"tampered message", pub, tampered, sig, false, ErrBadSignature},
		{"high S, tampered message", pub, tampered, highSig, false, ErrBadSignature},
		{"wrong key", other.PublicKey(), msg, sig, false, ErrBadSignature},
		{"truncated DER", pub, msg, sig[:len(sig)-1], false, ErrNonCanonical},
		{"trailing byte", pub, msg, append(append([]byte(nil), sig...), 0), false, ErrNonCanonical},
		{"not a DER sequence", pub, msg, append([]byte{0x31}, sig[1:]...), false, ErrNonCanonical},
		{"padded S", pub, msg, padded, false, ErrNonCanonical},
		{"R equal to n", pub, msg, rEqualsN, false, ErrNonCanonical},
		{"empty signature", pub, msg, nil, false, ErrNonCanonical},
		{"64-byte compact signature", pub, msg, append(r[:], s[:]...), false, ErrNonCanonical},
		{"32-byte key", pub[1:], msg, sig, false, ErrBadPublicKey},
		{"no key", nil, msg, sig, false, ErrBadPublicKey},
		{"uncompressed key", uncompressed, msg, sig, false, ErrBadPublicKey},
		{"unknown key type byte", append([]byte{0x05}, pub[1:]...), msg, sig, false, ErrBadPublicKey},
		{"x not on the curve", offCurve, msg, sig, false, ErrBadPublicKey},
		{"x not below p", xTooBig, msg, sig, false, ErrBadPublicKey},
		{"DER signature on an ed25519 key", append([]byte{0xED}, pub[1:]...), msg, sig, false, ErrNonCanonical},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := Verify(tc.pub, tc.msg, tc.sig, tc.full)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify error = %v, want %v", err, tc.want)
			}
		})
	}
}

// ed25519L is the ed25519 group order, for making non-canonical S.
var ed25519L, _ = new(big.Int).SetString("1000000000000000000000000000000014DEF9DEA2F79CD65812631A5CF5D3ED", 16)

func TestVerifyEd25519Errors(t *testing.T) {
	seed, err := ParseSeed("xEdSJHS4oiAdr7w2X2ni1gFiqtbJHqE")
	if err != nil {
		t.Fatal(err)
	}
	kp, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("STX\x00 some signing fields")
	sig, err := kp.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}

	// S + L: the same signature mathematically, refused as malleable.
	var le [32]byte
	for i, b := range sig[32:] {
		le[31-i] = b
	}
	sPlusL := new(big.Int).Add(new(big.Int).SetBytes(le[:]), ed25519L)
	var be [32]byte
	sPlusL.FillBytes(be[:])
	malleable := append([]byte(nil), sig[:32]...)
	for i := range 32 {
		malleable = append(malleable, be[31-i])
	}

	otherSeed := SeedFromPassphrase("another")
	otherSeed.Algorithm = Ed25519
	otherEdKP, err := otherSeed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		pub  []byte
		msg  []byte
		sig  []byte
		want error
	}{
		{"good", kp.PublicKey(), msg, sig, nil},
		{"tampered message", kp.PublicKey(), append([]byte("x"), msg...), sig, ErrBadSignature},
		{"wrong key", otherEdKP.PublicKey(), msg, sig, ErrBadSignature},
		{"S + L", kp.PublicKey(), msg, malleable, ErrNonCanonical},
		{"63 bytes", kp.PublicKey(), msg, sig[:63], ErrNonCanonical},
		{"65 bytes", kp.PublicKey(), msg, append(append([]byte(nil), sig...), 0), ErrNonCanonical},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, full := range []bool{false, true} {
				err := Verify(tc.pub, tc.msg, tc.sig, full)
				if !errors.Is(err, tc.want) {
					t.Fatalf("Verify(fully canonical %v) error = %v, want %v", full, err, tc.want)
				}
			}
		})
	}
}
