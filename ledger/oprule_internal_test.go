package ledger

import (
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
)

// TestInsertCountsInStateHash: a table's insert counts are part of its
// state-hash term (so two states that differ only by them have
// different hashes), and a table without counts hashes as before they
// existed.
func TestInsertCountsInStateHash(t *testing.T) {
	plain := &Table{Name: []byte("r"), OperationRule: []byte(`{"Get":{"Condition":{"id":1}}}`)}
	key := plain.Key()
	before := plain.digest(key)
	if got := entryDigest(key, plain.appendEncode(nil)); got != before {
		t.Fatal("digest differs from its encoding")
	}
	if n := len(plain.appendEncode(nil)); n != plain.encodedLen() {
		t.Fatalf("encodedLen %d, encoding %d bytes", plain.encodedLen(), n)
	}
	var alice, bob address.AccountID
	alice[0], bob[0] = 1, 2
	counted := plain.clone()
	counted.setInserted(bob, 1)
	counted.setInserted(alice, 2)
	counted.setInserted(bob, 3)
	if counted.Inserted(alice) != 2 || counted.Inserted(bob) != 3 || len(counted.InsertCounts) != 2 || counted.InsertCounts[0].User != alice {
		t.Fatalf("counts %+v", counted.InsertCounts)
	}
	if len(plain.InsertCounts) != 0 {
		t.Fatal("setInserted changed the table it was cloned from")
	}
	if n := len(counted.appendEncode(nil)); n != counted.encodedLen() {
		t.Fatalf("encodedLen %d, encoding %d bytes", counted.encodedLen(), n)
	}
	other := plain.clone()
	other.setInserted(alice, 3)
	other.setInserted(bob, 2)
	for _, d := range []stateHash{counted.digest(key), other.digest(key)} {
		if d == before {
			t.Fatal("counts do not change the table's state-hash term")
		}
	}
	if counted.digest(key) == other.digest(key) {
		t.Fatal("different counts give the same state-hash term")
	}
}
