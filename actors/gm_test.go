package actors_test

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/gmdata"
)

// startGMNode starts a node whose GM files go to dir, with loopback
// 127.0.0.1 its only admin address (other loopback addresses are
// guests).
func startGMNode(t *testing.T, dir string) *testNode {
	return startNodeWith(t, "", 0, func(cfg *actors.Config, g *gateway.Config) {
		cfg.GMDir = dir
		g.AdminNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
}

// TestGCryptData: over WebSocket, an admin's g_cryptdata answers {} for
// every type chainsqld writes, and each file, read back, has
// data_set_count records that verify with the GM library (keys match,
// SM2 ciphertexts decrypt with the written private key, signatures
// verify with the written public key, SM3 digests and SM4 ciphertexts
// are right); CBC and a missing field are chainsqld's errors; a guest is
// noPermission; an out-of-bound request writes nothing.
func TestGCryptData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gm")
	n := startGMNode(t, dir)
	admin, guest := n.client(), n.clientFrom("127.0.0.2")
	for _, tc := range []struct {
		alg      gmdata.Alg
		count    int
		plainLen int
		files    map[string]gmdata.Alg
	}{
		{gmdata.SM2Key, 3, 0, map[string]gmdata.Alg{"SM2_密钥对生产_3.txt": gmdata.SM2Key}},
		{gmdata.SM2Enc, 6, 7, map[string]gmdata.Alg{"SM2-加密-6.txt": gmdata.SM2Enc}},
		{gmdata.SM2Dec, 6, 7, map[string]gmdata.Alg{"SM2-解密-6.txt": gmdata.SM2Dec}},
		{gmdata.SM2Sign, 4, 32, map[string]gmdata.Alg{"SM2签名-预处理后-4.txt": gmdata.SM2Sign}},
		{gmdata.SM2Verify, 4, 32, map[string]gmdata.Alg{"SM2验签-预处理后-4.txt": gmdata.SM2Verify}},
		{gmdata.SM3Hash, 6, 9, map[string]gmdata.Alg{"SM3杂凑验证-6.txt": gmdata.SM3Hash}},
		{gmdata.SM4ECBEnc, 6, 16, map[string]gmdata.Alg{"SM4验证数据-加密-6-ECB.txt": gmdata.SM4ECBEnc}},
		{gmdata.SM4ECBDec, 6, 5, map[string]gmdata.Alg{"SM4验证数据-解密-6-ECB.txt": gmdata.SM4ECBDec}},
		{gmdata.All, 2, 100, map[string]gmdata.Alg{
			"SM4验证数据-加密-2-ECB.txt": gmdata.SM4ECBEnc, "SM4验证数据-解密-2-ECB.txt": gmdata.SM4ECBDec,
			"SM2-加密-2.txt": gmdata.SM2Enc, "SM2-解密-2.txt": gmdata.SM2Dec,
			"SM2签名-预处理后-2.txt": gmdata.SM2Sign, "SM2验签-预处理后-2.txt": gmdata.SM2Verify,
			"SM2_密钥对生产_2.txt": gmdata.SM2Key, "SM3杂凑验证-2.txt": gmdata.SM3Hash,
		}},
	} {
		req := map[string]any{"command": "g_cryptdata", "gm_alg_type": int(tc.alg), "data_set_count": tc.count, "plain_data_len": tc.plainLen}
		if res := admin.ok(req); len(res) != 0 {
			t.Fatalf("%d: result %v, want {}", tc.alg, res)
		}
		plainLen := tc.plainLen
		if tc.alg == gmdata.All {
			plainLen = gmdata.AllPlainLen
		}
		for name, alg := range tc.files {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatalf("%d: %v", tc.alg, err)
			}
			if got, err := gmdata.Check(alg, plainLen, data); err != nil || got != tc.count {
				t.Fatalf("%s: %d records (want %d), %v", name, got, tc.count, err)
			}
		}
	}
	before := names(t, dir)
	if len(before) != 16 {
		t.Fatalf("gm/ holds %d files: %q", len(before), before)
	}

	for _, tc := range []struct {
		req  map[string]any
		want string
	}{
		{map[string]any{"data_set_count": 1}, "field gm_alg_type"},
		{map[string]any{"gm_alg_type": 3}, "field data_set_count"},
		{map[string]any{"gm_alg_type": 3, "data_set_count": 1}, "field plain_data_len"},
		{map[string]any{"gm_alg_type": 6, "data_set_count": 1, "plain_data_len": 16}, "Don't support sm4 cbc mode"},
		{map[string]any{"gm_alg_type": 12, "data_set_count": 1, "plain_data_len": 16}, "gm_alg_type invalid"},
		{map[string]any{"gm_alg_type": 0, "data_set_count": 10001}, "data_set_count must be from 1 to 10000."},
		{map[string]any{"gm_alg_type": 1, "data_set_count": 1, "plain_data_len": 1005}, "plain_data_len must be from 1 to 1004 (bytes)."},
	} {
		tc.req["command"] = "g_cryptdata"
		if r := admin.fails(tc.req, "invalidParams"); r["error_message"] != tc.want || r["error_code"] != 31.0 {
			t.Fatalf("%v: %v, want %q", tc.req, r, tc.want)
		}
	}
	for _, cmd := range []string{"g_cryptdata", "g_createrandom"} {
		guest.fails(map[string]any{"command": cmd, "gm_alg_type": 0, "data_set_count": 1}, "noPermission")
	}
	if after := names(t, dir); !slices.Equal(after, before) {
		t.Fatalf("refused requests changed gm/: %q", after)
	}
}

// TestGCreateRandom: over WebSocket, g_createrandom answers {} at once,
// a second one while it runs is tooBusy, and it writes chainsqld's 1000
// files random0 … random999 of 131072 random bytes each in gm/random.
func TestGCreateRandom(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gm")
	n := startGMNode(t, dir)
	admin := n.client()
	start := time.Now()
	if res := admin.ok(map[string]any{"command": "g_createrandom"}); len(res) != 0 {
		t.Fatalf("result %v, want {}", res)
	}
	if r := admin.fails(map[string]any{"command": "g_createrandom"}, "tooBusy"); r["error_message"] == "" {
		t.Fatalf("a second g_createrandom: %v", r)
	}
	rdir := filepath.Join(dir, "random")
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(filepath.Join(rdir, "random999")); err == nil {
			break // the files are written in order, each renamed when whole
		}
		if time.Now().After(deadline) {
			t.Fatal("1000 files not written in 60 s")
		}
	}
	t.Logf("1000 files in %v", time.Since(start))
	var want []string
	for i := range 1000 {
		want = append(want, fmt.Sprintf("random%d", i))
	}
	got := names(t, rdir)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("files: %d, want random0 … random999", len(got))
	}
	seen := map[string]bool{}
	for _, name := range got {
		data, err := os.ReadFile(filepath.Join(rdir, name))
		if err != nil || len(data) != 131072 {
			t.Fatalf("%s: %d bytes, %v", name, len(data), err)
		}
		if seen[string(data[:32])] {
			t.Fatalf("%s begins as another file does", name)
		}
		seen[string(data[:32])] = true
	}
}

// names lists a directory, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
