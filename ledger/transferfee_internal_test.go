package ledger

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/hash"
)

// TestTransferDigest: an account without transfer settings keeps the
// state-hash form it always had; each setting, and which bound holds
// which text, gives a digest of its own, contract or not.
func TestTransferDigest(t *testing.T) {
	key := hash.Hash256{1}
	base := AccountRoot{Account: [20]byte{7}, Balance: 10, Sequence: 3}
	plain := base.appendEncode(nil)
	if got := base.encodedLen(); got != len(plain) {
		t.Fatalf("encodedLen %d, encoding %d bytes", got, len(plain))
	}
	variants := []AccountRoot{
		base,
		{Account: base.Account, Balance: 10, Sequence: 3, TransferRate: 1_500_000_000},
		{Account: base.Account, Balance: 10, Sequence: 3, TransferRate: 1_500_000_001},
		{Account: base.Account, Balance: 10, Sequence: 3, TransferFeeMin: []byte("1"), TransferFeeMax: []byte("2")},
		{Account: base.Account, Balance: 10, Sequence: 3, TransferFeeMin: []byte("2"), TransferFeeMax: []byte("1")},
		{Account: base.Account, Balance: 10, Sequence: 3, TransferFeeMin: []byte("12")},
		{Account: base.Account, Balance: 10, Sequence: 3, TransferFeeMax: []byte("12")},
		{Account: base.Account, Balance: 10, Sequence: 3, Code: []byte{0x60, 0x00}},
		{Account: base.Account, Balance: 10, Sequence: 3, Code: []byte{0x60, 0x00}, TransferRate: 1_500_000_000},
		// Code that reads like the trailer of the account above.
		{Account: base.Account, Balance: 10, Sequence: 3, Code: []byte{0x60, 0x00, 0x59, 0x68, 0x2f, 0x00, 0x00, 0x00}},
	}
	seen := map[stateHash]int{}
	for i := range variants {
		a := &variants[i]
		if got, want := a.encodedLen(), len(a.appendEncode(nil)); got != want {
			t.Errorf("variant %d: encodedLen %d, encoding %d bytes", i, got, want)
		}
		d := a.digest(key)
		if j, ok := seen[d]; ok {
			t.Errorf("variants %d and %d have the same digest", j, i)
		}
		seen[d] = i
	}
}
