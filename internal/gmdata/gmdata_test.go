package gmdata_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/emmansun/gmsm/sm3"

	"github.com/sqledger/sqledger/internal/gmdata"
)

// TestWriteCheck writes each type's file with 7 records (so the
// plaintext lengths that grow go through all five steps) and reads it
// back: chainsqld's file name, and every record verifies.
func TestWriteCheck(t *testing.T) {
	for _, tc := range []struct {
		alg      gmdata.Alg
		plainLen int
		file     string
	}{
		{gmdata.SM2Key, 0, "SM2_密钥对生产_7.txt"},
		{gmdata.SM2Enc, 5, "SM2-加密-7.txt"},
		{gmdata.SM2Dec, 5, "SM2-解密-7.txt"},
		{gmdata.SM2Sign, 5, "SM2签名-预处理后-7.txt"},
		{gmdata.SM2Verify, 40, "SM2验签-预处理后-7.txt"},
		{gmdata.SM3Hash, 5, "SM3杂凑验证-7.txt"},
		{gmdata.SM4ECBEnc, 5, "SM4验证数据-加密-7-ECB.txt"},
		{gmdata.SM4ECBDec, 16, "SM4验证数据-解密-7-ECB.txt"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "gm")
			paths, err := gmdata.Write(context.Background(), dir, tc.alg, 7, tc.plainLen, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{filepath.Join(dir, tc.file)}; !slices.Equal(paths, want) {
				t.Fatalf("wrote %q, want %q", paths, want)
			}
			if names := dirNames(t, dir); !slices.Equal(names, []string{tc.file}) {
				t.Fatalf("dir holds %q", names)
			}
			data, err := os.ReadFile(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			if n, err := gmdata.Check(tc.alg, tc.plainLen, data); err != nil || n != 7 {
				t.Fatalf("check: %d records, %v", n, err)
			}
		})
	}
}

// TestText pins the bytes of the format on a reader of zeros: "label= "
// then uppercase hex or %08x, CRLF, an empty line after each record.
func TestText(t *testing.T) {
	dir := t.TempDir()
	paths, err := gmdata.Write(context.Background(), dir, gmdata.SM3Hash, 2, 3, zeros{})
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(paths[0])
	want := "消息长度= 00000003\r\n消息= 000000\r\n杂凑值= " + sm3Hex(3) + "\r\n\r\n" +
		"消息长度= 00000006\r\n消息= 000000000000\r\n杂凑值= " + sm3Hex(6) + "\r\n\r\n"
	if string(data) != want {
		t.Fatalf("file:\n%q\nwant:\n%q", data, want)
	}
}

// sm3Hex is the SM3 digest of n zero bytes in uppercase hex.
func sm3Hex(n int) string {
	h := sm3.Sum(make([]byte, n))
	return strings.ToUpper(hex.EncodeToString(h[:]))
}

// TestKnownSM3 checks one digest against the standard's example
// (GB/T 32905-2016 A.1, "abc"), through Check: a record claiming it is
// accepted, one claiming another digest is not.
func TestKnownSM3(t *testing.T) {
	rec := func(h string) []byte {
		return []byte("消息长度= 00000003\r\n消息= 616263\r\n杂凑值= " + h + "\r\n\r\n")
	}
	const abc = "66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0"
	if n, err := gmdata.Check(gmdata.SM3Hash, 3, rec(abc)); err != nil || n != 1 {
		t.Fatalf("the standard's digest of abc: %d, %v", n, err)
	}
	if _, err := gmdata.Check(gmdata.SM3Hash, 3, rec(strings.Replace(abc, "66", "67", 1))); err == nil {
		t.Fatal("a wrong digest passes")
	}
}

// TestAll writes chainsqld's eight files of SM_ALL_DAT with 16-byte
// plaintexts whatever plainLen says, and each verifies.
func TestAll(t *testing.T) {
	dir := t.TempDir()
	paths, err := gmdata.Write(context.Background(), dir, gmdata.All, 3, 999, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]gmdata.Alg{
		"SM4验证数据-加密-3-ECB.txt": gmdata.SM4ECBEnc,
		"SM4验证数据-解密-3-ECB.txt": gmdata.SM4ECBDec,
		"SM2-加密-3.txt":         gmdata.SM2Enc,
		"SM2-解密-3.txt":         gmdata.SM2Dec,
		"SM2签名-预处理后-3.txt":     gmdata.SM2Sign,
		"SM2验签-预处理后-3.txt":     gmdata.SM2Verify,
		"SM2_密钥对生产_3.txt":      gmdata.SM2Key,
		"SM3杂凑验证-3.txt":        gmdata.SM3Hash,
	}
	if len(paths) != len(files) || len(dirNames(t, dir)) != len(files) {
		t.Fatalf("wrote %q", paths)
	}
	for name, alg := range files {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if n, err := gmdata.Check(alg, gmdata.AllPlainLen, data); err != nil || n != 3 {
			t.Fatalf("%s: %d records, %v", name, n, err)
		}
	}
}

// TestCheckCatches: Check fails on a file whose ciphertext, signature,
// digest, key or layout was changed.
func TestCheckCatches(t *testing.T) {
	for _, tc := range []struct {
		alg   gmdata.Alg
		label string
	}{
		{gmdata.SM2Key, "公钥"},
		{gmdata.SM2Enc, "密文"},
		{gmdata.SM2Dec, "明文"},
		{gmdata.SM2Sign, "签名结果"},
		{gmdata.SM2Verify, "签名数据e"},
		{gmdata.SM3Hash, "消息"},
		{gmdata.SM4ECBEnc, "密文"},
		{gmdata.SM4ECBDec, "密钥"},
	} {
		paths, err := gmdata.Write(context.Background(), t.TempDir(), tc.alg, 1, 20, rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(paths[0])
		i := bytes.Index(data, []byte(tc.label+"= ")) + len(tc.label) + 2
		changed := slices.Clone(data)
		changed[i+3] = '0'
		if data[i+3] == '0' {
			changed[i+3] = '1'
		}
		if _, err := gmdata.Check(tc.alg, 20, changed); err == nil {
			t.Errorf("%d: a changed %s passes", tc.alg, tc.label)
		}
		swapped := bytes.Replace(data, []byte(tc.label+"= "), []byte("X"+tc.label+"= "), 1)
		if _, err := gmdata.Check(tc.alg, 20, swapped); err == nil {
			t.Errorf("%d: a relabelled %s passes", tc.alg, tc.label)
		}
	}
}

// TestWriteFails: a write that fails part way (the random source here,
// a full disk alike) or is cancelled returns the error and leaves
// nothing in the directory, All's finished files included.
func TestWriteFails(t *testing.T) {
	broken := errors.New("no more randomness")
	for _, tc := range []struct {
		name   string
		ctx    func() context.Context
		random io.Reader
		want   error
	}{
		{"reader fails", context.Background, io.MultiReader(io.LimitReader(rand.Reader, 20000), failing{broken}), broken},
		{"cancelled", func() context.Context {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx
		}, rand.Reader, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := gmdata.Write(tc.ctx(), dir, gmdata.All, 100, 16, tc.random)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if names := dirNames(t, dir); len(names) != 0 {
				t.Fatalf("left %q", names)
			}
		})
	}
}

// TestWriteNoDir: a directory that cannot be made (a file is in the
// way) is an error.
func TestWriteNoDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "gm")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := gmdata.Write(context.Background(), file, gmdata.SM3Hash, 1, 16, rand.Reader); err == nil {
		t.Fatal("Write into a file succeeded")
	}
	if err := gmdata.WriteRandom(context.Background(), file, 1, rand.Reader, func(int) {}); err == nil {
		t.Fatal("WriteRandom into a file succeeded")
	}
}

// TestUnsupported: CBC (chainsqld writes none) and values outside the
// enum are ErrUnsupported, and nothing is created.
func TestUnsupported(t *testing.T) {
	for _, alg := range []gmdata.Alg{gmdata.SM4CBCEnc, gmdata.SM4CBCDec, -1, 11} {
		dir := filepath.Join(t.TempDir(), "gm")
		if _, err := gmdata.Write(context.Background(), dir, alg, 1, 16, rand.Reader); !errors.Is(err, gmdata.ErrUnsupported) {
			t.Fatalf("%d: %v", alg, err)
		}
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%d: the directory was made (%v)", alg, err)
		}
	}
}

// TestWriteRandom writes random files of 128 KiB, counts them as they
// are written, and stops when cancelled, each file left whole.
func TestWriteRandom(t *testing.T) {
	dir := t.TempDir()
	var counts []int
	if err := gmdata.WriteRandom(context.Background(), dir, 3, rand.Reader, func(n int) { counts = append(counts, n) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(counts, []int{1, 2, 3}) {
		t.Fatalf("counted %v", counts)
	}
	if names := dirNames(t, filepath.Join(dir, "random")); !slices.Equal(names, []string{"random0", "random1", "random2"}) {
		t.Fatalf("files %q", names)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "random", "random0"))
	b, _ := os.ReadFile(filepath.Join(dir, "random", "random1"))
	if len(a) != gmdata.RandomFileSize || len(b) != gmdata.RandomFileSize || bytes.Equal(a, b) || bytes.Count(a, []byte{0}) > len(a)/128 {
		t.Fatalf("sizes %d %d, equal %v", len(a), len(b), bytes.Equal(a, b))
	}

	ctx, cancel := context.WithCancel(context.Background())
	dir = t.TempDir()
	err := gmdata.WriteRandom(ctx, dir, 10, rand.Reader, func(n int) {
		if n == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if names := dirNames(t, filepath.Join(dir, "random")); !slices.Equal(names, []string{"random0", "random1"}) {
		t.Fatalf("cancelled after 2: %q", names)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// zeros reads zero bytes.
type zeros struct{}

func (zeros) Read(b []byte) (int, error) {
	clear(b)
	return len(b), nil
}

// failing fails every read with err.
type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }
