package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sqledger/sqledger/internal/wsclient"
)

func hexs(s string) string { return strings.ToUpper(hex.EncodeToString([]byte(s))) }

// rows reads every row of a table through r_get_sql_admin, once the SQL
// store has caught up with the ledger (diff 0 and stable).
func rows(t *testing.T, c *wsclient.Client, table string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	prev := ""
	for {
		r := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select id, v from " + table + " order by id"})
		b, _ := json.Marshal(r["lines"])
		if r["diff"].(float64) == 0 && string(b) == prev {
			return prev
		}
		prev = string(b)
		if time.Now().After(deadline) {
			t.Fatalf("the SQL store does not settle: diff %v", r["diff"])
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// TestSIGKILLInserts kills the node in the middle of a burst of inserts,
// restarts it, and finds every row of every validated insert exactly
// once; a store rebuilt by `replay --projections` has the same rows. It
// runs on each SQL store; on PostgreSQL the rows are also counted with
// pgx, straight from the server.
func TestSIGKILLInserts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	t.Run("sqlite", func(t *testing.T) { sigkillInserts(t, "") })
	t.Run("postgres", func(t *testing.T) { sigkillInserts(t, pgDatabase(t)) })
}

// sigkillInserts is TestSIGKILLInserts on the SQLite store, or on the
// PostgreSQL database dsn when it is not "".
func sigkillInserts(t *testing.T, dsn string) {
	bin := buildNode(t)
	dir := t.TempDir()
	var store []string
	if dsn != "" {
		store = []string{"--sql-store", "postgres", "--sql-dsn", dsn}
	}
	p := startProc(t, bin, dir, store...)
	c, err := wsclient.Dial("ws://"+p.addr+"/", wsclient.Options{Events: 1 << 16})
	if err != nil {
		t.Fatal(err)
	}
	const genesis, secret = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh", "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	tbl := []any{map[string]any{"Table": map[string]any{"TableName": hexs("burst")}}}
	prep := call(t, c, map[string]any{"command": "t_prepare", "tx_json": map[string]any{"TransactionType": "TableListSet", "Account": genesis,
		"OpType": 1, "Tables": tbl, "Raw": hexs(`[{"field":"id","type":"int","PK":1},{"field":"v","type":"varchar","length":16}]`)}})["tx_json"].(map[string]any)
	nameInDB := prep["Tables"].([]any)[0].(map[string]any)["Table"].(map[string]any)["NameInDB"].(string)
	cr := call(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": prep})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	call(t, c, map[string]any{"command": "subscribe", "transaction": cr["tx_json"].(map[string]any)["hash"]})
	if _, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["status"] == "db_success" }); err != nil {
		t.Fatalf("create: %v", err)
	}

	// The burst: 300 inserts; kill the node once a third have validated,
	// while ledgers are still being applied to SQL.
	const burst = 300
	var hashes []string
	for i := 0; i < burst; i++ {
		r := call(t, c, map[string]any{"command": "submit", "secret": secret, "tx_json": map[string]any{"TransactionType": "SQLStatement",
			"Account": genesis, "Owner": genesis, "OpType": 6, "Tables": []any{map[string]any{"Table": map[string]any{"TableName": hexs("burst"), "NameInDB": nameInDB}}},
			"Raw": hexs(fmt.Sprintf(`[{"id":%d,"v":"row %d"}]`, i, i))}})
		if r["engine_result"] != "tesSUCCESS" {
			t.Fatalf("insert %d: %v", i, r)
		}
		h := r["tx_json"].(map[string]any)["hash"].(string)
		hashes = append(hashes, h)
		call(t, c, map[string]any{"command": "subscribe", "transaction": h})
	}
	for validated := 0; validated < burst/3; {
		m, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["status"] == "validate_success" })
		if err != nil {
			t.Fatalf("waiting for validations: %v", err)
		}
		_ = m
		validated++
	}
	p.signal(t, syscall.SIGKILL)
	c.Close()

	p2 := startProc(t, bin, dir, store...)
	c2, err := wsclient.Dial("ws://"+p2.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	table := "t_" + nameInDB
	live := rows(t, c2, table)
	var got []struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal([]byte(live), &got); err != nil {
		t.Fatal(err)
	}
	seen := map[int]int{}
	for _, r := range got {
		seen[r.ID]++
	}
	validated := 0
	for i, h := range hashes {
		r, err := c2.Call(ctx, map[string]any{"command": "tx", "transaction": h})
		if err != nil {
			t.Fatal(err)
		}
		inLog := r["status"] == "success"
		if inLog {
			validated++
		}
		if inLog && seen[i] != 1 || !inLog && seen[i] != 0 {
			t.Fatalf("insert %d (in the log: %v) has %d rows", i, inLog, seen[i])
		}
	}
	if validated < burst/3 || len(got) != validated {
		t.Fatalf("%d validated inserts, %d rows", validated, len(got))
	}
	if dsn != "" {
		in := pgRowCounts(t, dsn, table)
		for id, n := range in {
			if n != 1 || seen[id] != 1 {
				t.Fatalf("PostgreSQL holds %d rows of id %d", n, id)
			}
		}
		if len(in) != validated {
			t.Fatalf("PostgreSQL holds %d ids, %d inserts validated", len(in), validated)
		}
	}
	c2.Close()
	if err := p2.signal(t, syscall.SIGTERM); err != nil {
		t.Fatalf("node exit: %v", err)
	}

	out, err := exec.Command(bin, append([]string{"replay", "--data-dir", dir, "--quiet", "--projections"}, store...)...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "mismatches:   0") || !strings.Contains(string(out), "sql rebuilt:") {
		t.Fatalf("replay --projections: %v\n%s", err, out)
	}
	p3 := startProc(t, bin, dir, store...)
	c3, err := wsclient.Dial("ws://"+p3.addr+"/", wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if rebuilt := rows(t, c3, table); rebuilt != live {
		t.Fatalf("the rebuilt store differs from the live one:\nlive    %s\nrebuilt %s", live, rebuilt)
	}
	t.Logf("%d of %d inserts validated before SIGKILL; %d rows, same after rebuild", validated, burst, len(got))
}
