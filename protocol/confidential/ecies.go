package confidential

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"io"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

const (
	pubLen  = 33
	ivLen   = aes.BlockSize
	macLen  = sha256.Size
	keyLen  = 32
	minSeal = pubLen + ivLen + macLen + aes.BlockSize
)

// Errors of this package; match them with errors.Is.
var (
	ErrBadToken       = errors.New("confidential: malformed token")
	ErrMAC            = errors.New("confidential: token HMAC does not match")
	ErrBadCiphertext  = errors.New("confidential: malformed ciphertext")
	ErrBadPassword    = errors.New("confidential: password longer than 32 bytes")
	ErrUnsupportedKey = errors.New("confidential: only secp256k1 keys seal and open tokens")
)

// Seal encrypts plain (a table's password) to the compressed secp256k1
// public key pub, drawing the ephemeral key and the IV from rnd.
func Seal(pub, plain []byte, rnd io.Reader) ([]byte, error) {
	to, err := secp256k1.ParsePubKey(pub)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUnsupportedKey, err)
	}
	eph, err := secp256k1.GeneratePrivateKeyFromRand(rnd)
	if err != nil {
		return nil, fmt.Errorf("confidential: ephemeral key: %w", err)
	}
	aesKey, macKey := derive(eph, to)
	iv := make([]byte, ivLen)
	if _, err := io.ReadFull(rnd, iv); err != nil {
		return nil, fmt.Errorf("confidential: iv: %w", err)
	}
	body := append(mac(macKey, plain), plain...)
	enc, err := cbcEncrypt(aesKey, iv, body)
	if err != nil {
		return nil, err
	}
	out := append(eph.PubKey().SerializeCompressed(), iv...)
	return append(out, enc...), nil
}

// Open decrypts a token sealed to priv's public key and checks its HMAC.
func Open(priv *secp256k1.PrivateKey, token []byte) ([]byte, error) {
	if len(token) < minSeal {
		return nil, fmt.Errorf("%w: %d bytes, want at least %d", ErrBadToken, len(token), minSeal)
	}
	eph, err := secp256k1.ParsePubKey(token[:pubLen])
	if err != nil {
		return nil, fmt.Errorf("%w: ephemeral key: %w", ErrBadToken, err)
	}
	aesKey, macKey := derive(priv, eph)
	body, err := cbcDecrypt(aesKey, token[pubLen:pubLen+ivLen], token[pubLen+ivLen:])
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBadToken, err)
	}
	if len(body) < macLen {
		return nil, fmt.Errorf("%w: no HMAC", ErrBadToken)
	}
	plain := body[macLen:]
	if !hmac.Equal(body[:macLen], mac(macKey, plain)) {
		return nil, ErrMAC
	}
	return plain, nil
}

// derive is the client's key derivation: SHA-512 of the shared x
// coordinate without leading zero bytes, split into the AES and HMAC
// keys.
func derive(priv *secp256k1.PrivateKey, pub *secp256k1.PublicKey) (aesKey, macKey []byte) {
	z := secp256k1.GenerateSharedSecret(priv, pub)
	if t := bytes.TrimLeft(z, "\x00"); len(t) > 0 {
		z = t
	} else {
		z = []byte{0}
	}
	k := sha512.Sum512(z)
	return k[:keyLen], k[keyLen:]
}

func mac(key, msg []byte) []byte {
	h := hmac.New(sha256.New, key)
	h.Write(msg)
	return h.Sum(nil)
}

func cbcEncrypt(key, iv, plain []byte) ([]byte, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("confidential: aes: %w", err)
	}
	pad := aes.BlockSize - len(plain)%aes.BlockSize
	buf := append(append([]byte(nil), plain...), bytes.Repeat([]byte{byte(pad)}, pad)...)
	cipher.NewCBCEncrypter(b, iv).CryptBlocks(buf, buf)
	return buf, nil
}

func cbcDecrypt(key, iv, enc []byte) ([]byte, error) {
	if len(enc) == 0 || len(enc)%aes.BlockSize != 0 {
		return nil, fmt.Errorf("%w: %d bytes is not a whole number of blocks", ErrBadCiphertext, len(enc))
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("confidential: aes: %w", err)
	}
	buf := make([]byte, len(enc))
	cipher.NewCBCDecrypter(b, iv).CryptBlocks(buf, enc)
	pad := int(buf[len(buf)-1])
	if pad == 0 || pad > aes.BlockSize || !bytes.Equal(buf[len(buf)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
		return nil, fmt.Errorf("%w: bad padding", ErrBadCiphertext)
	}
	return buf[:len(buf)-pad], nil
}
