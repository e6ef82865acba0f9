package keys_test

import (
	"errors"
	"fmt"

	"github.com/sqledger/sqledger/protocol/keys"
)

func ExampleSeed_KeyPair() {
	seed := keys.SeedFromPassphrase("masterpassphrase")
	kp, err := seed.KeyPair()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(seed)
	fmt.Println(kp.AccountID())
	fmt.Printf("%X\n", kp.PublicKey())
	// Output:
	// xnoPBzXtMeMyMHUVTgbuqAfg1SUTb
	// zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh
	// 0330E7FC9D56BB25D6893BA3F317AE5BCF33B3291BD63DB32654A313222F7FD020
}

func ExampleParseSecret() {
	// What wallet_propose and sign accept as secret: a seed, 32 hex
	// digits or a passphrase all name the genesis account here.
	for _, secret := range []string{
		"xnoPBzXtMeMyMHUVTgbuqAfg1SUTb",
		"DEDCE9CE67B451D852FD4E846FCDE31C",
		"masterpassphrase",
	} {
		seed, err := keys.ParseSecret(secret, keys.Secp256k1)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%X %v\n", seed.Entropy, seed.Algorithm)
	}
	// An address is not a secret.
	_, err := keys.ParseSecret("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", keys.Secp256k1)
	fmt.Println(errors.Is(err, keys.ErrBadSeed))
	// Output:
	// DEDCE9CE67B451D852FD4E846FCDE31C secp256k1
	// DEDCE9CE67B451D852FD4E846FCDE31C secp256k1
	// DEDCE9CE67B451D852FD4E846FCDE31C secp256k1
	// true
}

func ExampleVerify() {
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		fmt.Println(err)
		return
	}
	msg := []byte("STX\x00 signing fields")
	sig, err := kp.Sign(msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(keys.Verify(kp.PublicKey(), msg, sig, true))
	err = keys.Verify(kp.PublicKey(), []byte("STX\x00 other fields"), sig, true)
	fmt.Println(errors.Is(err, keys.ErrBadSignature))
	// Output:
	// <nil>
	// true
}
