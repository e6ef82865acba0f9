package actors_test

import (
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/protocol/address"
)

func hexs(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

func hexJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ToUpper(hex.EncodeToString(b))
}

// submitJSON signs tx_json on the node with secret and submits it.
func (c *client) submitJSON(secret string, txj map[string]any) map[string]any {
	c.t.Helper()
	return c.ok(map[string]any{"command": "submit", "secret": secret, "tx_json": txj})
}

// prepare runs t_prepare and returns the prepared tx_json.
func (c *client) prepare(txj map[string]any) map[string]any {
	c.t.Helper()
	return c.ok(map[string]any{"command": "t_prepare", "tx_json": txj})["tx_json"].(map[string]any)
}

func tables(name string) []any {
	return []any{map[string]any{"Table": map[string]any{"TableName": hexs(name)}}}
}

var orderColumns = []map[string]any{
	{"field": "id", "type": "int", "length": 11, "PK": 1, "NN": 1},
	{"field": "item", "type": "varchar", "length": 64},
	{"field": "price", "type": "decimal", "length": 10, "accuracy": 2},
}

func expect(t *testing.T, what string, r map[string]any, want string) {
	t.Helper()
	if r["engine_result"] != want {
		t.Fatalf("%s: %v, want %s", what, r["engine_result"], want)
	}
}

func TestTablesThroughWebSocket(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("table-alice")
	bob, bobSecret := c.wallet("table-bob")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.pay(genesisSecret, genesisAccount, bob, 1_000_000_000)
	c.accept()
	watcher := n.client()
	watcher.ok(map[string]any{"command": "subscribe", "owner": alice, "tablename": "orders"})

	// Create: t_prepare fills NameInDB as chainsqld generates it.
	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1,
		"Tables": tables("orders"), "Raw": hexJSON(t, orderColumns)})
	nameInDB := create["Tables"].([]any)[0].(map[string]any)["Table"].(map[string]any)["NameInDB"].(string)
	if len(nameInDB) != 40 || strings.ToUpper(nameInDB) != nameInDB {
		t.Fatalf("t_prepare NameInDB %q", nameInDB)
	}
	r := c.submitJSON(aliceSecret, create)
	expect(t, "create", r, "tesSUCCESS")
	if _, ok := r["tx_blob"]; ok {
		t.Fatal("a table transaction's submit answer carries tx_blob")
	}
	if fee := r["tx_json"].(map[string]any)["Fee"].(string); fee == "10" {
		t.Fatalf("a table create was charged the base fee only: %s", fee)
	}
	expect(t, "create again, queued", c.submitJSON(aliceSecret, create), "tefTABLE_EXISTANDNOTDEL")
	c.accept()
	ev := watcher.next(func(m map[string]any) bool { return m["type"] == "table" })
	if ev["status"] != "validate_success" || ev["tablename"] != "orders" || ev["owner"] != alice {
		t.Fatalf("table event: %v", ev)
	}
	expect(t, "create again", c.submitJSON(aliceSecret, create), "tefTABLE_EXISTANDNOTDEL")
	if got := c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "orders"})["nameInDB"]; got != nameInDB {
		t.Fatalf("g_dbname %v, want %s", got, nameInDB)
	}
	info := c.ok(map[string]any{"command": "account_info", "account": alice, "ledger_index": "validated"})["account_data"].(map[string]any)
	if info["OwnerCount"].(float64) != 2 {
		t.Fatalf("owner count %v", info["OwnerCount"])
	}
	if tok := c.ok(map[string]any{"command": "g_userToken", "tx_json": map[string]any{"Owner": alice, "User": bob, "TableName": "orders"}}); tok["token"] != "" {
		t.Fatalf("g_userToken %v", tok)
	}
	c.fails(map[string]any{"command": "g_userToken", "tx_json": map[string]any{"Owner": alice, "User": bob, "TableName": "nope"}}, "tabNotExist")
	c.fails(map[string]any{"command": "g_dbname", "account": alice, "tablename": "nope"}, "tabNotExist")

	insert := func(secret, account, raw string) map[string]any {
		txj := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": account, "Owner": alice, "OpType": 6,
			"Tables": tables("orders"), "Raw": hexs(raw), "StrictMode": false})
		return c.submitJSON(secret, txj)
	}
	expect(t, "owner inserts", insert(aliceSecret, alice, `[{"id":1,"item":"book","price":3.5}]`), "tesSUCCESS")
	expect(t, "bob inserts without a grant", insert(bobSecret, bob, `[{"id":2,"item":"pen"}]`), "tefBAD_AUTH_NO")
	bad := insert(aliceSecret, alice, `[{"id":3,"colour":"red"}]`)
	expect(t, "unknown column", bad, "temBAD_RAW")
	if !strings.Contains(bad["engine_result_message"].(string), "colour") {
		t.Fatalf("unknown column message: %v", bad["engine_result_message"])
	}
	expect(t, "not JSON", insert(aliceSecret, alice, `[{"id":`), "temBAD_RAW")

	// Grant bob insert and select.
	grant := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 11, "User": bob,
		"Tables": tables("orders"), "Raw": hexs(`[{"insert":true,"select":true,"update":false,"delete":false}]`)})
	expect(t, "grant", c.submitJSON(aliceSecret, grant), "tesSUCCESS")
	c.accept()
	auth := c.ok(map[string]any{"command": "table_auth", "owner": alice, "tablename": "orders"})
	users := auth["users"].([]any)
	if len(users) != 2 || users[1].(map[string]any)["account"] != bob {
		t.Fatalf("table_auth %v", auth)
	}
	if a := users[1].(map[string]any)["authority"].(map[string]any); a["insert"] != true || a["select"] != true || a["update"] != false {
		t.Fatalf("bob's authority %v", a)
	}
	expect(t, "bob inserts with a grant", insert(bobSecret, bob, `[{"id":2,"item":"pen"}]`), "tesSUCCESS")
	upd := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": bob, "Owner": alice, "OpType": 8,
		"Tables": tables("orders"), "Raw": hexs(`[{"price":2},{"id":2}]`)})
	expect(t, "bob updates without the right", c.submitJSON(bobSecret, upd), "tefBAD_AUTH_NO")
	del := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 9,
		"Tables": tables("orders"), "Raw": hexs(`[{"id":1}]`)})
	expect(t, "owner deletes", c.submitJSON(aliceSecret, del), "tesSUCCESS")
	c.accept()

	// A SQLTransaction: t_prepare takes the statements as an array.
	sqlTx := c.prepare(map[string]any{"TransactionType": "SQLTransaction", "Account": alice, "StrictMode": false, "Statements": []any{
		map[string]any{"OpType": 6, "Owner": alice, "Tables": tables("orders"), "Raw": hexs(`[{"id":9}]`)},
		map[string]any{"OpType": 10, "Owner": alice, "Tables": tables("orders"), "Raw": hexs(`[{"$IsExisted":1}]`)},
	}})
	if sqlTx["NeedVerify"].(float64) != 1 {
		t.Fatalf("t_prepare NeedVerify: %v", sqlTx)
	}
	sqlTx["Statements"] = hexJSON(t, sqlTx["Statements"])
	st := c.submitJSON(aliceSecret, sqlTx)
	expect(t, "SQLTransaction", st, "tesSUCCESS")
	forbidden := map[string]any{"TransactionType": "SQLTransaction", "Account": alice, "NeedVerify": 1,
		"Statements": hexJSON(t, []any{map[string]any{"OpType": 2, "Tables": tables("orders")}})}
	expect(t, "drop inside a transaction", c.submitJSON(aliceSecret, forbidden), "temBAD_OPTYPE_IN_TRANSACTION")
	c.accept()
	if got := c.txResult(hashOf(st)); got != "tesSUCCESS" {
		t.Fatalf("SQLTransaction recorded as %s", got)
	}

	// Rename, then drop; a statement queued behind the drop fails in the
	// ledger, which records it and charges its fee.
	rename := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 3,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("orders"), "TableNewName": hexs("orders2")}}}})
	same := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 3,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("orders"), "TableNewName": hexs("orders")}}}})
	expect(t, "rename to the same name", c.submitJSON(aliceSecret, same), "tefTABLE_SAMENAME")
	expect(t, "rename", c.submitJSON(aliceSecret, rename), "tesSUCCESS")
	c.accept()
	expect(t, "rename of a renamed table", c.submitJSON(aliceSecret, same), "tefTABLE_NOTEXIST")
	c.fails(map[string]any{"command": "g_dbname", "account": alice, "tablename": "orders"}, "tabNotExist")
	if got := c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "orders2"})["nameInDB"]; got != nameInDB {
		t.Fatalf("renamed table's NameInDB %v", got)
	}
	drop := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 2, "Tables": tables("orders2")})
	late := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": bob, "Owner": alice, "OpType": 6,
		"Tables": tables("orders2"), "Raw": hexs(`[{"id":5}]`)})
	expect(t, "drop", c.submitJSON(aliceSecret, drop), "tesSUCCESS")
	lateRes := c.submitJSON(bobSecret, late)
	expect(t, "insert behind a drop", lateRes, "tesSUCCESS")
	c.accept()
	if got := c.txResult(hashOf(lateRes)); got != "tecNO_TARGET" {
		t.Fatalf("insert behind a drop recorded as %s", got)
	}
	tabs := c.ok(map[string]any{"command": "g_accountTables", "account": alice, "detail": true})["tables"].([]any)
	if len(tabs) != 0 {
		t.Fatalf("tables after the drop: %v", tabs)
	}
	info = c.ok(map[string]any{"command": "account_info", "account": alice, "ledger_index": "validated"})["account_data"].(map[string]any)
	if info["OwnerCount"].(float64) != 0 {
		t.Fatalf("owner count after drop %v", info["OwnerCount"])
	}

	// Schemas ChainSQL refuses, with its words.
	ai := c.submitJSON(aliceSecret, c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1,
		"Tables": tables("t2"), "Raw": hexs(`[{"field":"id","type":"int","AI":1}]`)}))
	expect(t, "AI column", ai, "temBAD_RAW")
	if ai["engine_result_message"] != "key word : AI is not support" {
		t.Fatalf("AI message %v", ai["engine_result_message"])
	}
	money := c.submitJSON(aliceSecret, c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1,
		"Tables": tables("t3"), "Raw": hexs(`[{"field":"id","type":"money"}]`)}))
	if money["engine_result_message"] != "type : money is not support" {
		t.Fatalf("type message %v", money)
	}
	// Too little fee, and t_prepare on a missing table.
	cheap := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1,
		"Tables": tables("t4"), "Raw": hexJSON(t, orderColumns), "Fee": "1010"})
	expect(t, "fee without the Raw's bytes", c.submitJSON(aliceSecret, cheap), "telINSUF_FEE_P")
	c.fails(map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "SQLStatement", "Account": alice,
		"Owner": alice, "OpType": 6, "Tables": tables("missing"), "Raw": hexs(`[{"id":1}]`)}}, "tabNotExist")
}

// TestTablesReplay rebuilds a log holding every kind of table
// transaction and finds the same results, hashes and tables.
func TestTablesReplay(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, dir, 0)
	c := n.client()
	alice, aliceSecret := c.wallet("replay-alice")
	bob, _ := c.wallet("replay-bob")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.pay(genesisSecret, genesisAccount, bob, 1_000_000_000)
	c.accept()
	steps := []map[string]any{
		{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("r"), "Raw": hexJSON(t, orderColumns)},
		{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6, "Tables": tables("r"), "Raw": hexs(`[{"id":1}]`)},
		{"TransactionType": "TableListSet", "Account": alice, "OpType": 11, "User": bob, "Tables": tables("r"), "Raw": hexs(`[{"select":true}]`)},
		{"TransactionType": "TableListSet", "Account": alice, "OpType": 14, "Tables": tables("r"), "Raw": hexs(`[{"field":"note","type":"text"}]`)},
		{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 8, "Tables": tables("r"), "Raw": hexs(`[{"note":"x"},{"id":1}]`)},
		{"TransactionType": "TableListSet", "Account": alice, "OpType": 3, "Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("r"), "TableNewName": hexs("r2")}}}},
	}
	for _, s := range steps {
		expect(t, "step", c.submitJSON(aliceSecret, c.prepare(s)), "tesSUCCESS")
		c.accept()
	}
	auth := c.ok(map[string]any{"command": "table_auth", "owner": alice, "tablename": "r2"})
	n.stop()

	log, err := eventlog.Open(dir, eventlog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	st, rep, err := ledgerlog.Rebuild(log, nil)
	if err != nil || len(rep.Mismatches) != 0 {
		t.Fatalf("rebuild: %v %+v", err, rep)
	}
	tbl, ok := st.Table(mustAccount(t, alice), []byte("r2"))
	if !ok || len(tbl.Grants) != 1 || !strings.Contains(string(tbl.Columns), "note") {
		t.Fatalf("rebuilt table %+v (live table_auth %v)", tbl, auth)
	}
}

func mustAccount(t *testing.T, s string) address.AccountID {
	id, err := address.ParseAccountID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
