package actors_test

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/actors"
	"github.com/sqledger/sqledger/gateway"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/rpc"
)

// endless is a SQL query that runs until it is cancelled; endlessOn
// is one that names a table.
const endless = "SELECT n FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) AS n FROM c)"

func endlessOn(table string) string { return endless + ", " + table }

// clientFrom opens a session from a given loopback address.
func (n *testNode) clientFrom(ip string) *client {
	n.t.Helper()
	c, err := wsclient.Dial(n.url, wsclient.Options{LocalAddr: ip})
	if err != nil {
		n.t.Fatalf("dial from %s: %v", ip, err)
	}
	n.t.Cleanup(func() { c.Close() })
	return &client{t: n.t, c: c}
}

// send sends a request with an id of its own without waiting for its
// answer, which NextJSON then reads.
func (c *client) send(id int, req map[string]any) {
	c.t.Helper()
	msg := map[string]any{"id": id}
	for k, v := range req {
		msg[k] = v
	}
	b, err := json.Marshal(msg)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.c.Send(b); err != nil {
		c.t.Fatal(err)
	}
}

// answers reads n frames and returns them by id.
func answers(t *testing.T, c *client, n int, within time.Duration) map[int]map[string]any {
	t.Helper()
	ctx, cancel := wsclient.Timeout(within)
	defer cancel()
	byID := map[int]map[string]any{}
	for len(byID) < n {
		m, err := c.c.NextJSON(ctx)
		if err != nil {
			t.Fatalf("%d of %d answers: %v", len(byID), n, err)
		}
		byID[int(m["id"].(float64))] = m
	}
	return byID
}

// tableOwner creates a funded account owning a table of one row and
// returns its account and the table's SQL name.
func tableOwner(c *client, passphrase string) (account, table string) {
	c.t.Helper()
	account, secret := c.wallet(passphrase)
	c.pay(genesisSecret, genesisAccount, account, 1_000_000_000)
	c.accept()
	create := c.prepare(map[string]any{"TransactionType": "TableListSet", "Account": account, "OpType": 1, "Tables": tables("big"),
		"Raw": hexs(`[{"field":"id","type":"int","PK":1}]`)})
	if m := c.waitDB(secret, create); m["status"] != "db_success" {
		c.t.Fatalf("create: %v", m)
	}
	insert := c.prepare(map[string]any{"TransactionType": "SQLStatement", "Account": account, "Owner": account, "OpType": 6, "Tables": tables("big"), "Raw": hexs(`[{"id":1}]`)})
	if m := c.waitDB(secret, insert); m["status"] != "db_success" {
		c.t.Fatalf("insert: %v", m)
	}
	return account, "t_" + c.ok(map[string]any{"command": "g_dbname", "account": account, "tablename": "big"})["nameInDB"].(string)
}

// TestQueryBounds: sessions that are not admin run at most Session
// queries each and Node together; the excess is tooBusy at once while
// the others run (and their session answers other requests meanwhile);
// an admin's query is exempt; a query past the timeout is cut with a
// clear error; then the slots are free again.
func TestQueryBounds(t *testing.T) {
	const timeout = 3 * time.Second
	n := startNodeWith(t, "", 0, func(cfg *actors.Config, g *gateway.Config) {
		cfg.Queries = rpc.QueryLimits{Timeout: timeout, Node: 3, Session: 2}
		g.AdminNets = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}
	})
	admin := n.client()
	owner, table := tableOwner(admin, "bounds-owner")
	cur := admin.ok(map[string]any{"command": "ledger_current"})["ledger_current_index"].(float64)
	query := func(sql string) map[string]any {
		return signedQuery(t, "bounds-owner", "r_get_sql_user", map[string]any{"Account": owner, "Sql": sql, "LedgerIndex": cur})
	}
	a, b := n.clientFrom("127.0.0.2"), n.clientFrom("127.0.0.3")
	if r := a.call(map[string]any{"command": "ledger_accept"}); r["error"] != "noPermission" {
		t.Fatalf("the guests are admins: %v", r)
	}
	start := time.Now()
	a.send(1, query(endlessOn(table)))
	a.send(2, query(endlessOn(table)))
	a.send(3, query(endlessOn(table))) // over the session's 2
	b.send(4, query(endlessOn(table)))
	if r := answers(t, a, 1, 10*time.Second)[3]; r["error"] != "tooBusy" || !strings.Contains(r["error_message"].(string), "session") {
		t.Fatalf("third query of a session: %v", r)
	}
	if info := a.ok(map[string]any{"command": "server_info"}); info["info"] == nil {
		t.Fatalf("server_info while queries run: %v", info)
	}
	// b's session took its first query before its second (a session's
	// requests start in order), and a's two are running: the node's
	// bound is full.
	if r := b.call(query(endlessOn(table))); r["error"] != "tooBusy" || !strings.Contains(r["error_message"].(string), "node") {
		t.Fatalf("a query past the node's bound: %v", r)
	}
	if r := admin.ok(map[string]any{"command": "r_get_sql_admin", "sql": "select count(*) as n from " + table}); fmt.Sprint(r["lines"]) != "[map[n:1]]" {
		t.Fatalf("an admin's query while the node's bound is full: %v", r)
	}

	ra, rb := answers(t, a, 2, timeout+20*time.Second), answers(t, b, 1, 20*time.Second)
	for id, r := range map[int]map[string]any{1: ra[1], 2: ra[2], 4: rb[4]} {
		if r["error"] != "disposeSqlErr" || !strings.Contains(r["error_message"].(string), "timed out") {
			t.Fatalf("query %d past the timeout: %v", id, r)
		}
	}
	if elapsed := time.Since(start); elapsed < timeout {
		t.Fatalf("queries cut after %s, before the %s timeout", elapsed, timeout)
	}
	// The slots are free again.
	for _, c := range []*client{a, a, b} {
		if r := c.ok(query("select id from " + table)); fmt.Sprint(r["lines"]) != "[map[id:1]]" {
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
