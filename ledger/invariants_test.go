package ledger

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/address"
	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// signedPayment signs a ZXC payment from the passphrase's account.
func signedPayment(t *testing.T, passphrase string, to address.AccountID, drops uint64, seq uint32) *tx.Tx {
	t.Helper()
	kp, err := keys.SeedFromPassphrase(passphrase).KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	o, err := codec.FromMap(map[string]any{
		"TransactionType": "Payment", "Account": kp.AccountID().String(), "Sequence": seq,
		"Fee": "10", "Destination": to.String(), "Amount": fmt.Sprint(drops),
	})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func passphraseID(t *testing.T, passphrase string) address.AccountID {
	t.Helper()
	kp, err := keys.SeedFromPassphrase(passphrase).KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp.AccountID()
}

// closedPair returns ledger 2's header and ledger 3 closed on it: alice
// (created in ledger 2 with 100 ZXC) pays genesis 1 ZXC, then fails to
// create bob (tecNO_DST_INSUF_ZXC).
func closedPair(t *testing.T) (Params, Header, *Closed) {
	t.Helper()
	st, err := Genesis(DefaultParams(), genesisID, 100)
	if err != nil {
		t.Fatal(err)
	}
	alice := passphraseID(t, "alice")
	st.Close([]*tx.Tx{signedPayment(t, "masterpassphrase", alice, 100*DropsPerZXC, 1)}, 110)
	parent := st.Header()
	c := st.Close([]*tx.Tx{
		signedPayment(t, "alice", genesisID, DropsPerZXC, 1),
		signedPayment(t, "alice", passphraseID(t, "bob"), 1, 2),
	}, 120)
	if len(c.Txs) != 2 {
		t.Fatalf("%d transactions recorded, want 2", len(c.Txs))
	}
	return st.Params(), parent, c
}

// node returns the change of account id in transaction i.
func node(t *testing.T, c *Closed, i int, id address.AccountID) *NodeChange {
	t.Helper()
	for k := range c.Txs[i].Meta.Nodes {
		if n := &c.Txs[i].Meta.Nodes[k]; n.After != nil && n.After.Account == id {
			return n
		}
	}
	t.Fatalf("transaction %d did not touch %s", i, id)
	return nil
}

// TestCheckClosed breaks a real closed ledger in each way checkClosed
// must notice.
func TestCheckClosed(t *testing.T) {
	alice := passphraseID(t, "alice")
	for _, tc := range []struct {
		name   string
		mutate func(t *testing.T, p *Params, parent *Header, c *Closed)
		want   string // "" for no error
	}{
		{"intact", func(*testing.T, *Params, *Header, *Closed) {}, ""},
		{"sequence", func(_ *testing.T, _ *Params, _ *Header, c *Closed) { c.Header.Seq++ }, "ledger 4 follows ledger 2"},
		{"parent hash", func(_ *testing.T, _ *Params, _ *Header, c *Closed) { c.Header.ParentHash[0] ^= 1 }, "is not ledger 2's"},
		{"close time", func(_ *testing.T, _ *Params, p *Header, c *Closed) { c.Header.CloseTime = p.CloseTime }, "close time 110"},
		{"parent close time", func(_ *testing.T, _ *Params, _ *Header, c *Closed) { c.Header.ParentCloseTime++ }, "recorded 111"},
		{"index", func(_ *testing.T, _ *Params, _ *Header, c *Closed) { c.Txs[1].Meta.Index = 5 }, "transaction 1 has index 5"},
		{"ZXC created", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, genesisID).After.Balance++
		}, "balances went from"},
		{"fee not destroyed", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 1, alice).After.Balance += 10
		}, "with 10 destroyed (fee 10)"},
		{"more destroyed than the fee", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			c.Txs[1].Destroyed += 5
		}, "15 drops destroyed for a fee of 10"},
		{"sequence falls", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, genesisID).After.Sequence = 1
		}, "sequence fell from 2 to 1"},
		{"sender sequence stays", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, alice).After.Sequence = 1
		}, "sender sequence 1 -> 1"},
		{"sender missing", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			c.Txs[1].Meta.Nodes = nil
		}, "the sender's account is not among the changes"},
		{"entry deleted", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, genesisID).After = nil
		}, "an entry was deleted"},
		{"entry renamed", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, genesisID).After.Account = passphraseID(t, "bob")
		}, "became"},
		{"balance out of range", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, genesisID).After.Balance = maxDrops + 1
		}, "holds 100000000000000001 drops"},
		{"created at a later sequence", func(t *testing.T, _ *Params, _ *Header, c *Closed) {
			node(t, c, 0, alice).Before = nil // as if transaction 0 created alice
		}, "created at sequence 2"},
		{"created below the reserve", func(t *testing.T, p *Params, _ *Header, c *Closed) {
			p.ReserveBase = 200 * DropsPerZXC
			n := node(t, c, 0, alice)
			n.Before, n.After.Sequence = nil, 1
		}, "created at sequence 1 with 98999990 drops"},
		{"total", func(_ *testing.T, _ *Params, _ *Header, c *Closed) { c.Header.TotalDrops-- }, "less 20 destroyed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, parent, c := closedPair(t)
			tc.mutate(t, &p, &parent, c)
			err := checkClosed(p, parent, c)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("intact ledger: %v", err)
			case tc.want == "":
			case !errors.Is(err, ErrInvariant):
				t.Fatalf("error %v, want one wrapping ErrInvariant", err)
			case !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
		})
	}
}

// TestCheckInvariantsDetects corrupts the state behind the hash and the
// total.
func TestCheckInvariantsDetects(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(s *State)
		want    string
	}{
		{"balance", func(s *State) { s.accounts[genesisID].Balance-- }, "balances and escrows add up to"},
		{"sequence", func(s *State) { s.accounts[genesisID].Sequence++ }, "state hash"},
		{"extra account", func(s *State) {
			id := address.AccountID{1}
			s.accounts[id] = newAccountEntry(AccountRoot{Account: id, Sequence: 1})
		}, "state hash"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := Genesis(DefaultParams(), genesisID, 100)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.CheckInvariants(); err != nil {
				t.Fatal(err)
			}
			tc.corrupt(st)
			err = st.CheckInvariants()
			if !errors.Is(err, ErrInvariant) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("CheckInvariants = %v, want ErrInvariant saying %q", err, tc.want)
			}
		})
	}
}

// TestCheckInvariantsWithTable checks a state holding a table: its entry
// is part of the state hash that CheckInvariants recomputes.
func TestCheckInvariantsWithTable(t *testing.T) {
	st, err := Genesis(DefaultParams(), genesisID, 100)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := keys.SeedFromPassphrase("masterpassphrase").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	raw := `[{"field":"id","type":"int"}]`
	o, err := codec.FromMap(map[string]any{
		"TransactionType": "TableListSet", "Account": genesisID.String(), "Sequence": 1,
		"Fee": fmt.Sprint(10 + 1000 + 976*len(raw)), "OpType": 1,
		"Tables": []any{map[string]any{"Table": map[string]any{
			"TableName": fmt.Sprintf("%X", "t1"), "NameInDB": "0102030405060708091011121314151617181920",
		}}},
		"Raw": fmt.Sprintf("%X", raw),
	})
	if err != nil {
		t.Fatal(err)
	}
	tr, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	c := st.Close([]*tx.Tx{tr}, 110)
	if len(c.Txs) != 1 || c.Txs[0].Meta.Result != 0 {
		t.Fatalf("table creation: %+v %+v", c.Txs, c.Rejected)
	}
	if _, ok := st.Table(genesisID, []byte("t1")); !ok {
		t.Fatal("no table t1")
	}
	if err := st.CheckInvariants(); err != nil {
		t.Fatal(err)
	}
}
