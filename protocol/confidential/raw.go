package confidential

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/sqledger/sqledger/protocol/keys"
)

// NewPassword draws a table password as the client does: 16 random bytes
// as 32 lower-case hex digits.
func NewPassword(rnd io.Reader) ([]byte, error) {
	b := make([]byte, keyLen/2)
	if _, err := io.ReadFull(rnd, b); err != nil {
		return nil, fmt.Errorf("confidential: password: %w", err)
	}
	return []byte(hex.EncodeToString(b)), nil
}

// rawKey is the AES key of a Raw: the password padded to 32 bytes.
func rawKey(password []byte) ([]byte, error) {
	if len(password) > keyLen {
		return nil, ErrBadPassword
	}
	k := make([]byte, keyLen)
	n := copy(k, password)
	for i := n; i < keyLen; i++ {
		k[i] = byte(keyLen - n)
	}
	return k, nil
}

// EncryptRaw encrypts a Raw's JSON text with the table's password.
func EncryptRaw(password, plain []byte) ([]byte, error) {
	k, err := rawKey(password)
	if err != nil {
		return nil, err
	}
	return cbcEncrypt(k, k[:ivLen], plain)
}

// DecryptRaw decrypts a Raw encrypted with the table's password.
func DecryptRaw(password, enc []byte) ([]byte, error) {
	k, err := rawKey(password)
	if err != nil {
		return nil, err
	}
	return cbcDecrypt(k, k[:ivLen], enc)
}

// OpenWithKeyPair opens a token sealed to kp's public key.
func OpenWithKeyPair(kp *keys.KeyPair, token []byte) ([]byte, error) {
	priv, err := privateKey(kp)
	if err != nil {
		return nil, err
	}
	return Open(priv, token)
}

// SealRandom seals a password to pub with crypto/rand.
func SealRandom(pub, password []byte) ([]byte, error) { return Seal(pub, password, rand.Reader) }

func privateKey(kp *keys.KeyPair) (*secp256k1.PrivateKey, error) {
	if kp.Algorithm() != keys.Secp256k1 {
		return nil, ErrUnsupportedKey
	}
	b, err := hex.DecodeString(kp.PrivateKeyHex()[2:])
	if err != nil {
		return nil, fmt.Errorf("confidential: private key: %w", err)
	}
	return secp256k1.PrivKeyFromBytes(b), nil
}
