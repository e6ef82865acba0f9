package actors_test

import (
	"fmt"
	"reflect"
	"testing"
)

// TestRGetAsOf inserts, updates and deletes rows across ledgers,
// recording after each ledger what r_get answered then; afterwards r_get
// with ledger_index answers each past ledger's rows exactly (diff 0),
// asked in an order that goes back and forth, over a real node's
// WebSocket. A ledger before the table existed has no such table, and a
// ledger not yet closed is lgrNotFound.
func TestRGetAsOf(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("asof-alice")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.accept()
	beforeTable := c.ok(map[string]any{"command": "ledger_closed"})["ledger_index"].(float64)
	db := func(what string, txj map[string]any) {
		t.Helper()
		if m := c.waitDB(aliceSecret, c.prepare(txj)); m["status"] != "db_success" {
			t.Fatalf("%s: %v", what, m)
		}
	}
	stmt := func(op int, raw string) map[string]any {
		return map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": op, "Tables": tables("ledgerbook"), "Raw": hexs(raw)}
	}
	// queryBy sends a signed r_get of every row, with sel's members
	// (a ledger selector) beside it.
	queryBy := func(sel map[string]any) map[string]any {
		t.Helper()
		cur := c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
		req := signedQuery(t, "asof-alice", "r_get", map[string]any{"Account": alice, "Owner": alice,
			"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "ledgerbook"}}},
			"Raw":    `[[], {"$order": [{"id": "asc"}]}]`, "LedgerIndex": cur - 1})
		for k, v := range sel {
			req[k] = v
		}
		return c.call(req)
	}
	query := func(at any) map[string]any {
		t.Helper()
		if at == nil {
			return queryBy(nil)
		}
		return queryBy(map[string]any{"ledger_index": at})
	}
	// userSQL sends r_get_sql_user's count and sum of ages, with sel.
	var table string
	userSQL := func(sel map[string]any) map[string]any {
		t.Helper()
		cur := c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
		req := signedQuery(t, "asof-alice", "r_get_sql_user", map[string]any{"Account": alice,
			"Sql": "select count(*) as n, sum(age) as ages from " + table, "LedgerIndex": cur - 1})
		for k, v := range sel {
			req[k] = v
		}
		return c.call(req)
	}
	type seen struct {
		seq   float64
		lines any
		sql   any
	}
	var then []seen
	record := func() {
		t.Helper()
		seq := c.ok(map[string]any{"command": "ledger_closed"})["ledger_index"].(float64)
		r := query(nil)["result"].(map[string]any)
		if r["diff"].(float64) != 0 {
			t.Fatalf("the store is behind: %v", r)
		}
		if table == "" {
			table = "t_" + c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "ledgerbook"})["nameInDB"].(string)
		}
		then = append(then, seen{seq, r["lines"], userSQL(nil)["result"].(map[string]any)["lines"]})
	}
	db("create", map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("ledgerbook"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"name","type":"varchar","length":20},{"field":"age","type":"int"}]`)})
	record()
	db("insert", stmt(6, `[{"id":1,"name":"ann","age":30},{"id":2,"name":"bo","age":40}]`))
	record()
	db("update", stmt(8, `[{"age":31},{"id":1}]`))
	record()
	db("delete", stmt(9, `[{"id":2}]`))
	record()
	db("insert again", stmt(6, `[{"id":3,"name":"cy","age":50}]`))
	record()
	if got := then[2].lines.([]any); len(got) != 2 || got[0].(map[string]any)["age"] != float64(31) {
		t.Fatalf("after the update: %v", got)
	}
	if got := then[0].lines.([]any); len(got) != 0 {
		t.Fatalf("the new table: %v", got)
	}
	for _, i := range []int{4, 1, 3, 0, 2, 2, 4} {
		w := then[i]
		r := query(w.seq)
		res, ok := r["result"].(map[string]any)
		if !ok || !reflect.DeepEqual(res["lines"], w.lines) || res["diff"].(float64) != 0 || res["ledger_index"].(float64) != w.seq {
			t.Fatalf("as of ledger %v: %v\nwas %v", w.seq, r, w.lines)
		}
	}
	// r_get_sql_user likewise, as of each ledger.
	for _, i := range []int{3, 1, 4, 2} {
		w := then[i]
		r := userSQL(map[string]any{"ledger_index": w.seq})
		res, ok := r["result"].(map[string]any)
		if !ok || !reflect.DeepEqual(res["lines"], w.sql) || res["ledger_index"].(float64) != w.seq {
			t.Fatalf("r_get_sql_user as of ledger %v: %v\nwas %v", w.seq, r, w.sql)
		}
	}
	if got := fmt.Sprint(then[3].sql); got != "[map[ages:31 n:1]]" {
		t.Fatalf("after the delete, r_get_sql_user said %s", got)
	}
	// By ledger_hash too.
	h := c.ok(map[string]any{"command": "ledger", "ledger_index": then[1].seq})["ledger_hash"]
	if r := queryBy(map[string]any{"ledger_hash": h}); !reflect.DeepEqual(r["result"].(map[string]any)["lines"], then[1].lines) {
		t.Fatalf("as of ledger hash %v: %v", h, r)
	}
	if r := query(beforeTable); r["status"] != "error" || r["error"] != "tabNotExist" {
		t.Fatalf("before the table: %v", r)
	}
	if r := query(then[4].seq + 50); r["error"] != "lgrNotFound" {
		t.Fatalf("a ledger not closed: %v", r)
	}
}
