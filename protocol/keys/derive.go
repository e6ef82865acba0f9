package keys

import (
	"crypto/ed25519"
	"encoding/binary"
	"fmt"
	"math"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// ed25519Prefix is the byte rippled puts before a 32-byte ed25519 public
// key (and, in hex, before its secret) to tell it from secp256k1 keys.
const ed25519Prefix = 0xED

// secp256k1KeyPair derives the first account key pair of the family
// generator of entropy, as rippled's Generator(seed)(seed, 0) and
// ripple-keypairs' deriveKeypair do:
//
//	root     = first SHA512Half(entropy ‖ BE32(i)) in [1, n), i = 0, 1, …
//	rootPub  = compressed root·G (the "public generator")
//	tweak    = first SHA512Half(rootPub ‖ BE32(0) ‖ BE32(j)) in [1, n)
//	private  = root + tweak mod n
//	public   = compressed private·G
func secp256k1KeyPair(entropy [address.SeedLen]byte) (*KeyPair, error) {
	root, err := rootPrivateKey(entropy)
	if err != nil {
		return nil, err
	}
	rootPub := secp256k1.NewPrivateKey(&root).PubKey().SerializeCompressed()

	var buf [address.PublicKeyLen + 8]byte
	copy(buf[:], rootPub)
	tweak, err := firstScalar(buf[:], "account key")
	if err != nil {
		return nil, err
	}
	return keyPairFromScalar(new(secp256k1.ModNScalar).Add2(&root, &tweak))
}

// keyPairFromScalar makes the secp256k1 key pair of a secret key.
func keyPairFromScalar(priv *secp256k1.ModNScalar) (*KeyPair, error) {
	if priv.IsZero() {
		return nil, fmt.Errorf("%w: secret key is zero", ErrBadSeed)
	}
	kp := &KeyPair{alg: Secp256k1, secret: priv.Bytes()}
	copy(kp.pub[:], secp256k1.NewPrivateKey(priv).PubKey().SerializeCompressed())
	kp.account = address.AccountIDFromPublicKey(kp.pub[:])
	return kp, nil
}

// rootPrivateKey returns the family generator's root private key, the
// key rippled's generateSecretKey(secp256k1, seed) returns and validator
// (node) keys use.
func rootPrivateKey(entropy [address.SeedLen]byte) (secp256k1.ModNScalar, error) {
	var buf [address.SeedLen + 4]byte
	copy(buf[:], entropy[:])
	return firstScalar(buf[:], "root key")
}

// firstScalar writes the counter 0, 1, … into the last four bytes of buf
// (big-endian) until SHA512Half(buf) is a valid secret key, in [1, n).
// Each try fails with probability about 2^-128.
func firstScalar(buf []byte, what string) (secp256k1.ModNScalar, error) {
	counter := buf[len(buf)-4:]
	for i := uint32(0); ; i++ {
		binary.BigEndian.PutUint32(counter, i)
		h := hash.SHA512Half(buf)
		var k secp256k1.ModNScalar
		if overflow := k.SetBytes((*[32]byte)(&h)); overflow == 0 && !k.IsZero() {
			return k, nil
		}
		if i == math.MaxUint32 {
			return k, fmt.Errorf("%w: no valid %s in 2^32 tries", ErrBadSeed, what)
		}
	}
}

// ed25519KeyPair derives rippled's ed25519 key pair: the secret is
// SHA512Half(entropy), used as the RFC 8032 private key seed, and the
// public key is 0xED followed by the 32-byte ed25519 public key.
func ed25519KeyPair(entropy [address.SeedLen]byte) *KeyPair {
	secret := hash.SHA512Half(entropy[:])
	kp := &KeyPair{alg: Ed25519, secret: secret, edKey: ed25519.NewKeyFromSeed(secret[:])}
	kp.pub[0] = ed25519Prefix
	copy(kp.pub[1:], kp.edKey.Public().(ed25519.PublicKey))
	kp.account = address.AccountIDFromPublicKey(kp.pub[:])
	return kp
}
