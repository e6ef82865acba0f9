package tx_test

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/tx"
)

func paymentObject(b *testing.B) *codec.Object {
	o, err := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh",
		"Destination": "zNRi42SAPegzJYzXYZfRFqPqUfGqKCaSbx", "Amount": "100000000", "Fee": "10", "Sequence": 3, "Flags": 2147483648, "LastLedgerSequence": 8000})
	if err != nil {
		b.Fatal(err)
	}
	return o
}

func BenchmarkSign(b *testing.B) {
	kp := genesisKey(b)
	o := paymentObject(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tx.Sign(o, kp); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecode(b *testing.B) {
	signed, err := tx.Sign(paymentObject(b), genesisKey(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := tx.Decode(signed.Blob); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeVerify is what a session actor does with a submitted
// blob before anything else: decode, hash and verify the signature.
func BenchmarkDecodeVerify(b *testing.B) {
	signed, err := tx.Sign(paymentObject(b), genesisKey(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		t, err := tx.Decode(signed.Blob)
		if err != nil {
			b.Fatal(err)
		}
		if err := t.Verify(); err != nil {
			b.Fatal(err)
		}
	}
}
