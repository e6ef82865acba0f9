package comet

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

func signedPayment(t *testing.T, seq uint32) []byte {
	t.Helper()
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	o, err := codec.FromMap(map[string]any{"TransactionType": "Payment", "Account": kp.AccountID().String(),
		"Destination": "zp6USDM6WWoosBuJCJkC24iFgNMxwqe1Kg", "Amount": "1000000", "Fee": "10", "Sequence": seq,
		"Flags": tx.FlagFullyCanonicalSig})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	return signed.Blob
}

// TestVerifiedTxs: a transaction verified once is given back as it was,
// a forged one is refused every time and never remembered, and the
// oldest is forgotten past the capacity.
func TestVerifiedTxs(t *testing.T) {
	v := newVerifiedTxs(2)
	blobs := [][]byte{signedPayment(t, 1), signedPayment(t, 2), signedPayment(t, 3)}
	first, code, err := v.decode(blobs[0])
	if err != nil || code != CodeOK {
		t.Fatalf("decode: %d, %v", code, err)
	}
	if again, _, _ := v.decode(blobs[0]); again != first {
		t.Fatal("a verified transaction was decoded and verified again")
	}
	forged := append([]byte(nil), blobs[1]...)
	forged[len(forged)-3] ^= 0xFF
	for range 2 {
		if _, code, err := v.decode(forged); err == nil || (code != CodeBadSignature && code != CodeUndecodable) {
			t.Fatalf("forged: %d, %v", code, err)
		}
	}
	if len(v.byHash) != 1 {
		t.Fatalf("%d remembered after a forgery, want 1", len(v.byHash))
	}
	v.decode(blobs[1])
	v.decode(blobs[2])
	if _, ok := v.byHash[first.Hash]; ok || len(v.byHash) != 2 {
		t.Fatalf("past the capacity the oldest stays (%d remembered)", len(v.byHash))
	}
	third, _, _ := v.decode(blobs[2])
	v.forget(third.Hash)
	if _, ok := v.byHash[third.Hash]; ok || len(v.byHash) != 1 {
		t.Fatalf("a finalized transaction stays remembered (%d remembered)", len(v.byHash))
	}
}
