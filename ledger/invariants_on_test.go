//go:build invariants

package ledger

import (
	"errors"
	"testing"

	"github.com/sqledger/sqledger/protocol/tx"
)

// TestClosePanicsOnViolation checks that, with the invariants tag, Close
// stops on corrupted state instead of building on it.
func TestClosePanicsOnViolation(t *testing.T) {
	st, err := Genesis(DefaultParams(), genesisID, 100)
	if err != nil {
		t.Fatal(err)
	}
	st.Close([]*tx.Tx{signedPayment(t, "masterpassphrase", passphraseID(t, "alice"), 100*DropsPerZXC, 1)}, 110)
	st.accounts[genesisID].Balance += 1 // ZXC out of thin air, behind the hash
	defer func() {
		err, _ := recover().(error)
		if !errors.Is(err, ErrInvariant) {
			t.Fatalf("Close recovered %v, want a panic with ErrInvariant", err)
		}
	}()
	st.Close(nil, 120)
	t.Fatal("Close did not panic")
}
