package eventlog

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestKeyVectors(t *testing.T) {
	cases := []struct {
		name string
		got  []byte
		want string
	}{
		{"ledger", appendLedgerKey(nil, 0x01020304), "4c01020304"},
		{"tx", appendTxKey(nil, 1, 2), "4c0000000100000002"},
		{"tx index", appendHashKey(nil, prefixTxIndex, arr32(0xee)), "78" + strings.Repeat("ee", 32)},
		{"ledger index", appendHashKey(nil, prefixLedgerIndex, arr32(0xdd)), "6c" + strings.Repeat("dd", 32)},
		{"account", appendAccountKey(nil, arr20(5), 7, 8), "61" + strings.Repeat("05", 20) + "0000000700000008"},
		{"meta", appendMetaKey(nil, "sql"), "6d73716c"},
		{"head", headKey, "68"},
	}
	for _, c := range cases {
		if want := unhex(t, c.want); !bytes.Equal(c.got, want) {
			t.Errorf("%s key = %x, want %x", c.name, c.got, want)
		}
	}
}

// TestKeyOrder checks the property iteration relies on: a ledger's record
// sorts before its transactions, which sort before the next ledger.
func TestKeyOrder(t *testing.T) {
	for _, seq := range []uint32{1, 255, 256, 1 << 24, math.MaxUint32 - 1} {
		order := [][]byte{
			appendLedgerKey(nil, seq),
			appendTxKey(nil, seq, 0),
			appendTxKey(nil, seq, 1),
			appendTxKey(nil, seq, 256),
			appendTxKey(nil, seq, math.MaxUint32),
			appendLedgerKey(nil, seq+1),
		}
		for i := 1; i < len(order); i++ {
			if bytes.Compare(order[i-1], order[i]) >= 0 {
				t.Fatalf("seq %d: key %x does not sort before %x", seq, order[i-1], order[i])
			}
		}
	}
}

func TestBounds(t *testing.T) {
	lower, upper := ledgersFrom(5, math.MaxUint32)
	if !bytes.Equal(lower, appendLedgerKey(nil, 5)) || !bytes.Equal(upper, []byte{'M'}) {
		t.Errorf("ledgersFrom(5, max) = %x, %x", lower, upper)
	}
	if bytes.Compare(appendTxKey(nil, math.MaxUint32, math.MaxUint32), upper) >= 0 {
		t.Error("the last tx key is not below the upper bound")
	}
	_, upper = ledgersFrom(5, 6)
	if !bytes.Equal(upper, appendLedgerKey(nil, 7)) {
		t.Errorf("ledgersFrom(5, 6) upper = %x", upper)
	}

	acct, next := arr20(0x11), arr20(0x11)
	next[19]++
	lower, upper = accountBounds(acct, 3, math.MaxUint32)
	if !bytes.Equal(lower, appendAccountKey(nil, acct, 3, 0)) {
		t.Errorf("accountBounds lower = %x", lower)
	}
	if bytes.Compare(appendAccountKey(nil, acct, math.MaxUint32, math.MaxUint32), upper) >= 0 ||
		bytes.Compare(upper, appendAccountKey(nil, next, 0, 0)) > 0 {
		t.Errorf("accountBounds(max) upper %x is not between the account's keys and the next account's", upper)
	}
	_, upper = accountBounds(acct, 3, 9)
	if !bytes.Equal(upper, appendAccountKey(nil, acct, 10, 0)) {
		t.Errorf("accountBounds(3, 9) upper = %x", upper)
	}
	ff := arr20(0xff)
	_, upper = accountBounds(ff, 0, math.MaxUint32)
	if !bytes.Equal(upper, []byte{'b'}) {
		t.Errorf("accountBounds(ff…ff, max) upper = %x, want 62", upper)
	}
}

func TestParseKeys(t *testing.T) {
	if seq, _, isTx, ok := parseTxKey(appendLedgerKey(nil, 9)); !ok || isTx || seq != 9 {
		t.Error("ledger key did not parse")
	}
	if seq, idx, isTx, ok := parseTxKey(appendTxKey(nil, 9, 4)); !ok || !isTx || seq != 9 || idx != 4 {
		t.Error("tx key did not parse")
	}
	for _, k := range [][]byte{nil, {'L'}, appendMetaKey(nil, "abcd"), appendTxKey(nil, 1, 1)[:7]} {
		if _, _, _, ok := parseTxKey(k); ok {
			t.Errorf("parseTxKey(%x) ok", k)
		}
	}
	if seq, idx, ok := parseAccountKey(appendAccountKey(nil, arr20(1), 3, 4)); !ok || seq != 3 || idx != 4 {
		t.Error("account key did not parse")
	}
	if _, _, ok := parseAccountKey(appendTxKey(nil, 1, 1)); ok {
		t.Error("a tx key parsed as an account key")
	}
}
