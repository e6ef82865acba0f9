package actors_test

import (
	"encoding/hex"
	"testing"

	"github.com/sqledger/sqledger/protocol/codec"
	"github.com/sqledger/sqledger/protocol/keys"
	"github.com/sqledger/sqledger/protocol/tableop"
	"github.com/sqledger/sqledger/protocol/tx"
)

// TestRawParsedOnce: a signed insert's Raw is parsed once on its whole
// way through a running node — session, table actor, account actor's
// preview, Close, and the SQL projection that answers db_success.
func TestRawParsedOnce(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	kp, err := keys.SeedFromPassphrase("parse-once").KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	alice := kp.AccountID().String()
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.accept()
	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("once"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32}]`)})
	_, secret := c.wallet("parse-once")
	if m := c.waitDB(secret, create); m["status"] != "db_success" {
		t.Fatalf("create: %v", m)
	}

	nameInDB := c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "once"})["nameInDB"].(string)
	fields := map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6, "Sequence": 2,
		"Fee": "100000", "Flags": tx.FlagFullyCanonicalSig, "Raw": hexs(`[{"id":1,"name":"ann"}]`),
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("once"), "NameInDB": nameInDB}}}}
	o, err := codec.FromMap(fields)
	if err != nil {
		t.Fatal(err)
	}
	insert, err := tx.Sign(o, kp)
	if err != nil {
		t.Fatal(err)
	}
	h := hex.EncodeToString(insert.Hash[:])
	c.ok(map[string]any{"command": "subscribe", "transaction": h})
	before := tableop.Parses()
	if r := c.ok(map[string]any{"command": "submit", "tx_blob": hex.EncodeToString(insert.Blob)}); r["engine_result"] != "tesSUCCESS" {
		t.Fatalf("submit: %v", r)
	}
	c.accept()
	for _, want := range []string{"validate_success", "db_success"} {
		m := c.next(func(m map[string]any) bool { return m["type"] == "singleTransaction" })
		if m["status"] != want {
			t.Fatalf("got %v, want %s", m, want)
		}
	}
	if got := tableop.Parses() - before; got != 1 {
		t.Fatalf("the insert's Raw was parsed %d times from submit to db_success, want 1", got)
	}
}
