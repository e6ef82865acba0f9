package main

import (
	"database/sql"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/sqledger/sqledger/internal/pgtest"
)

// pg is the package's PostgreSQL server, started by the first test that
// needs it and removed by TestMain.
var pg struct {
	once sync.Once
	srv  *pgtest.Server
	err  error
	dbs  atomic.Int64
}

// pgDatabase returns the DSN of a new database on the package's server,
// owned by its own role.
func pgDatabase(t *testing.T) string {
	t.Helper()
	pg.once.Do(func() { pg.srv, pg.err = pgtest.Start(pgtest.Options{}) })
	if pg.err != nil {
		t.Fatal(pg.err)
	}
	dsn, err := pg.srv.NewDatabase(fmt.Sprintf("node%d", pg.dbs.Add(1)))
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

// pgRowCounts returns how many rows of table (as clients name it) hold
// each id, read with pgx straight from PostgreSQL.
func pgRowCounts(t *testing.T, dsn, table string) map[int]int {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT id, count(*) FROM " + table + " GROUP BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var id, n int
		if err := rows.Scan(&id, &n); err != nil {
			t.Fatal(err)
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPostgresStartErrors starts the node on PostgreSQL stores it cannot
// use and checks that it exits at once, saying why: a server that does
// not answer, a role that may not create tables in its schema.
func TestPostgresStartErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the node binary")
	}
	bin := buildNode(t)
	pgDatabase(t) // the server, and a database guest may connect to
	if err := pg.srv.Exec("postgres", "CREATE ROLE guest LOGIN"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, dsn, want string }{
		{"unreachable", "host=" + t.TempDir() + " user=x dbname=x", "is unreachable"},
		{"no CREATE", pg.srv.DSN("guest", fmt.Sprintf("node%d", pg.dbs.Load())), "role guest lacks CREATE on schema public"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr := freePort(t)
			out, err := exec.Command(bin, "--data-dir", t.TempDir(), "--ws", addr, "--rpc-http", "",
				"--sql-store", "postgres", "--sql-dsn", tc.dsn).CombinedOutput()
			if err == nil || !strings.Contains(string(out), tc.want) {
				t.Fatalf("node: %v, want an exit saying %q:\n%s", err, tc.want, out)
			}
		})
	}
}
