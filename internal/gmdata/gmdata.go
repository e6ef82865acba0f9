// Package gmdata writes chainsqld's GM test data: the text files of SM2,
// SM3 and SM4 test vectors that chainsqld's g_cryptdata writes for a
// certification lab, and the files of raw random bytes of its
// g_createrandom. The file names, the order of the fields and their text
// are chainsqld's (src/peersafe/gmencrypt/impl/GmCheck.cpp); the
// cryptography is github.com/emmansun/gmsm's, the randomness the
// caller's reader (crypto/rand in the node).
//
// A file holds one record per data set, each a run of lines
// "label= HEX" (uppercase hex; the lengths as %08x), lines ending in
// CRLF and each record followed by an empty line. Every file is written
// under a temporary name and renamed into place when whole, so a failed
// or cancelled write leaves nothing behind.
package gmdata

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Alg is chainsqld's gm_alg_type: which test data g_cryptdata writes.
type Alg int

// The values of gm_alg_type, in chainsqld's order (GMCheck::rpcAlgType).
const (
	SM2Key    Alg = iota // SM2 key pairs
	SM2Enc               // SM2 encryption
	SM2Dec               // SM2 decryption
	SM2Sign              // SM2 signatures of a digest
	SM2Verify            // SM2 verification of a digest
	SM3Hash              // SM3 digests
	SM4CBCEnc            // SM4 CBC encryption: chainsqld writes none
	SM4CBCDec            // SM4 CBC decryption: chainsqld writes none
	SM4ECBEnc            // SM4 ECB encryption
	SM4ECBDec            // SM4 ECB decryption
	All                  // every file but CBC's, with 16-byte plaintexts
)

// The bounds of a request. chainsqld checks none: its buffers are
// 10240 bytes (a record's data, and the hex text of each field), and a
// larger request overruns them.
const (
	// MaxCount is the most data sets of one file (chainsqld: none).
	MaxCount = 10000
	// MaxPlainLen is the largest plain_data_len: the largest with which
	// every field of every type fits chainsqld's 10240-character text
	// buffer (an SM2 ciphertext of 96 + 5×1004 bytes is 10240 hex
	// digits).
	MaxPlainLen = 1004
	// AllPlainLen is the plaintext length of All, whatever the request
	// says (chainsqld's getDataSMALL).
	AllPlainLen = 16
)

// ErrUnsupported is the error of Write for an Alg it does not write
// (SM4 CBC, or a value outside the enum).
var ErrUnsupported = errors.New("gmdata: no test data for this algorithm type")

// fileKind is one file of test data: its name pattern (with the count),
// whether record i's plaintext is plainLen×(i%5+1) bytes, as chainsqld's
// SM2 encryption, SM3 and SM4 files are, and what one record holds.
type fileKind struct {
	name   string
	grows  bool
	record func(w *textWriter, random io.Reader, plainLen int) error
}

// kinds are the files of each Alg but All.
var kinds = map[Alg]fileKind{
	SM2Key:    {"SM2_密钥对生产_%d.txt", false, keyPairRecord},
	SM2Enc:    {"SM2-加密-%d.txt", true, sm2CipherRecord},
	SM2Dec:    {"SM2-解密-%d.txt", true, sm2CipherRecord},
	SM2Sign:   {"SM2签名-预处理后-%d.txt", false, sm2SignRecord},
	SM2Verify: {"SM2验签-预处理后-%d.txt", false, sm2SignRecord},
	SM3Hash:   {"SM3杂凑验证-%d.txt", true, sm3Record},
	SM4ECBEnc: {"SM4验证数据-加密-%d-ECB.txt", true, sm4EncRecord},
	SM4ECBDec: {"SM4验证数据-解密-%d-ECB.txt", true, sm4DecRecord},
}

// allKinds are All's files, in chainsqld's order.
var allKinds = []Alg{SM4ECBEnc, SM4ECBDec, SM2Enc, SM2Dec, SM2Sign, SM2Verify, SM2Key, SM3Hash}

// Write writes the test data files of alg with count records each
// (plainLen is ignored for SM2Key, and All uses AllPlainLen) into dir,
// which it creates, and returns their paths. It stops with ctx's error
// when ctx is done. On any error no file of the call is left in dir.
func Write(ctx context.Context, dir string, alg Alg, count, plainLen int, random io.Reader) ([]string, error) {
	algs := []Alg{alg}
	if alg == All {
		algs, plainLen = allKinds, AllPlainLen
	}
	for _, a := range algs {
		if _, ok := kinds[a]; !ok {
			return nil, fmt.Errorf("%w: %d", ErrUnsupported, alg)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("gmdata: %w", err)
	}
	var written []string
	for _, a := range algs {
		k := kinds[a]
		path := filepath.Join(dir, fmt.Sprintf(k.name, count))
		err := writeFile(path, func(w *bufio.Writer) error {
			tw := &textWriter{w: w}
			for i := range count {
				if err := ctx.Err(); err != nil {
					return err
				}
				n := plainLen
				if k.grows {
					n *= i%5 + 1
				}
				if err := k.record(tw, random, n); err != nil {
					return err
				}
				tw.end()
			}
			return nil
		})
		if err != nil {
			for _, p := range written {
				os.Remove(p)
			}
			return nil, err
		}
		written = append(written, path)
	}
	return written, nil
}

// writeFile writes path through fill, under a temporary name renamed
// into place once fill and the writes succeeded; on any error it
// removes the temporary file.
func writeFile(path string, fill func(w *bufio.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("gmdata: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if err := fill(w); err != nil {
		return fmt.Errorf("gmdata: %s: %w", filepath.Base(path), err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("gmdata: write %s: %w", filepath.Base(path), err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("gmdata: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("gmdata: write %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("gmdata: %w", err)
	}
	return nil
}
