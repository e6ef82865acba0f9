package projections

import (
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/sqledger/sqledger/protocol/confidential"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tx"
)

// confidentialLedgers builds a confidential table's create (the owner's
// Token, an encrypted Raw), an encrypted insert and an encrypted update,
// as the published client builds them.
func confidentialLedgers(t *testing.T, c *chain) []*tx.Tx {
	password, err := confidential.NewPassword(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	token, err := confidential.SealRandom(genesisKey.PublicKey(), password)
	if err != nil {
		t.Fatal(err)
	}
	enc := func(plain string) string {
		b, err := confidential.EncryptRaw(password, []byte(plain))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return []*tx.Tx{
		c.tableTx(tx.OpCreate, tableA, enc(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20}]`), "Token", string(token)),
		c.tableTx(tx.OpInsert, tableA, enc(`[{"id":1,"name":"秘密"},{"id":2,"name":"b"}]`)),
		c.tableTx(tx.OpUpdate, tableA, enc(`[{"name":"bb"},{"id":2}]`)),
	}
}

func TestConfidentialTableSynced(t *testing.T) {
	for _, tc := range []struct {
		name   string
		sync   []SyncTable
		status Status
	}{
		{"every table of the owner", []SyncTable{{Key: genesisKey}}, DBSuccess},
		{"the table by its plain name", []SyncTable{{Key: genesisKey, Name: "t" + hex.EncodeToString(tableA[:2])}}, DBSuccess},
		{"another table of the owner", []SyncTable{{Key: genesisKey, Name: "other"}}, DBNoSyncTable},
		{"another owner", []SyncTable{{Key: otherKey(t)}}, DBNoSyncTable},
		{"no sync tables", nil, DBNoSyncTable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachStore(t, func(t *testing.T, s testStore) {
				p := s.open(t, Options{SyncTables: tc.sync})
				c := newChain(t)
				for i, txn := range confidentialLedgers(t, c) {
					res := mustApply(t, p, c.ledger(txn))
					if len(res) != 1 || res[0].Status != tc.status {
						t.Fatalf("ledger %d: %+v, want %s", i, res, tc.status)
					}
				}
				if tc.status != DBSuccess {
					if tableExists(t, p, tableA) {
						t.Fatal("an unsynced confidential table is in the store")
					}
					return
				}
				if got, want := render(rows(t, p, tableA, "id")), "id=1 name=秘密\nid=2 name=bb\n"; got != want {
					t.Fatalf("rows:\n%s\nwant:\n%s", got, want)
				}
			})
		})
	}
}

func TestConfidentialRawThatDoesNotDecrypt(t *testing.T) {
	eachStore(t, func(t *testing.T, s testStore) {
		p := s.open(t, Options{SyncTables: []SyncTable{{Key: genesisKey}}})
		c := newChain(t)
		txs := confidentialLedgers(t, c)
		wantResults(t, mustApply(t, p, c.ledger(txs[0])), "")
		bad := c.tableTx(tx.OpInsert, tableA, "0123456789abcde") // not a whole AES block
		wantResults(t, mustApply(t, p, c.ledger(bad)), "does not decrypt")
		if n := len(rows(t, p, tableA, "id")); n != 0 {
			t.Fatalf("%d rows after a refused insert", n)
		}
	})
}

func otherKey(t *testing.T) *keys.KeyPair {
	kp, err := keys.SeedFromPassphrase("another owner").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}
