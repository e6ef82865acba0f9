package gmdata

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/emmansun/gmsm/padding"
	"github.com/emmansun/gmsm/sm2"
	"github.com/emmansun/gmsm/sm3"
	"github.com/emmansun/gmsm/sm4"
)

// labels are the fields of a record of each file, in order.
var labels = map[Alg][]string{
	SM2Key:    {"公钥", "私钥"},
	SM2Enc:    {"公钥", "私钥", "明文长度", "密文", "明文"},
	SM2Dec:    {"公钥", "私钥", "明文长度", "密文", "明文"},
	SM2Sign:   {"公钥", "私钥", "签名数据e", "签名结果"},
	SM2Verify: {"公钥", "私钥", "签名数据e", "签名结果"},
	SM3Hash:   {"消息长度", "消息", "杂凑值"},
	SM4ECBEnc: {"密钥", "明文长度", "明文", "密文"},
	SM4ECBDec: {"密钥", "明文长度", "密文", "明文"},
}

// Check verifies the records of a file of alg (one of All's files, not
// All itself) written with plainLen, as a lab would: each record has
// the file's fields in order, its lengths are those written, each key
// pair's public key is its private key's, each SM2 ciphertext decrypts
// with the private key to the plaintext, each signature of e verifies
// with the public key, each SM3 digest is the message's and each SM4
// ciphertext decrypts with the key to the plaintext. It returns the
// number of records. The tests read the files back with it.
func Check(alg Alg, plainLen int, data []byte) (int, error) {
	want, ok := labels[alg]
	if !ok {
		return 0, fmt.Errorf("%w: %d", ErrUnsupported, alg)
	}
	recs, err := Parse(data)
	if err != nil {
		return 0, err
	}
	for i, rec := range recs {
		if got := rec.Labels(); !slices.Equal(got, want) {
			return 0, fmt.Errorf("record %d: fields %q, want %q", i, got, want)
		}
		n := plainLen
		if kinds[alg].grows {
			n *= i%5 + 1
		}
		if err := checkRecord(alg, n, rec); err != nil {
			return 0, fmt.Errorf("record %d: %w", i, err)
		}
	}
	return len(recs), nil
}

// checkRecord verifies one record whose plaintext is plainLen bytes.
func checkRecord(alg Alg, plainLen int, rec Record) error {
	f := fields{rec: rec}
	switch alg {
	case SM2Key:
		f.key()
	case SM2Enc, SM2Dec:
		k := f.key()
		plain := f.bytes("明文", plainLen)
		f.length("明文长度", plainLen)
		c := f.bytes("密文", CipherOverhead+plainLen)
		if f.err == nil {
			got, err := sm2.Decrypt(k, append([]byte{4}, c...))
			if err != nil || !bytes.Equal(got, plain) {
				return fmt.Errorf("密文 does not decrypt to 明文 with 私钥 (%v)", err)
			}
		}
	case SM2Sign, SM2Verify:
		k := f.key()
		e := f.bytes("签名数据e", sm3.Size)
		sig := f.bytes("签名结果", SignatureLen)
		if f.err == nil {
			r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
			if !sm2.Verify(&k.PublicKey, e, r, s) {
				return errors.New("签名结果 does not verify with 公钥")
			}
		}
	case SM3Hash:
		f.length("消息长度", plainLen)
		msg := f.bytes("消息", plainLen)
		h := f.bytes("杂凑值", sm3.Size)
		if d := sm3.Sum(msg); f.err == nil && !bytes.Equal(d[:], h) {
			return errors.New("杂凑值 is not the SM3 digest of 消息")
		}
	case SM4ECBEnc, SM4ECBDec:
		key := f.bytes("密钥", SM4KeyLen)
		f.length("明文长度", plainLen)
		plain := f.bytes("明文", plainLen)
		c := f.bytes("密文", (plainLen/sm4.BlockSize+1)*sm4.BlockSize)
		if f.err == nil {
			b, err := sm4.NewCipher(key)
			if err != nil {
				return err
			}
			for i := 0; i < len(c); i += sm4.BlockSize {
				b.Decrypt(c[i:], c[i:])
			}
			got, err := padding.NewPKCS7Padding(sm4.BlockSize).Unpad(c)
			if err != nil || !bytes.Equal(got, plain) {
				return fmt.Errorf("密文 does not decrypt to 明文 with 密钥 (%v)", err)
			}
		}
	}
	return f.err
}

// fields reads a record's fields; the first error sticks.
type fields struct {
	rec Record
	err error
}

// bytes reads a field of n bytes in uppercase hex.
func (f *fields) bytes(label string, n int) []byte {
	text := f.rec.Text(label)
	b, err := hex.DecodeString(text)
	switch {
	case f.err != nil:
	case err != nil || strings.ToUpper(text) != text:
		f.err = fmt.Errorf("%s %q is not uppercase hex", label, text)
	case len(b) != n:
		f.err = fmt.Errorf("%s has %d bytes, want %d", label, len(b), n)
	}
	return b
}

// length checks a length field: n as %08x.
func (f *fields) length(label string, n int) {
	text := f.rec.Text(label)
	if v, err := strconv.ParseUint(text, 16, 32); f.err == nil && (err != nil || len(text) != 8 || int(v) != n) {
		f.err = fmt.Errorf("%s is %q, want %08x", label, text, n)
	}
}

// key reads 公钥 and 私钥 and checks that the public key is the private
// key's.
func (f *fields) key() *sm2.PrivateKey {
	pub := f.bytes("公钥", PublicKeyLen)
	d := f.bytes("私钥", PrivateKeyLen)
	if f.err != nil {
		return nil
	}
	c := sm2.P256()
	k := &sm2.PrivateKey{}
	k.Curve, k.D = c, new(big.Int).SetBytes(d)
	if k.D.Sign() == 0 || k.D.Cmp(c.Params().N) >= 0 {
		f.err = errors.New("私钥 is not in [1, n)")
		return nil
	}
	k.X, k.Y = c.ScalarBaseMult(d)
	if k.X.Cmp(new(big.Int).SetBytes(pub[:32])) != 0 || k.Y.Cmp(new(big.Int).SetBytes(pub[32:])) != 0 {
		f.err = errors.New("公钥 is not the public key of 私钥")
		return nil
	}
	return k
}
