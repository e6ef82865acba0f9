package actors_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/projections"
)

// ruleTableColumns and ruleTableRule: inserts fill account and txid
// and count two rows per account; updates may set age and name of the
// updater's rows; deletes touch the deleter's rows; queries see id >= 2.
const (
	ruleTableColumns = `[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20},` +
		`{"field":"account","type":"varchar","length":40},{"field":"txid","type":"varchar","length":64},{"field":"age","type":"int"}]`
	ruleTableRule = `{"Insert":{"Condition":{"account":"$account","txid":"$tx_hash"},"Count":{"AccountField":"account","CountLimit":2}},` +
		`"Update":{"Condition":{"account":"$account"},"Fields":["age","name"]},"Delete":{"Condition":{"account":"$account"}},` +
		`"Get":{"Condition":{"id":{"$ge":2}}}}`
)

// TestOperationRuleReplay drives a rule table through a node, then
// rebuilds the ledger (same results and hashes, same insert counts) and
// the SQL store (same rows, same digest) from the log alone.
func TestOperationRuleReplay(t *testing.T) {
	dir := t.TempDir()
	n := startNode(t, dir, 0)
	c := n.client()
	alice, aliceSecret := c.wallet("rule-alice")
	bob, bobSecret := c.wallet("rule-bob")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.pay(genesisSecret, genesisAccount, bob, 1_000_000_000)
	c.accept()
	db := func(what, secret string, txj map[string]any) string {
		t.Helper()
		m := c.waitDB(secret, c.prepare(txj))
		if m["status"] != "db_success" {
			t.Fatalf("%s: %v", what, m)
		}
		return m["transaction"].(map[string]any)["hash"].(string)
	}
	stmt := func(account string, op int, raw string) map[string]any {
		return map[string]any{"TransactionType": "SQLStatement", "Account": account, "Owner": alice, "OpType": op, "Tables": tables("notes"), "Raw": hexs(raw)}
	}
	db("create", aliceSecret, map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("notes"),
		"Raw": hexs(ruleTableColumns), "OperationRule": hexs(ruleTableRule)})
	db("grant", aliceSecret, map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 11, "User": bob, "Tables": tables("notes"),
		"Raw": hexs(`[{"select":true,"insert":true,"update":true,"delete":true}]`)})
	bobInsert := db("bob's insert", bobSecret, stmt(bob, 6, `[{"id":1,"name":"b1","age":10}]`))
	aliceInsert := db("alice's insert", aliceSecret, stmt(alice, 6, `[{"id":2,"name":"a2","age":20},{"id":3,"name":"a3","age":30}]`))
	over := c.submitJSON(aliceSecret, c.prepare(stmt(alice, 6, `[{"id":4}]`)))
	c.accept()
	if got := c.txResult(hashOf(over)); got != "temBAD_INSERTLIMIT" {
		t.Fatalf("alice's third row: %s", got)
	}
	db("bob updates every row he may", bobSecret, stmt(bob, 8, `[{"age":99}]`))
	db("bob deletes alice's row", bobSecret, stmt(bob, 9, `[{"id":2}]`))
	db("alice deletes her row", aliceSecret, stmt(alice, 9, `[{"id":3}]`))

	nameInDB := c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "notes"})["nameInDB"].(string)
	want := []map[string]any{
		{"id": int64(1), "name": "b1", "account": bob, "txid": bobInsert, "age": int64(99)},
		{"id": int64(2), "name": "a2", "account": alice, "txid": aliceInsert, "age": int64(20)},
	}
	ctx := context.Background()
	all := func(p *projections.Projection) []map[string]any {
		t.Helper()
		lines, err := p.QuerySQL(ctx, "SELECT * FROM t_"+nameInDB+" ORDER BY id", 0)
		if err != nil {
			t.Fatal(err)
		}
		return lines
	}
	if got := all(n.proj); !reflect.DeepEqual(got, want) {
		t.Fatalf("rows\n got %v\nwant %v", got, want)
	}
	cur := c.accept()
	lines := c.ok(signedQuery(t, "rule-bob", "r_get", map[string]any{"Account": bob, "Owner": alice,
		"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "notes"}}}, "Raw": `[[]]`,
		"LedgerIndex": cur - 1}))["lines"].([]any)
	if len(lines) != 1 || lines[0].(map[string]any)["id"] != float64(2) {
		t.Fatalf("r_get under the Get rule: %v", lines)
	}
	live, err := n.proj.Digest(ctx)
	if err != nil {
		t.Fatal(err)
	}
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
	tbl, ok := st.Table(mustAccount(t, alice), []byte("notes"))
	if !ok || tbl.Rule() == nil || tbl.Inserted(mustAccount(t, alice)) != 2 || tbl.Inserted(mustAccount(t, bob)) != 1 {
		t.Fatalf("rebuilt table %+v", tbl)
	}
	head := st.Header()
	if _, h, _ := log.Head(); head.Hash() != h {
		t.Fatalf("rebuilt head %X, log %X", head.Hash(), h)
	}
	p, err := projections.Open(t.TempDir(), projections.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Rebuild(ctx, log, nil); err != nil {
		t.Fatal(err)
	}
	if got := all(p); !reflect.DeepEqual(got, want) {
		t.Fatalf("rebuilt rows\n got %v\nwant %v", got, want)
	}
	if rebuilt, err := p.Digest(ctx); err != nil || rebuilt != live {
		t.Fatalf("rebuilt digest %X (%v), live %X", rebuilt, err, live)
	}
}
