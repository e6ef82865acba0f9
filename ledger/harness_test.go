package ledger_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/ledger"
	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// genesisPassphrase derives the genesis account of every test chain,
// zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh.
const genesisPassphrase = "masterpassphrase"

// genesisTime is the default close time of a test genesis ledger.
const genesisTime = 100

// wallet is a named test account with its key pair.
type wallet struct {
	name string
	kp   *keys.KeyPair
}

func (w *wallet) id() address.AccountID { return w.kp.AccountID() }

// newWallet derives a wallet from a passphrase: "genesis" is the genesis
// account, any other name is its own passphrase, so the same name always
// gives the same account.
func newWallet(tb testing.TB, name string) *wallet {
	tb.Helper()
	pass := name
	if name == "genesis" {
		pass = genesisPassphrase
	}
	kp, err := keys.SeedFromPassphrase(pass).KeyPair()
	if err != nil {
		tb.Fatalf("wallet %s: %v", name, err)
	}
	return &wallet{name: name, kp: kp}
}

// signTx fills the common fields of a transaction from w and signs it.
// Fields in m override the defaults (Flags 0x80000000, Fee 10).
func signTx(tb testing.TB, w *wallet, typ string, seq uint32, m map[string]any) *tx.Tx {
	tb.Helper()
	t, err := buildTx(w, typ, seq, m)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

// buildTx is signTx returning the error of fields the codec refuses.
func buildTx(w *wallet, typ string, seq uint32, m map[string]any) (*tx.Tx, error) {
	fields := map[string]any{
		"TransactionType": typ,
		"Account":         w.id().String(),
		"Sequence":        seq,
		"Fee":             "10",
		"Flags":           tx.FlagFullyCanonicalSig,
	}
	for k, v := range m {
		fields[k] = v
	}
	o, err := codec.FromMap(fields)
	if err != nil {
		return nil, fmt.Errorf("build %s: %w", typ, err)
	}
	t, err := tx.Sign(o, w.kp)
	if err != nil {
		return nil, fmt.Errorf("sign %s: %w", typ, err)
	}
	return t, nil
}

// payment signs a ZXC payment of drops from w to dst with the base fee.
func payment(tb testing.TB, w *wallet, dst address.AccountID, drops uint64, seq uint32) *tx.Tx {
	tb.Helper()
	return signTx(tb, w, "Payment", seq, map[string]any{
		"Destination": dst.String(),
		"Amount":      fmt.Sprint(drops),
	})
}

// genesisState returns a state at ledger 1 with the default parameters,
// the genesis wallet holding every drop.
func genesisState(tb testing.TB) (*ledger.State, *wallet) {
	tb.Helper()
	g := newWallet(tb, "genesis")
	st, err := ledger.Genesis(ledger.DefaultParams(), g.id(), genesisTime)
	if err != nil {
		tb.Fatal(err)
	}
	return st, g
}

// hex16 abbreviates a hash to its first 16 hex digits.
func hex16(b []byte) string {
	return strings.ToUpper(fmt.Sprintf("%x", b[:8]))
}
