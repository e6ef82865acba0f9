package compat

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sqledger/sqledger/eventlog"
	"github.com/sqledger/sqledger/internal/wsclient"
	"github.com/sqledger/sqledger/ledgerlog"
	"github.com/sqledger/sqledger/projections"
	"github.com/sqledger/sqledger/protocol/keys"
)

const (
	rootAddress = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
	rootSecret  = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
)

func rootKey(t *testing.T) *keys.KeyPair {
	t.Helper()
	seed, err := keys.ParseSecret(rootSecret, keys.Secp256k1)
	if err != nil {
		t.Fatal(err)
	}
	kp, err := seed.KeyPair()
	if err != nil {
		t.Fatal(err)
	}
	return kp
}

// wantValidated checks that the named steps ended in validate_success
// or db_success.
func wantValidated(t *testing.T, steps map[string]json.RawMessage, names ...string) {
	t.Helper()
	for _, name := range names {
		var r struct {
			Status string `json:"status"`
			TxHash string `json:"tx_hash"`
		}
		if err := json.Unmarshal(steps[name], &r); err != nil || (r.Status != "validate_success" && r.Status != "db_success") || len(r.TxHash) != 64 {
			t.Fatalf("%s: %s", name, steps[name])
		}
	}
}

// TestClientConfidentialSynced: with the owner's secret in sync_tables,
// the client's confidential create, grant (with the grantee's public
// key), the grantee's insert and its read all work, the ledger holds
// only ciphertext and Tokens, and the SQL store holds the plain rows.
func TestClientConfidentialSynced(t *testing.T) {
	installClient(t)
	sync := []projections.SyncTable{{Key: rootKey(t), Name: "conf_t"}}
	url, dir, stop := startNodeIn(t, projections.Options{SyncTables: sync})
	steps := runScript(t, "confidential.js", url, "synced")
	for k, v := range steps {
		t.Logf("%s: %s", k, v)
	}
	wantValidated(t, steps, "pay", "create", "grant", "insert")
	var read struct {
		Lines []map[string]any `json:"lines"`
	}
	if err := json.Unmarshal(steps["read"], &read); err != nil || len(read.Lines) != 2 ||
		read.Lines[0]["name"] != "秘密" || read.Lines[1]["name"] != "two" {
		t.Fatalf("B read %s", steps["read"])
	}
	var user string
	json.Unmarshal(steps["user"], &user)

	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var create struct {
		TxHash string `json:"tx_hash"`
	}
	json.Unmarshal(steps["create"], &create)
	res := call(t, c, map[string]any{"command": "tx", "transaction": create.TxHash})["result"].(map[string]any)
	raw, _ := res["Raw"].(string)
	if tok, _ := res["Token"].(string); len(tok) < 2*(33+16+32+16) || raw == "" || strings.Contains(strings.ToLower(raw), "6669656c64") {
		t.Fatalf("the create's Token %q and Raw %q: want a sealed token and ciphertext", res["Token"], raw)
	}
	tokens := map[string]string{}
	for _, who := range []string{rootAddress, user} {
		r := call(t, c, map[string]any{"command": "g_userToken", "tx_json": map[string]any{"Owner": rootAddress, "User": who, "TableName": "conf_t"}})
		tok, _ := r["result"].(map[string]any)["token"].(string)
		if len(tok) < 2*(33+16+32+16) {
			t.Fatalf("g_userToken for %s: %v", who, r)
		}
		tokens[who] = tok
	}
	if tokens[rootAddress] == tokens[user] {
		t.Fatal("the owner and the grantee have the same token")
	}
	stranger := call(t, c, map[string]any{"command": "g_userToken", "tx_json": map[string]any{"Owner": rootAddress, "User": rootAddress, "TableName": "nope"}})
	if stranger["error"] != "tabNotExist" {
		t.Fatalf("g_userToken of a missing table: %v", stranger)
	}
	db := call(t, c, map[string]any{"command": "g_dbname", "account": rootAddress, "tablename": "conf_t"})
	name, _ := db["result"].(map[string]any)["nameInDB"].(string)
	q := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select id, name from t_" + strings.ToLower(name) + " order by id"})
	lines, _ := q["result"].(map[string]any)["lines"].([]any)
	if len(lines) != 2 || lines[0].(map[string]any)["name"] != "秘密" {
		t.Fatalf("the store's rows: %v", q)
	}

	// Replay: the ledger from the log (every result and hash), and the
	// SQL store rebuilt with the owner's secret holds the same decrypted
	// rows; rebuilt without it, none.
	c.Close()
	stop()
	log, err := eventlog.Open(filepath.Join(dir, "eventlog"), eventlog.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	if _, rep, err := ledgerlog.Rebuild(log, nil); err != nil || len(rep.Mismatches) != 0 {
		t.Fatalf("rebuild: %+v, %v", rep, err)
	}
	rebuilt := func(opts projections.Options) ([]map[string]any, error) {
		p, err := projections.Open(t.TempDir(), opts)
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		if err := p.Rebuild(context.Background(), log, nil); err != nil {
			t.Fatal(err)
		}
		return p.QuerySQL(context.Background(), "select id, name from t_"+name+" order by id", 0)
	}
	if got, err := rebuilt(projections.Options{SyncTables: sync}); err != nil || fmt.Sprint(got) != "[map[id:1 name:秘密] map[id:2 name:two]]" {
		t.Fatalf("rebuilt with the owner's secret: %v, %v", got, err)
	}
	if got, err := rebuilt(projections.Options{}); err == nil && len(got) != 0 {
		t.Fatalf("rebuilt without the owner's secret: %v", got)
	}
}

// TestClientConfidentialNoSync: a node without the owner's secret
// applies the ledger (validate_success) but not the rows: the table's
// transactions give db_noSyncTable and nothing is in the store.
func TestClientConfidentialNoSync(t *testing.T) {
	installClient(t)
	url := startNode(t)
	c, err := wsclient.Dial(url, wsclient.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if r := call(t, c, map[string]any{"command": "subscribe", "owner": rootAddress, "tablename": "conf_t"}); r["status"] != "success" {
		t.Fatalf("subscribe: %v", r)
	}
	steps := runScript(t, "confidential.js", url, "nosync")
	wantValidated(t, steps, "pay", "create", "grant", "insert")
	statuses := map[string]string{}
	for len(statuses) < 3 {
		ctx, cancel := wsclient.Timeout(10 * time.Second)
		ev, err := c.WaitFor(ctx, func(m map[string]any) bool { return m["type"] == "table" })
		cancel()
		if err != nil {
			t.Fatalf("table events %v: %v", statuses, err)
		}
		txj, _ := ev["transaction"].(map[string]any)
		h, _ := txj["hash"].(string)
		if st, _ := ev["status"].(string); st != "validate_success" {
			statuses[h] = st
		}
	}
	for _, name := range []string{"create", "insert"} {
		var r struct {
			TxHash string `json:"tx_hash"`
		}
		json.Unmarshal(steps[name], &r)
		if statuses[r.TxHash] != "db_noSyncTable" {
			t.Fatalf("%s: status %q, want db_noSyncTable (all: %v)", name, statuses[r.TxHash], statuses)
		}
	}
	db := call(t, c, map[string]any{"command": "g_dbname", "account": rootAddress, "tablename": "conf_t"})
	name, _ := db["result"].(map[string]any)["nameInDB"].(string)
	q := call(t, c, map[string]any{"command": "r_get_sql_admin", "sql": "select * from t_" + strings.ToLower(name)})
	if q["status"] == "success" {
		t.Fatalf("the unsynced table is in the store: %v", q)
	}
}
