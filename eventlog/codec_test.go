package eventlog

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
)

func fill(b byte, n int) []byte { return bytes.Repeat([]byte{b}, n) }

func arr32(b byte) (a [32]byte) { copy(a[:], fill(b, 32)); return a }

func arr20(b byte) (a [20]byte) { copy(a[:], fill(b, 20)); return a }

func unhex(t testing.TB, parts ...string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.Join(parts, ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRecordVectors pins the stored format byte for byte.
func TestRecordVectors(t *testing.T) {
	tx := Tx{Hash: arr32(1), Blob: []byte{0xaa, 0xbb}, Meta: []byte{0xcc}, Accounts: [][20]byte{arr20(2)}}
	cases := []struct {
		name string
		got  []byte
		want []byte
	}{
		{"tx record", appendTxRecord(nil, &tx, tx.Accounts),
			unhex(t, "01", strings.Repeat("01", 32), "02aabb", "01cc", "01", strings.Repeat("02", 20))},
		{"tx record, empty fields", appendTxRecord(nil, &Tx{Hash: arr32(1)}, nil),
			unhex(t, "01", strings.Repeat("01", 32), "00", "00", "00")},
		{"ledger record", appendLedgerRecord(nil, arr32(3), 300, []byte("hdr")),
			unhex(t, "01", strings.Repeat("03", 32), "ac02", "03", "686472")},
		{"head record", appendHead(nil, head{first: 5, seq: 9, hash: arr32(4)}),
			unhex(t, "01", "00000005", "00000009", strings.Repeat("04", 32))},
		{"tx position", appendTxPos(nil, 0x01020304, 7), unhex(t, "01020304", "00000007")},
		{"ledger position", appendLedgerPos(nil, 0x01020304), unhex(t, "01020304")},
	}
	for _, c := range cases {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("%s:\n got %x\nwant %x", c.name, c.got, c.want)
		}
	}
}

func TestRecordRoundTrip(t *testing.T) {
	txs := []Tx{
		testTx(1, 2),
		{Hash: arr32(9)},
		{Hash: arr32(8), Blob: fill(1, 1<<16), Meta: fill(2, 200), Accounts: [][20]byte{arr20(1), arr20(2), arr20(3)}},
	}
	for i, tx := range txs {
		var got Tx
		if err := decodeTxRecord(appendTxRecord(nil, &tx, tx.Accounts), &got); err != nil {
			t.Fatalf("tx %d: %v", i, err)
		}
		if !txEqual(got, storedTx(tx)) {
			t.Fatalf("tx %d: round trip gave %+v", i, got)
		}
	}
	rec, err := decodeLedgerRecord(appendLedgerRecord(nil, arr32(7), 1<<31, []byte("header")))
	if err != nil || rec.hash != arr32(7) || rec.txCount != 1<<31 || string(rec.header) != "header" {
		t.Fatalf("ledger record round trip = %+v, %v", rec, err)
	}
	h, err := decodeHead(appendHead(nil, head{first: 1, seq: 1, hash: arr32(5)}))
	if err != nil || h != (head{first: 1, seq: 1, hash: arr32(5)}) {
		t.Fatalf("head round trip = %+v, %v", h, err)
	}
}

// TestDecodedSlicesAreCapped checks that appending to a decoded Blob
// cannot overwrite the Meta stored after it.
func TestDecodedSlicesAreCapped(t *testing.T) {
	tx := Tx{Hash: arr32(1), Blob: []byte("blob"), Meta: []byte("meta")}
	var got Tx
	if err := decodeTxRecord(appendTxRecord(nil, &tx, nil), &got); err != nil {
		t.Fatal(err)
	}
	_ = append(got.Blob, "XXXX"...)
	if string(got.Meta) != "meta" {
		t.Fatalf("append to Blob overwrote Meta: %q", got.Meta)
	}
}

func TestCorruptRecords(t *testing.T) {
	good := appendTxRecord(nil, &Tx{Hash: arr32(1), Blob: []byte{1, 2}, Meta: []byte{3}, Accounts: [][20]byte{arr20(2)}}, [][20]byte{arr20(2)})
	badVersion := bytes.Clone(good)
	badVersion[0] = 2
	txCases := map[string][]byte{
		"empty":               nil,
		"version 2":           badVersion,
		"truncated hash":      good[:20],
		"truncated blob":      good[:35],
		"truncated accounts":  good[:len(good)-1],
		"trailing byte":       append(bytes.Clone(good), 0),
		"huge blob length":    append(unhex(t, "01", strings.Repeat("00", 32)), 0xff, 0xff, 0xff, 0xff, 0x0f),
		"varint overflow":     append(unhex(t, "01", strings.Repeat("00", 32)), fill(0xff, 11)...),
		"huge account count":  unhex(t, "01", strings.Repeat("00", 32), "00", "00", "ffffffff0f"),
		"partial account":     unhex(t, "01", strings.Repeat("00", 32), "00", "00", "01", "0102"),
		"account count short": unhex(t, "01", strings.Repeat("00", 32), "00", "00", "02", strings.Repeat("02", 20)),
	}
	for name, b := range txCases {
		var tx Tx
		if err := decodeTxRecord(b, &tx); !errors.Is(err, ErrCorrupt) {
			t.Errorf("tx record %s: %v, want ErrCorrupt", name, err)
		}
	}
	goodLedger := appendLedgerRecord(nil, arr32(1), 2, []byte("h"))
	ledgerCases := map[string][]byte{
		"empty":          {},
		"truncated":      goodLedger[:len(goodLedger)-1],
		"trailing":       append(bytes.Clone(goodLedger), 9),
		"count too big":  unhex(t, "01", strings.Repeat("00", 32), "8080808010", "00"),
		"version 0":      append([]byte{0}, goodLedger[1:]...),
		"header too big": unhex(t, "01", strings.Repeat("00", 32), "00", "05", "6868"),
	}
	for name, b := range ledgerCases {
		if _, err := decodeLedgerRecord(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("ledger record %s: %v, want ErrCorrupt", name, err)
		}
	}
	headCases := map[string][]byte{
		"short":          appendHead(nil, head{first: 1, seq: 2})[:40],
		"version 2":      append([]byte{2}, appendHead(nil, head{first: 1, seq: 2})[1:]...),
		"first 0":        appendHead(nil, head{first: 0, seq: 2}),
		"first > head":   appendHead(nil, head{first: 3, seq: 2}),
		"trailing bytes": append(appendHead(nil, head{first: 1, seq: 2}), 0),
	}
	for name, b := range headCases {
		if _, err := decodeHead(b); !errors.Is(err, ErrCorrupt) {
			t.Errorf("head record %s: %v, want ErrCorrupt", name, err)
		}
	}
	if _, _, err := decodeTxPos([]byte{1, 2, 3}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("short tx position: %v", err)
	}
	if _, err := decodeLedgerPos([]byte{1, 2, 3, 4, 5}); !errors.Is(err, ErrCorrupt) {
		t.Errorf("long ledger position: %v", err)
	}
}

func FuzzDecodeTxRecord(f *testing.F) {
	tx := testTx(3, 4)
	f.Add(appendTxRecord(nil, &tx, tx.Accounts))
	f.Add(appendTxRecord(nil, &Tx{}, nil))
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, b []byte) {
		var got Tx
		if err := decodeTxRecord(b, &got); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not match ErrCorrupt", err)
			}
			return
		}
		var again Tx
		if err := decodeTxRecord(appendTxRecord(nil, &got, got.Accounts), &again); err != nil || !txEqual(got, again) {
			t.Fatalf("re-encoding a decoded record changed it: %v", err)
		}
	})
}

func FuzzDecodeLedgerRecord(f *testing.F) {
	f.Add(appendLedgerRecord(nil, arr32(1), 3, []byte("header")))
	f.Add(appendLedgerRecord(nil, arr32(0), 0, nil))
	f.Fuzz(func(t *testing.T, b []byte) {
		rec, err := decodeLedgerRecord(b)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v does not match ErrCorrupt", err)
			}
			return
		}
		again, err := decodeLedgerRecord(appendLedgerRecord(nil, rec.hash, rec.txCount, rec.header))
		if err != nil || again.hash != rec.hash || again.txCount != rec.txCount || !bytes.Equal(again.header, rec.header) {
			t.Fatalf("re-encoding a decoded record changed it: %v", err)
		}
	})
}
