package ledger

import (
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/hash"
)

// The genesis account of every test chain (masterpassphrase).
var genesisID = mustAccount("zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh")

func mustAccount(s string) address.AccountID {
	id, err := address.ParseAccountID(s)
	if err != nil {
		panic(err)
	}
	return id
}

// sha512Half hashes the concatenation of parts with crypto/sha512 alone,
// independently of protocol/hash.
func sha512Half(parts ...[]byte) [32]byte {
	h := sha512.New()
	for _, p := range parts {
		h.Write(p)
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func mustHex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestAccountKey checks rippled's AccountRoot index of the genesis
// account (rHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh in rippled's alphabet).
func TestAccountKey(t *testing.T) {
	got := AccountKey(genesisID)
	want := "2B6AC232AA4C4BE41BF49D2459FA4A0347E1B543A4C92FCEE0821C0201E2E9A8"
	if g := strings.ToUpper(hex.EncodeToString(got[:])); g != want {
		t.Fatalf("AccountKey(genesis) = %s, want %s", g, want)
	}
}

// TestGenesisHashes recomputes the genesis ledger's account hash and
// ledger hash from the documented layouts, and pins them (the values
// testdata/genesis.txt shows).
func TestGenesisHashes(t *testing.T) {
	p := DefaultParams()
	st, err := Genesis(p, genesisID, 100)
	if err != nil {
		t.Fatal(err)
	}
	// The one entry: account, balance, sequence, owner count, flags,
	// PreviousTxnID, PreviousTxnLgrSeq, then the domain with its uvarint
	// length.
	var entry []byte
	entry = append(entry, genesisID[:]...)
	entry = binary.BigEndian.AppendUint64(entry, p.GenesisDrops)
	entry = binary.BigEndian.AppendUint32(entry, 1) // Sequence
	entry = binary.BigEndian.AppendUint32(entry, 0) // OwnerCount
	entry = binary.BigEndian.AppendUint32(entry, 0) // Flags
	entry = append(entry, make([]byte, 32)...)      // PreviousTxnID
	entry = binary.BigEndian.AppendUint32(entry, 0) // PreviousTxnLgrSeq
	entry = append(entry, 0)                        // no domain
	key := sha512Half([]byte{0, 'a'}, genesisID[:])
	accountHash := sha512Half([]byte("MLN\x00"), key[:], entry)

	h := st.Header()
	if h.AccountHash != accountHash {
		t.Fatalf("account hash %X, want %X", h.AccountHash, accountHash)
	}

	var hdr []byte
	hdr = binary.BigEndian.AppendUint32(hdr, 1)
	hdr = binary.BigEndian.AppendUint64(hdr, p.GenesisDrops)
	hdr = append(hdr, make([]byte, 64)...) // parent hash, tx hash
	hdr = append(hdr, accountHash[:]...)
	hdr = binary.BigEndian.AppendUint32(hdr, 0)   // parent close time
	hdr = binary.BigEndian.AppendUint32(hdr, 100) // close time
	hdr = append(hdr, 1, 0)                       // resolution, flags
	ledgerHash := sha512Half([]byte("LWR\x00"), hdr)
	if st.Hash() != ledgerHash {
		t.Fatalf("ledger hash %X, want %X", st.Hash(), ledgerHash)
	}
	for _, c := range []struct {
		name string
		got  [32]byte
		want string
	}{
		{"account hash", accountHash, "CC8593DFCDA8425C8497EA78075A3F54D53D977031290ADDCE1DC505F8DB4A44"},
		{"ledger hash", ledgerHash, "15D9397CBAE05510AAC50E69061982F4F625C842BAEDE40A0D590BAC8A7FBA8A"},
	} {
		if g := strings.ToUpper(hex.EncodeToString(c.got[:])); g != c.want {
			t.Errorf("%s %s, want %s", c.name, g, c.want)
		}
	}
}

func TestHeaderEncoding(t *testing.T) {
	h := Header{
		Seq:                 0x01020304,
		TotalDrops:          0x05060708090A0B0C,
		ParentHash:          hash.Hash256{1},
		TxHash:              hash.Hash256{2},
		AccountHash:         hash.Hash256{3},
		ParentCloseTime:     0x0D0E0F10,
		CloseTime:           0x11121314,
		CloseTimeResolution: 10,
		CloseFlags:          1,
	}
	b := h.Encode()
	if len(b) != HeaderSize {
		t.Fatalf("encoded %d bytes, want %d", len(b), HeaderSize)
	}
	want := "01020304" + "05060708090a0b0c" +
		"01" + strings.Repeat("00", 31) + "02" + strings.Repeat("00", 31) + "03" + strings.Repeat("00", 31) +
		"0d0e0f10" + "11121314" + "0a" + "01"
	if got := hex.EncodeToString(b); got != want {
		t.Fatalf("Encode\n got %s\nwant %s", got, want)
	}
	back, err := DecodeHeader(b)
	if err != nil || back != h {
		t.Fatalf("DecodeHeader = %+v, %v; want %+v", back, err, h)
	}
	if h.Hash() != sha512Half([]byte("LWR\x00"), b) {
		t.Fatal("Hash is not SHA-512Half(LWR\\0 ‖ header)")
	}
	for _, n := range []int{0, HeaderSize - 1, HeaderSize + 1} {
		if _, err := DecodeHeader(make([]byte, n)); !errors.Is(err, ErrBadHeader) {
			t.Errorf("DecodeHeader(%d bytes) error %v, want ErrBadHeader", n, err)
		}
	}
}

func TestTreeRoot(t *testing.T) {
	leaf := func(b byte) hash.Hash256 { return hash.Hash256{b} }
	inner := func(l, r hash.Hash256) hash.Hash256 { return sha512Half([]byte("MIN\x00"), l[:], r[:]) }
	a, b, c, d, e := leaf(1), leaf(2), leaf(3), leaf(4), leaf(5)
	for _, tc := range []struct {
		name   string
		leaves []hash.Hash256
		want   hash.Hash256
	}{
		{"none", nil, hash.Hash256{}},
		{"one", []hash.Hash256{a}, a},
		{"two", []hash.Hash256{a, b}, inner(a, b)},
		{"three", []hash.Hash256{a, b, c}, inner(inner(a, b), c)},
		{"four", []hash.Hash256{a, b, c, d}, inner(inner(a, b), inner(c, d))},
		{"five", []hash.Hash256{a, b, c, d, e}, inner(inner(inner(a, b), inner(c, d)), e)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := append([]hash.Hash256(nil), tc.leaves...)
			if got := treeRoot(in); got != tc.want {
				t.Fatalf("treeRoot = %X, want %X", got, tc.want)
			}
			for i := range in {
				if in[i] != tc.leaves[i] {
					t.Fatal("treeRoot modified its input")
				}
			}
		})
	}
}

// TestStateHashArithmetic checks the multiset sum: addition with carries
// across limbs and modulo 2^256, subtraction as its inverse, and order
// independence.
func TestStateHashArithmetic(t *testing.T) {
	top := stateHash{math.MaxUint64, math.MaxUint64, math.MaxUint64, math.MaxUint64}
	one := stateHash{1}
	for _, tc := range []struct {
		name string
		a, b stateHash
		sum  stateHash
	}{
		{"carry into the second limb", stateHash{math.MaxUint64}, one, stateHash{0, 1}},
		{"carry through every limb", stateHash{math.MaxUint64, math.MaxUint64, math.MaxUint64}, one, stateHash{0, 0, 0, 1}},
		{"wraps modulo 2^256", top, one, stateHash{}},
		{"top plus top", top, top, stateHash{math.MaxUint64 - 1, math.MaxUint64, math.MaxUint64, math.MaxUint64}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.a
			s.add(tc.b)
			if s != tc.sum {
				t.Fatalf("%v + %v = %v, want %v", tc.a, tc.b, s, tc.sum)
			}
			s.sub(tc.b)
			if s != tc.a {
				t.Fatalf("(%v + %v) - %v = %v", tc.a, tc.b, tc.b, s)
			}
		})
	}
	// sum() is big-endian: the high limb first.
	h := stateHash{1, 0, 0, 2}
	got := h.sum()
	if got[7] != 2 || got[31] != 1 {
		t.Fatalf("sum() = %X, want limb 3 first", got)
	}
	// entryDigest reads the 32 digest bytes as a big-endian number.
	key := hash.Hash256{9}
	d := entryDigest(key, []byte("entry"))
	if d.sum() != sha512Half([]byte("MLN\x00"), key[:], []byte("entry")) {
		t.Fatal("entryDigest(...).sum() is not the digest")
	}
	// The same entries in any order give the same sum.
	entries := []stateHash{
		entryDigest(key, []byte("a")), entryDigest(key, []byte("b")), entryDigest(key, []byte("c")),
	}
	var fwd, rev stateHash
	for i := range entries {
		fwd.add(entries[i])
		rev.add(entries[len(entries)-1-i])
	}
	if fwd != rev {
		t.Fatal("the sum depends on the order of the entries")
	}
}
