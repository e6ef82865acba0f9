package actors_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/rpc"
)

// endless is a SQL query that runs until it is cancelled.
const endless = "SELECT n FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) AS n FROM c)"

// sendQuery sends an r_get_sql_admin without waiting for its answer.
func sendQuery(t *testing.T, c *client, id int, sql string) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"id": id, "command": "r_get_sql_admin", "sql": sql})
	if err := c.c.Send(b); err != nil {
		t.Fatal(err)
	}
}

// answers reads n frames and returns them by id, in arrival order too.
func answers(t *testing.T, c *client, n int, within time.Duration) (map[int]map[string]any, []int) {
	t.Helper()
	ctx, cancel := wsclient.Timeout(within)
	defer cancel()
	byID, order := map[int]map[string]any{}, []int(nil)
	for len(order) < n {
		m, err := c.c.NextJSON(ctx)
		if err != nil {
			t.Fatalf("%d of %d answers: %v", len(order), n, err)
		}
		id := int(m["id"].(float64))
		byID[id], order = m, append(order, id)
	}
	return byID, order
}

// TestQueryBounds: at most Node queries run on the node and Session on
// one session; the excess is tooBusy at once while the others run (and
// the session answers other requests meanwhile); a query past the
// timeout is cut with a clear error; then the slots are free again.
func TestQueryBounds(t *testing.T) {
	const timeout = 3 * time.Second
	n := startNodeWith(t, "", 0, func(cfg *actors.Config, _ *gateway.Config) {
		cfg.Queries = rpc.QueryLimits{Timeout: timeout, Node: 3, Session: 2}
	})
	a, b := n.client(), n.client()
	start := time.Now()
	sendQuery(t, a, 1, endless)
	sendQuery(t, a, 2, endless)
	sendQuery(t, a, 3, endless) // over the session's 2
	sendQuery(t, b, 4, endless)
	// b's first query is the node's third only once it is under way:
	// wait for the session bound's refusal to know a's two were taken.
	first, _ := answers(t, a, 1, 10*time.Second)
	if r := first[3]; r["error"] != "tooBusy" || !strings.Contains(r["error_message"].(string), "session") {
		t.Fatalf("third query of a session: %v", r)
	}
	if info := a.ok(map[string]any{"command": "server_info"}); info["info"] == nil {
		t.Fatalf("server_info while queries run: %v", info)
	}
	// The node's bound: b's second query finds a's two and b's first,
	// which b's session took before it (its requests start in order).
	busy := b.call(map[string]any{"command": "r_get_sql_admin", "sql": endless})
	if busy["error"] != "tooBusy" || !strings.Contains(busy["error_message"].(string), "node") {
		t.Fatalf("a query past the node's bound: %v", busy)
	}

	ra, _ := answers(t, a, 2, timeout+20*time.Second)
	rb, _ := answers(t, b, 1, 20*time.Second)
	for id, r := range map[int]map[string]any{1: ra[1], 2: ra[2], 4: rb[4]} {
		if r["error"] != "disposeSqlErr" || !strings.Contains(r["error_message"].(string), "timed out") {
			t.Fatalf("query %d past the timeout: %v", id, r)
		}
	}
	if elapsed := time.Since(start); elapsed < timeout {
		t.Fatalf("queries cut after %s, before the %s timeout", elapsed, timeout)
	}
	// The slots are free again: as many queries as the bounds allow run.
	for i, c := range []*client{a, a, b} {
		r := c.ok(map[string]any{"command": "r_get_sql_admin", "sql": fmt.Sprintf("select %d as n", i)})
		if fmt.Sprint(r["lines"]) != fmt.Sprintf("[map[n:%d]]", i) {
			t.Fatalf("query after the others ended: %v", r)
		}
	}
}

// TestSQLUserNeedsTable: r_get_sql_user runs only for an account in the
// ledger and only for SQL that names a table it may read.
func TestSQLUserNeedsTable(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	cur := c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	user := func(passphrase, account, sql string) map[string]any {
		return c.call(signedQuery(t, passphrase, "r_get_sql_user", map[string]any{"Account": account, "Sql": sql, "LedgerIndex": cur}))
	}
	if r := user("masterpassphrase", genesisAccount, "select 1 as n"); r["error"] != "tabNotExist" || !strings.Contains(r["error_message"].(string), "names no table") {
		t.Fatalf("a query naming no table: %v", r)
	}
	if r := user("masterpassphrase", genesisAccount, endless); r["error"] != "tabNotExist" {
		t.Fatalf("an endless query naming no table: %v", r)
	}
	nobody, _ := c.wallet("nobody")
	if r := user("nobody", nobody, "select 1 as n"); r["error"] != "actNotFound" {
		t.Fatalf("an account not in the ledger: %v", r)
	}
	if r := user("masterpassphrase", genesisAccount, "select * from t_"+strings.Repeat("AB", 20)); r["error"] != "tabNotExist" {
		t.Fatalf("a table not on the ledger: %v", r)
	}
}

// TestQueriesNeedAccount: a table open to everyone (a select grant to
// rippled's noAccount) answers r_get and r_get_sql_user for any account
// in the ledger, and refuses a key whose account is not, as chainsqld's
// r_get does.
func TestQueriesNeedAccount(t *testing.T) {
	n := startNode(t, "", 0)
	c := n.client()
	alice, aliceSecret := c.wallet("open-alice")
	bob, _ := c.wallet("open-bob")
	stranger, _ := c.wallet("open-stranger")
	c.pay(genesisSecret, genesisAccount, alice, 1_000_000_000)
	c.pay(genesisSecret, genesisAccount, bob, 1_000_000_000)
	c.accept()
	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 1, "Tables": tables("open"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1}]`)})
	if m := c.waitDB(aliceSecret, create); m["status"] != "db_success" {
		t.Fatalf("create: %v", m)
	}
	insert := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": alice, "Owner": alice, "OpType": 6, "Tables": tables("open"), "Raw": hexs(`[{"id":7}]`)})
	c.waitDB(aliceSecret, insert)
	grant := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": alice, "OpType": 11, "User": "zzzzzzzzzzzzzzzzzzzzBZbvji", "Tables": tables("open"),
		"Raw": hexs(`[{"select":true}]`)})
	c.waitDB(aliceSecret, grant)
	table := "t_" + c.ok(map[string]any{"command": "g_dbname", "account": alice, "tablename": "open"})["nameInDB"].(string)
	cur := c.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	rget := func(pass, account string) map[string]any {
		return c.call(signedQuery(t, pass, "r_get", map[string]any{"Account": account, "Owner": alice,
			"Tables": []any{map[string]any{"Table": map[string]any{"TableName": "open"}}}, "Raw": `[["id"]]`, "LedgerIndex": cur}))
	}
	user := func(pass, account string) map[string]any {
		return c.call(signedQuery(t, pass, "r_get_sql_user", map[string]any{"Account": account, "Sql": "select id from " + table, "LedgerIndex": cur}))
	}
	for name, r := range map[string]map[string]any{"r_get": rget("open-bob", bob), "r_get_sql_user": user("open-bob", bob)} {
		if res, _ := r["result"].(map[string]any); fmt.Sprint(res["lines"]) != "[map[id:7]]" {
			t.Fatalf("%s of an account in the ledger: %v", name, r)
		}
	}
	for name, r := range map[string]map[string]any{"r_get": rget("open-stranger", stranger), "r_get_sql_user": user("open-stranger", stranger)} {
		if r["error"] != "actNotFound" {
			t.Fatalf("%s of an account not in the ledger: %v", name, r)
		}
	}
}
