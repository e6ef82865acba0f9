package keys

import (
	"crypto/ed25519"
	"encoding/hex"
	"strings"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// KeyPair is a secret key with its public key and account ID. It is
// immutable and safe for concurrent use. Make one with Seed.KeyPair.
type KeyPair struct {
	alg     Algorithm
	secret  [32]byte
	pub     [address.PublicKeyLen]byte
	account address.AccountID
	edKey   ed25519.PrivateKey
}

// Algorithm returns the key's algorithm.
func (k *KeyPair) Algorithm() Algorithm { return k.alg }

// PublicKey returns the 33-byte public key: compressed secp256k1, or 0xED
// and the ed25519 key. The slice is a copy.
func (k *KeyPair) PublicKey() []byte {
	pub := k.pub
	return pub[:]
}

// AccountID returns the account ID of the public key.
func (k *KeyPair) AccountID() address.AccountID { return k.account }

// PrivateKeyHex returns the secret key as wallet_propose and the
// ripple-keypairs library print it: 33 bytes in upper-case hex, the
// 32-byte secret after a 00 byte for secp256k1 or an ED byte for ed25519.
func (k *KeyPair) PrivateKeyHex() string {
	prefix := "00"
	if k.alg == Ed25519 {
		prefix = "ED"
	}
	return prefix + strings.ToUpper(hex.EncodeToString(k.secret[:]))
}

// Sign signs message as rippled's sign(pk, sk, m): for secp256k1, a
// deterministic (RFC 6979) ECDSA signature of SHA512Half(message) with
// low S, DER-encoded; for ed25519, the 64-byte signature of the message
// itself. For a transaction, message is the STX\0 prefix followed by the
// signing fields.
func (k *KeyPair) Sign(message []byte) ([]byte, error) {
	if k.alg == Ed25519 {
		return ed25519.Sign(k.edKey, message), nil
	}
	digest := hash.SHA512Half(message)
	r, s, err := signSecp256k1(&k.secret, (*[32]byte)(&digest))
	if err != nil {
		return nil, err
	}
	return encodeDER(&r, &s), nil
}
