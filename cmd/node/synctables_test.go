package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sqledger/sqledger/node"
)

func TestSyncTablesConfig(t *testing.T) {
	const secret = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
	for _, tc := range []struct {
		name, body, err string
		tables          int
	}{
		{"none", "", "", 0},
		{"owner and table", `[[sync_tables]]
owner = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
table = "orders"
secret = "` + secret + `"`, "", 1},
		{"not the owner's secret", `[[sync_tables]]
owner = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
secret = "another passphrase"`, "is not the secret of", 0},
		{"bad owner", `[[sync_tables]]
owner = "nobody"
secret = "` + secret + `"`, "sync_tables[0].owner", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "node.toml")
			if err := os.WriteFile(f, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, _, err := loadConfig("run", []string{"--config", f})
			if err == nil {
				err = cfg.validate(origin{})
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				if strings.Contains(err.Error(), secret) || strings.Contains(err.Error(), "another passphrase") {
					t.Fatalf("the error quotes the secret: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st, err := cfg.syncTables()
			if err != nil || len(st) != tc.tables {
				t.Fatalf("%d sync tables, %v", len(st), err)
			}
			if tc.tables == 1 && (st[0].Name != "orders" || st[0].Key.AccountID().String() != "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh") {
				t.Fatalf("sync table %q of %s", st[0].Name, st[0].Key.AccountID())
			}
		})
	}
}

// TestReplayStore: replay --config takes the node's SQL store and its
// sync_tables from the file, and --sql-store still overrides the store.
func TestReplayStore(t *testing.T) {
	f := filepath.Join(t.TempDir(), "node.toml")
	body := `[sql]
store = "postgres"
dsn = "host=/tmp dbname=ledger"

[[sync_tables]]
owner = "zHb9CJAWyB4zj91VRWn96DkukG4bwdtyTh"
table = "orders"
secret = "xnoPBzXtMeMyMHUVTgbuqAfg1SUTb"
`
	if err := os.WriteFile(f, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args      []string
		wantStore string
	}{
		{[]string{"--config", f}, "postgres"},
		{[]string{"--config", f, "--sql-store", "sqlite"}, "sqlite"},
	} {
		fs := flag.NewFlagSet("replay", flag.ContinueOnError)
		store := node.SQLConfig{Store: node.SQLite}
		fs.StringVar(&store.Store, "sql-store", node.SQLite, "")
		fs.StringVar(&store.DSN, "sql-dsn", "", "")
		fs.String("config", "", "")
		if err := fs.Parse(tc.args); err != nil {
			t.Fatal(err)
		}
		opts, err := replayStore(fs, f, &store)
		if err != nil {
			t.Fatal(err)
		}
		if store.Store != tc.wantStore || store.DSN != "host=/tmp dbname=ledger" || len(opts.SyncTables) != 1 || opts.SyncTables[0].Name != "orders" {
			t.Fatalf("%v: store %+v, options %+v", tc.args, store, opts)
		}
	}
}
