package main

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

// TestPostgresOutage stops the PostgreSQL server in the middle of a
// burst of inserts: the node keeps validating every insert while the
// store is down (the ledger does not wait for it), reports the store
// behind (diff), and once the server is back catches up, with every
// validated row exactly once in PostgreSQL and a db_success for every
// insert.
func TestPostgresOutage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	dsn := pgDatabase(t)
	p := startProc(t, bin, t.TempDir(), "--sql-store", "postgres", "--sql-dsn", dsn)
	c, err := wsclient.Dial("ws://"+p.addr+"/", wsclient.Options{Events: 1 << 16})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const genesis, secret = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	tbl := []any{map[string]any{"Table": map[string]any{"TableName": hexs("outage")}}}
	prep := call(t, c, map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "TableListSet", "Account": genesis,
		"OpType": 1, "Tables": tbl, "Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"v","type":"varchar","length":16}]`)}})["tx_json"].(map[string]any)
	nameInDB := prep["Tables"].([]any)[0].(map[string]any)["Table"].(map[string]any)["NameInDB"].(string)
	cr := call(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": prep})
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	call(t, c, map[string]any{"command": "subscribe", "transaction": cr["tx_json"].(map[string]any)["hash"]})
	if _, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["status"] == "db_success" }); err != nil {
		t.Fatalf("create: %v", err)
	}

	const burst = 200
	submit := func(i int) {
		r := call(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": map[string]any{"TransactionType": "SQLStatement",
			"Account": genesis, "Owner": genesis, "OpType": 6, "Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("outage"), "NameInDB": nameInDB}}},
			"Raw": hexs(fmt.Sprintf(`[{"id":%d,"v":"row %d"}]`, i, i))}})
		if r["engine_result"] != "tesSUCCESS" {
			t.Fatalf("insert %d: %v", i, r)
		}
		call(t, c, map[string]any{"command": "subscribe", "transaction": r["tx_json"].(map[string]any)["hash"]})
	}
	validated, stored := 0, 0
	count := func(m map[string]any) bool {
		switch m["status"] {
		case "validate_success":
			validated++
		case "db_success":
			stored++
		}
		return false
	}
	for i := 0; i < burst/2; i++ {
		submit(i)
	}
	if err := pg.srv.Stop(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	defer func() {
		if !restarted {
			pg.srv.Resume()
		}
	}()
	for i := burst / 2; i < burst; i++ {
		submit(i)
	}
	// Every insert validates with the store down.
	for validated < burst {
		if _, err := c.WaitFor(ctx, func(m map[string]any) bool { count(m); return validated == burst }); err != nil {
			t.Fatalf("%d of %d inserts validated with the store down: %v", validated, burst, err)
		}
	}
	if stored == burst {
		t.Fatal("every insert was stored with the server stopped")
	}
	time.Sleep(2 * time.Second) // a few retries of the projection, and ledgers closing meanwhile
	r, err := c.Call(ctx, map[string]any{"command": "r_get_sql_admin", "sql": "select count(*) from t_" + nameInDB})
	if err != nil || r["status"] != "error" || r["error_code"] != float64(123) {
		t.Fatalf("a query with the store down: %v, %v; want error 123 (general)", r, err)
	}
	if p.log.find("SQL projection stopped; retrying") == "" {
		t.Errorf("the node did not log the store's outage:\n%s", p.log)
	}
	if err := pg.srv.Resume(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	for stored < burst {
		if _, err := c.WaitFor(ctx, func(m map[string]any) bool { count(m); return stored == burst }); err != nil {
			t.Fatalf("%d of %d db_success after the server came back: %v", stored, burst, err)
		}
	}
	in := pgRowCounts(t, dsn, "t_"+nameInDB)
	for i := 0; i < burst; i++ {
		if in[i] != 1 {
			t.Fatalf("PostgreSQL holds %d rows of insert %d", in[i], i)
		}
	}
	if len(in) != burst {
		t.Fatalf("PostgreSQL holds %d ids, want %d", len(in), burst)
	}
	if err := p.signal(t, syscall.SIGTERM); err != nil {
		t.Fatalf("node exit: %v", err)
	}
}
