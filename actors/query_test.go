package actors_test

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/protocol/keys"
)

// signedQuery builds an r_get or r_get_sql_user request as the client
// does: tx_json, its JSON text as signingData, and a signature of it.
func signedQuery(t *testing.T, passphrase, command string, txj map[string]any) map[string]any {
	t.Helper()
	kp, err := keys.SeedFromPassphrase(passphrase).KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	signing, err := json.Marshal(txj)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := kp.Sign(signing)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"command": command, "tx_json": txj, "signingData": string(signing),
		"publicKey": hex.EncodeToString(kp.PublicKey()), "signature": hex.EncodeToString(sig)}
}

// waitDB submits and waits for the transaction's db_* notification
// (after its validate_success).
func (c *client) waitDB(secret string, txj map[string]any) map[string]any {
	c.t.Helper()
	r := c.submitJSON(secret, txj)
	if r["engine_result"] != "tesSUCCESS" {
		c.t.Fatalf("submit: %v", r)
	}
	h := hashOf(r)
	c.ok(map[string]any{"command": "subscribe", "transaction": h})
	c.accept()
	v := c.next(func(m map[string]any) bool {
		return m["type"] == "singleTransaction" && m["transaction"].(map[string]any)["hash"] == h
	})
	if v["status"] != "validate_success" {
		c.t.Fatalf("validation: %v", v)
	}
	return c.next(func(m map[string]any) bool {
		return m["type"] == "singleTransaction" && m["transaction"].(map[string]any)["hash"] == h
	})
}

func TestSQLThroughWebSocket(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("sql-alice")
	bob, bobSecret := c.wallet("sql-bob")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.pay(genesisSecret, genesisAccount, bob, 1_000_000_000)
	c.accept()

	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("people"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":32},{"field":"age","type":"int"},{"field":"txid","type":"varchar","length":64}]`)})
	if m := c.waitDB(aliceSecret, create); m["status"] != "db_success" {
		t.Fatalf("create: %v", m)
	}
	nameInDB := c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "people"})["nameInDB"].(string)
	insert := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6, "Tables": tables("people"),
		"Raw": hexs(`[{"id":1,"name":"ann","age":31},{"id":2,"name":"bo","age":17},{"id":3,"name":"cy","age":45}]`), "AutoFillField": hexs("txid")})
	ins := c.waitDB(aliceSecret, insert)
	if ins["status"] != "db_success" {
		t.Fatalf("insert: %v", ins)
	}
	dup := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6, "Tables": tables("people"),
		"Raw": hexs(`[{"id":1,"name":"again"}]`)})
	if m := c.waitDB(aliceSecret, dup); m["status"] != "db_error" || m["error_message"] == "" {
		t.Fatalf("duplicate key: %v", m)
	}

	cur := c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	get := func(pass, account, raw string) map[string]any {
		return c.call(signedQuery(t, pass, "r_get", map[string]any{"Account": account, "Owner": alice,
			"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "people"}}}, "Raw": raw, "LedgerIndex": cur - 1}))
	}
	r := get("sql-alice", alice, `[["name","age"],{"age":{"$gt":20}}]`)
	res, _ := r["result"].(map[string]any)
	if r["status"] != "success" || fmt.Sprint(res["lines"]) != "[map[age:31 name:ann] map[age:45 name:cy]]" || res["diff"].(float64) != 0 {
		t.Fatalf("r_get: %v", r)
	}
	if r := get("sql-alice", alice, `[["txid"],{"id":2}]`); !strings.EqualFold(r["result"].(map[string]any)["lines"].([]any)[0].(map[string]any)["txid"].(string), hashOf(map[string]any{"tx_json": ins["transaction"]})) {
		t.Fatalf("AutoFillField: %v", r)
	}
	if r := get("sql-bob", bob, `[[]]`); r["error"] != "tabUnauthorized" {
		t.Fatalf("r_get without a grant: %v", r)
	}
	// A signature over other data, or by another key, is refused.
	forged := signedQuery(t, "sql-alice", "r_get", map[string]any{"Account": alice, "Owner": alice,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "people"}}}, "Raw": `[[]]`, "LedgerIndex": cur - 1})
	forged["tx_json"].(map[string]any)["Raw"] = `[["name"]]`
	if r := c.call(forged); r["error"] != "signDataNotMatch" {
		t.Fatalf("forged query: %v", r)
	}
	stale := signedQuery(t, "sql-alice", "r_get", map[string]any{"Account": alice, "Owner": alice,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "people"}}}, "Raw": `[[]]`, "LedgerIndex": cur - 9})
	if r := c.call(stale); r["error"] != "invalidParams" {
		t.Fatalf("stale LedgerIndex: %v", r)
	}
	if r := get("sql-alice", alice, `[["name"],{"name":"x' OR '1'='1"}]`); r["status"] != "success" || len(r["result"].(map[string]any)["lines"].([]any)) != 0 {
		t.Fatalf("injection in a value: %v", r)
	}
	if r := get("sql-alice", alice, `[["name; DROP TABLE x"]]`); r["status"] != "error" {
		t.Fatalf("injection in a column: %v", r)
	}

	// Raw SQL: the admin's, and a user's with a grant.
	table := "t_" + nameInDB
	adm := c.ok(map[string]any{"command": "r_get_sql_admin", "sql": "select count(*) as n from " + table})
	if fmt.Sprint(adm["lines"]) != "[map[n:3]]" {
		t.Fatalf("r_get_sql_admin: %v", adm)
	}
	c.fails(map[string]any{"command": "r_get_sql_admin", "sql": "delete from " + table}, "sqlSelectOnly")
	userSQL := map[string]any{"Account": bob, "Sql": "select name from " + table + " where id = 3", "LedgerIndex": cur}
	if r := c.call(signedQuery(t, "sql-bob", "r_get_sql_user", userSQL)); r["error"] != "tabUnauthorized" {
		t.Fatalf("r_get_sql_user without a grant: %v", r)
	}
	grant := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 11, "User": bob, "Tables": tables("people"),
		"Raw": hexs(`[{"select":true,"update":true}]`)})
	c.waitDB(aliceSecret, grant)
	userSQL["LedgerIndex"] = c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	if r := c.ok(signedQuery(t, "sql-bob", "r_get_sql_user", userSQL)); fmt.Sprint(r["lines"]) != "[map[name:cy]]" {
		t.Fatalf("r_get_sql_user: %v", r)
	}

	// Update and delete through bob's grant, then a transaction whose
	// assert fails: db_error, and none of its statements applies.
	upd := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": bob, "Owner": alice, "OpType": 8, "Tables": tables("people"),
		"Raw": hexs(`[{"age":18},{"id":2}]`)})
	if m := c.waitDB(bobSecret, upd); m["status"] != "db_success" {
		t.Fatalf("update: %v", m)
	}
	del := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 9, "Tables": tables("people"),
		"Raw": hexs(`[{"id":3}]`)})
	c.waitDB(aliceSecret, del)
	sqlTx := c.prepare(map[string]any{"TransactionType": "SQLTransaction", "Account": alice, "Statements": []any{
		map[string]any{"OpType": 6, "Owner": alice, "Tables": tables("people"), "Raw": hexs(`[{"id":9,"name":"zed"}]`)},
		map[string]any{"OpType": 10, "Owner": alice, "Tables": tables("people"), "Raw": hexs(`[{"$RowCount":5},{"age":{"$ge":0}}]`)},
	}})
	sqlTx["Statements"] = hexJSON(t, sqlTx["Statements"])
	if m := c.waitDB(aliceSecret, sqlTx); m["status"] != "db_error" {
		t.Fatalf("failed assert: %v", m)
	}
	adm = c.ok(map[string]any{"command": "r_get_sql_admin", "sql": "select id, age from " + table + " order by id"})
	if fmt.Sprint(adm["lines"]) != "[map[age:31 id:1] map[age:18 id:2]]" {
		t.Fatalf("rows after update, delete and a failed transaction: %v", adm)
	}
}

// TestLateTableSubscription: a subscription to a table transaction that
// already validated gets validate_success and then its db_* result, even
// when the SQL store applied it before the subscription came.
func TestLateTableSubscription(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("late-alice")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.accept()
	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("late"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1}]`)})
	if m := c.waitDB(aliceSecret, create); m["status"] != "db_success" {
		t.Fatalf("create: %v", m)
	}
	ins := c.submitJSON(aliceSecret, c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6,
		"Tables": tables("late"), "Raw": hexs(`[{"id":1}]`)}))
	c.accept()
	// Wait until the store has the row, then subscribe.
	for i := 0; ; i++ {
		r := c.ok(map[string]any{"command": "r_get_sql_admin", "sql": "select count(*) as n from t_" + c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "late"})["nameInDB"].(string)})
		if fmt.Sprint(r["lines"]) == "[map[n:1]]" {
			break
		}
		if i > 100 {
			t.Fatal("the row never reached the store")
		}
	}
	sub := n.client()
	sub.ok(map[string]any{"command": "subscribe", "transaction": hashOf(ins)})
	match := func(m map[string]any) bool { return m["type"] == "singleTransaction" }
	if m := sub.next(match); m["status"] != "validate_success" {
		t.Fatalf("first: %v", m)
	}
	if m := sub.next(match); m["status"] != "db_success" {
		t.Fatalf("second: %v", m)
	}
}
