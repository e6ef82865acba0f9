package gmdata

import (
	"fmt"
	"io"

	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// The sizes of the fields, as chainsqld writes them.
const (
	// PublicKeyLen is an SM2 public key: X and Y, 32 bytes each, without
	// the point's leading type byte.
	PublicKeyLen = 64
	// PrivateKeyLen is an SM2 private key, left-padded to 32 bytes.
	PrivateKeyLen = 32
	// SignatureLen is an SM2 signature: r and s, 32 bytes each.
	SignatureLen = 64
	// CipherOverhead is what an SM2 ciphertext adds to its plaintext:
	// C1 (X and Y, 64 bytes) and C3 (the SM3 digest, 32 bytes), in the
	// order of GM/T 0003-2012, C1C3C2.
	CipherOverhead = 96
	// SM4KeyLen is an SM4 key.
	SM4KeyLen = 16
)

// randomBytes reads n bytes from random.
func randomBytes(random io.Reader, n int) ([]byte, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(random, b); err != nil {
		return nil, fmt.Errorf("read random bytes: %w", err)
	}
	return b, nil
}

// newKey generates an SM2 key pair and writes its 公钥 and 私钥 lines.
func newKey(w *textWriter, random io.Reader) (*sm2.PrivateKey, error) {
	k, err := sm2.GenerateKey(random)
	if err != nil {
		return nil, fmt.Errorf("generate an SM2 key: %w", err)
	}
	pub := make([]byte, PublicKeyLen)
	k.X.FillBytes(pub[:32])
	k.Y.FillBytes(pub[32:])
	w.hex("公钥", pub)
	w.hex("私钥", k.D.FillBytes(make([]byte, PrivateKeyLen)))
	return k, nil
}

// keyPairRecord is a record of SM2_密钥对生产: 公钥, 私钥.
func keyPairRecord(w *textWriter, random io.Reader, _ int) error {
	_, err := newKey(w, random)
	return err
}

// sm2CipherRecord is a record of SM2-加密 and SM2-解密 (the two are
// alike in chainsqld): 公钥, 私钥, 明文长度, 密文 (C1C3C2), 明文.
func sm2CipherRecord(w *textWriter, random io.Reader, plainLen int) error {
	k, err := newKey(w, random)
	if err != nil {
		return err
	}
	plain, err := randomBytes(random, plainLen)
	if err != nil {
		return err
	}
	w.length("明文长度", plainLen)
	c, err := sm2.Encrypt(random, &k.PublicKey, plain, sm2.NewPlainEncrypterOpts(sm2.MarshalUncompressed, sm2.C1C3C2))
	if err != nil {
		return fmt.Errorf("SM2 encrypt: %w", err)
	}
	w.hex("密文", c[1:]) // without the point's 0x04
	w.hex("明文", plain)
	return nil
}

// sm2SignRecord is a record of SM2签名-预处理后 and SM2验签-预处理后
// (alike in chainsqld): 公钥, 私钥, 签名数据e and 签名结果, the
// signature r‖s of e. e is the SM3 digest of a random message of
// plainLen bytes, which is not written; as in chainsqld, e is that
// digest alone (no Z value of a user ID) and the signature is of e.
func sm2SignRecord(w *textWriter, random io.Reader, plainLen int) error {
	k, err := newKey(w, random)
	if err != nil {
		return err
	}
	msg, err := randomBytes(random, plainLen)
	if err != nil {
		return err
	}
	e := sm3.Sum(msg)
	w.hex("签名数据e", e[:])
	r, s, err := sm2.Sign(random, &k.PrivateKey, e[:])
	if err != nil {
		return fmt.Errorf("SM2 sign: %w", err)
	}
	sig := make([]byte, SignatureLen)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	w.hex("签名结果", sig)
	return nil
}

// sm3Record is a record of SM3杂凑验证: 消息长度, 消息, 杂凑值.
func sm3Record(w *textWriter, random io.Reader, plainLen int) error {
	msg, err := randomBytes(random, plainLen)
	if err != nil {
		return err
	}
	w.length("消息长度", plainLen)
	w.hex("消息", msg)
	h := sm3.Sum(msg)
	w.hex("杂凑值", h[:])
	return nil
}

// sm4ECB draws a key and a plaintext of plainLen bytes and encrypts it
// in ECB mode with PKCS#7 padding, as chainsqld's soft SM4 does (a
// whole block of padding when plainLen is a multiple of 16).
func sm4ECB(random io.Reader, plainLen int) (key, plain, cipher []byte, err error) {
	if key, err = randomBytes(random, SM4KeyLen); err != nil {
		return nil, nil, nil, err
	}
	if plain, err = randomBytes(random, plainLen); err != nil {
		return nil, nil, nil, err
	}
	b, err := sm4.NewCipher(key)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("SM4 key: %w", err)
	}
	cipher = padding.NewPKCS7Padding(sm4.BlockSize).Pad(plain)
	for i := 0; i < len(cipher); i += sm4.BlockSize {
		b.Encrypt(cipher[i:], cipher[i:])
	}
	return key, plain, cipher, nil
}

// sm4EncRecord is a record of SM4验证数据-加密-ECB: 密钥, 明文长度,
// 明文, 密文.
func sm4EncRecord(w *textWriter, random io.Reader, plainLen int) error {
	key, plain, cipher, err := sm4ECB(random, plainLen)
	if err != nil {
		return err
	}
	w.hex("密钥", key)
	w.length("明文长度", plainLen)
	w.hex("明文", plain)
	w.hex("密文", cipher)
	return nil
}

// sm4DecRecord is a record of SM4验证数据-解密-ECB: 密钥, 明文长度,
// 密文, 明文.
func sm4DecRecord(w *textWriter, random io.Reader, plainLen int) error {
	key, plain, cipher, err := sm4ECB(random, plainLen)
	if err != nil {
		return err
	}
	w.hex("密钥", key)
	w.length("明文长度", plainLen)
	w.hex("密文", cipher)
	w.hex("明文", plain)
	return nil
}
